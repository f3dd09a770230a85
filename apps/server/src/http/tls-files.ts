import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The certificate the https listener presents: the files given, or a self-signed one for
 * 127.0.0.1 and localhost made once in `<dataDir>/tls` (the issued kubeconfig trusts it).
 */
export async function ensureServerCertificate(options: {
  dataDir: string;
  certFile?: string | undefined;
  keyFile?: string | undefined;
}): Promise<{ cert: string; key: string; selfSigned: boolean }> {
  if (options.certFile && options.keyFile) {
    return {
      cert: await readFile(options.certFile, 'utf8'),
      key: await readFile(options.keyFile, 'utf8'),
      selfSigned: false,
    };
  }
  const dir = path.join(options.dataDir, 'tls');
  const cert = path.join(dir, 'server.crt');
  const key = path.join(dir, 'server.key');
  try {
    return { cert: await readFile(cert, 'utf8'), key: await readFile(key, 'utf8'), selfSigned: true };
  } catch {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await run('openssl', [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', key, '-out', cert, '-days', '825', '-subj', '/CN=portolan'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
    ]);
    return { cert: await readFile(cert, 'utf8'), key: await readFile(key, 'utf8'), selfSigned: true };
  }
}
