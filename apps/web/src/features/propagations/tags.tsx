import type { PropagationState } from '@portolan/api';
import { Tag } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import type { PreviewObject, PropagationPhase } from './propagations-api.ts';

export const PHASES: readonly PropagationPhase[] = [
  'Pending',
  'Progressing',
  'Applied',
  'Degraded',
  'Suspended',
  'Deleting',
];

/** Phases that change by themselves: pages showing one ask again every few seconds. */
export const MOVING_PHASES: readonly PropagationPhase[] = ['Pending', 'Progressing', 'Deleting'];

const PHASE_COLORS: Record<PropagationPhase, string> = {
  Pending: 'default',
  Progressing: 'processing',
  Applied: 'success',
  Degraded: 'error',
  Suspended: 'warning',
  Deleting: 'default',
};

/** A propagation's phase, coloured by how well it is doing. */
export function PhaseTag({ phase }: { phase: PropagationPhase }) {
  const { t } = useI18n();
  return (
    <Tag color={PHASE_COLORS[phase]} data-phase={phase}>
      {t(`propagations.phase.${phase}`)}
    </Tag>
  );
}

const STATE_COLORS: Record<PropagationState, string> = {
  applied: 'success',
  pending: 'default',
  failed: 'error',
  drifted: 'warning',
  removing: 'processing',
  offline: 'error',
  forbidden: 'error',
};

/** The states that want a person's attention. */
export const TROUBLED: readonly PropagationState[] = ['failed', 'drifted', 'offline', 'forbidden'];

/** One cluster's or one object's state. */
export function StateTag({ state }: { state: PropagationState }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} data-state={state}>
      {t(`propagations.state.${state}`)}
    </Tag>
  );
}

const ACTION_COLORS: Record<PreviewObject['action'], string> = {
  create: 'green',
  update: 'blue',
  unchanged: 'default',
  delete: 'red',
  refused: 'error',
};

/** What a preview says saving would do to one object. */
export function ActionTag({ action }: { action: PreviewObject['action'] }) {
  const { t } = useI18n();
  return (
    <Tag color={ACTION_COLORS[action]} data-action={action}>
      {t(`propagations.action.${action}`)}
    </Tag>
  );
}
