import { Table, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { PodStatus } from './PodStatus.tsx';
import { type ContainerSpec, type ContainerStatus, containerStateText, type Pod } from './pod-model.ts';

interface ContainerRow {
  spec: ContainerSpec;
  status: ContainerStatus | undefined;
  init: boolean;
}

const resourceText = (values: Record<string, string> | undefined) =>
  values && Object.keys(values).length
    ? Object.entries(values)
        .map(([name, value]) => `${name} ${value}`)
        .join(', ')
    : '–';

/** Each container (init containers first): image, state and reason, restarts, resources, ports. */
export function PodContainers({ pod }: { pod: Pod }) {
  const { t, format } = useI18n();
  const statusOf = (list: ContainerStatus[] | undefined, name: string) =>
    list?.find((entry) => entry.name === name);
  const rows: ContainerRow[] = [
    ...(pod.spec?.initContainers ?? []).map((spec) => ({
      spec,
      status: statusOf(pod.status?.initContainerStatuses, spec.name),
      init: true,
    })),
    ...(pod.spec?.containers ?? []).map((spec) => ({
      spec,
      status: statusOf(pod.status?.containerStatuses, spec.name),
      init: false,
    })),
  ];
  return (
    <Table<ContainerRow>
      size="small"
      rowKey={(row) => row.spec.name}
      pagination={false}
      dataSource={rows}
      scroll={{ x: 1000 }}
      columns={[
        {
          title: t('pods.container'),
          key: 'name',
          render: (_, row) => (
            <span>
              <Typography.Text strong>{row.spec.name}</Typography.Text>
              {row.init && <Tag style={{ marginInlineStart: 6 }}>{t('pods.init')}</Tag>}
            </span>
          ),
        },
        { title: t('pods.image'), key: 'image', ellipsis: true, render: (_, row) => row.spec.image ?? '–' },
        {
          title: t('pods.state'),
          key: 'state',
          render: (_, row) => {
            const state = containerStateText(row.status?.state);
            const tag = <PodStatus text={state.text.replace(/ \(.*\)$/, '')} />;
            return (
              <Tooltip title={state.detail}>
                <span>
                  {tag}
                  {state.text.includes('(') && (
                    <Typography.Text type="secondary">
                      {state.text.slice(state.text.indexOf('('))}
                    </Typography.Text>
                  )}
                </span>
              </Tooltip>
            );
          },
        },
        {
          title: t('pods.lastState'),
          key: 'last',
          render: (_, row) =>
            row.status?.lastState?.terminated ? (
              <Tooltip title={row.status.lastState.terminated.message}>
                {containerStateText(row.status.lastState).text}
              </Tooltip>
            ) : (
              '–'
            ),
        },
        {
          title: t('pods.ready'),
          key: 'ready',
          render: (_, row) => (row.status?.ready ? t('pods.yes') : t('pods.no')),
        },
        {
          title: t('pods.restarts'),
          key: 'restarts',
          render: (_, row) => format.number(row.status?.restartCount ?? 0),
        },
        {
          title: t('pods.requests'),
          key: 'requests',
          render: (_, row) => resourceText(row.spec.resources?.requests),
        },
        {
          title: t('pods.limits'),
          key: 'limits',
          render: (_, row) => resourceText(row.spec.resources?.limits),
        },
        {
          title: t('pods.ports'),
          key: 'ports',
          render: (_, row) =>
            row.spec.ports?.length
              ? row.spec.ports
                  .map(
                    (port) =>
                      `${port.name ? `${port.name} ` : ''}${port.containerPort}/${port.protocol ?? 'TCP'}`,
                  )
                  .join(', ')
              : '–',
        },
      ]}
    />
  );
}
