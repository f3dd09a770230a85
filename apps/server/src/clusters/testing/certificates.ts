/** Certificates for tests, made with openssl (which the sandbox needs anyway). */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PemPair {
  cert: string;
  key: string;
  certPath: string;
  keyPath: string;
}

const opensslTime = (date: Date) => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** A new self-signed CA in `dir`. */
export async function makeCa(dir: string, name: string): Promise<PemPair> {
  const keyPath = path.join(dir, `${name}.key`);
  const certPath = path.join(dir, `${name}.crt`);
  await run('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', keyPath]);
  await run('openssl', [
    ...['req', '-x509', '-new', '-key', keyPath, '-subj', `/CN=${name}`, '-days', '30', '-out', certPath],
    ...[
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,digitalSignature',
    ],
  ]);
  return { cert: await readFile(certPath, 'utf8'), key: await readFile(keyPath, 'utf8'), certPath, keyPath };
}

/**
 * A client certificate signed by `ca`, valid from `notBefore` to `notAfter` (both may lie in the
 * past: `openssl ca` takes explicit dates, which `openssl x509` of OpenSSL 3.0 cannot).
 */
export async function issueClientCertificate(options: {
  dir: string;
  ca: Pick<PemPair, 'certPath' | 'keyPath'>;
  name: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
}): Promise<PemPair> {
  const { dir, name } = options;
  const file = (suffix: string) => path.join(dir, `${name}.${suffix}`);
  await run('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', file('key')]);
  await run('openssl', ['req', '-new', '-key', file('key'), '-subj', options.subject, '-out', file('csr')]);
  await writeFile(file('index'), '');
  await writeFile(file('serial'), `${Date.now().toString(16).padStart(16, '0')}\n`);
  await writeFile(
    file('cnf'),
    [
      '[ca]',
      'default_ca = ca_section',
      '[ca_section]',
      `database = ${file('index')}`,
      `new_certs_dir = ${dir}`,
      `serial = ${file('serial')}`,
      'default_md = sha256',
      'policy = policy_section',
      'x509_extensions = client_ext',
      'unique_subject = no',
      '[policy_section]',
      'commonName = supplied',
      'organizationName = optional',
      '[client_ext]',
      'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage = clientAuth',
      '',
    ].join('\n'),
  );
  await run('openssl', [
    ...[
      'ca',
      '-batch',
      '-notext',
      '-config',
      file('cnf'),
      '-cert',
      options.ca.certPath,
      '-keyfile',
      options.ca.keyPath,
    ],
    ...['-startdate', opensslTime(options.notBefore), '-enddate', opensslTime(options.notAfter)],
    ...['-in', file('csr'), '-out', file('crt')],
  ]);
  return {
    cert: await readFile(file('crt'), 'utf8'),
    key: await readFile(file('key'), 'utf8'),
    certPath: file('crt'),
    keyPath: file('key'),
  };
}
