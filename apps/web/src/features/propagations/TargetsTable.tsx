import type { PropagatedObject, PropagationTarget } from '@portolan/api';
import { Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { KINDS } from './kinds.ts';
import { reasonText } from './propagation-text.ts';
import { StateTag } from './tags.tsx';

const WORKLOADS = new Set(KINDS.filter((kind) => kind.workload).map((kind) => kind.kind));

/** The console's page of an object, where it has one (workloads); undefined otherwise. */
function objectLink(cluster: string, object: PropagatedObject): string | undefined {
  if (!WORKLOADS.has(object.kind) || !object.namespace) return undefined;
  const enc = encodeURIComponent;
  return `/clusters/${enc(cluster)}/workloads/${object.kind}/${enc(object.namespace)}/${enc(object.name)}`;
}

/** One cluster's objects: their state and reason, and which Portolan created there. */
function TargetObjects({ target }: { target: PropagationTarget }) {
  const words = useI18n();
  const { t, format } = words;
  return (
    <Table<PropagatedObject>
      size="small"
      pagination={false}
      rowKey={(object) => `${object.apiVersion}/${object.kind}/${object.namespace ?? ''}/${object.name}`}
      dataSource={target.objects}
      data-target-objects={target.cluster}
      locale={{
        emptyText: (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('propagations.detail.noObjects')} />
        ),
      }}
      columns={[
        { title: t('propagations.col.kind'), render: (_, object) => object.kind },
        {
          title: t('propagations.col.object'),
          render: (_, object) => {
            const text = `${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
            const link = objectLink(target.cluster, object);
            return (
              <Space size={4}>
                {link ? <Link to={link}>{text}</Link> : text}
                {object.created && (
                  <Tooltip title={t('propagations.detail.createdHelp')}>
                    <Tag color="blue" data-created>
                      {t('propagations.detail.created')}
                    </Tag>
                  </Tooltip>
                )}
              </Space>
            );
          },
        },
        { title: t('propagations.col.state'), render: (_, object) => <StateTag state={object.state} /> },
        {
          title: t('propagations.col.replicas'),
          align: 'right',
          render: (_, object) =>
            object.replicas
              ? `${format.number(object.replicas.ready)}/${format.number(object.replicas.desired)}`
              : '–',
        },
        {
          title: t('propagations.col.reason'),
          render: (_, object) =>
            object.reason ? (
              <Typography.Text type="secondary" data-object-reason={object.name}>
                {reasonText(words, object)}
              </Typography.Text>
            ) : null,
        },
        {
          title: t('propagations.col.lastApplied'),
          render: (_, object) => (object.lastAppliedAt ? format.dateTime(object.lastAppliedAt) : '–'),
        },
      ]}
    />
  );
}

/** Per target cluster: its state, why, its replicas, what failover moved, and its objects below. */
export function TargetsTable({ targets, hidden }: { targets: PropagationTarget[]; hidden: number }) {
  const words = useI18n();
  const { t, format } = words;
  const now = Date.now();
  return (
    <>
      <Table<PropagationTarget>
        size="small"
        pagination={false}
        rowKey="cluster"
        dataSource={targets}
        data-testid="propagation-targets"
        expandable={{
          expandedRowRender: (target) => <TargetObjects target={target} />,
          rowExpandable: (target) => target.objects.length > 0,
        }}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('propagations.detail.noTargets')} />
          ),
        }}
        columns={[
          {
            title: t('propagations.col.cluster'),
            render: (_, target) => (
              <Link to={`/clusters/${encodeURIComponent(target.cluster)}`} data-target={target.cluster}>
                {target.cluster}
              </Link>
            ),
          },
          {
            title: t('propagations.col.state'),
            render: (_, target) => (
              <span data-target-state={target.cluster}>
                <StateTag state={target.state} />
              </span>
            ),
          },
          {
            title: t('propagations.col.reason'),
            render: (_, target) =>
              target.reason ? (
                <Typography.Text
                  type={target.state === 'applied' ? 'secondary' : 'danger'}
                  data-target-reason={target.cluster}
                >
                  {reasonText(words, target)}
                </Typography.Text>
              ) : null,
          },
          {
            title: t('propagations.col.replicas'),
            align: 'right',
            render: (_, target) =>
              target.replicas
                ? `${format.number(target.replicas.ready)}/${format.number(target.replicas.desired)}`
                : '–',
          },
          {
            title: t('propagations.col.failover'),
            render: (_, target) => {
              const failover = target.failover;
              if (!failover || (!failover.movedIn && !failover.movedOut && !failover.offlineSince))
                return '–';
              return (
                <Space size={4} wrap>
                  {failover.movedIn ? (
                    <Tag color="blue">
                      {t('propagations.detail.movedIn', { count: format.number(failover.movedIn) })}
                    </Tag>
                  ) : null}
                  {failover.movedOut ? (
                    <Tag color="orange">
                      {t('propagations.detail.movedOut', { count: format.number(failover.movedOut) })}
                    </Tag>
                  ) : null}
                  {failover.offlineSince ? (
                    <Typography.Text type="secondary">
                      {t('propagations.detail.offlineSince', { ago: format.ago(failover.offlineSince, now) })}
                    </Typography.Text>
                  ) : null}
                </Space>
              );
            },
          },
          {
            title: t('propagations.col.lastApplied'),
            render: (_, target) =>
              target.lastAppliedAt ? (
                <Tooltip title={format.dateTime(target.lastAppliedAt)}>
                  {format.ago(target.lastAppliedAt, now)}
                </Tooltip>
              ) : (
                '–'
              ),
          },
        ]}
      />
      {hidden > 0 && (
        <Typography.Text type="secondary">
          {t('propagations.detail.hidden', { count: format.number(hidden) })}
        </Typography.Text>
      )}
    </>
  );
}
