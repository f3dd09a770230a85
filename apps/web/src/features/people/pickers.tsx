import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AutoComplete, type AutoCompleteProps, Select, type SelectProps, Spin, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { api } from '../../api/portolan.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useDebounced } from './list-address.ts';
import { peopleApi } from './people-api.ts';

type PickerProps = Omit<SelectProps<string>, 'options' | 'mode'>;

const searchable = { showSearch: { optionFilterProp: 'label' } } as const;

/** The registered clusters; offline ones are marked, as their namespaces are only the last known. */
export function ClusterSelect(props: PickerProps) {
  const { t } = useI18n();
  const clusters = useQuery({ queryKey: ['clusters'], queryFn: api.clusters });
  return (
    <Select<string>
      {...searchable}
      allowClear
      placeholder={t('people.pick.cluster')}
      loading={clusters.isPending}
      options={(clusters.data?.items ?? []).map((cluster) => ({
        value: cluster.name,
        label:
          cluster.status === 'Ready' ? cluster.name : `${cluster.name} (${t(`status.${cluster.status}`)})`,
      }))}
      {...props}
    />
  );
}

/** Namespaces of one cluster as Portolan last synced them; a name can be typed when it is not listed yet. */
export function NamespaceSelect({ cluster, ...props }: PickerProps & { cluster: string | undefined }) {
  const { t } = useI18n();
  const namespaces = useQuery({
    queryKey: ['people', 'namespaces', cluster],
    queryFn: () => peopleApi.namespaces(cluster ?? ''),
    enabled: Boolean(cluster),
  });
  const freshness = namespaces.data?.freshness;
  const stale = freshness && freshness !== 'fresh' ? freshness : undefined;
  return (
    <Select<string>
      {...searchable}
      allowClear
      disabled={!cluster}
      placeholder={cluster ? t('people.pick.namespace') : t('people.pick.clusterFirst')}
      loading={namespaces.isFetching}
      options={(namespaces.data?.names ?? []).map((name) => ({ value: name, label: name }))}
      popupRender={(menu) => (
        <>
          {menu}
          {stale && (
            <Typography.Text type="warning" style={{ display: 'block', padding: '4px 8px', fontSize: 12 }}>
              {t('people.pick.namespacesStale', {
                cluster: cluster ?? '',
                status: t(`people.freshness.${stale}`),
              })}
            </Typography.Text>
          )}
        </>
      )}
      {...props}
    />
  );
}

/** How many names a picker asks for at a time; typing narrows the rest. */
const PICKER_LIMIT = 20;

type Named = 'user' | 'group' | 'workspace';

/**
 * Names of users, groups or workspaces that contain what was typed, asked of the server once typing
 * pauses (never the whole directory), with how many match in all.
 */
function useNameSearch(kind: Named, text: string, enabled: boolean) {
  const typed = useDebounced(text.trim().toLowerCase());
  const query = { limit: PICKER_LIMIT, ...(typed && { q: typed }) };
  const answer = useQuery({
    queryKey: ['people', `${kind}s`, 'names', query],
    queryFn: async () => {
      if (kind === 'user') {
        const page = await peopleApi.users(query);
        return { names: page.items.map((u) => u.username), total: page.total };
      }
      const page = kind === 'group' ? await peopleApi.groups(query) : await peopleApi.workspaces(query);
      return { names: page.items.map((item) => item.name), total: page.total };
    },
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const searching = answer.isFetching || typed !== text.trim().toLowerCase();
  return { names: answer.data?.names ?? [], total: answer.data?.total ?? 0, searching };
}

/** Under a picker's options: that more match than are shown, so typing narrows them. */
function MoreNames({ menu, shown, total }: { menu: ReactNode; shown: number; total: number }) {
  const { t, format } = useI18n();
  return (
    <>
      {menu}
      {total > shown && (
        <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 8px', fontSize: 12 }}>
          {t('people.pick.more', { shown: format.number(shown), total: format.number(total) })}
        </Typography.Text>
      )}
    </>
  );
}

/** One user, searched on the server as one types. */
export function UserSelect(props: PickerProps) {
  return <NameSelect kind="user" {...props} />;
}

export function WorkspaceSelect(props: PickerProps) {
  return <NameSelect kind="workspace" {...props} />;
}

function NameSelect({ kind, ...props }: PickerProps & { kind: 'user' | 'workspace' }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const found = useNameSearch(kind, text, true);
  return (
    <Select<string>
      allowClear
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      placeholder={kind === 'user' ? t('people.pick.user') : t('people.pick.workspace')}
      loading={found.searching}
      notFoundContent={found.searching ? <Spin size="small" /> : t('people.pick.none')}
      options={found.names.map((name) => ({ value: name, label: name }))}
      popupRender={(menu) => <MoreNames menu={menu} shown={found.names.length} total={found.total} />}
      onOpenChange={(open) => !open && setText('')}
      {...props}
    />
  );
}

/**
 * Users or groups by name, typed or picked: the names come from the server as one types when the
 * caller may read them (`enabled`); a namespace Admin who may not list users can still type a name.
 */
export function SubjectInput({
  kind,
  enabled = true,
  ...props
}: Omit<AutoCompleteProps<string>, 'options'> & { kind: 'user' | 'group'; enabled?: boolean }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const found = useNameSearch(kind, text, enabled);
  return (
    <AutoComplete<string>
      allowClear
      placeholder={kind === 'user' ? t('people.pick.user') : t('people.pick.group')}
      options={found.names.map((name) => ({ value: name, label: name }))}
      showSearch={{ filterOption: false, onSearch: setText }}
      popupRender={(menu) => <MoreNames menu={menu} shown={found.names.length} total={found.total} />}
      {...props}
    />
  );
}
