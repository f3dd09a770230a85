/**
 * The public HTTP API's requests and answers, each a JSON schema (the server validates and documents
 * with the very object) and the TypeScript type derived from it (what the CLI and the console read).
 */
export * from './account-tokens.ts';
export * from './alert-event-codes.ts';
export * from './alert-rule-codes.ts';
export * from './alert-template-codes.ts';
export * from './alerting.ts';
export * from './apply.ts';
export * from './audit.ts';
export * from './backups.ts';
export * from './cluster-reasons.ts';
export * from './cluster-sync.ts';
export * from './clusters.ts';
export * from './crds.ts';
export * from './cron-schedule.ts';
export * from './delivery-codes.ts';
export * from './drain.ts';
export * from './errors.ts';
export * from './helm-catalogue.ts';
export * from './helm-codes.ts';
export * from './helm-operations.ts';
export * from './helm-releases.ts';
export * from './inspection-codes.ts';
export * from './inspection-item-words.ts';
export * from './inspections.ts';
export * from './jobs.ts';
export * from './lifecycle.ts';
export * from './mcs-codes.ts';
export * from './member-openapi.ts';
export * from './monitoring.ts';
export * from './notifications.ts';
export * from './people.ts';
export * from './permissions.ts';
export * from './propagation-codes.ts';
export * from './propagations.ts';
export * from './raised-alert-codes.ts';
export * from './replicas.ts';
export * from './rollouts.ts';
export * from './routes.ts';
export * from './search.ts';
export * from './sync-reasons.ts';
export * from './terminal-codes.ts';
export * from './terminals.ts';
export * from './workload-spec.ts';
export * from './workload-spec-schema.ts';
export * from './workloads.ts';
