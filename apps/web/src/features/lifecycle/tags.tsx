import { Tag, Tooltip } from 'antd';
import { type I18n, useI18n } from '../../app/i18n.tsx';
import type { ClusterState, Operation, OperationState, PreflightCheck } from './lifecycle-api.ts';
import { failureText } from './lifecycle-words.ts';

type Translate = I18n['t'];

const CLUSTER_COLORS: Record<ClusterState, string> = {
  creating: 'processing',
  ready: 'success',
  upgrading: 'processing',
  changing: 'processing',
  failed: 'error',
  deleting: 'warning',
};

export function ClusterStateTag({ state }: { state: ClusterState }) {
  const { t } = useI18n();
  return (
    <Tag color={CLUSTER_COLORS[state]} data-cluster-state={state}>
      {t(`lifecycle.state.${state}`)}
    </Tag>
  );
}

export const OPERATION_COLORS: Record<OperationState, string> = {
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
  'rolled-back': 'warning',
};

/** An operation's state; a failed one says where and why on hover. */
export function OperationStateTag({ operation }: { operation: Pick<Operation, 'state' | 'failure'> }) {
  const { t } = useI18n();
  return (
    <Tooltip
      title={
        operation.failure ? `${operation.failure.step}: ${failureText(t, operation.failure)}` : undefined
      }
    >
      <Tag color={OPERATION_COLORS[operation.state]} data-operation-state={operation.state}>
        {t(`lifecycle.op.${operation.state}`)}
      </Tag>
    </Tooltip>
  );
}

const CHECK_COLORS: Record<PreflightCheck['status'], string> = {
  pass: 'success',
  warn: 'warning',
  fail: 'error',
};

export function CheckTag({ status }: { status: PreflightCheck['status'] }) {
  const { t } = useI18n();
  return (
    <Tag
      color={CHECK_COLORS[status]}
      data-check-status={status}
      style={{ minWidth: 56, textAlign: 'center' }}
    >
      {t(`lifecycle.check.${status}`)}
    </Tag>
  );
}

/** "42 s", "3 min 5 s", "1 h 4 min". */
export function secondsText(t: Translate, total: number): string {
  const seconds = Math.max(0, Math.round(total));
  if (seconds < 60) return t('lifecycle.duration.seconds', { s: seconds });
  if (seconds < 3600)
    return t('lifecycle.duration.minutes', { m: Math.floor(seconds / 60), s: seconds % 60 });
  return t('lifecycle.duration.hours', {
    h: Math.floor(seconds / 3600),
    m: Math.floor((seconds % 3600) / 60),
  });
}

export function betweenText(t: Translate, from: string, to: string | null, now: number): string {
  return secondsText(t, ((to ? new Date(to).getTime() : now) - new Date(from).getTime()) / 1000);
}
