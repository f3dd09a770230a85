import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createSandboxManager,
  findSandboxBinaries,
  type SandboxInfo,
  type SandboxOptionsInput,
} from '@portolan/sandbox';
import { formatBytes, printTable, UsageError } from './output.ts';

export const SANDBOX_USAGE = `Usage: portolan sandbox <command> [options]

Commands:
  create NAME [--nodes 3] [--cpu 8] [--memory 32Gi] [--pods 110]
              [--zones zone-a,zone-b,zone-c] [--region sandbox] [--label key=value]... [--port N]
  list [-o json]
  start NAME
  stop NAME
  delete NAME
  kubeconfig NAME          print the path of the admin kubeconfig

Sandboxes live in $PORTOLAN_DATA_DIR/sandboxes (default ./data).`;

function parseLabels(values: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UsageError(`--label "${value}" must look like key=value`);
    labels[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return labels;
}

function parseInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${flag} "${value}" must be a whole number`);
  return Number(value);
}

function describeSandbox(info: SandboxInfo): string {
  const lines = [
    `sandbox ${info.name} is ${info.status}: ${info.server}`,
    `  kubeconfig: ${info.kubeconfigPath}  (export KUBECONFIG=${info.kubeconfigPath})`,
    ...info.components.map(
      (component) =>
        `  ${component.name.padEnd(24)} ${component.running ? `pid ${component.pid}` : 'not running'}  log: ${component.logPath}`,
    ),
  ];
  return lines.join('\n');
}

export async function runSandboxCommand(argv: string[], out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      nodes: { type: 'string' },
      cpu: { type: 'string' },
      memory: { type: 'string' },
      pods: { type: 'string' },
      zones: { type: 'string' },
      region: { type: 'string' },
      label: { type: 'string', multiple: true },
      port: { type: 'string' },
      output: { type: 'string', short: 'o' },
    },
  });
  const [command, name] = positionals;
  const manager = createSandboxManager({
    dataDir: path.resolve(process.env.PORTOLAN_DATA_DIR ?? 'data'),
    binDir: () => findSandboxBinaries(),
    onProgress: (message) => process.stderr.write(`${message}\n`),
  });
  const needName = () => {
    if (!name) throw new UsageError(`portolan sandbox ${command} needs a sandbox NAME\n\n${SANDBOX_USAGE}`);
    return name;
  };
  switch (command) {
    case 'create': {
      const input: SandboxOptionsInput = { name: needName() };
      const nodes = parseInteger('nodes', values.nodes);
      const pods = parseInteger('pods', values.pods);
      const port = parseInteger('port', values.port);
      if (nodes !== undefined) input.nodes = nodes;
      if (pods !== undefined) input.nodePods = pods;
      if (port !== undefined) input.apiserverPort = port;
      if (values.cpu) input.nodeCpu = values.cpu;
      if (values.memory) input.nodeMemory = values.memory;
      if (values.zones) input.zones = values.zones.split(',').filter(Boolean);
      if (values.region) input.region = values.region;
      if (values.label) input.nodeLabels = parseLabels(values.label);
      const report = await manager.create(input);
      out(describeSandbox(report.sandbox));
      out(`ready in ${(report.readyMs / 1000).toFixed(1)} s`);
      return;
    }
    case 'start': {
      const report = await manager.start(needName());
      out(describeSandbox(report.sandbox));
      return;
    }
    case 'stop':
      out(describeSandbox(await manager.stop(needName())));
      return;
    case 'delete':
      await manager.delete(needName());
      out(`sandbox ${name} deleted`);
      return;
    case 'kubeconfig':
      out((await manager.get(needName())).kubeconfigPath);
      return;
    case 'list': {
      const sandboxes = await manager.list();
      if (values.output === 'json') {
        out(JSON.stringify(sandboxes, null, 2));
        return;
      }
      printTable(
        out,
        ['NAME', 'STATUS', 'NODES', 'SERVER', 'MEMORY', 'CREATED'],
        sandboxes.map((sandbox) => [
          sandbox.name,
          sandbox.status,
          String(sandbox.options.nodes),
          sandbox.server,
          formatBytes(sandbox.components.reduce((sum, component) => sum + component.residentBytes, 0)),
          sandbox.createdAt,
        ]),
      );
      return;
    }
    default:
      throw new UsageError(SANDBOX_USAGE);
  }
}
