import { Segmented } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';

/** Kinds of one cluster tab, one shown at a time; the choice stays in the address (?view=). */
export function SubViews({ views }: { views: { key: string; label: string; render(): ReactNode }[] }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const active = views.find((view) => view.key === params.get('view')) ?? views[0];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <Segmented
        aria-label={t('resources.views')}
        value={active?.key}
        onChange={(key) => setParams({ view: String(key) }, { replace: true })}
        options={views.map((view) => ({ value: view.key, label: view.label }))}
        style={{ alignSelf: 'flex-start' }}
      />
      {/* Keyed so each kind keeps its own filters and pages. */}
      <div key={active?.key}>{active?.render()}</div>
    </div>
  );
}
