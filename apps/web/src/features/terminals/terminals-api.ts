import type {
  TerminalFile,
  TerminalFileList,
  TerminalHistoryPage,
  TerminalHistoryQuery,
  TerminalSession,
  TerminalSessionList,
} from '@portolan/api';
import { ApiError, CSRF_COOKIE, readCookie, request } from '../../api/client.ts';

export type {
  TerminalEndReason,
  TerminalFile,
  TerminalRecord,
  TerminalSession,
} from '@portolan/api';

const enc = encodeURIComponent;
const base = (id: string) => `/api/v1/terminals/${enc(id)}`;

/** The attach WebSocket's address on this page's host (ws: or wss: as the page). */
export function attachUrl(
  id: string,
  location: { protocol: string; host: string } = window.location,
): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${base(id)}/attach`;
}

export const terminalsApi = {
  open: (cluster: string, size: { cols: number; rows: number }) =>
    request<TerminalSession>('POST', `/api/v1/clusters/${enc(cluster)}/terminals`, size),
  /** The caller's sessions still open (on any replica). */
  list: () => request<TerminalSessionList>('GET', '/api/v1/terminals'),
  end: (id: string) => request<void>('DELETE', base(id)),
  files: (id: string) => request<TerminalFileList>('GET', `${base(id)}/files`),
  /** A link that downloads one file of the session's home (the session cookie goes with it). */
  fileUrl: (id: string, path: string) => `${base(id)}/files/content?path=${enc(path)}`,
  history: (query: TerminalHistoryQuery) => {
    const params = new URLSearchParams(
      Object.entries(query)
        .filter(([, value]) => value !== undefined && value !== '')
        .map(([key, value]) => [key, String(value)]),
    );
    return request<TerminalHistoryPage>('GET', `/api/v1/terminals/history?${params}`);
  },
  transcriptUrl: (id: string) => `${base(id)}/transcript`,
  async transcript(id: string): Promise<string> {
    const response = await fetch(`${base(id)}/transcript`, { credentials: 'same-origin' });
    const text = await response.text();
    if (!response.ok) throw errorOf(response.status, text, `GET ${base(id)}/transcript`);
    return text;
  },
};

/** A refusal's body as ApiError, whatever shape it came in. */
function errorOf(status: number, text: string, what: string): ApiError {
  try {
    const body = JSON.parse(text) as { error?: { code: string; message: string } };
    if (body.error?.message) return new ApiError(status, body.error);
  } catch {
    // not JSON: said below
  }
  return new ApiError(status, { code: `http-${status}`, message: `${what} answered ${status}` });
}

/**
 * Uploads one file into the session's home under its own name. XMLHttpRequest rather than fetch,
 * because fetch reports no upload progress. Refusals carry the server's reason (e.g. too big).
 */
export function uploadFile(
  id: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
): { done: Promise<TerminalFile>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const url = `${base(id)}/files/content?path=${enc(file.name)}`;
  const done = new Promise<TerminalFile>((resolve, reject) => {
    xhr.open('PUT', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    const csrf = readCookie(document.cookie, CSRF_COOKIE);
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as TerminalFile);
      else reject(errorOf(xhr.status, xhr.responseText, `PUT ${url}`));
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, { code: 'unreachable', message: 'the Portolan server did not answer the upload' }),
      );
    xhr.onabort = () => reject(new ApiError(0, { code: 'aborted', message: 'the upload was cancelled' }));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
