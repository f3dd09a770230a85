/**
 * The sandbox clusters that one test run shares. `scripts/run-tests.ts` creates them before the
 * test files run and passes them in PORTOLAN_TEST_SANDBOXES; every cluster test uses its own
 * namespace so files can run side by side.
 */
export interface SharedSandbox {
  name: string;
  kubeconfig: string;
  server: string;
}

export interface SharedSandboxes {
  binDir: string;
  dataDir: string;
  clusters: SharedSandbox[];
}

export function sharedSandboxes(env: NodeJS.ProcessEnv = process.env): SharedSandboxes {
  const text = env.PORTOLAN_TEST_SANDBOXES;
  if (!text) {
    throw new Error('cluster tests need the shared sandboxes: run them through `npm test` (scripts/test.sh)');
  }
  return JSON.parse(text) as SharedSandboxes;
}

let counter = 0;
/** A namespace name unique to this test process. */
export function uniqueNamespace(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}
