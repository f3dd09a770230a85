import type http from 'node:http';
import type net from 'node:net';
import { addressOf, KubeConnectionError, type RequestStep } from './kube-connection-errors.ts';

const STEP_TEXT: Record<RequestStep, string> = {
  credentials: 'while getting the credentials (an exec plugin or a token file)',
  proxy: 'while the proxy (proxy-url) opened a tunnel to it',
  connect: 'while connecting (TCP)',
  tls: 'during the TLS handshake',
  'first-byte': 'waiting for the first byte of its answer',
  body: 'while reading its answer',
};

const STEP_HINT: Record<RequestStep, string> = {
  credentials: 'check that the exec plugin answers quickly when run on the Portolan server',
  proxy: 'check proxy-url in the kubeconfig and that the proxy answers',
  connect: 'check the server address and that a firewall does not drop the connection',
  tls: "check that the server address is the API server's https address and that it is not frozen",
  'first-byte': 'the API server accepted the connection but does not answer: it may be frozen or overloaded',
  body: 'the API server stopped sending halfway: it may be overloaded',
};

/**
 * One deadline for a whole request: credentials, proxy tunnel, connect, TLS, first byte and body.
 * Socket timeouts cannot give that: they restart on each step, and node may fire them late.
 */
export interface RequestDeadline {
  readonly step: RequestStep;
  enter(step: RequestStep): void;
  /** What to stop when the time runs out (the request, then the response); replaces the last. */
  onExpire(cancel: (error: KubeConnectionError) => void): void;
  /** Waits for `work`, rejecting with the timeout error if the time runs out first. */
  race<T>(work: Promise<T>): Promise<T>;
  /** Follows a request's socket through connect and TLS to the wait for an answer. */
  track(outgoing: http.ClientRequest, secure: boolean): void;
  clear(): void;
}

export function startDeadline(timeoutMs: number, server: string, first: RequestStep): RequestDeadline {
  let step = first;
  let cancel: ((error: KubeConnectionError) => void) | undefined;
  let expired: KubeConnectionError | undefined;
  const waiting = new Set<(error: KubeConnectionError) => void>();
  const address = addressOf(server);

  const expire = () => {
    const seconds = Math.round(timeoutMs / 100) / 10;
    expired = new KubeConnectionError(
      'timeout',
      address,
      `a request to the API server at ${address} took longer than ${seconds} s: the time ran out ${STEP_TEXT[step]}; ${STEP_HINT[step]}`,
      'ETIMEDOUT',
      step,
    );
    cancel?.(expired);
    for (const reject of waiting) reject(expired);
    waiting.clear();
  };
  const timer = setTimeout(expire, Math.max(0, timeoutMs));

  return {
    get step() {
      return step;
    },
    enter(next) {
      step = next;
    },
    onExpire(next) {
      cancel = next;
      if (expired) next(expired);
    },
    race<T>(work: Promise<T>): Promise<T> {
      if (expired) return Promise.reject(expired);
      return new Promise<T>((resolve, reject) => {
        waiting.add(reject);
        work.then(
          (value) => {
            waiting.delete(reject);
            resolve(value);
          },
          (error: unknown) => {
            waiting.delete(reject);
            reject(error);
          },
        );
      });
    },
    track(outgoing, secure) {
      outgoing.once('socket', (socket: net.Socket) => {
        if (outgoing.reusedSocket) {
          step = 'first-byte';
          return;
        }
        const handshake = () => {
          step = secure ? 'tls' : 'first-byte';
        };
        if (socket.connecting) {
          step = 'connect';
          socket.once('connect', handshake);
        } else handshake();
        if (secure) socket.once('secureConnect', () => (step = 'first-byte'));
      });
    },
    clear() {
      clearTimeout(timer);
      waiting.clear();
      cancel = undefined;
    },
  };
}
