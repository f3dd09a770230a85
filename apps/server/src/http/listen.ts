import os from 'node:os';
import type { ServerConfig } from '#server/config/config.ts';
import { proxyUrlOf } from '#server/config/proxy-url.ts';
import { type StartupFacts, startupLines } from '#server/startup-facts.ts';
import type { App } from './app.ts';

const portOf = (app: App, configured: number) => {
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : configured;
};

/**
 * Starts the API (and console) listener and the Kubernetes API proxy's, then says where to sign in.
 * Answers the proxy's address as clients reach it and this replica's address as other replicas show it.
 */
export async function listenAndAnnounce(
  app: App,
  proxy: App,
  config: ServerConfig,
  admin: StartupFacts['admin'],
): Promise<{ proxyUrl: string; replicaAddress: string }> {
  await app.listen({
    host: config.host,
    port: config.port,
    listenTextResolver: (address) => `API and console listening at ${address}`,
  });
  await proxy.listen({
    host: config.host,
    port: config.proxyPort,
    listenTextResolver: (address) => `Kubernetes API proxy listening at ${address}`,
  });
  const proxyUrl = proxyUrlOf(config, portOf(proxy, config.proxyPort));
  const port = portOf(app, config.port);
  const lines = startupLines({
    host: config.host,
    port,
    proxyUrl,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    ...(admin ? { admin } : {}),
  });
  for (const line of lines.info) app.log.info(line);
  // A warning, so that it shows even when the log level hides the other start-up lines.
  if (lines.password) app.log.warn(lines.password);
  return { proxyUrl, replicaAddress: `${os.hostname()}:${port}` };
}
