/**
 * The console's own words for what the server says on the backup pages, by the codes in
 * packages/api/src/backups.ts: a restore plan's reasons, a backup's failures, why a run ended. English
 * comes from here too; a code without words shows the server's English (backup-words.test.ts fails
 * on such a code).
 */
export const backupsServerEn = {
  'backups.reasonCode.crd-first': 'its CustomResourceDefinition {crd} is restored first',
  'backups.reasonCode.not-served':
    'cluster does not serve {api} {resource}; install its CustomResourceDefinition or include it',
  'backups.reasonCode.namespace-deleting':
    'namespace {namespace} is being deleted in the target; wait for it to go',
  'backups.reasonCode.target-unreadable': 'the target could not be read: {error}',
  'backups.reasonCode.exists-update': 'it exists; it is updated from the backup',
  'backups.reasonCode.exists-skip': 'it exists in the target (existing: skip)',
  'backups.failureCode.list-failed': 'listing {resource} failed: {error}',
  'backups.failureCode.list-failed.namespace': 'listing {resource} in {namespace} failed: {error}',
  'backups.failureCode.read-failed': 'reading it failed: {error}',
  'backups.errorCode.backup-cancelled': 'cancelled; the partial archive was removed',
  'backups.errorCode.restore-cancelled': 'cancelled; objects restored before the cancel stay',
  'backups.errorCode.server-stopped': 'the server running it stopped before it ended; run it again',
} as const;
