/** The backup API's shapes (packages/api/src/backups.ts) under the names the pages use. */
import type {
  BackupDestination,
  BackupDestinationInput,
  BackupPlanView,
  BackupView,
  RESTORE_OUTCOMES,
  RestoreView,
} from '@portolan/api';

export type {
  BackupObject,
  BackupPlanSpec,
  BackupState,
  PlanAction,
  RestorePlan,
  RestorePlanItem,
  RestoreResult,
  RestoreSpec,
  RestoreState,
  VeleroItem,
  VeleroView,
} from '@portolan/api';
export type Destination = BackupDestination;
export type DestinationInput = BackupDestinationInput;
export type Backup = BackupView;
export type BackupPlan = BackupPlanView;
export type Restore = RestoreView;
export type RestoreOutcome = (typeof RESTORE_OUTCOMES)[number];

/** A page of a list the server pages by cursor. */
export interface Page<T> {
  items: T[];
  total?: number;
  continue?: string;
}
