import { useQuery } from '@tanstack/react-query';
import { AutoComplete, type AutoCompleteProps, Select, type SelectProps, Typography } from 'antd';
import { api } from '../../api/portolan.ts';
import { useI18n } from '../../app/i18n.tsx';
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

export function WorkspaceSelect(props: PickerProps) {
  const { t } = useI18n();
  const workspaces = useQuery({ queryKey: ['people', 'workspaces'], queryFn: peopleApi.workspaces });
  return (
    <Select<string>
      {...searchable}
      allowClear
      placeholder={t('people.pick.workspace')}
      loading={workspaces.isPending}
      options={(workspaces.data?.items ?? []).map((w) => ({ value: w.name, label: w.name }))}
      {...props}
    />
  );
}

/**
 * Users or groups by name, typed or picked: the list comes from the API when the caller may read it
 * (`enabled`); a namespace Admin who may not list users can still type a name.
 */
export function SubjectInput({
  kind,
  enabled = true,
  ...props
}: Omit<AutoCompleteProps<string>, 'options'> & { kind: 'user' | 'group'; enabled?: boolean }) {
  const { t } = useI18n();
  const users = useQuery({
    queryKey: ['people', 'users'],
    queryFn: peopleApi.users,
    enabled: enabled && kind === 'user',
  });
  const groups = useQuery({
    queryKey: ['people', 'groups'],
    queryFn: peopleApi.groups,
    enabled: enabled && kind === 'group',
  });
  const names =
    kind === 'user'
      ? (users.data?.items ?? []).map((u) => u.username)
      : (groups.data?.items ?? []).map((g) => g.name);
  return (
    <AutoComplete<string>
      allowClear
      placeholder={kind === 'user' ? t('people.pick.user') : t('people.pick.group')}
      options={names.map((name) => ({ value: name, label: name }))}
      showSearch={{
        filterOption: (input, option) => String(option?.value ?? '').includes(input.toLowerCase()),
      }}
      {...props}
    />
  );
}
