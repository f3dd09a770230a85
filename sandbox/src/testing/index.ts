export { type TestCrdOptions, testCrd } from './crd.ts';
export { eventually, kubectl, kubectlOk, useNamespace } from './kubectl.ts';
export { processesMentioning } from './process-scan.ts';
export {
  type SharedSandbox,
  type SharedSandboxes,
  sharedSandboxes,
  uniqueNamespace,
} from './shared-sandboxes.ts';
