import { Button, Tooltip } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useCan } from '../../app/can.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useTerminalDock } from './dock-context.ts';

const ClusterPicker = lazy(() =>
  import('./ClusterPicker.tsx').then((module) => ({ default: module.ClusterPicker })),
);

/** The top bar's "Terminal": asks which cluster, then opens a terminal on it in the dock. */
export function TopBarTerminalButton() {
  const { t } = useI18n();
  const can = useCan();
  const dock = useTerminalDock();
  const [picking, setPicking] = useState(false);
  if (!can('clusters:proxy', { somewhere: true })) return null;
  return (
    <>
      <Button data-testid="top-bar-terminal" onMouseEnter={dock.preload} onClick={() => setPicking(true)}>
        {'>_'} {t('terminals.open')}
      </Button>
      {picking && (
        <Suspense fallback={null}>
          <ClusterPicker
            onPick={(cluster) => {
              setPicking(false);
              dock.open(cluster);
            }}
            onCancel={() => setPicking(false)}
          />
        </Suspense>
      )}
    </>
  );
}

/** A cluster page's "Terminal": a terminal on that cluster, shown to those who may use the proxy there. */
export function ClusterTerminalButton({ cluster }: { cluster: string }) {
  const { t } = useI18n();
  const can = useCan();
  const dock = useTerminalDock();
  if (!can('clusters:proxy', { inCluster: cluster })) return null;
  return (
    <Tooltip title={t('terminals.openHelp')}>
      <Button data-testid="cluster-terminal" onMouseEnter={dock.preload} onClick={() => dock.open(cluster)}>
        {'>_'} {t('terminals.open')}
      </Button>
    </Tooltip>
  );
}
