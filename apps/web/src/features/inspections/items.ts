import type { I18n } from '../../app/i18n.tsx';

/** The checks the console has names for (packages/api/src/inspections.ts lists them). */
const KNOWN_ITEMS = [
  'component-health',
  'etcd-health',
  'certificate-expiry',
  'credential-expiry',
  'version-skew',
  'deprecated-apis',
  'requests-vs-allocatable',
  'node-conditions',
  'node-heartbeat',
  'node-pressure',
  'node-pod-capacity',
  'node-usage',
  'pod-not-running',
  'pod-restarts',
  'pod-pending',
  'image-latest',
  'missing-requests-limits',
  'missing-probes',
  'privileged-containers',
  'root-containers',
  'single-replica-no-pdb',
  'pvc-pending-lost',
  'service-no-endpoints',
  'job-failing',
  'unused-configmaps',
  'unused-secrets',
] as const;

/** A check's name in the reader's language; one the console does not know yet by its id. */
export function itemName(id: string, t: I18n['t']): string {
  return (KNOWN_ITEMS as readonly string[]).includes(id)
    ? t(`inspections.item.${id as (typeof KNOWN_ITEMS)[number]}`)
    : id;
}
