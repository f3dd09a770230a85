import type { DrainState } from '@portolan/api';
import {
  Alert,
  Button,
  Checkbox,
  Flex,
  InputNumber,
  Modal,
  Progress,
  Result,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import {
  countsOf,
  type DrainProgress,
  type DrainRow,
  emptyProgress,
  nextProgress,
  stoppedProgress,
  streamDrain,
} from './drain-progress.ts';

const STATE_COLORS: Record<DrainState, string> = {
  pending: 'default',
  skipped: 'default',
  evicting: 'processing',
  evicted: 'cyan',
  deleted: 'green',
  blocked: 'orange',
  failed: 'red',
  stopped: 'default',
};

type Phase = 'form' | 'running' | 'stopping' | 'finished';

/**
 * Drain, confirmed by the node's name: cordon, then evict every pod (PodDisruptionBudgets respected).
 * While it runs, each pod's state as the server tells it, n of N, and Stop; after, the summary.
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
  const [concurrency, setConcurrency] = useState<number | null>(null);
  const [force, setForce] = useState(false);
  const [deleteEmptyDirData, setDeleteEmptyDirData] = useState(false);
  const [phase, setPhase] = useState<Phase>('form');
  const [progress, setProgress] = useState<DrainProgress>(emptyProgress);
  const [refused, setRefused] = useState<string>();
  const abort = useRef<AbortController>(undefined);
  // Closing the page mid-drain closes the stream, which stops the drain as Stop does.
  useEffect(() => () => abort.current?.abort(), []);

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    setRefused(undefined);
    setProgress(emptyProgress);
    setPhase('running');
    try {
      await streamDrain(
        cluster,
        node ?? '',
        { timeoutSeconds, force, deleteEmptyDirData, ...(concurrency ? { concurrency } : {}) },
        (event) => setProgress((current) => nextProgress(current, event)),
        controller.signal,
      );
      if (controller.signal.aborted) setProgress(stoppedProgress);
      setPhase('finished');
    } catch (error) {
      // Refused before it began (no rights, no node): back to the form with the server's reason.
      setRefused(error instanceof Error ? error.message : String(error));
      setPhase('form');
    } finally {
      await onDone();
    }
  };
  const stop = () => {
    setPhase('stopping');
    abort.current?.abort();
  };
  const close = () => {
    if (phase === 'running' || phase === 'stopping') return;
    setPhase('form');
    setProgress(emptyProgress);
    onClose();
  };

  const counts = countsOf(progress);
  const report = progress.report;
  const name = node ?? '';
  const footer =
    phase === 'form'
      ? [
          <Button key="cancel" onClick={close}>
            {t('common.cancel')}
          </Button>,
          <Button key="drain" type="primary" danger onClick={() => void start()}>
            {t('clusterPage.drain.confirm', { node: name })}
          </Button>,
        ]
      : phase === 'finished'
        ? [
            <Button key="close" type="primary" onClick={close}>
              {t('clusterPage.close')}
            </Button>,
          ]
        : [
            <Button key="stop" danger loading={phase === 'stopping'} onClick={stop}>
              {t(phase === 'stopping' ? 'drain.stopping' : 'drain.stop')}
            </Button>,
          ];

  return (
    <Modal
      open={node !== undefined}
      width={820}
      title={t(phase === 'form' ? 'clusterPage.drain.title' : 'clusterPage.drain.resultTitle', {
        node: name,
      })}
      onCancel={close}
      closable={phase === 'form' || phase === 'finished'}
      maskClosable={false}
      footer={footer}
      destroyOnHidden
    >
      {phase === 'form' && (
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('clusterPage.drain.text', { node: name })}
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
          <Flex gap={8} align="center">
            <Typography.Text>{t('drain.concurrency')}</Typography.Text>
            <InputNumber
              min={1}
              max={500}
              value={concurrency}
              onChange={(value) => setConcurrency(value)}
              aria-label={t('drain.concurrency')}
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
          <Typography.Text type="secondary">{t('drain.stopText')}</Typography.Text>
          {refused && <Alert type="error" showIcon title={refused} role="alert" />}
        </Flex>
      )}
      {phase !== 'form' && (
        <Flex vertical gap={8}>
          {phase === 'finished' ? (
            <Summary node={name} progress={progress} />
          ) : (
            <Alert type="info" showIcon title={t('drain.running', { node: name })} />
          )}
          {counts.total > 0 ? (
            <Progress
              percent={Math.round((counts.handled / counts.total) * 100)}
              success={{ percent: Math.round((counts.gone / counts.total) * 100) }}
              status={phase === 'finished' ? (report?.complete ? 'success' : 'normal') : 'active'}
              format={() =>
                t('drain.progress', {
                  handled: format.number(counts.handled),
                  total: format.number(counts.total),
                })
              }
              aria-label={t('drain.progress', { handled: counts.handled, total: counts.total })}
            />
          ) : (
            progress.rows.length > 0 && (
              <Typography.Text type="secondary">{t('drain.progressNone', { node: name })}</Typography.Text>
            )
          )}
          {counts.retrying > 0 && phase !== 'finished' && (
            <Alert
              type="warning"
              showIcon
              title={t('drain.retrying', { count: format.number(counts.retrying) })}
            />
          )}
          <PodStates rows={progress.rows} loading={progress.rows.length === 0 && phase !== 'finished'} />
        </Flex>
      )}
    </Modal>
  );
}

/** The end: the server's summary, or what stood when Stop came, or why it ended early. */
function Summary({ node, progress }: { node: string; progress: DrainProgress }) {
  const { t, format } = useI18n();
  const counts = countsOf(progress);
  const report = progress.report;
  if (progress.error)
    return (
      <Result
        style={{ padding: 8 }}
        status="error"
        title={t('drain.endedEarly', { node, reason: progress.error })}
      />
    );
  if (!report || report.stopped) {
    return (
      <Result
        style={{ padding: 8 }}
        status="warning"
        title={t('drain.stopped', { node })}
        subTitle={t('drain.stoppedCounts', {
          gone: format.number(counts.gone),
          terminating: format.number(counts.terminating),
          left: format.number(counts.notEvicted),
        })}
      />
    );
  }
  return (
    <Result
      style={{ padding: 8 }}
      status={report.complete ? 'success' : 'warning'}
      title={t(
        report.complete
          ? 'clusterPage.drain.complete'
          : report.timedOut
            ? 'clusterPage.drain.timedOut'
            : 'clusterPage.drain.incomplete',
        { node: report.node },
      )}
      subTitle={t('clusterPage.drain.counts', {
        evicted: format.number(report.pods.filter((pod) => pod.outcome === 'evicted').length),
        skipped: format.number(report.pods.filter((pod) => pod.outcome === 'skipped').length),
        blocked: format.number(
          report.pods.filter((pod) => pod.outcome === 'blocked' || pod.outcome === 'failed').length,
        ),
      })}
    />
  );
}

/** Each pod's latest state, with the reason (a budget's refusal, why it stays) and the attempts. */
function PodStates({ rows, loading }: { rows: DrainRow[]; loading: boolean }) {
  const { t, format } = useI18n();
  return (
    <Table<DrainRow>
      size="small"
      rowKey={(row) => `${row.namespace}/${row.name}`}
      dataSource={rows}
      loading={loading}
      pagination={false}
      virtual
      scroll={{ y: 320 }}
      locale={{ emptyText: t('clusterPage.nodes.noPods') }}
      columns={[
        {
          title: t('clusterPage.namespace'),
          key: 'namespace',
          dataIndex: 'namespace',
          width: 160,
          ellipsis: true,
        },
        { title: t('cluster.name'), key: 'name', dataIndex: 'name', width: 240, ellipsis: true },
        {
          title: t('drain.state'),
          key: 'state',
          width: 120,
          render: (_, row) => (
            <Tag color={STATE_COLORS[row.state]} data-state={row.state}>
              {t(`drain.state.${row.state}`)}
            </Tag>
          ),
        },
        {
          title: t('clusterPage.drain.why'),
          key: 'why',
          render: (_, row) => (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {/* The state says what happened; the server's words matter where there is a reason. */}
              {row.reason ? [row.reason, row.message].filter(Boolean).join(': ') : '–'}
              {row.attempts > 1 && ` (${t('drain.attempts', { count: format.number(row.attempts) })})`}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
