import { useMutation } from '@tanstack/react-query';
import { Alert, Checkbox, Flex, InputNumber, Modal, Result, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { clusterApi, type DrainedPod } from './cluster-api.ts';
import { NodePods } from './NodePods.tsx';

const OUTCOME_COLORS = { evicted: 'green', skipped: 'default', blocked: 'orange', failed: 'red' } as const;

/**
 * Drain, confirmed by the node's name: cordon, then evict every pod (PodDisruptionBudgets respected).
 * While it runs, the pods still on the node are shown shrinking; after, each pod's outcome.
 */
export function DrainModal({
  cluster,
  node,
  onClose,
  onDone,
}: {
  cluster: string;
  node: string | undefined;
  onClose: () => void;
  onDone: () => Promise<unknown>;
}) {
  const { t, format } = useI18n();
  const [timeoutSeconds, setTimeoutSeconds] = useState(60);
  const [force, setForce] = useState(false);
  const [deleteEmptyDirData, setDeleteEmptyDirData] = useState(false);
  const drain = useMutation({
    mutationFn: () => clusterApi.drain(cluster, node ?? '', { timeoutSeconds, force, deleteEmptyDirData }),
    onSettled: () => onDone(),
  });
  const close = () => {
    if (drain.isPending) return;
    drain.reset();
    onClose();
  };
  const result = drain.data;

  return (
    <Modal
      open={node !== undefined}
      width={760}
      title={t(result ? 'clusterPage.drain.resultTitle' : 'clusterPage.drain.title', { node: node ?? '' })}
      onCancel={close}
      closable={!drain.isPending}
      maskClosable={false}
      okText={result ? t('clusterPage.close') : t('clusterPage.drain.confirm', { node: node ?? '' })}
      okButtonProps={{ danger: !result, loading: drain.isPending }}
      cancelButtonProps={{ style: result ? { display: 'none' } : {}, disabled: drain.isPending }}
      cancelText={t('common.cancel')}
      onOk={() => (result ? close() : drain.mutate())}
      destroyOnHidden
    >
      {!drain.isPending && !result && (
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('clusterPage.drain.text', { node: node ?? '' })}
          </Typography.Paragraph>
          <Flex gap={8} align="center">
            <Typography.Text>{t('clusterPage.drain.timeout')}</Typography.Text>
            <InputNumber
              min={1}
              max={3600}
              value={timeoutSeconds}
              onChange={(value) => setTimeoutSeconds(value ?? 60)}
              aria-label={t('clusterPage.drain.timeout')}
            />
          </Flex>
          <Checkbox checked={force} onChange={(event) => setForce(event.target.checked)}>
            {t('clusterPage.drain.force')}
          </Checkbox>
          <Checkbox
            checked={deleteEmptyDirData}
            onChange={(event) => setDeleteEmptyDirData(event.target.checked)}
          >
            {t('clusterPage.drain.emptyDir')}
          </Checkbox>
          {drain.error && <Alert type="error" showIcon title={drain.error.message} role="alert" />}
        </Flex>
      )}
      {drain.isPending && node && (
        <Flex vertical gap={8}>
          <Alert type="info" showIcon title={t('clusterPage.drain.running', { node })} />
          <NodePods cluster={cluster} node={node} refetchMs={1_000} />
        </Flex>
      )}
      {result && (
        <Flex vertical gap={8}>
          <Result
            style={{ padding: 8 }}
            status={result.complete ? 'success' : 'warning'}
            title={t(
              result.complete
                ? 'clusterPage.drain.complete'
                : result.timedOut
                  ? 'clusterPage.drain.timedOut'
                  : 'clusterPage.drain.incomplete',
              { node: result.node },
            )}
            subTitle={t('clusterPage.drain.counts', {
              evicted: format.number(result.pods.filter((pod) => pod.outcome === 'evicted').length),
              skipped: format.number(result.pods.filter((pod) => pod.outcome === 'skipped').length),
              blocked: format.number(
                result.pods.filter((pod) => pod.outcome === 'blocked' || pod.outcome === 'failed').length,
              ),
            })}
          />
          <Table<DrainedPod>
            size="small"
            rowKey={(pod) => `${pod.namespace}/${pod.name}`}
            dataSource={result.pods}
            pagination={false}
            scroll={{ y: 320 }}
            locale={{ emptyText: t('clusterPage.nodes.noPods') }}
            columns={[
              { title: t('clusterPage.namespace'), key: 'namespace', dataIndex: 'namespace' },
              { title: t('cluster.name'), key: 'name', dataIndex: 'name' },
              {
                title: t('clusterPage.drain.outcome'),
                key: 'outcome',
                render: (_, pod) => (
                  <Tag color={OUTCOME_COLORS[pod.outcome]}>{t(`clusterPage.drain.${pod.outcome}`)}</Tag>
                ),
              },
              {
                title: t('clusterPage.drain.why'),
                key: 'why',
                render: (_, pod) => [pod.reason, pod.message].filter(Boolean).join(': ') || '–',
              },
            ]}
          />
        </Flex>
      )}
    </Modal>
  );
}
