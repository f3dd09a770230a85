import type { ReceiverType } from '@portolan/api';
import { deliveryError } from '@portolan/api';
import type { AttemptResult } from './delivery-attempt.ts';
import { postMessage } from './http-transport.ts';
import { type MessageInput, renderMessage } from './message-template.ts';
import type { Receiver } from './receiver-config.ts';
import { httpMessage } from './receiver-payloads.ts';
import { sendMail } from './smtp-transport.ts';

/** The message's title as the receiver's template renders it (kept in the delivery log). */
export const titleFor = (receiver: Receiver, input: MessageInput) =>
  renderMessage(receiver.settings.type, receiver.settings, input).title;

/** One try at delivering a message to a receiver, in its type's format. */
export async function sendOnce(
  receiver: Receiver,
  input: MessageInput,
  nowMs: number,
): Promise<AttemptResult> {
  const { settings, secrets } = receiver;
  const rendered = renderMessage(settings.type, settings, input);
  const timeoutSeconds = settings.timeoutSeconds ?? 10;
  if (settings.type === 'email') {
    if (!settings.smtp) return { ok: false, ...deliveryError('no-smtp') };
    return sendMail(
      settings.smtp,
      secrets.password,
      { subject: rendered.title, text: rendered.body },
      timeoutSeconds,
    );
  }
  if (!secrets.url) return { ok: false, ...deliveryError('no-url') };
  const message = httpMessage(
    settings.type as Exclude<ReceiverType, 'email'>,
    { name: receiver.name, url: secrets.url, secret: secrets.secret, headers: secrets.headers },
    input,
    rendered,
    nowMs,
  );
  return postMessage(message, timeoutSeconds);
}
