import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Result, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { useOperationWords } from '../lifecycle/use-operation-words.ts';
import { JobStateTag } from './JobStateTag.tsx';
import { JobSteps } from './JobSteps.tsx';
import { durationText, jobErrorText, kindLabel, resultText, whereOf } from './job-words.ts';
import { type JobView, jobsApi } from './jobs-api.ts';

/**
 * One operation: what, where, who and when, the reason of a failure up front, its steps as they
 * happen, and Cancel for those who may (confirmed, naming the operation and its target).
 */
export default function JobPage() {
  const { id = '' } = useParams();
  const { t, format } = useI18n();
  const { modal, message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const [now, setNow] = useState(() => Date.now());
  const job = useQuery({
    queryKey: ['jobs', 'one', id],
    queryFn: async () => {
      const detail = await jobsApi.get(id);
      setNow(Date.now());
      return detail;
    },
    // The steps stream has them; the record is read again when the job ends, and each second while it
    // runs so its duration moves.
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 1_000 : false),
  });
  // A lifecycle job reads in the words of its operation's page, and links there.
  const operationWords = useOperationWords(job.data);

  if (job.isPending) return <Skeleton active />;
  if (job.error)
    return job.error instanceof ApiError && job.error.status === 404 ? (
      <Result
        status="404"
        title={t('jobs.notFound')}
        extra={<Link to="/operations">{t('jobs.back')}</Link>}
      />
    ) : (
      <ErrorNotice error={job.error} onRetry={() => void job.refetch()} />
    );

  const record = job.data;
  const operation = kindLabel(t, record.kind);
  const target = record.target ?? record.id;
  const scope = record.cluster
    ? { cluster: record.cluster, ...(record.namespace ? { namespace: record.namespace } : {}) }
    : ('platform' as const);
  const mayCancel = record.state === 'running' && can('resources:write', scope);
  const ended = (next: JobView) => {
    void queryClient.invalidateQueries({ queryKey: ['jobs'] });
    if (next.state !== record.state) void job.refetch();
  };
  const cancel = () =>
    modal.confirm({
      title: t('jobs.cancelConfirm', { operation, target }),
      content: t('jobs.cancelConfirmBody'),
      okText: t('jobs.cancelOk'),
      okButtonProps: { danger: true },
      cancelText: t('jobs.keep'),
      onOk: async () => {
        try {
          await jobsApi.cancel(record.id);
          message.info(t('jobs.cancelAsked'));
          void job.refetch();
        } catch (error) {
          message.error(error instanceof Error ? error.message : String(error));
        }
      },
    });

  return (
    <Flex vertical gap={12}>
      <Link to="/operations">← {t('jobs.back')}</Link>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space align="center">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {operation}
            {record.target ? ` · ${record.target}` : ''}
          </Typography.Title>
          <JobStateTag state={record.state} />
        </Space>
        {mayCancel && (
          <Button danger onClick={cancel}>
            {t('jobs.cancel')}
          </Button>
        )}
      </Flex>
      {record.error && record.state !== 'running' && (
        <Alert
          type={record.state === 'failed' ? 'error' : 'warning'}
          showIcon
          title={t(record.state === 'failed' ? 'jobs.failedBecause' : 'jobs.cancelledBecause')}
          description={
            <span data-testid="job-reason">{operationWords?.failure ?? jobErrorText(t, record)}</span>
          }
        />
      )}
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'where', label: t('jobs.where'), children: whereOf(record, t('jobs.platformWide')) },
            { key: 'by', label: t('jobs.by'), children: record.createdBy.name },
            { key: 'started', label: t('jobs.started'), children: format.dateTime(record.createdAt) },
            {
              key: 'finished',
              label: t('jobs.finished'),
              children: record.finishedAt ? format.dateTime(record.finishedAt) : '–',
            },
            {
              key: 'duration',
              label: t('jobs.duration'),
              children: durationText(t, record.createdAt, record.finishedAt, now),
            },
            {
              key: 'replica',
              label: t('jobs.replica'),
              children: <Typography.Text type="secondary">{record.replica}</Typography.Text>,
            },
            ...(operationWords
              ? [
                  {
                    key: 'operation',
                    label: t('jobs.lifecycleOperation'),
                    children: <Link to={operationWords.path}>{t('jobs.openOperation')}</Link>,
                  },
                ]
              : record.state === 'succeeded' && record.result !== null && record.result !== undefined
                ? [
                    {
                      key: 'result',
                      label: t('jobs.result'),
                      children: resultText(t, record.result),
                    },
                  ]
                : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('jobs.steps')}>
        <JobSteps
          jobId={record.id}
          kind={record.kind}
          onEnd={ended}
          {...(operationWords ? { words: operationWords.line } : {})}
        />
      </Card>
    </Flex>
  );
}
