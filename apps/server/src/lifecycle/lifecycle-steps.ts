import type { LifecycleStepCode, ManagedClusterSpec, OperationStep } from '@portolan/api';
import { uncordonNode } from '#server/nodes/node-edits.ts';
import { checkClusterSpec } from './cluster-spec.ts';
import {
  apiserverNotReady,
  apiserverReports,
  controlPlaneReady,
  deploymentsBehind,
  nodesNotReady,
  preflightChecks,
  serverVersion,
  waitFor,
} from './kube-checks.ts';
import { MANAGED_LABELS } from './managed-clusters.ts';
import type { StepContext, StepWork } from './operation-runner.ts';
import { poolAndSnapshotWork } from './pool-steps.ts';
import { createStepTools, runOf, type StepDeps, waitingLine } from './step-tools.ts';
import { type Said, StepError, said } from './step-words.ts';

export type { StepDeps } from './step-tools.ts';

/** The step's work by its code: each does what is left to do, so a resumed step carries on. */
export function createStepWork(deps: StepDeps): StepWork {
  const tools = createStepTools(deps);
  const { kubeconfigs, kubeconfigOf, client, saveSpec, drain } = tools;
  const work: Record<
    LifecycleStepCode,
    (step: OperationStep, context: StepContext) => Promise<Said | undefined>
  > = {
    async validate(_step, context) {
      const spec = context.operation.input.spec as ManagedClusterSpec;
      checkClusterSpec(spec, await deps.provider.versions());
      const labels = await deps.clusters.labelsOf(spec.name);
      if (labels && labels['portolan.dev/managed-by'] !== MANAGED_LABELS['portolan.dev/managed-by'])
        throw new StepError(
          'name-taken',
          { cluster: spec.name },
          `a cluster named "${spec.name}" was registered by someone else meanwhile`,
        );
      return said('spec-checked', { cluster: spec.name }, `spec of ${spec.name} checked`);
    },
    async 'prepare-version'(step, context) {
      const version = String(step.params.version);
      const entry = (await deps.provider.versions()).find((v) => v.version === version);
      if (entry?.built) return said('version-built-already', { version }, `${version} is built already`);
      await deps.provider.prepareVersion(version, runOf(context));
      return said('version-built', { version }, `${version} built`);
    },
    async create(_step, context) {
      const spec = context.operation.input.spec as ManagedClusterSpec;
      await kubeconfigOf(spec, context);
      return said(
        'cluster-made',
        { cluster: spec.name, version: spec.version },
        `cluster ${spec.name} made on ${spec.version}`,
      );
    },
    async 'wait-ready'(_step, context) {
      const name = context.operation.cluster;
      const spec = context.operation.input.spec as ManagedClusterSpec | undefined;
      const kube =
        (await deps.clusters.clientOf(name)) ??
        (spec
          ? await deps.clusters.clientFromKubeconfig(await kubeconfigOf(spec, context))
          : await client(name));
      await waitFor(
        context.signal,
        async () => ((await controlPlaneReady(kube, context.signal)) ? undefined : apiserverNotReady()),
        waitingLine(context),
      );
      const nodes = (await deps.provider.describe(name))?.nodes.map((node) => node.name) ?? [];
      await waitFor(
        context.signal,
        () => nodesNotReady(kube, nodes, undefined, context.signal),
        waitingLine(context),
      );
      return said('nodes-ready', { count: nodes.length }, `${nodes.length} nodes Ready`);
    },
    async register(_step, context) {
      const spec = context.operation.input.spec as ManagedClusterSpec;
      if (!(await deps.clusters.labelsOf(spec.name)))
        await deps.clusters.register(spec.name, await kubeconfigOf(spec, context), { ...MANAGED_LABELS });
      kubeconfigs.delete(spec.name);
      await waitFor(context.signal, () => deps.clusters.notSyncing(spec.name), waitingLine(context));
      return said('registered', { cluster: spec.name }, `registered as ${spec.name} and syncing`);
    },
    async preflight(_step, context) {
      const { fromVersion = '', toVersion = '' } = context.operation;
      const failed = (
        await preflightChecks(await client(context.operation.cluster), fromVersion, toVersion)
      ).filter((check) => check.status === 'fail');
      if (failed.length > 0)
        throw new StepError(
          'preflight-failed',
          { checks: failed.map((check) => check.id).join(',') },
          failed.map((check) => `${check.title}: ${check.message}`).join('; '),
        );
      return said('checks-passed', {}, 'every check passed');
    },
    async snapshot(step, context) {
      const name = context.operation.cluster;
      if (context.operation.kind === 'upgrade' && context.operation.snapshotId)
        return said(
          'snapshot-taken-already',
          { snapshot: context.operation.snapshotId },
          `snapshot ${context.operation.snapshotId} taken already`,
        );
      const snapshot = await deps.provider.takeSnapshot(
        name,
        String(step.params.reason ?? 'manual'),
        runOf(context),
      );
      context.operation.snapshotId = snapshot.id;
      return said(
        'snapshot-taken',
        { snapshot: snapshot.id, bytes: snapshot.sizeBytes },
        `snapshot ${snapshot.id} (${snapshot.sizeBytes} bytes)`,
      );
    },
    async 'control-plane'(step, context) {
      const name = context.operation.cluster;
      const version = String(step.params.version);
      await deps.provider.upgradeControlPlane(name, version, runOf(context));
      const kube = await client(name);
      await waitFor(
        context.signal,
        async () => {
          if (!(await controlPlaneReady(kube, context.signal))) return apiserverNotReady();
          const now = await serverVersion(kube, context.signal);
          return now === version ? undefined : apiserverReports(now);
        },
        waitingLine(context),
      );
      return said('control-plane-on', { version }, `control plane on ${version}`);
    },
    async 'upgrade-nodes'(step, context) {
      const name = context.operation.cluster;
      const version = String(step.params.version);
      const nodes = String(step.params.nodes).split(',').filter(Boolean);
      const kube = await client(name);
      const described = await deps.provider.describe(name);
      await Promise.all(
        nodes.map(async (node) => {
          const current = described?.nodes.find((n) => n.name === node);
          if (!current) return;
          if (current.version !== version) {
            await drain(kube, node, context);
            await deps.provider.upgradeNode(name, node, version, runOf(context));
          }
          await uncordonNode(kube, node);
          await waitFor(
            context.signal,
            () => nodesNotReady(kube, [node], version, context.signal),
            waitingLine(context),
          );
        }),
      );
      return said('nodes-on', { nodes: nodes.join(', '), version }, `${nodes.join(', ')} on ${version}`);
    },
    async 'post-checks'(step, context) {
      const name = context.operation.cluster;
      const version = String(step.params.version);
      const kube = await client(name);
      await waitFor(
        context.signal,
        async () => {
          const now = await serverVersion(kube, context.signal);
          if (now !== version) return apiserverReports(now);
          return (
            (await nodesNotReady(kube, undefined, version, context.signal)) ??
            (await deploymentsBehind(kube, context.signal))
          );
        },
        waitingLine(context),
      );
      await saveSpec(name, (spec) => ({ ...spec, version }));
      return said(
        'all-on',
        { version },
        `control plane and every node on ${version}; every Deployment available`,
      );
    },
    ...poolAndSnapshotWork(deps, tools),
  };

  return async (step, context) => {
    const run = (work as Record<string, (typeof work)[LifecycleStepCode] | undefined>)[step.code];
    if (!run)
      throw new StepError(
        'unknown-step',
        { code: step.code },
        `this Portolan does not know the step "${step.code}"; run the version that started it`,
      );
    return run(step, context);
  };
}
