export { findSandboxBinaries } from './binaries.ts';
export { SandboxError } from './errors.ts';
export { DEFAULT_OPTIONS, resolveOptions, type SandboxOptions, type SandboxOptionsInput } from './options.ts';
export { residentBytes } from './processes.ts';
export {
  createSandboxManager,
  type SandboxInfo,
  type SandboxManager,
  type SandboxManagerDeps,
  type StartReport,
} from './sandbox-manager.ts';
