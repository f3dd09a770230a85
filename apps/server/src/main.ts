import { createSandboxManager, findSandboxBinaries } from '@portolan/sandbox';
import { ConfigError, loadConfig } from './config/config.ts';
import { buildApp } from './http/app.ts';

/** The composition root: config → services → HTTP. Nothing else wires dependencies. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof TypeError) {
      process.stderr.write(`portolan: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  let ready = false;
  const sandboxes = createSandboxManager({ dataDir: config.dataDir, binDir: () => findSandboxBinaries() });
  const app = buildApp({ sandboxes, logLevel: config.logLevel, isReady: () => ready });
  const close = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ host: config.host, port: config.port });
  if (config.recoverSandboxes) {
    const restarted = await sandboxes.recover().catch((error: unknown) => {
      app.log.error({ err: error }, 'restarting sandboxes that were running failed');
      return [];
    });
    if (restarted.length > 0) app.log.info({ restarted }, 'restarted sandboxes that were running before');
  }
  ready = true;
}

await main();
