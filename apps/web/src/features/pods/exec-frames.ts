/**
 * Kubernetes' exec channel framing as Portolan's exec WebSocket speaks it (pod-exec-routes.ts): the
 * first byte of every binary message is the channel.
 */
export const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, status: 3, resize: 4 } as const;

const encoder = new TextEncoder();

export function stdinFrame(data: string): Uint8Array<ArrayBuffer> {
  const bytes = encoder.encode(data);
  const frame = new Uint8Array(bytes.length + 1);
  frame[0] = CHANNEL.stdin;
  frame.set(bytes, 1);
  return frame;
}

export function resizeFrame(cols: number, rows: number): Uint8Array<ArrayBuffer> {
  const bytes = encoder.encode(JSON.stringify({ Width: cols, Height: rows }));
  const frame = new Uint8Array(bytes.length + 1);
  frame[0] = CHANNEL.resize;
  frame.set(bytes, 1);
  return frame;
}

/** The Kubernetes Status a session ends with: Success, or Failure with a reason and message. */
export interface ExecStatus {
  status: 'Success' | 'Failure';
  code?: number;
  reason?: string;
  message?: string;
  details?: { causes?: { reason?: string; message?: string }[] };
}

export type Frame =
  | { channel: 'output'; data: Uint8Array }
  | { channel: 'status'; status: ExecStatus }
  | { channel: 'other' };

export function readFrame(message: ArrayBuffer): Frame {
  const bytes = new Uint8Array(message);
  const channel = bytes[0];
  if (channel === CHANNEL.stdout || channel === CHANNEL.stderr)
    return { channel: 'output', data: bytes.subarray(1) };
  if (channel === CHANNEL.status) {
    try {
      return {
        channel: 'status',
        status: JSON.parse(new TextDecoder().decode(bytes.subarray(1))) as ExecStatus,
      };
    } catch {
      return { channel: 'status', status: { status: 'Failure', message: 'unreadable status frame' } };
    }
  }
  return { channel: 'other' };
}

/** The exit code a NonZeroExitCode status carries, if it is one. */
export function exitCodeOf(status: ExecStatus): number | undefined {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((entry) => entry.reason === 'ExitCode');
  if (cause?.message && /^\d+$/.test(cause.message)) return Number(cause.message);
  const written = /exit (?:status|code)[: ]+(\d+)/.exec(status.message ?? '');
  return written ? Number(written[1]) : undefined;
}

/**
 * How a session ended, from its last status and the socket's close: exited (with a code), lost access
 * (1008), refused before it started (a Failure that is not an exit), or the connection dropped.
 */
export type Ending =
  | { kind: 'exited'; code: number }
  | { kind: 'refused'; message: string }
  | { kind: 'revoked'; message: string }
  | { kind: 'dropped'; code: number };

export function endingOf(status: ExecStatus | undefined, closeCode: number, started: boolean): Ending {
  if (closeCode === 1008) return { kind: 'revoked', message: status?.message ?? '' };
  if (status) {
    const code = exitCodeOf(status);
    if (code !== undefined && (started || status.status === 'Success')) return { kind: 'exited', code };
    if (status.status === 'Failure')
      return { kind: 'refused', message: status.message ?? status.reason ?? '' };
  }
  if (closeCode === 1000) return { kind: 'exited', code: 0 };
  return { kind: 'dropped', code: closeCode };
}
