import { parseQuantity } from '@portolan/kinds';
import type { InspectionInput, KubeObject } from './inspection-input.ts';
import type { Recorder } from './recorder.ts';
import { listed, said } from './said.ts';

/** One line of /readyz?verbose or /livez?verbose: `[+]ping ok`, `[-]etcd failed: reason withheld`. */
export interface HealthCheckLine {
  name: string;
  ok: boolean;
  detail: string;
}

export function parseHealthChecks(text: string): HealthCheckLine[] {
  const lines: HealthCheckLine[] = [];
  for (const line of text.split('\n')) {
    const match = /^\[([+-])\](\S+)\s*(.*)$/.exec(line.trim());
    if (match?.[2]) lines.push({ name: match[2], ok: match[1] === '+', detail: match[3] ?? '' });
  }
  return lines;
}

const isEtcd = (line: HealthCheckLine) => line.name.startsWith('etcd');
const days = (ms: number) => Math.round(ms / 86_400_000);

function componentHealth(input: InspectionInput, rec: Recorder) {
  const id = 'component-health';
  if (!rec.item(id)) return;
  for (const [path, probe] of [
    ['/readyz', input.live.readyz],
    ['/livez', input.live.livez],
  ] as const) {
    if (!probe.ok) {
      rec.skip(id, probe.reason);
      continue;
    }
    const lines = parseHealthChecks(probe.value).filter((line) => !isEtcd(line));
    rec.checked(id, lines.length);
    for (const line of lines.filter((l) => !l.ok))
      rec.fail(
        id,
        { kind: 'APIServer', name: `${path} ${line.name}` },
        line.detail
          ? said('component-health.check-failed', { path, check: line.name, detail: line.detail })
          : said('component-health.check-failed.no-reason', { path, check: line.name }),
      );
  }
  // The scheduler and controller manager hold leader leases in kube-system while they run.
  if (!input.live.systemLeases.ok) {
    rec.skip(id, input.live.systemLeases.reason);
    return;
  }
  const stale = Number(rec.param(id, 'leaseStaleSeconds')) * 1000;
  for (const component of ['kube-scheduler', 'kube-controller-manager']) {
    const lease = input.live.systemLeases.value.find((l) => l.metadata.name === component);
    const ref = { kind: 'Lease', namespace: 'kube-system', name: component };
    // Without leader election (--leader-elect=false, as on single-instance control planes) there is no
    // lease to read, which says nothing about the component's health.
    if (!lease) {
      rec.skip(id, said('component-health.no-lease', { component }));
      continue;
    }
    rec.checked(id);
    const renewed = Date.parse(lease.spec?.renewTime ?? lease.spec?.acquireTime ?? '');
    const age = input.now.getTime() - renewed;
    if (!Number.isFinite(renewed) || age > stale)
      rec.fail(
        id,
        ref,
        Number.isFinite(renewed)
          ? said('component-health.lease-stale', {
              component,
              seconds: Math.round(age / 1000),
              limit: stale / 1000,
            })
          : said('component-health.lease-never', { component }),
      );
  }
}

function etcdHealth(input: InspectionInput, rec: Recorder) {
  const id = 'etcd-health';
  if (!rec.item(id)) return;
  if (!input.live.readyz.ok) return rec.skip(id, input.live.readyz.reason);
  const lines = parseHealthChecks(input.live.readyz.value).filter(isEtcd);
  if (lines.length === 0) return rec.skip(id, said('etcd-health.no-check'));
  rec.checked(id, lines.length);
  for (const line of lines.filter((l) => !l.ok))
    rec.fail(
      id,
      { kind: 'APIServer', name: `/readyz ${line.name}` },
      line.detail
        ? said('etcd-health.failed', { check: line.name, detail: line.detail })
        : said('etcd-health.failed.no-reason', { check: line.name }),
    );
}

/** Certificates, or tokens: expired, or expiring within the item's days. Renewable ones never expire. */
function credentialExpiry(
  input: InspectionInput,
  rec: Recorder,
  id: 'certificate-expiry' | 'credential-expiry',
  certificates: boolean,
): void {
  if (!rec.item(id)) return;
  const window = Number(rec.param(id, 'days')) * 86_400_000;
  for (const credential of input.cluster.credentials) {
    if (
      (credential.kind === 'client-certificate') !== certificates ||
      credential.renewable ||
      !credential.expiresAt
    )
      continue;
    rec.checked(id);
    const left = Date.parse(credential.expiresAt) - input.now.getTime();
    const ref = { kind: 'Cluster', name: input.cluster.name };
    const values = { credential: credential.kind, field: credential.field, expiresAt: credential.expiresAt };
    if (left <= 0) rec.fail(id, ref, said(`${id}.expired`, values));
    else if (left <= window) rec.fail(id, ref, said(`${id}.expiring`, { ...values, days: days(left) }));
  }
}

/** Major and minor of "v1.34.1", "v1.34.1-kwok", "1.34"; undefined when it is not a version. */
export function minorVersion(
  version: string | undefined | null,
): { major: number; minor: number } | undefined {
  const match = /^v?(\d+)\.(\d+)/.exec(version ?? '');
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

function versionSkew(input: InspectionInput, rec: Recorder) {
  const id = 'version-skew';
  if (!rec.item(id)) return;
  if (!input.objects.nodes.ok) return rec.skip(id, input.objects.nodes.reason);
  const api = minorVersion(input.cluster.version);
  if (!api) return rec.skip(id, said('version-skew.api-unknown'));
  const most = Number(rec.param(id, 'maxMinorSkew'));
  const unknown: string[] = [];
  for (const node of input.objects.nodes.value) {
    const reported = node.status?.nodeInfo?.kubeletVersion as string | undefined;
    const kubelet = minorVersion(reported);
    if (!kubelet || kubelet.major !== api.major) {
      unknown.push(node.metadata.name);
      continue;
    }
    rec.checked(id);
    const versions = { kubelet: reported ?? '', apiServer: input.cluster.version ?? '' };
    if (kubelet.minor > api.minor) rec.fail(id, node, said('version-skew.newer', versions));
    else if (api.minor - kubelet.minor > most)
      rec.fail(
        id,
        node,
        said('version-skew.behind', { ...versions, behind: api.minor - kubelet.minor, most }),
      );
  }
  if (unknown.length > 0)
    rec.skip(id, said('version-skew.kubelets-unknown', { count: unknown.length, nodes: listed(unknown) }));
}

/** Requested APIs a coming release removes (apiserver_requested_deprecated_apis), each with its labels. */
export function deprecatedApiRequests(metrics: string): Array<Record<string, string>> {
  const found: Array<Record<string, string>> = [];
  for (const line of metrics.split('\n')) {
    if (!line.startsWith('apiserver_requested_deprecated_apis{')) continue;
    const match = /^[^{]+\{(.*)\}\s+(\S+)/.exec(line);
    if (!match?.[1] || Number(match[2]) === 0) continue;
    const labels: Record<string, string> = {};
    for (const pair of match[1].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1] ?? ''] = pair[2] ?? '';
    // Deprecated with no removal planned (core v1 Endpoints, which the control plane itself reads):
    // nothing breaks on upgrade, so it is no finding.
    if (labels.removed_release) found.push(labels);
  }
  return found;
}

function deprecatedApis(input: InspectionInput, rec: Recorder) {
  const id = 'deprecated-apis';
  if (!rec.item(id)) return;
  if (!input.live.metrics.ok) return rec.skip(id, input.live.metrics.reason);
  const requested = deprecatedApiRequests(input.live.metrics.value);
  rec.checked(id, Math.max(1, requested.length));
  for (const labels of requested) {
    const api = `${labels.group ? `${labels.group}/` : ''}${labels.version ?? ''}`;
    const resource = `${labels.resource ?? ''}${labels.subresource ? `/${labels.subresource}` : ''}`;
    rec.fail(
      id,
      { kind: 'APIVersion', name: `${api} ${resource}` },
      said('deprecated-apis.requested', { resource, api, release: labels.removed_release ?? '' }),
    );
  }
}

const TERMINAL = new Set(['Succeeded', 'Failed']);

/** CPU (cores) and memory (bytes) a pod asks for: its containers' sum, or an init container's if larger. */
export function podRequests(pod: KubeObject): { cpu: number; memory: number } {
  const sum = { cpu: 0, memory: 0 };
  for (const container of pod.spec?.containers ?? []) {
    sum.cpu += parseQuantity(container.resources?.requests?.cpu) || 0;
    sum.memory += parseQuantity(container.resources?.requests?.memory) || 0;
  }
  for (const container of pod.spec?.initContainers ?? []) {
    sum.cpu = Math.max(sum.cpu, parseQuantity(container.resources?.requests?.cpu) || 0);
    sum.memory = Math.max(sum.memory, parseQuantity(container.resources?.requests?.memory) || 0);
  }
  return sum;
}

export const isActivePod = (pod: KubeObject) => !TERMINAL.has(pod.status?.phase ?? '');

function requestsVsAllocatable(input: InspectionInput, rec: Recorder) {
  const id = 'requests-vs-allocatable';
  if (!rec.item(id)) return;
  const { pods, nodes } = input.objects;
  if (!nodes.ok) return rec.skip(id, nodes.reason);
  if (!pods.ok) return rec.skip(id, pods.reason);
  if (input.namespaces) return rec.skip(id, said('skip.some-namespaces'));
  const allocatable = { cpu: 0, memory: 0 };
  for (const node of nodes.value) {
    if (node.spec?.unschedulable) continue;
    allocatable.cpu += parseQuantity(node.status?.allocatable?.cpu) || 0;
    allocatable.memory += parseQuantity(node.status?.allocatable?.memory) || 0;
  }
  const requested = { cpu: 0, memory: 0 };
  for (const pod of pods.value.filter(isActivePod)) {
    const asks = podRequests(pod);
    requested.cpu += asks.cpu;
    requested.memory += asks.memory;
  }
  const limit = Number(rec.param(id, 'percent'));
  for (const resource of ['cpu', 'memory'] as const) {
    rec.checked(id);
    if (allocatable[resource] === 0) continue;
    const percent = (100 * requested[resource]) / allocatable[resource];
    if (percent > limit)
      rec.fail(
        id,
        { kind: 'Cluster', name: input.cluster.name },
        said(`requests-vs-allocatable.${resource}`, { percent: Math.round(percent), limit }),
      );
  }
}

export function checkCluster(input: InspectionInput, rec: Recorder) {
  componentHealth(input, rec);
  etcdHealth(input, rec);
  credentialExpiry(input, rec, 'certificate-expiry', true);
  credentialExpiry(input, rec, 'credential-expiry', false);
  versionSkew(input, rec);
  deprecatedApis(input, rec);
  requestsVsAllocatable(input, rec);
}
