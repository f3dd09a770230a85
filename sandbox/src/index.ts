export { findSandboxBinaries } from './binaries.ts';
export { SandboxError } from './errors.ts';
export {
  KUBELET_RESOURCE_METRICS_PATH,
  kubeletEndpointUrl,
  nodeProxyResourceMetricsPath,
  RESOURCE_METRICS_PATH_ANNOTATION,
  resourceMetricsPath,
  sandboxResourceMetricsPath,
} from './metrics-endpoints.ts';
export { DEFAULT_OPTIONS, resolveOptions, type SandboxOptions, type SandboxOptionsInput } from './options.ts';
export type { NodePoolOptions, NodeTaintOptions } from './pool-options.ts';
export { POOL_LABEL } from './pool-options.ts';
export { residentBytes } from './processes.ts';
export {
  createSandboxManager,
  type SandboxInfo,
  type SandboxLifecycleManager,
  type SandboxManager,
  type SandboxManagerDeps,
  type StartReport,
} from './sandbox-manager.ts';
export type { SandboxOperations, SandboxSnapshot } from './sandbox-operations.ts';
export {
  DEFAULT_VERSION,
  ensureEtcdutl,
  ensureVersion,
  listVersions,
  minorOf,
  SANDBOX_VERSIONS,
  type SandboxVersion,
} from './versions.ts';
