import { ensureServerCertificate } from '#server/http/tls-files.ts';
import { testTempDir } from './temp-dir.ts';

/** A self-signed certificate and key, as the server makes for itself, for test servers that speak TLS. */
export async function selfSignedCertificate(prefix: string): Promise<{ cert: string; key: string }> {
  const { cert, key } = await ensureServerCertificate({ dataDir: await testTempDir(prefix) });
  return { cert, key };
}
