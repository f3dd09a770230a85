import { parseQuantity } from '@portolan/kinds';
import { isActivePod } from './checks-cluster.ts';
import type { InspectionInput, KubeObject } from './inspection-input.ts';
import type { Recorder } from './recorder.ts';
import { said } from './said.ts';

type Condition = { type: string; status: string; reason?: string; message?: string };
const conditionsOf = (node: KubeObject): Condition[] => node.status?.conditions ?? [];
/** What a condition says (its reason and message, Kubernetes' words), or '' when it says nothing. */
const saidBy = (condition: Condition) => [condition.reason, condition.message].filter(Boolean).join(': ');

function nodeConditions(nodes: KubeObject[], rec: Recorder) {
  const id = 'node-conditions';
  if (!rec.item(id)) return;
  for (const node of nodes) {
    rec.checked(id);
    const ready = conditionsOf(node).find((c) => c.type === 'Ready');
    if (!ready) rec.fail(id, node, said('node-conditions.no-ready'));
    else if (ready.status !== 'True')
      rec.fail(
        id,
        node,
        saidBy(ready)
          ? said('node-conditions.not-ready', { status: ready.status, detail: saidBy(ready) })
          : said('node-conditions.not-ready.no-reason', { status: ready.status }),
      );
  }
}

function nodeHeartbeat(input: InspectionInput, nodes: KubeObject[], rec: Recorder) {
  const id = 'node-heartbeat';
  if (!rec.item(id)) return;
  if (!input.live.nodeLeases.ok) return rec.skip(id, input.live.nodeLeases.reason);
  const leases = new Map(input.live.nodeLeases.value.map((lease) => [lease.metadata.name, lease]));
  const most = Number(rec.param(id, 'maxAgeSeconds')) * 1000;
  for (const node of nodes) {
    rec.checked(id);
    const lease = leases.get(node.metadata.name);
    const renewed = Date.parse(lease?.spec?.renewTime ?? '');
    if (!lease || !Number.isFinite(renewed)) {
      rec.fail(id, node, said('node-heartbeat.no-lease'));
      continue;
    }
    const age = input.now.getTime() - renewed;
    if (age > most)
      rec.fail(
        id,
        node,
        said('node-heartbeat.stale', { seconds: Math.round(age / 1000), limit: most / 1000 }),
      );
  }
}

const PRESSURE = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'];

function nodePressure(nodes: KubeObject[], rec: Recorder) {
  const id = 'node-pressure';
  if (!rec.item(id)) return;
  for (const node of nodes) {
    rec.checked(id);
    for (const condition of conditionsOf(node))
      if (PRESSURE.includes(condition.type) && condition.status === 'True')
        rec.fail(
          id,
          node,
          saidBy(condition)
            ? said('node-pressure.condition', { condition: condition.type, detail: saidBy(condition) })
            : said('node-pressure.condition.no-reason', { condition: condition.type }),
        );
  }
}

function nodePodCapacity(input: InspectionInput, nodes: KubeObject[], rec: Recorder) {
  const id = 'node-pod-capacity';
  if (!rec.item(id)) return;
  if (!input.objects.pods.ok) return rec.skip(id, input.objects.pods.reason);
  if (input.namespaces) return rec.skip(id, said('node-pod-capacity.some-namespaces'));
  const perNode = new Map<string, number>();
  for (const pod of input.objects.pods.value)
    if (pod.spec?.nodeName && isActivePod(pod))
      perNode.set(pod.spec.nodeName, (perNode.get(pod.spec.nodeName) ?? 0) + 1);
  const limit = Number(rec.param(id, 'percent'));
  for (const node of nodes) {
    const capacity = parseQuantity(node.status?.allocatable?.pods);
    if (!capacity) continue;
    rec.checked(id);
    const running = perNode.get(node.metadata.name) ?? 0;
    if ((100 * running) / capacity > limit)
      rec.fail(id, node, said('node-pod-capacity.over', { running, capacity, limit }));
  }
}

function nodeUsage(input: InspectionInput, nodes: KubeObject[], rec: Recorder) {
  const id = 'node-usage';
  if (!rec.item(id)) return;
  if (!input.live.nodeMetrics.ok) return rec.skip(id, input.live.nodeMetrics.reason);
  const usage = new Map(
    input.live.nodeMetrics.value.map((m) => [m.metadata.name, m.usage as Record<string, string>]),
  );
  const limits = { cpu: Number(rec.param(id, 'cpuPercent')), memory: Number(rec.param(id, 'memoryPercent')) };
  for (const node of nodes) {
    const used = usage.get(node.metadata.name);
    if (!used) continue;
    rec.checked(id);
    for (const resource of ['cpu', 'memory'] as const) {
      const allocatable = parseQuantity(node.status?.allocatable?.[resource]);
      const percent = allocatable ? (100 * (parseQuantity(used[resource]) || 0)) / allocatable : 0;
      if (percent > limits[resource])
        rec.fail(
          id,
          node,
          said(`node-usage.${resource}`, { percent: Math.round(percent), limit: limits[resource] }),
        );
    }
  }
}

export function checkNodes(input: InspectionInput, rec: Recorder) {
  if (!input.objects.nodes.ok) {
    for (const id of [
      'node-conditions',
      'node-heartbeat',
      'node-pressure',
      'node-pod-capacity',
      'node-usage',
    ])
      if (rec.item(id)) rec.skip(id, input.objects.nodes.reason);
    return;
  }
  const nodes = input.objects.nodes.value;
  nodeConditions(nodes, rec);
  nodeHeartbeat(input, nodes, rec);
  nodePressure(nodes, rec);
  nodePodCapacity(input, nodes, rec);
  nodeUsage(input, nodes, rec);
}
