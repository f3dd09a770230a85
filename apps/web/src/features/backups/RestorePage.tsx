import { RESTORE_OUTCOMES } from '@portolan/api';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Progress,
  Result,
  Select,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { useCursorPages } from '../../app/use-search-table.ts';
import { reasonText, resultError, runError } from './backup-words.ts';
import { backupPath, backupsApi } from './backups-api.ts';
import { Pager } from './Pager.tsx';
import { RestoreCounts } from './RestoresTab.tsx';
import { ObjectName, OutcomeTag, StateTag } from './tags.tsx';
import type { RestoreResult } from './types.ts';

/** /backups/restores/{id}: a restore's progress and each object's outcome, filtered by outcome. */
export default function RestorePage() {
  const { t, format } = useI18n();
  const can = useCan();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const { id = '' } = useParams();
  const [outcome, setOutcome] = useState('');
  const [size, setSize] = useState(50);
  const pages = useCursorPages(JSON.stringify({ outcome, size }));
  const restore = useQuery({
    queryKey: ['backups', 'restore', id],
    queryFn: () => backupsApi.restore(id),
    refetchInterval: (q) => (q.state.data?.state === 'running' ? 2_000 : false),
  });
  const state = restore.data?.state;
  const running = state === 'running';
  const query = { outcome, limit: size, continue: pages.cursor };
  // The state is in the key: the outcomes are read once more when the restore ends.
  const results = useQuery({
    queryKey: ['backups', 'restore', id, 'results', state, query],
    queryFn: () => backupsApi.results(id, query),
    placeholderData: keepPreviousData,
    refetchInterval: running ? 2_000 : false,
  });
  const all = useQuery({
    queryKey: ['backups', 'restore', id, 'total', state],
    queryFn: () => backupsApi.results(id, { limit: 1 }),
    refetchInterval: running ? 5_000 : false,
  });
  const cancel = useMutation({
    mutationFn: () => backupsApi.cancelRestore(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['backups', 'restore', id] }),
    onError: (error) => void message.error(error instanceof ApiError ? error.message : String(error)),
  });

  if (restore.error instanceof ApiError && restore.error.status === 404)
    return (
      <Result status="404" title={t('backups.restores.notFound', { id })} subTitle={restore.error.message} />
    );
  if (restore.error) return <ErrorNotice error={restore.error} onRetry={() => void restore.refetch()} />;
  const data = restore.data;
  if (!data) return <Loading />;
  const { created, updated, skipped, failed } = data.counts;
  const done = created + updated + skipped + failed;
  const total = all.data?.total ?? done;
  const mapping = Object.entries(data.spec.namespaceMapping ?? {});
  const writer = can('backups:write', { inCluster: data.spec.cluster });

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          <Link to="/backups/restores">{t('backups.tab.restores')}</Link> /{' '}
          {t('backups.restores.title', { id: data.id })}
        </Typography.Title>
        {running && writer && (
          <Button
            danger
            onClick={() =>
              modal.confirm({
                title: t('backups.restores.cancelTitle', { id: data.id }),
                content: t('backups.restores.cancelBody'),
                okText: t('backups.cancel'),
                okButtonProps: { danger: true },
                cancelText: t('backups.close'),
                onOk: () => cancel.mutateAsync(),
              })
            }
          >
            {t('backups.cancel')}
          </Button>
        )}
      </Flex>
      {data.state === 'partially-failed' && (
        <Alert
          type="warning"
          showIcon
          data-partial={failed}
          title={t('backups.restores.partial', {
            failed: format.number(failed),
            total: format.number(total),
          })}
          description={runError(t, data) ?? undefined}
        />
      )}
      {data.state === 'failed' && data.error && (
        <Alert type="error" showIcon title={t('backups.error')} description={runError(t, data)} />
      )}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('backups.state')}>
            <StateTag state={data.state} error={runError(t, data)} />
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.restores.progress')}>
            <Progress
              percent={total ? Math.round((done / total) * 100) : running ? 0 : 100}
              status={running ? 'active' : failed ? 'exception' : 'success'}
              size="small"
              style={{ width: 180, margin: 0 }}
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.restores.counts')}>
            <RestoreCounts restore={data} />
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.restores.source')}>
            <Link to={backupPath(data.spec.backup)}>{data.spec.backup}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.restores.target')}>{data.spec.cluster}</Descriptions.Item>
          <Descriptions.Item label={t('backups.restores.mapping')}>
            {mapping.length ? mapping.map(([from, to]) => `${from} → ${to}`).join(', ') : '–'}
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.wizard.step.existing')}>
            {t(`backups.wizard.existing.${data.spec.existing ?? 'skip'}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.started')}>
            {format.dateTime(data.startedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.restores.by')}>{data.createdBy.name}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t('backups.restores.results')}
        extra={
          <Select
            style={{ width: 170 }}
            aria-label={t('backups.restores.outcome')}
            value={outcome}
            onChange={setOutcome}
            options={[
              { value: '', label: t('backups.restores.allOutcomes') },
              ...[...RESTORE_OUTCOMES, 'pending' as const].map((value) => ({
                value,
                label: t(`backups.restores.outcome.${value}`),
              })),
            ]}
          />
        }
      >
        {results.error && <ErrorNotice error={results.error} onRetry={() => void results.refetch()} />}
        <Table<RestoreResult>
          size="small"
          rowKey={(item) => `${item.apiVersion}/${item.kind}/${item.namespace ?? ''}/${item.name}`}
          loading={results.isPending || results.isPlaceholderData}
          dataSource={results.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('backups.restores.resultsEmpty')} />
            ),
          }}
          columns={[
            { title: t('backups.wizard.order'), dataIndex: 'order', key: 'order', width: 70 },
            { title: t('backups.name'), key: 'object', render: (_, item) => <ObjectName {...item} /> },
            {
              title: t('backups.wizard.targetNamespace'),
              key: 'target',
              render: (_, item) => item.targetNamespace ?? item.namespace ?? '–',
            },
            {
              title: t('backups.restores.outcome'),
              key: 'outcome',
              render: (_, item) => <OutcomeTag outcome={item.outcome} />,
            },
            {
              title: t('backups.reason'),
              key: 'reason',
              render: (_, item) =>
                item.error ? (
                  <Typography.Text type="danger">{resultError(t, item)}</Typography.Text>
                ) : (
                  (reasonText(t, item) ?? <Typography.Text type="secondary">–</Typography.Text>)
                ),
            },
          ]}
        />
        <Pager
          pages={pages}
          next={results.data?.continue}
          waiting={results.isPlaceholderData}
          total={results.data?.total}
          size={size}
          onSize={setSize}
        />
      </Card>
    </Flex>
  );
}
