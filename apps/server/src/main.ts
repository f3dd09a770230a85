import { ConfigError, loadConfig } from './config/config.ts';
import { startPortolan } from './portolan.ts';

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
  const portolan = await startPortolan(config, process.env);
  const stop = async () => {
    await portolan.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await portolan.ready;
}

await main();
