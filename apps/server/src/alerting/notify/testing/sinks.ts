import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedRequest {
  url: string;
  headers: http.IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads the JSON it was sent as it is.
  body: any;
}

/**
 * A local HTTP sink on 127.0.0.1 that keeps what it receives and answers `status()` (a test turns it
 * to 500 and back). `verify` may refuse a request as the real chat service would, with its own answer.
 */
export async function startWebhookSink(
  verify?: (request: ReceivedRequest) => { status: number; body: unknown } | undefined,
) {
  const received: ReceivedRequest[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request = { url: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : undefined };
      const refusal = verify?.(request);
      if (status === 200 && !refusal) received.push(request);
      const answer = refusal ?? {
        status,
        body: status === 200 ? { errcode: 0, errmsg: 'ok' } : 'sink is failing on purpose',
      };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    setStatus: (next: number) => {
      status = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
}

/**
 * A local SMTP server (smtp-server) on 127.0.0.1 that takes one user and keeps every mail: without TLS,
 * or with implicit TLS on the given (self-signed) certificate.
 */
export async function startSmtpSink(
  credentials = { user: 'alerts', pass: 'mail-secret' },
  tls?: { key: string; cert: string },
) {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    secure: tls !== undefined,
    ...(tls ?? {}),
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass)
        return callback(null, { user: auth.username });
      return callback(new Error('535 5.7.8 Authentication credentials invalid'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  });
  // A client that refuses the certificate closes the socket mid-handshake: expected, not a failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * DingTalk's check as its documentation gives it: the sign is base64(HMAC-SHA256(secret,
 * timestamp + "\n" + secret)), the timestamp within an hour of now; otherwise errcode 310000.
 */
export function verifyDingTalk(secret: string, nowMs: () => number = Date.now) {
  return (request: ReceivedRequest) => {
    const url = new URL(request.url, 'http://sink');
    const timestamp = url.searchParams.get('timestamp') ?? '';
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    const fresh = Math.abs(nowMs() - Number(timestamp)) < 3_600_000;
    if (url.searchParams.get('sign') === expected && fresh) return undefined;
    return { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } };
  };
}

/**
 * Feishu's check as its documentation gives it: the sign is base64(HMAC-SHA256(key = timestamp + "\n"
 * + secret, message = "")), the timestamp in seconds within an hour; otherwise code 19021.
 */
export function verifyFeishu(secret: string, nowMs: () => number = Date.now) {
  return (request: ReceivedRequest) => {
    const timestamp = String(request.body?.timestamp ?? '');
    const expected = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
    const fresh = Math.abs(nowMs() / 1000 - Number(timestamp)) < 3600;
    if (request.body?.sign === expected && fresh) return undefined;
    return {
      status: 200,
      body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' },
    };
  };
}

/** A mail's Subject as a reader sees it: folded lines joined, RFC 2047 encoded words decoded. */
export function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header
    .replace(/\?=\r\n[ \t]+=\?/g, '?==?')
    .replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_, text: string) =>
      Buffer.from(
        text
          .replace(/_/g, ' ')
          .replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
        'latin1',
      ).toString('utf8'),
    )
    .replace(/\r\n[ \t]+/g, ' ');
}
