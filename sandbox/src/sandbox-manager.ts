import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { findMetricsServer, type MetricsServerLookup } from './binaries.ts';
import { createNodes, waitForClusterReady } from './cluster-ready.ts';
import {
  buildComponents,
  COMPONENT_NAMES,
  type ComponentContext,
  type ComponentName,
  type SandboxPorts,
} from './components.ts';
import { SandboxError } from './errors.ts';
import type { KubeEndpoint } from './kube-http.ts';
import { writeKubeconfig } from './kubeconfig.ts';
import { writeKwokConfig, writeSchedulerConfig } from './kwok-config.ts';
import { launchAll, stopAll } from './launch.ts';
import { removeMetricsApi } from './metrics-server.ts';
import { resolveOptions, type SandboxOptions, type SandboxOptionsInput } from './options.ts';
import { createPki, ensureAggregationPki, pkiPaths, readAdminCredentials } from './pki.ts';
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
  /**
   * Whether the metrics.k8s.io API (`kubectl top`, HPAs) is served: metrics-server runs. Nodes serve
   * kubelet resource metrics either way (kwok); `reason` says why the API is not there.
   */
  metrics: { available: boolean; reason?: string };
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
  /** Finds metrics-server's binary (default: findMetricsServer, which never builds). */
  metricsServer?: (binDir: string) => Promise<MetricsServerLookup>;
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
    metricsServerKubeconfig: path.join(dir, 'metrics-server.kubeconfig'),
  };
}

const PORT_NAMES = [
  'etcdClient',
  'etcdPeer',
  'apiserver',
  'controllerManager',
  'scheduler',
  'kwok',
  'metricsServer',
] as const satisfies readonly (keyof SandboxPorts)[];

async function pickPorts(previous?: Partial<SandboxPorts>, apiserverPort?: number): Promise<SandboxPorts> {
  // A sandbox made before a component existed has no port for it yet: it then gets a whole new set.
  if (previous && PORT_NAMES.every((name) => previous[name] !== undefined)) {
    const free = await Promise.all(Object.values(previous).map((port) => isPortFree(port)));
    if (free.every(Boolean)) return previous as SandboxPorts;
  }
  const [
    etcdClient = 0,
    etcdPeer = 0,
    apiserver = 0,
    controllerManager = 0,
    scheduler = 0,
    kwok = 0,
    metricsServer = 0,
  ] = await findFreePorts(PORT_NAMES.length);
  const ports: SandboxPorts = {
    etcdClient,
    etcdPeer,
    apiserver,
    controllerManager,
    scheduler,
    kwok,
    metricsServer,
  };
  return apiserverPort === undefined ? ports : { ...ports, apiserver: apiserverPort };
}

export function createSandboxManager(deps: SandboxManagerDeps): SandboxManager {
  const root = path.join(deps.dataDir, 'sandboxes');
  const progress = (message: string) => deps.onProgress?.(message);
  const dirOf = (name: string) => path.join(root, name);
  const lookUpMetricsServer = deps.metricsServer ?? ((binDir: string) => findMetricsServer(binDir));
  const binaryOf = (state: SandboxState, name: ComponentName) =>
    name === 'metrics-server' ? (state.metricsServerBin ?? name) : path.join(state.binDir, name);
  /** The components this sandbox runs: metrics-server only where it was found and wanted. */
  const componentsOf = (state: SandboxState) =>
    COMPONENT_NAMES.filter((name) => name !== 'metrics-server' || state.metricsServerBin);

  /** Decides, at each start, whether this sandbox runs metrics-server, and says why not. */
  async function chooseMetricsServer(state: SandboxState): Promise<void> {
    delete state.metricsServerBin;
    delete state.metricsUnavailable;
    if (state.options.metricsServer === false) {
      state.metricsUnavailable =
        'metrics-server is turned off for this sandbox (option metricsServer: false)';
      return;
    }
    const found = await lookUpMetricsServer(state.binDir);
    if (found.binary) state.metricsServerBin = found.binary;
    else {
      state.metricsUnavailable = found.missing ?? 'metrics-server was not found';
      progress(
        `${state.name}: no metrics-server, so kubectl top and HPAs are unavailable: ${state.metricsUnavailable}`,
      );
    }
  }

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
      metricsServerBin: state.metricsServerBin,
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
    await writeKubeconfig(
      files.metricsServerKubeconfig,
      await client('metrics-server', pki.metricsServerCert, pki.metricsServerKey),
    );
  }

  function describe(state: SandboxState): SandboxInfo {
    const dir = dirOf(state.name);
    const components = componentsOf(state).map((name) => {
      const pid = state.pids[name] ?? null;
      const running = pid !== null && isRunning(pid, binaryOf(state, name));
      return {
        name,
        pid: running ? pid : null,
        running,
        logPath: path.join(dir, 'logs', `${name}.log`),
        residentBytes: running && pid ? residentBytes(pid) : 0,
      };
    });
    const up = components.filter((component) => component.running).length;
    const metricsServer = components.find((component) => component.name === 'metrics-server');
    return {
      name: state.name,
      status: up === components.length ? 'running' : up === 0 ? 'stopped' : 'degraded',
      createdAt: state.createdAt,
      options: state.options,
      server: `https://127.0.0.1:${state.ports.apiserver}`,
      kubeconfigPath: path.join(dir, 'kubeconfig'),
      components,
      metrics: metricsServer?.running
        ? { available: true }
        : {
            available: false,
            reason: metricsServer
              ? 'metrics-server is not running; start the sandbox again'
              : (state.metricsUnavailable ?? 'metrics-server is not set up for this sandbox'),
          },
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
    // Every component that has a pid, metrics-server too if it ran and is no longer wanted.
    const running = COMPONENT_NAMES.flatMap((name) => {
      const pid = state.pids[name];
      return pid ? [{ spec: { name, binary: binaryOf(state, name) }, pid }] : [];
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
    await ensureAggregationPki(path.join(dirOf(state.name), 'pki'), state.name);
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
      await createNodes(ctx.admin, state.options, state.ports.kwok);
      await waitForClusterReady(ctx.admin, state.options.nodes, 90_000);
      if (!state.metricsServerBin) await removeMetricsApi(ctx.admin);
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
        await chooseMetricsServer(state);
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
      await chooseMetricsServer(state);
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
