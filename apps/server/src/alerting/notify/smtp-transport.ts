import nodemailer from 'nodemailer';
import type { AttemptResult } from './delivery-attempt.ts';
import type { ReceiverSettings } from './receiver-config.ts';

type Smtp = NonNullable<ReceiverSettings['smtp']>;

/** The reply code at the start of an SMTP answer ("250 OK: queued as …"). */
const replyCode = (text: string | undefined) => {
  const code = Number(text?.slice(0, 3));
  return Number.isInteger(code) && code >= 200 ? code : undefined;
};

function smtpError(error: unknown, smtp: Smtp, timeoutSeconds: number): AttemptResult {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const where = `${smtp.host}:${smtp.port}`;
  const said = e.response ? `: ${e.response.slice(0, 300)}` : '';
  const status = e.responseCode;
  // A certificate the server shows that is not trusted comes as a socket error: it is a TLS problem.
  if (e.code === 'ETLS' || /certificate|self.signed|SSL routines|TLS/i.test(e.message ?? ''))
    return { ok: false, status, error: `TLS with ${where} failed: ${e.message}` };
  switch (e.code) {
    case 'EAUTH':
      return { ok: false, status, error: `SMTP authentication failed at ${where}${said}` };
    case 'ETIMEDOUT':
      return { ok: false, status, error: `no answer from ${where} within ${timeoutSeconds} s` };
    case 'ECONNECTION':
    case 'ESOCKET':
      return {
        ok: false,
        status,
        error: /ECONNREFUSED/.test(e.message ?? '')
          ? `connection refused by ${where}: nothing listens there`
          : `connecting to ${where} failed: ${e.message}`,
      };
    case 'EENVELOPE':
      return { ok: false, status, error: `${where} refused a sender or recipient${said}` };
    default:
      return {
        ok: false,
        status,
        error: `sending mail through ${where} failed: ${e.message ?? String(error)}`,
      };
  }
}

/** Sends one mail; never throws: every failure is an attempt result with the server's reply. */
export async function sendMail(
  smtp: Smtp,
  password: string | undefined,
  mail: { subject: string; text: string },
  timeoutSeconds: number,
): Promise<AttemptResult> {
  const security = smtp.security ?? 'starttls';
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: security === 'tls',
    ignoreTLS: security === 'none',
    requireTLS: security === 'starttls' && smtp.requireTls === true,
    ...(smtp.username && { auth: { user: smtp.username, pass: password ?? '' } }),
    connectionTimeout: timeoutSeconds * 1000,
    greetingTimeout: timeoutSeconds * 1000,
    socketTimeout: timeoutSeconds * 1000,
  });
  try {
    const info = await transport.sendMail({
      from: smtp.from,
      to: smtp.to,
      subject: mail.subject,
      text: mail.text,
    });
    return { ok: true, status: replyCode(info.response) };
  } catch (error) {
    return smtpError(error, smtp, timeoutSeconds);
  } finally {
    transport.close();
  }
}
