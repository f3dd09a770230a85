import type { InspectedKind, InspectionInput, KubeObject } from './inspection-input.ts';
import type { Recorder } from './recorder.ts';
import { containersOf, podSpecOf } from './references.ts';
import { type Said, said } from './said.ts';

// biome-ignore lint/suspicious/noExplicitAny: containers are read loosely
type Container = any;

const ownerKind = (object: KubeObject) => object.metadata.ownerReferences?.[0]?.kind;

/**
 * The objects whose pod template a person wrote: controllers not made by another controller, and pods
 * made by none. A Deployment's ReplicaSets and a CronJob's Jobs are left out, so one image problem is
 * one finding, not one per pod.
 */
function templatesOf(input: InspectionInput): { objects: KubeObject[]; missing: Said[] } {
  const objects: KubeObject[] = [];
  const missing: Said[] = [];
  const take = (kind: InspectedKind, keep: (object: KubeObject) => boolean = () => true) => {
    const found = input.objects[kind];
    if (!found.ok) missing.push(found.reason);
    else objects.push(...found.value.filter(keep));
  };
  take('deployments');
  take('statefulsets');
  take('daemonsets');
  take('cronjobs');
  take('replicasets', (rs) => ownerKind(rs) !== 'Deployment');
  take('jobs', (job) => ownerKind(job) !== 'CronJob');
  take('pods', (pod) => !pod.metadata.ownerReferences?.length);
  return { objects, missing };
}

const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** "nginx", "nginx:latest", "registry:5000/app" have no fixed version; "app:1.2" and "app@sha256:…" do. */
export function floatingImage(image: string): boolean {
  if (image.includes('@')) return false;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon === -1 || last.slice(colon + 1) === 'latest';
}

export function templateChecks(input: InspectionInput, rec: Recorder) {
  const ids = [
    'image-latest',
    'missing-requests-limits',
    'missing-probes',
    'privileged-containers',
    'root-containers',
  ];
  const { objects, missing } = templatesOf(input);
  for (const reason of missing) for (const id of ids) if (rec.item(id)) rec.skip(id, reason);
  const requireLimits =
    rec.item('missing-requests-limits') && rec.param('missing-requests-limits', 'requireLimits') === true;
  for (const object of objects) {
    const spec = podSpecOf(object);
    if (!spec) continue;
    const containers: Container[] = containersOf(spec);
    const regular: Container[] = spec.containers ?? [];
    const names = (list: Container[]) => list.map((c) => c.name).join(', ');
    if (rec.item('image-latest')) {
      rec.checked('image-latest');
      const floating = containers.filter((c) => typeof c.image === 'string' && floatingImage(c.image));
      if (floating.length > 0)
        rec.fail(
          'image-latest',
          object,
          said('image-latest.floating', { images: floating.map((c) => `${c.name} (${c.image})`).join(', ') }),
        );
    }
    if (rec.item('missing-requests-limits')) {
      rec.checked('missing-requests-limits');
      const problems: string[] = [];
      for (const container of [...(spec.initContainers ?? []), ...regular]) {
        // Named by their fields in the pod spec, which read the same in every language.
        const absent = [
          ...['cpu', 'memory']
            .filter((r) => container.resources?.requests?.[r] === undefined)
            .map((r) => `requests.${r}`),
          ...(requireLimits
            ? ['cpu', 'memory']
                .filter((r) => container.resources?.limits?.[r] === undefined)
                .map((r) => `limits.${r}`)
            : []),
        ];
        if (absent.length > 0) problems.push(`${container.name}: ${absent.join(', ')}`);
      }
      if (problems.length > 0)
        rec.fail(
          'missing-requests-limits',
          object,
          said('missing-requests-limits.absent', { missing: problems.join('; ') }),
        );
    }
    if (rec.item('missing-probes') && LONG_RUNNING.has(object.kind ?? '')) {
      rec.checked('missing-probes');
      const problems = regular
        .map((c) => ({ c, absent: ['readinessProbe', 'livenessProbe'].filter((probe) => !c[probe]) }))
        .filter(({ absent }) => absent.length > 0)
        .map(({ c, absent }) => `${c.name}: ${absent.join(', ')}`);
      if (problems.length > 0)
        rec.fail('missing-probes', object, said('missing-probes.absent', { missing: problems.join('; ') }));
    }
    if (rec.item('privileged-containers')) {
      rec.checked('privileged-containers');
      const privileged = containers.filter((c) => c.securityContext?.privileged === true);
      if (privileged.length > 0)
        rec.fail(
          'privileged-containers',
          object,
          said('privileged-containers.privileged', { containers: names(privileged) }),
        );
    }
    if (rec.item('root-containers')) {
      rec.checked('root-containers');
      const root: Container[] = [];
      const unset: Container[] = [];
      for (const container of containers) {
        const user = container.securityContext?.runAsUser ?? spec.securityContext?.runAsUser;
        const nonRoot = container.securityContext?.runAsNonRoot ?? spec.securityContext?.runAsNonRoot;
        if (user === 0) root.push(container);
        else if (user === undefined && nonRoot !== true) unset.push(container);
      }
      if (root.length > 0 && unset.length > 0)
        rec.fail(
          'root-containers',
          object,
          said('root-containers.both', { root: names(root), unset: names(unset) }),
        );
      else if (root.length > 0)
        rec.fail('root-containers', object, said('root-containers.user-0', { containers: names(root) }));
      else if (unset.length > 0)
        rec.fail('root-containers', object, said('root-containers.unset', { containers: names(unset) }));
    }
  }
}
