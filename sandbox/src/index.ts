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
export { residentBytes } from './processes.ts';
export {
  createSandboxManager,
  type SandboxInfo,
  type SandboxManager,
  type SandboxManagerDeps,
  type StartReport,
} from './sandbox-manager.ts';
