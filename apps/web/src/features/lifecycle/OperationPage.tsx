import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Result,
  Row,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../app/can.ts';
import { ErrorNotice } from '../../app/ErrorNotice.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { lifecycleApi, lifecycleKeys, lifecyclePaths, type Operation } from './lifecycle-api.ts';
import { failureText, titleOf } from './lifecycle-words.ts';
import { OperationLog } from './OperationLog.tsx';
import { OperationPlan } from './OperationPlan.tsx';
import { betweenText, OperationStateTag } from './tags.tsx';

/**
 * /lifecycle/operations/:id: the plan of steps with their states, times and timeouts; the live log
 * of its run; on failure the step and reason with Resume and Roll back (confirmed: writes since the
 * snapshot are lost); Cancel while it runs. Read again every two seconds while it runs.
 */
export default function OperationPage() {
  const { id = '' } = useParams();
  const { t, format } = useI18n();
  const can = useCan();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [now, setNow] = useState(() => Date.now());
  const operation = useQuery({
    queryKey: lifecycleKeys.operation(id),
    queryFn: async () => {
      const answer = await lifecycleApi.operation(id);
      setNow(Date.now());
      return answer;
    },
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 2_000 : false),
  });
  const act = useMutation({
    mutationFn: (action: 'resume' | 'rollback' | 'cancel') => lifecycleApi[action](id),
    onSuccess: (next) => {
      queryClient.setQueryData(lifecycleKeys.operation(id), next);
      void queryClient.invalidateQueries({ queryKey: lifecycleKeys.all });
      message.info(t('lifecycle.opPage.asked'));
    },
    onError: (error) => void message.error(t('lifecycle.refused', { reason: error.message })),
  });

  if (operation.isPending) return <Skeleton active />;
  if (operation.error)
    return operation.error instanceof ApiError && operation.error.status === 404 ? (
      <Result
        status="404"
        title={t('lifecycle.opPage.notFound', { id })}
        extra={<Link to={lifecyclePaths.list}>{t('lifecycle.back')}</Link>}
      />
    ) : (
      <ErrorNotice error={operation.error} onRetry={() => void operation.refetch()} />
    );

  const op: Operation = operation.data;
  const kind = t(`lifecycle.kind.${op.kind}`);
  const writable = can('lifecycle:write', { cluster: op.cluster });
  const failedStep = op.steps.find((step) => step.id === op.failure?.step);
  const snapshotVersion = op.fromVersion ?? '';
  const confirmRollback = () =>
    modal.confirm({
      title: t('lifecycle.opPage.rollbackTitle', { name: op.cluster }),
      content: t('lifecycle.opPage.rollbackBody', { version: snapshotVersion || '–' }),
      okText: t('lifecycle.opPage.rollbackOk'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => act.mutateAsync('rollback'),
    });
  const confirmCancel = () =>
    modal.confirm({
      title: t('lifecycle.opPage.cancelTitle', { kind, name: op.cluster }),
      content: t('lifecycle.opPage.cancelBody'),
      okText: t('lifecycle.opPage.cancelOk'),
      okButtonProps: { danger: true },
      cancelText: t('lifecycle.opPage.keep'),
      onOk: () => act.mutateAsync('cancel'),
    });

  return (
    <Flex vertical gap={12}>
      <Link to={lifecyclePaths.cluster(op.cluster)}>← {op.cluster}</Link>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space align="center">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('lifecycle.opPage.title', { kind, cluster: op.cluster })}
          </Typography.Title>
          <OperationStateTag operation={op} />
        </Space>
        {writable && op.state === 'running' && (
          <Button danger onClick={confirmCancel} loading={act.isPending && act.variables === 'cancel'}>
            {t('lifecycle.opPage.cancel')}
          </Button>
        )}
      </Flex>
      {op.failure && op.state !== 'running' && op.state !== 'rolled-back' && (
        <Alert
          type="error"
          showIcon
          data-testid="operation-failure"
          title={t('lifecycle.opPage.failedAt', {
            step: failedStep ? titleOf(t, failedStep) : op.failure.step,
          })}
          description={
            <Flex vertical gap={8}>
              <Typography.Text>{failureText(t, op.failure)}</Typography.Text>
              {writable && (
                <Space wrap>
                  <Button
                    type="primary"
                    disabled={!op.canResume}
                    loading={act.isPending && act.variables === 'resume'}
                    onClick={() => act.mutate('resume')}
                    title={t('lifecycle.opPage.resumeHelp')}
                  >
                    {t('lifecycle.opPage.resume')}
                  </Button>
                  <Button
                    danger
                    disabled={!op.canRollback}
                    loading={act.isPending && act.variables === 'rollback'}
                    onClick={confirmRollback}
                  >
                    {t('lifecycle.opPage.rollback')}
                  </Button>
                  {!op.canRollback && (
                    <Typography.Text type="secondary">{t('lifecycle.opPage.noRollback')}</Typography.Text>
                  )}
                </Space>
              )}
            </Flex>
          }
        />
      )}
      {op.state === 'rolled-back' && (
        <Alert type="warning" showIcon title={t('lifecycle.opPage.rolledBack')} />
      )}
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'by', label: t('lifecycle.opPage.by'), children: op.createdBy.name },
            { key: 'started', label: t('lifecycle.opPage.started'), children: format.dateTime(op.createdAt) },
            {
              key: 'finished',
              label: t('lifecycle.opPage.finished'),
              children: op.finishedAt ? format.dateTime(op.finishedAt) : '–',
            },
            {
              key: 'took',
              label: t('jobs.duration'),
              children: betweenText(t, op.createdAt, op.finishedAt, now),
            },
            ...(op.fromVersion && op.toVersion
              ? [
                  {
                    key: 'versions',
                    label: t('lifecycle.opPage.versions'),
                    children: t('lifecycle.ops.versions', { from: op.fromVersion, to: op.toVersion }),
                  },
                ]
              : []),
            ...(op.snapshotId
              ? [{ key: 'snapshot', label: t('lifecycle.opPage.snapshot'), children: op.snapshotId }]
              : []),
          ]}
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={11}>
          <Card size="small" title={t('lifecycle.opPage.plan')}>
            <OperationPlan operation={op} now={now} />
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Card size="small" title={t('lifecycle.opPage.log')}>
            {op.jobId ? (
              <OperationLog
                key={op.jobId}
                jobId={op.jobId}
                operation={op}
                onEnd={() => void operation.refetch()}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lifecycle.opPage.noLog')} />
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
