import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findMetricsServer, type MetricsServerLookup } from './binaries.ts';
import { waitForClusterReady } from './cluster-ready.ts';
import { buildComponents, COMPONENT_NAMES, type ComponentContext, type ComponentName } from './components.ts';
import { SandboxError } from './errors.ts';
import type { KubeEndpoint } from './kube-http.ts';
import { writeKwokConfig } from './kwok-config.ts';
import { launchAll, stopAll } from './launch.ts';
import { removeMetricsApi } from './metrics-server.ts';
import { resolveOptions, type SandboxOptions, type SandboxOptionsInput } from './options.ts';
import { createPki, ensureAggregationPki, pkiPaths, readAdminCredentials } from './pki.ts';
import { planPoolNodes, registerNodes, sandboxVersion, totalNodes } from './pool-operations.ts';
import { isPortFree } from './ports.ts';
import { isRunning, residentBytes } from './processes.ts';
import {
  AUDIT_POLICY,
  auditFiles,
  componentContextFiles,
  pickPorts,
  writeClientFiles,
} from './sandbox-files.ts';
import { type SandboxOperations, sandboxOperations } from './sandbox-operations.ts';
import { readState, type SandboxState, writeState } from './state.ts';
import { DEFAULT_VERSION, ensureVersion } from './versions.ts';

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
  /** The control plane's Kubernetes version. */
  version: string;
  /** Pool sandboxes: every node with its pool and the kubelet version it reports. */
  nodes?: { name: string; pool: string; version: string }[];
  /** Where kube-apiserver writes its audit log, when the sandbox has one. */
  auditLogPath?: string;
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
  /**
   * The control-plane binaries of a version (default: ensureVersion, which builds and caches; the
   * default version is the main build, binDir).
   */
  versionBinDir?: (version: string, onProgress: (line: string) => void) => Promise<string>;
  /** etcdutl for restores (default: ensureEtcdutl, built once and cached). */
  etcdutl?: (onProgress: (line: string) => void) => Promise<string>;
}

/** A SandboxManager with the lifecycle operations (snapshots, upgrades, node pools). */
export type SandboxLifecycleManager = SandboxManager & SandboxOperations;

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

export function createSandboxManager(deps: SandboxManagerDeps): SandboxLifecycleManager {
  const root = path.join(deps.dataDir, 'sandboxes');
  const progress = (message: string) => deps.onProgress?.(message);
  const dirOf = (name: string) => path.join(root, name);
  const lookUpMetricsServer = deps.metricsServer ?? ((binDir: string) => findMetricsServer(binDir));
  const versionBinDir = async (version: string, onProgress: (line: string) => void) =>
    version === DEFAULT_VERSION
      ? deps.binDir()
      : (deps.versionBinDir ?? ((v: string, p: (line: string) => void) => ensureVersion(v, p)))(
          version,
          onProgress,
        );
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
      controlPlaneBinDir: state.controlPlaneBinDir,
      serviceCidr: state.options.serviceCidr,
      podCidr: state.options.podCidr,
      audit: state.options.auditLog ? auditFiles(dir) : undefined,
    };
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
      version: sandboxVersion(state),
      ...(state.poolNodes
        ? {
            nodes: Object.entries(state.poolNodes).flatMap(([pool, names]) =>
              names.map((node) => ({
                name: node,
                pool,
                version: state.nodeVersions?.[node] ?? sandboxVersion(state),
              })),
            ),
          }
        : {}),
      ...(state.options.auditLog ? { auditLogPath: auditFiles(dir).logFile } : {}),
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

  async function stopProcesses(state: SandboxState, only?: ComponentName[]): Promise<void> {
    // Every component that has a pid, metrics-server too if it ran and is no longer wanted.
    const running = COMPONENT_NAMES.flatMap((name) => {
      const pid = state.pids[name];
      return pid && (!only || only.includes(name))
        ? [{ spec: { name, binary: binaryOf(state, name) }, pid }]
        : [];
    });
    await stopAll(running);
    if (only) for (const name of only) delete state.pids[name];
    else state.pids = {};
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
    if (ctx.audit) await writeFile(ctx.audit.policyFile, AUDIT_POLICY);
    planPoolNodes(state);
    await writeState(ctx.dir, state);
    await writeKwokConfig({
      file: ctx.files.kwokConfig,
      stagesDir: path.join(state.binDir, '..', 'kwok-stages'),
      logFile: path.join(ctx.dir, 'pod.log'),
      execDir: path.join(ctx.dir, 'exec'),
      sandboxName: state.name,
      ...(state.options.podCidr ? { podCidr: state.options.podCidr } : {}),
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
      await registerNodes(ctx.admin, state, state.ports.kwok);
      await waitForClusterReady(ctx.admin, totalNodes(state), 90_000);
      if (!state.metricsServerBin) await removeMetricsApi(ctx.admin);
    } catch (error) {
      await stopProcesses(state);
      throw error;
    }
    const readyMs = Date.now() - started;
    progress(`${state.name}: ${totalNodes(state)} nodes Ready in ${(readyMs / 1000).toFixed(1)} s`);
    return {
      sandbox: describe(state),
      readyMs,
      componentReadyMs: Object.fromEntries(launched.map((item) => [item.spec.name, item.readyMs])),
    };
  }

  const operations = sandboxOperations({
    dirOf,
    load,
    save: (state) => writeState(dirOf(state.name), state),
    context,
    stop: stopProcesses,
    async launch(state, names) {
      const ctx = await context(state);
      const specs = buildComponents(ctx).filter((spec) => names.includes(spec.name));
      await launchAll(specs, async (name, pid) => {
        progress(`${state.name}: ${name} ready (pid ${pid})`);
        state.pids[name as ComponentName] = pid;
        await writeState(ctx.dir, state);
      });
    },
    boot,
    running: (state, name) => isRunning(state.pids[name], binaryOf(state, name)),
    controlPlaneBinDir: versionBinDir,
    ...(deps.etcdutl ? { etcdutl: deps.etcdutl } : {}),
  });

  const manager: SandboxLifecycleManager = {
    ...operations,
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
        const controlPlaneBinDir = options.version
          ? await versionBinDir(options.version, progress)
          : undefined;
        progress(`${options.name}: creating certificates`);
        await createPki(path.join(dir, 'pki'), options.name);
        const state: SandboxState = {
          name: options.name,
          createdAt: new Date().toISOString(),
          options,
          ports: await pickPorts(undefined, options.apiserverPort),
          binDir,
          ...(options.version ? { version: options.version, controlPlaneBinDir } : {}),
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
      // A sandbox comes back on its recorded version.
      if (state.version) state.controlPlaneBinDir = await versionBinDir(state.version, progress);
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
