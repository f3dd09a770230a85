import { isIP } from 'node:net';

/** The names proxy-addr (Fastify's trustProxy) knows for whole address ranges. */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * The reverse proxies whose X-Forwarded-For is believed: addresses, CIDR ranges, or loopback,
 * linklocal, uniquelocal, separated by commas. Throws a message naming the bad entry.
 */
export function parseTrustedProxies(text: string): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (RANGE_NAMES.includes(entry)) continue;
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !prefixOk || extra !== undefined)
      throw new Error(
        `"${entry}" is not an address, a CIDR range (10.0.0.0/8) or one of ${RANGE_NAMES.join(', ')}`,
      );
  }
  return entries;
}
