import { Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { runError } from './backup-words.ts';
import type { Backup, BackupState, PlanAction, RestoreResult } from './types.ts';

const STATE_COLORS: Record<BackupState, string> = {
  running: 'processing',
  completed: 'success',
  'partially-failed': 'warning',
  failed: 'error',
  cancelled: 'default',
};

/** A backup's or restore's state; a failure says why on hover. */
export function StateTag({ state, error }: { state: BackupState; error?: string | null }) {
  const { t } = useI18n();
  return (
    <Tooltip title={error}>
      <Tag color={STATE_COLORS[state]} data-state={state}>
        {t(`backups.state.${state}`)}
      </Tag>
    </Tooltip>
  );
}

/** A backup's state, with how far a running one has got. */
export function BackupStateCell({ backup }: { backup: Backup }) {
  const { t, format } = useI18n();
  if (backup.state !== 'running') return <StateTag state={backup.state} error={runError(t, backup)} />;
  return (
    <Space size={4}>
      <StateTag state="running" />
      <Spin size="small" />
      <Typography.Text type="secondary">
        {t('backups.running', { objects: format.number(backup.objects) })}
      </Typography.Text>
    </Space>
  );
}

const ACTION_COLORS: Record<PlanAction, string> = {
  create: 'success',
  update: 'processing',
  skip: 'default',
  conflict: 'error',
};

export function ActionTag({ action }: { action: PlanAction }) {
  const { t } = useI18n();
  return (
    <Tag color={ACTION_COLORS[action]} data-action={action}>
      {t(`backups.wizard.count.${action}`)}
    </Tag>
  );
}

const OUTCOME_COLORS: Record<RestoreResult['outcome'], string> = {
  created: 'success',
  updated: 'processing',
  skipped: 'default',
  failed: 'error',
  pending: 'default',
};

export function OutcomeTag({ outcome }: { outcome: RestoreResult['outcome'] }) {
  const { t } = useI18n();
  return (
    <Tag color={OUTCOME_COLORS[outcome]} data-outcome={outcome}>
      {t(`backups.restores.outcome.${outcome}`)}
    </Tag>
  );
}

/** An object as people read it: Kind namespace/name. */
export function ObjectName({ kind, namespace, name }: { kind: string; namespace?: string; name?: string }) {
  return (
    <Typography.Text>
      <Typography.Text type="secondary">{kind}</Typography.Text> {namespace ? `${namespace}/` : ''}
      {name ?? ''}
    </Typography.Text>
  );
}
