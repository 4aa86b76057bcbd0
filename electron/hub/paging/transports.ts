/**
 * How the hub reaches a person, through what the room runs itself: a push
 * through an ntfy server, a text through an SMS gateway's HTTP API (a local
 * GSM modem's, say), an e-mail through an SMTP relay. The operator configures
 * each on the hub; the person's push topic, phone and address come from the
 * room's settings and were checked there. Every send ends in an outcome: sent,
 * or failed with the reason and whether trying again could help.
 */
import nodemailer from 'nodemailer';

import { cleanLine } from '../../../shared/domain/text';
import type { PageMessage, PageOutcome } from '../../../shared/sync/hubPager';


/** A gateway or server that does not answer in this long is given up on for this attempt. */
export const SEND_TIMEOUT_MS = 10_000;
/** What a page's title and text are cut to: an SMS is 160 characters, a push notification's title one line. */
const TITLE_CHARS = 120;
const TEXT_CHARS = 600;

const oneLine = (text: string, max: number) => cleanLine(text).slice(0, max);

/** An answer by its HTTP status: 2xx sent; 4xx refused (sending the same again would not help); else worth another try. */
function byStatus(status: number, what: string): PageOutcome {
  if (status >= 200 && status < 300) return { status: 'sent', detail: `${what} answered ${status}` };
  return { status: 'failed', detail: `${what} answered ${status}`, retry: status >= 500 || status === 429 || status === 408 };
}

/** Gateways name the message they took under one of these, at the top of their JSON answer or in its first message. */
const REFERENCE_FIELDS = ['id', 'message_id', 'messageId', 'sid', 'uuid', 'reference'];
/** An answer larger than this is not read for a reference. */
const ANSWER_BYTES = 64 * 1024;

/** The gateway's own name for the message it took, if its answer gives one: its delivery report names it. */
export function referenceIn(answer: string): string | undefined {
  if (answer.length > ANSWER_BYTES) return undefined;
  try {
    const body = JSON.parse(answer) as Record<string, unknown> | null;
    const messages = body && Array.isArray(body.messages) ? (body.messages[0] as Record<string, unknown> | undefined) : undefined;
    for (const holder of [body, messages]) {
      if (!holder || typeof holder !== 'object') continue;
      for (const field of REFERENCE_FIELDS) {
        const value = holder[field];
        if ((typeof value === 'string' && value.trim()) || typeof value === 'number') return oneLine(String(value), 200);
      }
    }
  } catch {
    // Not JSON: no reference.
  }
  return undefined;
}

async function send(url: string, init: RequestInit, what: string, timeoutMs: number): Promise<PageOutcome> {
  try {
    const response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const answer = await response.text().catch(() => '');
    const outcome = byStatus(response.status, what);
    const ref = referenceIn(answer);
    return outcome.status === 'sent' && ref ? { ...outcome, ref } : outcome;
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { status: 'failed', detail: timedOut ? `${what} did not answer in time` : `${what} unreachable`, retry: true };
  }
}

// ---- Push, through ntfy ---------------------------------------------------------

export type NtfyConfig = { server: string; token?: string };

/** Publishes to the topic as JSON (ntfy's own publish API), so no text of a page ever becomes a header. */
export function sendPush(config: NtfyConfig, topic: string, message: PageMessage, timeoutMs = SEND_TIMEOUT_MS): Promise<PageOutcome> {
  const body = {
    topic,
    title: oneLine(message.title, TITLE_CHARS),
    message: oneLine(message.text, TEXT_CHARS),
    priority: 5,
    tags: ['rotating_light'],
    ...(message.link ? { click: message.link, actions: [{ action: 'view', label: 'Acknowledge', url: message.link, clear: true }] } : {}),
  };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (config.token) headers.authorization = `Bearer ${config.token}`;
  return send(config.server.replace(/\/+$/, '') + '/', { method: 'POST', headers, body: JSON.stringify(body) }, 'the push server', timeoutMs);
}

// ---- SMS, through a gateway's HTTP API --------------------------------------------

/**
 * A gateway's API as the operator writes it: a URL and, for POST, a body, in
 * which {phone} and {text} are filled in (encoded for where they stand).
 */
export type SmsGatewayConfig = { url: string; method: 'GET' | 'POST'; body?: string; contentType?: string; token?: string };

export function sendSms(config: SmsGatewayConfig, phone: string, message: PageMessage, timeoutMs = SEND_TIMEOUT_MS): Promise<PageOutcome> {
  const text = oneLine(`${message.title}: ${message.text}${message.reply ? ` Reply ${message.reply} to acknowledge.` : ''}${message.link ? ` ${message.link}` : ''}`, TEXT_CHARS);
  const values = { phone, text };
  const url = fill(config.url, values, encodeURIComponent);
  const headers: Record<string, string> = {};
  if (config.token) headers.authorization = `Bearer ${config.token}`;
  let body: string | undefined;
  if (config.method === 'POST') {
    const type = config.contentType ?? 'application/json';
    headers['content-type'] = type;
    const encode = type.includes('json') ? (v: string) => JSON.stringify(v).slice(1, -1) : type.includes('x-www-form-urlencoded') ? encodeURIComponent : (v: string) => v;
    body = fill(config.body ?? '{"to":"{phone}","message":"{text}"}', values, encode);
  }
  return send(url, { method: config.method, headers, ...(body === undefined ? {} : { body }) }, 'the SMS gateway', timeoutMs);
}

function fill(template: string, values: Record<'phone' | 'text', string>, encode: (value: string) => string): string {
  return template.replace(/\{(phone|text)\}/g, (_, name: 'phone' | 'text') => encode(values[name]));
}

// ---- E-mail, through an SMTP relay -------------------------------------------------

export type SmtpConfig = { url: string; from: string };

export type Mailer = { send(to: string, message: PageMessage): Promise<PageOutcome>; close(): void };

export function smtpMailer(config: SmtpConfig, timeoutMs = SEND_TIMEOUT_MS): Mailer {
  const url = new URL(config.url);
  url.searchParams.set('connectionTimeout', String(timeoutMs));
  url.searchParams.set('greetingTimeout', String(timeoutMs));
  url.searchParams.set('socketTimeout', String(timeoutMs));
  const transport = nodemailer.createTransport(url.toString());
  return {
    async send(to, message) {
      try {
        const info = await transport.sendMail({
          from: config.from,
          to,
          subject: oneLine(message.title, TITLE_CHARS),
          text: `${message.text}\n${message.link ? `\nAcknowledge: ${message.link}\n` : ''}`,
        });
        return info.rejected.length ? { status: 'failed', detail: 'the mail relay refused the address', retry: false } : { status: 'sent', detail: 'the mail relay took it' };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // 5xx from the relay: the address or message is refused for good; anything else may pass later.
        return { status: 'failed', detail: code ? `the mail relay answered ${code}` : 'the mail relay was unreachable', retry: !(code && code >= 500) };
      }
    },
    close: () => transport.close(),
  };
}
