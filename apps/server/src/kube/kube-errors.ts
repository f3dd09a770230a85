/** One cause of a Kubernetes Status, e.g. a field that failed validation. */
export interface KubeStatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: KubeStatusCause[];
    retryAfterSeconds?: number;
  };
}

const REASON_BY_CODE: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** The API server answered with an error; keeps the Status's reason, code, message and causes. */
export class KubeError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly causes: KubeStatusCause[];
  readonly details: KubeStatus['details'];
  readonly method: string;
  readonly path: string;
  readonly server: string;

  constructor(status: KubeStatus, request: { method: string; path: string; server: string }) {
    const code = status.code ?? 500;
    super(status.message || `${request.method} ${request.path} answered ${code}`);
    this.name = 'KubeError';
    this.code = code;
    this.reason = status.reason || REASON_BY_CODE[code] || 'Unknown';
    this.causes = status.details?.causes ?? [];
    this.details = status.details;
    this.method = request.method;
    this.path = request.path;
    this.server = request.server;
  }
}

export function isKubeStatus(value: unknown): value is KubeStatus {
  return typeof value === 'object' && value !== null && (value as KubeStatus).kind === 'Status';
}

/** A KubeError from any non-2xx answer, Status or not (a proxy in between may answer HTML). */
export function kubeErrorFromResponse(
  status: number,
  body: unknown,
  request: { method: string; path: string; server: string },
): KubeError {
  if (isKubeStatus(body)) return new KubeError({ ...body, code: body.code || status }, request);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const snippet = text.trim().slice(0, 300);
  return new KubeError(
    {
      code: status,
      message: `${request.method} ${request.path} answered ${status}${snippet ? `: ${snippet}` : ''}`,
    },
    request,
  );
}
