// The codes of the lifecycle pages' words, apart from the schemas that carry them (lifecycle.ts).

/**
 * Every code the server writes words for on the lifecycle pages (issue #10): the console has its own
 * words for each, in English and 简体中文, and a test fails on a code without them.
 * Step codes: a step's work and its title (`lifecycle.code.<code>`).
 */
export const LIFECYCLE_STEP_CODES = [
  'validate',
  'prepare-version',
  'create',
  'wait-ready',
  'register',
  'preflight',
  'snapshot',
  'control-plane',
  'upgrade-nodes',
  'post-checks',
  'apply-pool',
  'remove-node',
  'remove-pool',
  'restore',
  'prune',
  'unregister',
  'delete',
  'forget',
] as const;
/** A step's title when the same work is said another way (`titleCode`). */
export const LIFECYCLE_TITLE_CODES = ['rollback', 'snapshot-pre-upgrade'] as const;
/** What a step did (`messageCode`) or why it stopped (`failure.code`), with their params. */
export const LIFECYCLE_MESSAGE_CODES = [
  'spec-checked',
  'version-built-already',
  'version-built',
  'cluster-made',
  'nodes-ready',
  'registered',
  'checks-passed',
  'snapshot-taken-already',
  'snapshot-taken',
  'control-plane-on',
  'nodes-on',
  'all-on',
  'pool-applied',
  'node-gone-already',
  'node-removed',
  'pool-removed',
  'etcd-restored',
  'snapshots-pruned',
  'unregistered',
  'cluster-deleted',
  'forgotten',
  'timeout',
  'interrupted',
  'resumed-after-restart',
  'stopped-twice',
  'cancelled',
  'preflight-failed',
  'drain-left-pods',
  'snapshot-gone',
  'not-registered',
  'not-recorded',
  'name-taken',
  'unknown-step',
] as const;
/** What a step still waits for (a `lifecycle.waiting` line's `wait` param). */
export const LIFECYCLE_WAIT_CODES = [
  'apiserver',
  'apiserver-version',
  'nodes',
  'deployments',
  'sync-unregistered',
  'sync-client',
  'sync-state',
  'error',
] as const;
/** A job line's code after `lifecycle.` (the operation's log). */
export const LIFECYCLE_PROGRESS_CODES = [
  'step.started',
  'step.done',
  'waiting',
  'node.drain',
  'node.removed',
  'node.version',
  'build.start',
  'build.line',
  'build.cached',
  'create.start',
  'create.again',
  'create.ready',
  'delete.sandbox',
  'snapshot.take',
  'snapshot.taken',
  'pool.applied',
  'restore.line',
  'upgrade.line',
] as const;
/** Preflight checks by id; a check's code is `lifecycle.preflight.<id>.<status>`. */
export const PREFLIGHT_CHECK_IDS = [
  'nodes-ready',
  'control-plane',
  'version-skew',
  'removed-apis',
  'pod-disruption-budgets',
] as const;
export type LifecycleStepCode = (typeof LIFECYCLE_STEP_CODES)[number];
export type LifecycleTitleCode = (typeof LIFECYCLE_TITLE_CODES)[number];
export type LifecycleMessageCode = (typeof LIFECYCLE_MESSAGE_CODES)[number];
export type LifecycleWaitCode = (typeof LIFECYCLE_WAIT_CODES)[number];
export type LifecycleProgressCode = `lifecycle.${(typeof LIFECYCLE_PROGRESS_CODES)[number]}`;
export type PreflightCheckId = (typeof PREFLIGHT_CHECK_IDS)[number];
