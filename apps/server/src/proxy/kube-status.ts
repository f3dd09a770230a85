import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** A Kubernetes `Status` object: kubectl prints its message as "Error from server (Reason): …". */
export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  code: number;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  500: 'InternalError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
};

export function kubeStatus(code: number, message: string): KubeStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: REASONS[code] ?? 'Unknown',
    code,
  };
}

/**
 * A Warning header with the message. kubectl reads discovery failures without their body and
 * prints only a generic "the server could not find the requested resource"; it always prints
 * warnings, so the user still learns which cluster was refused and why.
 */
export function statusWarning(status: KubeStatus): string {
  const text = status.message.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, '\\$&');
  return `299 - "${text}"`;
}

/** Answers a request whose socket was taken for an upgrade, then closes it. */
export function writeStatusToSocket(socket: Duplex, status: KubeStatus): void {
  const body = JSON.stringify(status);
  socket.end(
    `HTTP/1.1 ${status.code} ${STATUS_CODES[status.code] ?? ''}\r\n` +
      'content-type: application/json\r\n' +
      `warning: ${statusWarning(status)}\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      'connection: close\r\n\r\n' +
      body,
  );
}
