/**
 * The address kubeconfigs name for the Kubernetes API proxy: --proxy-url when set (behind a load
 * balancer users reach another address), else the proxy's own listener. A wildcard host is no
 * address to dial, so loopback stands in for it.
 */
export function proxyUrlOf(settings: { proxyUrl: string | undefined; host: string }, port: number): string {
  if (settings.proxyUrl) return settings.proxyUrl;
  const host = settings.host === '0.0.0.0' ? '127.0.0.1' : settings.host;
  return `https://${host}:${port}`;
}
