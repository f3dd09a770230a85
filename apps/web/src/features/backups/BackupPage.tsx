import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Result, Space, Table, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { Loading } from '../../app/Loading.tsx';
import { BackupObjects } from './BackupObjects.tsx';
import { failureText, runError } from './backup-words.ts';
import { backupsApi, wizardPath } from './backups-api.ts';
import { namespacesText } from './plan-form.ts';
import { mayWrite } from './reach.ts';
import { BackupStateCell, ObjectName } from './tags.tsx';
import type { Backup } from './types.ts';
import { useBackupActions } from './use-backup-actions.ts';

type Failure = Backup['failures'][number];

/** /backups/runs/{id}: one backup's summary, what failed and why, the objects it holds, Restore…. */
export default function BackupPage() {
  const { t, format } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const backup = useQuery({
    queryKey: ['backups', 'one', id],
    queryFn: () => backupsApi.backup(id),
    refetchInterval: (q) => (q.state.data?.state === 'running' ? 2_000 : false),
  });
  const actions = useBackupActions(() => navigate('/backups'));

  if (backup.error instanceof ApiError && backup.error.status === 404)
    return <Result status="404" title={t('backups.notFound', { id })} subTitle={backup.error.message} />;
  if (backup.error) return <ErrorNotice error={backup.error} onRetry={() => void backup.refetch()} />;
  const data = backup.data;
  if (!data) return <Loading />;
  const writer = mayWrite(can, data.cluster, data.namespaces);
  const restorable = data.state === 'completed' || data.state === 'partially-failed';

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          <Link to="/backups">{t('backups.tab.backups')}</Link> / {t('backups.detail.title', { id: data.id })}
        </Typography.Title>
        {writer && (
          <Space>
            {restorable && (
              <Button type="primary" onClick={() => navigate(wizardPath(data.id))}>
                {t('backups.restore')}
              </Button>
            )}
            {data.state === 'running' ? (
              <Button danger onClick={() => actions.confirmCancel(data)}>
                {t('backups.cancel')}
              </Button>
            ) : (
              <Button danger onClick={() => actions.confirmDelete(data)}>
                {t('backups.delete')}
              </Button>
            )}
          </Space>
        )}
      </Flex>
      {data.error && (
        <Alert
          type={data.state === 'failed' ? 'error' : 'warning'}
          showIcon
          title={t('backups.error')}
          description={runError(t, data)}
        />
      )}
      <Card size="small" title={t('backups.detail.summary')}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('backups.state')}>
            <BackupStateCell backup={data} />
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.cluster')}>
            <Link to={`/clusters/${encodeURIComponent(data.cluster)}`}>{data.cluster}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.namespaces')}>
            {namespacesText(data.namespaces, t('backups.allNamespaces'))}
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.plan')}>{data.plan ?? '–'}</Descriptions.Item>
          <Descriptions.Item label={t('backups.destination')}>{data.destination}</Descriptions.Item>
          <Descriptions.Item label={t('backups.trigger')}>
            {t(`backups.trigger.${data.trigger}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.started')}>
            {format.dateTime(data.startedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.finished')}>
            {data.finishedAt ? format.dateTime(data.finishedAt) : '–'}
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.objects')}>
            <span data-objects={data.objects}>{format.number(data.objects)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('backups.size')}>{format.bytes(data.sizeBytes)}</Descriptions.Item>
          <Descriptions.Item label={t('backups.failed')}>{format.number(data.failed)}</Descriptions.Item>
          {data.jobId && (
            <Descriptions.Item label={t('backups.detail.job')}>
              <Link to={`/operations/${encodeURIComponent(data.jobId)}`}>{data.jobId}</Link>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {data.state !== 'running' && (
        <Card size="small" title={t('backups.detail.failures')}>
          {data.failures.length === 0 ? (
            <Typography.Text type="secondary">{t('backups.detail.noFailures')}</Typography.Text>
          ) : (
            <Flex vertical gap={8}>
              {data.failed > data.failures.length && (
                <Typography.Text type="secondary">
                  {t('backups.detail.failuresMore', { shown: data.failures.length, count: data.failed })}
                </Typography.Text>
              )}
              <Table<Failure>
                size="small"
                rowKey={(entry) =>
                  `${entry.kind}/${entry.namespace ?? ''}/${entry.name ?? ''}/${entry.reason}`
                }
                dataSource={data.failures}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  {
                    title: t('backups.name'),
                    key: 'object',
                    render: (_, entry) => <ObjectName {...entry} />,
                  },
                  {
                    title: t('backups.reason'),
                    key: 'reason',
                    render: (_, entry) => failureText(t, entry),
                  },
                ]}
              />
            </Flex>
          )}
        </Card>
      )}
      {data.state !== 'running' && data.state !== 'failed' && data.state !== 'cancelled' && (
        <Card size="small" title={t('backups.detail.objects')}>
          <BackupObjects id={data.id} />
        </Card>
      )}
    </Flex>
  );
}
