import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { createNodes, waitForClusterReady } from './cluster-ready.ts';
import { buildComponents, COMPONENT_NAMES, type ComponentContext, type SandboxPorts } from './components.ts';
import { SandboxError } from './errors.ts';
import type { KubeEndpoint } from './kube-http.ts';
import { writeKubeconfig } from './kubeconfig.ts';
import { writeKwokConfig, writeSchedulerConfig } from './kwok-config.ts';
import { launchAll, stopAll } from './launch.ts';
import { resolveOptions, type SandboxOptions, type SandboxOptionsInput } from './options.ts';
import { createPki, pkiPaths, readAdminCredentials } from './pki.ts';
import { findFreePorts, isPortFree } from './ports.ts';
import { isRunning, residentBytes } from './processes.ts';
import { readState, type SandboxState, writeState } from './state.ts';

export interface SandboxComponentInfo {
  name: string;
  pid: number | null;
  running: boolean;
  logPath: string;
  residentBytes: number;
}

export interface SandboxInfo {
  name: string;
  status: 'running' | 'stopped' | 'degraded';
  createdAt: string;
  options: SandboxOptions;
  server: string;
  kubeconfigPath: string;
  components: SandboxComponentInfo[];
}

export interface StartReport {
  sandbox: SandboxInfo;
  /** Milliseconds from the first process start to all nodes Ready. */
  readyMs: number;
  componentReadyMs: Record<string, number>;
}

export interface SandboxManagerDeps {
  /** Sandboxes live in `<dataDir>/sandboxes/<name>`. */
  dataDir: string;
  /** Where the built binaries are; asked only when a sandbox starts. */
  binDir: () => Promise<string>;
  onProgress?: (message: string) => void;
}

export interface SandboxManager {
  create(input: SandboxOptionsInput): Promise<StartReport>;
  list(): Promise<SandboxInfo[]>;
  get(name: string): Promise<SandboxInfo>;
  start(name: string): Promise<StartReport>;
  stop(name: string): Promise<SandboxInfo>;
  delete(name: string): Promise<void>;
  /**
   * Restarts sandboxes that were running when their processes died (a machine restart);
   * sandboxes a user stopped stay stopped. Returns the names restarted.
   */
  recover(): Promise<string[]>;
}

function componentContextFiles(dir: string) {
  return {
    adminKubeconfig: path.join(dir, 'kubeconfig'),
    controllerManagerKubeconfig: path.join(dir, 'kube-controller-manager.kubeconfig'),
    schedulerKubeconfig: path.join(dir, 'kube-scheduler.kubeconfig'),
    schedulerConfig: path.join(dir, 'kube-scheduler.yaml'),
    kwokConfig: path.join(dir, 'kwok.yaml'),
  };
}

async function pickPorts(previous?: SandboxPorts, apiserverPort?: number): Promise<SandboxPorts> {
  if (previous) {
    const free = await Promise.all(Object.values(previous).map((port) => isPortFree(port)));
    if (free.every(Boolean)) return previous;
  }
  const [etcdClient, etcdPeer, apiserver, controllerManager, scheduler, kwok] = await findFreePorts(6);
  return {
    etcdClient: etcdClient as number,
    etcdPeer: etcdPeer as number,
    apiserver: apiserverPort ?? (apiserver as number),
    controllerManager: controllerManager as number,
    scheduler: scheduler as number,
    kwok: kwok as number,
  };
}

export function createSandboxManager(deps: SandboxManagerDeps): SandboxManager {
  const root = path.join(deps.dataDir, 'sandboxes');
  const progress = (message: string) => deps.onProgress?.(message);
  const dirOf = (name: string) => path.join(root, name);

  async function context(state: SandboxState): Promise<ComponentContext> {
    const dir = dirOf(state.name);
    const pki = pkiPaths(path.join(dir, 'pki'));
    const credentials = await readAdminCredentials(pki);
    const admin: KubeEndpoint = { server: `https://127.0.0.1:${state.ports.apiserver}`, ...credentials };
    return {
      name: state.name,
      dir,
      binDir: state.binDir,
      ports: state.ports,
      pki,
      files: componentContextFiles(dir),
      admin,
    };
  }

  /** Kubeconfigs carry the API server's port, so they are rewritten whenever ports are chosen. */
  async function writeClientFiles(ctx: ComponentContext): Promise<void> {
    const { pki, files, admin } = ctx;
    const read = (file: string) => readFile(file, 'utf8');
    const client = async (user: string, cert: string, key: string) => ({
      clusterName: ctx.name,
      userName: user,
      server: admin.server,
      ca: admin.ca,
      cert: await read(cert),
      key: await read(key),
    });
    await writeKubeconfig(files.adminKubeconfig, await client('admin', pki.adminCert, pki.adminKey));
    await writeKubeconfig(
      files.controllerManagerKubeconfig,
      await client('kube-controller-manager', pki.controllerManagerCert, pki.controllerManagerKey),
    );
    await writeKubeconfig(
      files.schedulerKubeconfig,
      await client('kube-scheduler', pki.schedulerCert, pki.schedulerKey),
    );
    await writeSchedulerConfig(files.schedulerConfig, files.schedulerKubeconfig);
  }

  function describe(state: SandboxState): SandboxInfo {
    const dir = dirOf(state.name);
    const components = COMPONENT_NAMES.map((name) => {
      const pid = state.pids[name] ?? null;
      const running = pid !== null && isRunning(pid, path.join(state.binDir, name));
      return {
        name,
        pid: running ? pid : null,
        running,
        logPath: path.join(dir, 'logs', `${name}.log`),
        residentBytes: running && pid ? residentBytes(pid) : 0,
      };
    });
    const up = components.filter((component) => component.running).length;
    return {
      name: state.name,
      status: up === components.length ? 'running' : up === 0 ? 'stopped' : 'degraded',
      createdAt: state.createdAt,
      options: state.options,
      server: `https://127.0.0.1:${state.ports.apiserver}`,
      kubeconfigPath: path.join(dir, 'kubeconfig'),
      components,
    };
  }

  async function load(name: string): Promise<SandboxState> {
    const state = await readState(dirOf(name));
    if (!state) {
      throw new SandboxError(
        'not-found',
        `no sandbox named "${name}"; \`portolan sandbox list\` shows the sandboxes there are`,
      );
    }
    return state;
  }

  async function stopProcesses(state: SandboxState): Promise<void> {
    const running = COMPONENT_NAMES.flatMap((name) => {
      const pid = state.pids[name];
      return pid ? [{ spec: { name, binary: path.join(state.binDir, name) }, pid }] : [];
    });
    await stopAll(running);
    state.pids = {};
    await writeState(dirOf(state.name), state);
  }

  /** Ports are picked free but bound later; another process may take one in between, so retry. */
  async function boot(state: SandboxState): Promise<StartReport> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await bootOnce(state);
      } catch (error) {
        const clash = error instanceof SandboxError && error.code === 'port-taken';
        if (!clash || attempt >= 3 || state.options.apiserverPort !== undefined) throw error;
        progress(`${state.name}: a port was taken meanwhile; trying new ports`);
        state.ports = await pickPorts(undefined, undefined);
        await writeState(dirOf(state.name), state);
      }
    }
  }

  async function bootOnce(state: SandboxState): Promise<StartReport> {
    const started = Date.now();
    const ctx = await context(state);
    await mkdir(path.join(ctx.dir, 'logs'), { recursive: true });
    await mkdir(path.join(ctx.dir, 'exec'), { recursive: true });
    await writeClientFiles(ctx);
    await writeKwokConfig({
      file: ctx.files.kwokConfig,
      stagesDir: path.join(state.binDir, '..', 'kwok-stages'),
      logFile: path.join(ctx.dir, 'pod.log'),
      execDir: path.join(ctx.dir, 'exec'),
      sandboxName: state.name,
    });
    const specs = buildComponents(ctx);
    const launched = await launchAll(specs, async (name, pid) => {
      progress(`${state.name}: ${name} ready (pid ${pid})`);
      state.pids[name as keyof SandboxState['pids']] = pid;
      await writeState(ctx.dir, state);
    }).catch(async (error: unknown) => {
      state.pids = {};
      await writeState(ctx.dir, state);
      throw error;
    });
    try {
      await createNodes(ctx.admin, state.options);
      await waitForClusterReady(ctx.admin, state.options.nodes, 90_000);
    } catch (error) {
      await stopProcesses(state);
      throw error;
    }
    const readyMs = Date.now() - started;
    progress(`${state.name}: ${state.options.nodes} nodes Ready in ${(readyMs / 1000).toFixed(1)} s`);
    return {
      sandbox: describe(state),
      readyMs,
      componentReadyMs: Object.fromEntries(launched.map((item) => [item.spec.name, item.readyMs])),
    };
  }

  const manager: SandboxManager = {
    async create(input) {
      const options = resolveOptions(input);
      const dir = dirOf(options.name);
      await mkdir(root, { recursive: true });
      try {
        await mkdir(dir);
      } catch {
        throw new SandboxError(
          'already-exists',
          `a sandbox named "${options.name}" already exists; start it, delete it, or choose another name`,
        );
      }
      try {
        if (options.apiserverPort !== undefined && !(await isPortFree(options.apiserverPort))) {
          throw new SandboxError(
            'port-taken',
            `port ${options.apiserverPort} for kube-apiserver is taken by another process; choose another port or leave it out to pick a free one`,
            { component: 'kube-apiserver' },
          );
        }
        const binDir = await deps.binDir();
        progress(`${options.name}: creating certificates`);
        await createPki(path.join(dir, 'pki'), options.name);
        const state: SandboxState = {
          name: options.name,
          createdAt: new Date().toISOString(),
          options,
          ports: await pickPorts(undefined, options.apiserverPort),
          binDir,
          pids: {},
        };
        await writeState(dir, state);
        return await boot(state);
      } catch (error) {
        // Keep the logs of a sandbox that got as far as starting; drop one that never did.
        if (!(await readState(dir))) await rm(dir, { recursive: true, force: true });
        throw error;
      }
    },

    async list() {
      let names: string[] = [];
      try {
        names = (await readdir(root)).sort();
      } catch {
        return [];
      }
      const states = await Promise.all(names.map((name) => readState(dirOf(name))));
      return states.filter((state): state is SandboxState => state !== undefined).map(describe);
    },

    async get(name) {
      return describe(await load(name));
    },

    async start(name) {
      const state = await load(name);
      const info = describe(state);
      if (info.status === 'running') return { sandbox: info, readyMs: 0, componentReadyMs: {} };
      await stopProcesses(state);
      state.binDir = await deps.binDir();
      state.ports = await pickPorts(state.ports, state.options.apiserverPort);
      await writeState(dirOf(name), state);
      return boot(state);
    },

    async stop(name) {
      const state = await load(name);
      await stopProcesses(state);
      return describe(state);
    },

    async recover() {
      const restarted: string[] = [];
      for (const info of await manager.list()) {
        const state = await load(info.name);
        const wasRunning = Object.keys(state.pids).length > 0;
        if (wasRunning && info.status !== 'running') {
          await manager.start(info.name);
          restarted.push(info.name);
        }
      }
      return restarted;
    },

    async delete(name) {
      const state = await load(name);
      await stopProcesses(state);
      await rm(dirOf(name), { recursive: true, force: true });
    },
  };
  return manager;
}
