import https from 'node:https';
import { isIP } from 'node:net';
import { kubeletEndpointUrl } from '@portolan/sandbox';
import type { KubeClient } from '#server/kube/kube-client.ts';

/** A node as the store keeps it: enough to find its kubelet. */
export interface StoredNode {
  metadata: { name: string; annotations?: Record<string, string> };
  status?: {
    addresses?: { type: string; address: string }[];
    daemonEndpoints?: { kubeletEndpoint?: { Port?: number } };
  };
}

/**
 * The API server refuses to proxy to a node whose address is loopback (`400 address not allowed`), and
 * sandbox nodes live on 127.0.0.1 (kwok serves their kubelet endpoints on this machine). Such a node is
 * scraped directly instead, trusting the cluster's own CA (kwok's certificate is signed by it) and
 * sending no credential: nothing leaves this machine. Any other address goes through the API server.
 */
export function loopbackKubeletUrl(node: StoredNode): string | undefined {
  const address = node.status?.addresses?.find((item) => item.type === 'InternalIP')?.address;
  if (!address || !isLoopback(address)) return undefined;
  return kubeletEndpointUrl(node);
}

function isLoopback(address: string): boolean {
  if (isIP(address) === 4) return address.startsWith('127.');
  return address === '::1';
}

/** GET the kubelet URL directly; the answer's status and text (never throws for an HTTP status). */
export function scrapeKubeletDirectly(
  url: string,
  trust: KubeClient['trust'],
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = https.get(
      url,
      {
        ...(trust?.ca ? { ca: trust.ca } : {}),
        rejectUnauthorized: trust?.insecureSkipTlsVerify !== true,
        // kwok answers 406 to a bare text/plain; Prometheus' own scrapes send this list.
        headers: { accept: 'text/plain;version=0.0.4;q=0.9,*/*;q=0.1' },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}
