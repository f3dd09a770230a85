import { execFile } from 'node:child_process';
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { SandboxError } from './errors.ts';

const run = promisify(execFile);

/** Paths of the sandbox's PKI files, all PEM. */
export interface SandboxPki {
  caCert: string;
  caKey: string;
  apiserverCert: string;
  apiserverKey: string;
  adminCert: string;
  adminKey: string;
  controllerManagerCert: string;
  controllerManagerKey: string;
  schedulerCert: string;
  schedulerKey: string;
  serviceAccountKey: string;
  kwokCert: string;
  kwokKey: string;
  /** The aggregation layer's own CA and the client the API server proxies aggregated APIs as. */
  frontProxyCaCert: string;
  frontProxyCaKey: string;
  frontProxyClientCert: string;
  frontProxyClientKey: string;
  /** metrics-server serves and calls the API server with this one (system:metrics-server). */
  metricsServerCert: string;
  metricsServerKey: string;
}

export function pkiPaths(dir: string): SandboxPki {
  const file = (name: string) => path.join(dir, name);
  return {
    caCert: file('ca.crt'),
    caKey: file('ca.key'),
    apiserverCert: file('apiserver.crt'),
    apiserverKey: file('apiserver.key'),
    adminCert: file('admin.crt'),
    adminKey: file('admin.key'),
    controllerManagerCert: file('kube-controller-manager.crt'),
    controllerManagerKey: file('kube-controller-manager.key'),
    schedulerCert: file('kube-scheduler.crt'),
    schedulerKey: file('kube-scheduler.key'),
    serviceAccountKey: file('service-account.key'),
    kwokCert: file('kwok.crt'),
    kwokKey: file('kwok.key'),
    frontProxyCaCert: file('front-proxy-ca.crt'),
    frontProxyCaKey: file('front-proxy-ca.key'),
    frontProxyClientCert: file('front-proxy-client.crt'),
    frontProxyClientKey: file('front-proxy-client.key'),
    metricsServerCert: file('metrics-server.crt'),
    metricsServerKey: file('metrics-server.key'),
  };
}

async function openssl(args: string[], configText?: string, dir?: string): Promise<void> {
  const finalArgs = [...args];
  if (configText !== undefined && dir) {
    const extFile = path.join(dir, 'ext.cnf');
    await writeFile(extFile, configText);
    finalArgs.push('-extfile', extFile);
  }
  try {
    await run('openssl', finalArgs);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new SandboxError(
      'pki-failed',
      `creating the sandbox certificates with openssl failed: ${detail}. Install openssl (apt-get install openssl) and try again.`,
      { component: 'pki' },
    );
  }
}

interface LeafSpec {
  cert: string;
  key: string;
  /** The CA that signs it (the sandbox's CA when absent). */
  ca?: { cert: string; key: string };
  subject: string;
  usage: 'clientAuth' | 'serverAuth' | 'serverAuth,clientAuth';
  altNames?: string[];
}

async function createCa(cert: string, key: string, subject: string, days: number): Promise<void> {
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key]);
  await openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    key,
    '-subj',
    subject,
    '-days',
    String(days),
    '-out',
    cert,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
  ]);
}

async function issueLeaf(dir: string, pki: SandboxPki, spec: LeafSpec, days: number): Promise<void> {
  const csr = `${spec.cert}.csr`;
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', spec.key]);
  await openssl(['req', '-new', '-key', spec.key, '-subj', spec.subject, '-out', csr]);
  const ext = [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage=${spec.usage}`,
    ...(spec.altNames ? [`subjectAltName=${spec.altNames.join(',')}`] : []),
  ].join('\n');
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      spec.ca?.cert ?? pki.caCert,
      '-CAkey',
      spec.ca?.key ?? pki.caKey,
      '-CAcreateserial',
      '-days',
      String(days),
      '-out',
      spec.cert,
    ],
    `${ext}\n`,
    dir,
  );
}

/**
 * Creates a new CA and the certificates every component needs: the API server's serving
 * certificate, client certificates for the admin (system:masters), the controller manager and
 * the scheduler, and the service-account signing key.
 */
export async function createPki(dir: string, clusterName: string, days = 365): Promise<SandboxPki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pki = pkiPaths(dir);
  await createCa(pki.caCert, pki.caKey, `/CN=portolan-sandbox-${clusterName}-ca`, days * 10);
  const leaves: LeafSpec[] = [
    {
      cert: pki.apiserverCert,
      key: pki.apiserverKey,
      subject: '/CN=kube-apiserver',
      usage: 'serverAuth,clientAuth',
      altNames: [
        'IP:127.0.0.1',
        'IP:10.96.0.1',
        'DNS:localhost',
        'DNS:kubernetes',
        'DNS:kubernetes.default',
        'DNS:kubernetes.default.svc',
        'DNS:kubernetes.default.svc.cluster.local',
      ],
    },
    {
      cert: pki.adminCert,
      key: pki.adminKey,
      subject: '/O=system:masters/CN=portolan-admin',
      usage: 'clientAuth',
    },
    {
      cert: pki.controllerManagerCert,
      key: pki.controllerManagerKey,
      subject: '/CN=system:kube-controller-manager',
      usage: 'clientAuth',
    },
    {
      cert: pki.schedulerCert,
      key: pki.schedulerKey,
      subject: '/CN=system:kube-scheduler',
      usage: 'clientAuth',
    },
    // kwok serves logs and exec in the nodes' place, as a kubelet would.
    {
      cert: pki.kwokCert,
      key: pki.kwokKey,
      subject: '/CN=kwok',
      usage: 'serverAuth',
      altNames: ['IP:127.0.0.1', 'DNS:localhost'],
    },
  ];
  for (const leaf of leaves) await issueLeaf(dir, pki, leaf, days);
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', pki.serviceAccountKey]);
  await removeLeftovers(dir, leaves);
  await ensureAggregationPki(dir, clusterName, days);
  return pki;
}

async function removeLeftovers(dir: string, leaves: LeafSpec[]): Promise<void> {
  const leftovers = [
    ...leaves.map((leaf) => `${leaf.cert}.csr`),
    path.join(dir, 'ext.cnf'),
    path.join(dir, 'ca.srl'),
    path.join(dir, 'front-proxy-ca.srl'),
  ];
  await Promise.all(leftovers.map((file) => rm(file, { force: true })));
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * The certificates of the aggregation layer (API server flags --requestheader-* and --proxy-client-*)
 * and of metrics-server, made when missing: sandboxes created before they existed get them at their
 * next start. The front proxy has its own CA, as Kubernetes advises, so no other client certificate
 * of the sandbox can pass for it.
 */
export async function ensureAggregationPki(
  dir: string,
  clusterName: string,
  days = 365,
): Promise<SandboxPki> {
  const pki = pkiPaths(dir);
  if (!(await exists(pki.frontProxyCaCert)) || !(await exists(pki.frontProxyCaKey))) {
    await createCa(
      pki.frontProxyCaCert,
      pki.frontProxyCaKey,
      `/CN=portolan-sandbox-${clusterName}-front-proxy-ca`,
      days * 10,
    );
    await rm(pki.frontProxyClientCert, { force: true });
  }
  const leaves: LeafSpec[] = [
    {
      cert: pki.frontProxyClientCert,
      key: pki.frontProxyClientKey,
      subject: '/CN=front-proxy-client',
      usage: 'clientAuth',
      ca: { cert: pki.frontProxyCaCert, key: pki.frontProxyCaKey },
    },
    {
      cert: pki.metricsServerCert,
      key: pki.metricsServerKey,
      subject: '/CN=system:metrics-server',
      usage: 'serverAuth,clientAuth',
      // The aggregator checks the name of the Service it reaches metrics-server through.
      altNames: ['IP:127.0.0.1', 'DNS:localhost', 'DNS:metrics-server.kube-system.svc'],
    },
  ];
  const missing: LeafSpec[] = [];
  for (const leaf of leaves) if (!(await exists(leaf.cert))) missing.push(leaf);
  for (const leaf of missing) await issueLeaf(dir, pki, leaf, days);
  await removeLeftovers(dir, missing);
  return pki;
}

/** Reads the files a client needs to talk to the API server as the admin. */
export async function readAdminCredentials(
  pki: SandboxPki,
): Promise<{ ca: string; cert: string; key: string }> {
  const [ca, cert, key] = await Promise.all([
    readFile(pki.caCert, 'utf8'),
    readFile(pki.adminCert, 'utf8'),
    readFile(pki.adminKey, 'utf8'),
  ]);
  return { ca, cert, key };
}
