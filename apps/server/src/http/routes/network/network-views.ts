import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { NotFoundError } from '#server/resources/resource-errors.ts';
import { builtIn, callObject, listIn } from '#server/workloads/workload-kinds.ts';

const SERVICES = builtIn('', 'v1', 'services', 'Service');
const SECRETS = builtIn('', 'v1', 'secrets', 'Secret');
const SLICES = builtIn('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice');
const INGRESSES = builtIn('networking.k8s.io', 'v1', 'ingresses', 'Ingress');

export interface Endpoint {
  addresses: string[];
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  pod?: string;
  node?: string;
  zone?: string;
}

interface Slice extends KubeObject {
  addressType?: string;
  endpoints?: {
    addresses?: string[];
    conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
    targetRef?: { kind?: string; name?: string };
    nodeName?: string;
    zone?: string;
  }[];
  ports?: { name?: string; port?: number; protocol?: string }[];
}

/** A Service with the endpoints its EndpointSlices list (none for ExternalName or no ready pods). */
export async function serviceWithEndpoints(client: KubeClient, namespace: string, name: string) {
  const service = await callObject(client, { resource: SERVICES, namespace, name }, 'get');
  const slices = await listIn<Slice>(client, SLICES, namespace, {
    labelSelector: `kubernetes.io/service-name=${name}`,
  });
  const endpoints: Endpoint[] = slices.flatMap((slice) =>
    (slice.endpoints ?? []).map((entry) => {
      const endpoint: Endpoint = {
        addresses: entry.addresses ?? [],
        // A missing condition means true, as Kubernetes defines it.
        ready: entry.conditions?.ready !== false,
        serving: entry.conditions?.serving !== false,
        terminating: entry.conditions?.terminating === true,
      };
      if (entry.targetRef?.kind === 'Pod' && entry.targetRef.name) endpoint.pod = entry.targetRef.name;
      if (entry.nodeName) endpoint.node = entry.nodeName;
      if (entry.zone) endpoint.zone = entry.zone;
      return endpoint;
    }),
  );
  const ports = slices[0]?.ports ?? [];
  const spec = (service.spec ?? {}) as { type?: string; clusterIP?: string };
  return {
    service,
    type: spec.type ?? 'ClusterIP',
    headless: spec.clusterIP === 'None',
    endpoints,
    ports,
    slices: slices.map((slice) => slice.metadata?.name ?? ''),
  };
}

interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: Backend;
  rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend?: Backend }[] } }[];
  tls?: { hosts?: string[]; secretName?: string }[];
}
interface Backend {
  service?: { name: string; port?: { number?: number; name?: string } };
  resource?: { apiGroup?: string; kind?: string; name?: string };
}

async function exists(client: KubeClient, resource: typeof SERVICES, namespace: string, name: string) {
  try {
    await callObject(client, { resource, namespace, name }, 'get');
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

/** An Ingress with its rules and TLS flattened, each naming whether its Service or Secret exists. */
export async function ingressWithRules(client: KubeClient, namespace: string, name: string) {
  const ingress = await callObject(client, { resource: INGRESSES, namespace, name }, 'get');
  const spec = (ingress.spec ?? {}) as IngressSpec;
  const found = new Map<string, Promise<boolean>>();
  const check = (resource: typeof SERVICES, target: string) => {
    const key = `${resource.resource}/${target}`;
    if (!found.has(key)) found.set(key, exists(client, resource, namespace, target));
    return found.get(key) as Promise<boolean>;
  };
  const backendView = async (backend: Backend | undefined) => {
    if (!backend) return undefined;
    if (!backend.service) return { resource: backend.resource };
    const port = backend.service.port?.number ?? backend.service.port?.name;
    return { service: backend.service.name, port, serviceFound: await check(SERVICES, backend.service.name) };
  };
  const rules = await Promise.all(
    (spec.rules ?? []).map(async (rule) => ({
      host: rule.host ?? '*',
      paths: await Promise.all(
        (rule.http?.paths ?? []).map(async (entry) => ({
          path: entry.path ?? '/',
          pathType: entry.pathType ?? 'ImplementationSpecific',
          backend: await backendView(entry.backend),
        })),
      ),
    })),
  );
  const tls = await Promise.all(
    (spec.tls ?? []).map(async (entry) => ({
      hosts: entry.hosts ?? [],
      secretName: entry.secretName ?? null,
      secretFound: entry.secretName ? await check(SECRETS, entry.secretName) : false,
    })),
  );
  const status = ingress.status as
    | { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } }
    | undefined;
  return {
    ingress,
    className: spec.ingressClassName ?? null,
    rules,
    tls,
    defaultBackend: (await backendView(spec.defaultBackend)) ?? null,
    addresses: (status?.loadBalancer?.ingress ?? []).map((entry) => entry.ip ?? entry.hostname ?? ''),
  };
}
