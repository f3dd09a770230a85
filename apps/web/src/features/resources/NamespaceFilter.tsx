import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Input, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { useDebounced } from '../people/list-address.ts';
import { resourcesApi } from './resources-api.ts';

/** How many namespace names the filter asks for at a time; typing narrows the rest. */
const SUGGESTED = 50;

/**
 * The namespace filter of a list: names whose name contains what is typed, asked of the server once
 * typing pauses (a cluster may have thousands). A caller who may list no namespace types one instead.
 */
export function NamespaceFilter({
  cluster,
  value,
  onChange,
}: {
  cluster: string;
  value: string;
  onChange: (namespace: string | undefined) => void;
}) {
  const { t, format } = useI18n();
  const [text, setText] = useState('');
  const typed = useDebounced(text.trim());
  const found = useQuery({
    queryKey: ['resources', cluster, 'namespaces', 'names', typed],
    queryFn: () =>
      resourcesApi.search({
        kinds: 'namespaces',
        clusters: cluster,
        ...(typed ? { nameContains: typed } : {}),
        sort: 'name',
        limit: SUGGESTED,
        objects: false,
      }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const names = (found.data?.items ?? []).map((item) => item.name);
  const more = found.data?.remaining ?? 0;
  if (found.isSuccess && !typed && names.length === 0)
    return (
      <Input.Search
        allowClear
        style={{ width: 200 }}
        aria-label={t('resources.namespace')}
        placeholder={t('resources.namespace')}
        defaultValue={value}
        onSearch={(next) => onChange(next.trim() || undefined)}
      />
    );
  const searching = found.isFetching || typed !== text.trim();
  return (
    <Select<string>
      allowClear
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      style={{ width: 200 }}
      aria-label={t('resources.namespace')}
      placeholder={t('resources.allNamespaces')}
      value={value || undefined}
      onChange={(next?: string) => onChange(next)}
      onOpenChange={(open) => !open && setText('')}
      loading={searching}
      notFoundContent={searching ? <Spin size="small" /> : t('resources.noNamespace')}
      options={[...new Set([...(value && !typed ? [value] : []), ...names])].map((name) => ({
        value: name,
        label: name,
      }))}
      popupRender={(menu) => (
        <>
          {menu}
          {more > 0 && (
            <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 8px', fontSize: 12 }}>
              {t('resources.namespacesMore', { count: format.number(more) })}
            </Typography.Text>
          )}
        </>
      )}
    />
  );
}
