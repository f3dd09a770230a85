import type { RouteOptions } from 'fastify';

/** The largest request bodies the server reads, in bytes; both are settings. */
export interface BodyLimits {
  /** Every route but those taking manifests: sign-in, kubeconfigs, bindings, … */
  default: number;
  /** Routes taking Kubernetes manifests: an operator's bundle of CRDs and deployments runs to megabytes. */
  manifests: number;
}

export const MIB = 1024 * 1024;

export const DEFAULT_BODY_LIMITS: BodyLimits = { default: 1 * MIB, manifests: 8 * MIB };

/** The setting that raises each limit, named in the answer to a body over it. */
export const BODY_LIMIT_SETTINGS: Record<keyof BodyLimits, string> = {
  default: '--body-limit-mib or PORTOLAN_BODY_LIMIT_MIB',
  manifests: '--manifest-body-limit-mib or PORTOLAN_MANIFEST_BODY_LIMIT_MIB',
};

/** What a route remembers of its limit, so a 413 can name it and the setting that raises it. */
export interface RouteBodyLimit {
  bytes: number;
  setting: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    bodyLimit?: RouteBodyLimit;
  }
}

const YAML_TYPE = /yaml/;
/** Routes whose JSON bodies are whole Kubernetes objects (create, replace, patch of any kind). */
const OBJECT_ROUTE = /^\/api\/v1\/clusters\/:cluster\/resources\//;

/** A route takes manifests when it accepts YAML, or a Kubernetes object of any kind. */
export function takesManifests(route: Pick<RouteOptions, 'url' | 'schema'>): boolean {
  const content = (route.schema?.body as { content?: Record<string, unknown> } | undefined)?.content;
  if (content && Object.keys(content).some((type) => YAML_TYPE.test(type))) return true;
  return OBJECT_ROUTE.test(route.url);
}

/**
 * Sets a route's body limit on purpose, unless the route set its own: manifests get the large limit,
 * everything else the small one. The route's config keeps the figure and the setting for the 413.
 */
export function limitBody(route: RouteOptions, limits: BodyLimits): void {
  const which: keyof BodyLimits = takesManifests(route) ? 'manifests' : 'default';
  const bytes = route.bodyLimit ?? limits[which];
  route.bodyLimit = bytes;
  // A new object: several routes may share one config object.
  route.config = { ...route.config, bodyLimit: { bytes, setting: BODY_LIMIT_SETTINGS[which] } };
}

/** `16 MiB`, `512 KiB` or `300 bytes`: how a limit reads in a message. */
export function formatBytes(bytes: number): string {
  if (bytes >= MIB && bytes % (MIB / 16) === 0) return `${bytes / MIB} MiB`;
  if (bytes >= 1024 && bytes % 64 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
