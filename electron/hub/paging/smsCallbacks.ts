/**
 * What the SMS gateway calls back with, under the operator's key
 * (--sms-reply-key; a wrong one is answered 404 and guessing is slowed):
 *
 * - POST /sms/replies/<key>: texts it received. A reply that holds a page's
 *   code, from the phone of the person paged, acknowledges that page.
 * - POST /sms/receipts/<key>: delivery reports. A report naming a message
 *   the hub sent (by the reference the gateway gave when it took it) records
 *   it delivered, or not.
 *
 * Gateways name the fields differently, as JSON or as a form: the sender is
 * read from from/sender/phone/number/msisdn, the text from
 * text/message/body/content, the reference from id/message_id/messageId/
 * sid/MessageSid/uuid/reference, the state from status/state/dlr/MessageStatus.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { PHONE_REGEX } from '../../../shared/domain/oncall';
import type { HubPager } from '../../../shared/sync/hubPager';
import { KEY_GUESS_LIMITS, RateLimiter } from '../../../shared/sync/rateLimiter';
import { messageOf, type Log } from '../log';
import { collectBody } from '../requestBody';

export const SMS_REPLY_PATH = '/sms/replies/';
export const SMS_RECEIPT_PATH = '/sms/receipts/';
/** A text is short: anything much larger is not a reply. */
const MAX_BODY_BYTES = 16 * 1024;
const SENDER_FIELDS = ['from', 'sender', 'phone', 'number', 'msisdn'];
const TEXT_FIELDS = ['text', 'message', 'body', 'content'];
const REFERENCE_FIELDS = ['id', 'message_id', 'messageId', 'sid', 'MessageSid', 'uuid', 'reference'];
const STATE_FIELDS = ['status', 'state', 'dlr', 'MessageStatus', 'delivery_status'];

export type SmsCallbacks = (request: IncomingMessage, response: ServerResponse, path: string) => void;

export type SmsCallbackDeps = {
  key: string;
  /** Every space's pager (a hub usually serves one space). */
  pagers: () => Promise<HubPager[]>;
  log: Log;
  now: () => number;
};

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}

/** A callback's fields, from a JSON object or a form, whichever the body is. */
function fieldsOf(body: string, contentType: string): ((names: string[]) => string | undefined) | null {
  let fields: Record<string, unknown>;
  if (contentType.includes('json')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
      fields = parsed as Record<string, unknown>;
    } catch {
      return null;
    }
  } else fields = Object.fromEntries(new URLSearchParams(body));
  return (names) => names.map((name) => fields[name]).find((value): value is string => typeof value === 'string' || typeof value === 'number')?.toString();
}

/** The sender and the text of a reply. */
export function readReply(body: string, contentType: string): { phone: string; text: string } | null {
  const pick = fieldsOf(body, contentType);
  if (!pick) return null;
  const sender = pick(SENDER_FIELDS);
  const text = pick(TEXT_FIELDS);
  if (sender === undefined || text === undefined) return null;
  // "+45 12 34 56 78" and "004512345678" are the number a contact holds as "+4512345678".
  const phone = sender.replace(/[\s().-]/g, '').replace(/^00/, '+');
  return PHONE_REGEX.test(phone) ? { phone, text: text.slice(0, 1_000) } : null;
}

/** A delivery report: the message's reference and what became of it; null for a report of anything short of that (queued, sent on). */
export function readReceipt(body: string, contentType: string): { ref: string; outcome: 'delivered' | 'undelivered'; detail: string } | null {
  const pick = fieldsOf(body, contentType);
  const ref = pick?.(REFERENCE_FIELDS)?.trim();
  const state = pick?.(STATE_FIELDS)?.trim() ?? '';
  if (!ref) return null;
  // Kannel's report types: 1 delivered, 2 failed, 16 rejected by the network.
  if (/undeliv|not.?deliv|fail|reject|expire|error|^2$|^16$/i.test(state)) return { ref, outcome: 'undelivered', detail: `the SMS gateway reported ${state}` };
  if (/deliv|^1$/i.test(state)) return { ref, outcome: 'delivered', detail: '' };
  return null;
}

export function smsCallbacks(deps: SmsCallbackDeps): SmsCallbacks {
  const wrongKeys = new RateLimiter(KEY_GUESS_LIMITS);
  const expected = Buffer.from(deps.key);

  /** Answers once the work is done; a failure to record is answered 503, so the gateway sends it again. */
  const answer = (response: ServerResponse, what: string, work: () => Promise<unknown>) => {
    work().then(
      (body) => json(response, 200, body),
      (failure: unknown) => {
        deps.log('error', `could not take an SMS ${what}`, { error: messageOf(failure) });
        if (!response.headersSent) json(response, 503, { error: 'The hub could not record it just now; send it again.' }, { 'retry-after': '10' });
      },
    );
  };

  const receipt = (body: string, contentType: string, response: ServerResponse) => {
    const report = readReceipt(body, contentType);
    // Taken either way: a report of nothing the hub sent, or of no end state, changes nothing.
    if (!report) return json(response, 200, { recorded: false });
    answer(response, 'delivery report', async () => {
      let recorded = false;
      for (const pager of await deps.pagers()) recorded = (await pager.receipt('sms', report.ref, report.outcome, report.detail)) || recorded;
      return { recorded };
    });
  };

  const reply = (body: string, contentType: string, response: ServerResponse) => {
    const text = readReply(body, contentType);
    // The gateway is told it was taken either way: sending the same again would not change anything.
    if (!text) return json(response, 200, { acknowledged: 0, note: 'No sender phone number and text found in the reply.' });
    answer(response, 'reply', async () => {
      let acknowledged = 0;
      for (const pager of await deps.pagers()) acknowledged += await pager.acknowledgeReply(text.phone, text.text);
      if (acknowledged) deps.log('info', 'a page was acknowledged by a text', { pages: acknowledged });
      return { acknowledged };
    });
  };

  return (request, response, path) => {
    const address = request.socket.remoteAddress ?? '?';
    const receipts = path.startsWith(SMS_RECEIPT_PATH);
    const given = Buffer.from(path.slice((receipts ? SMS_RECEIPT_PATH : SMS_REPLY_PATH).length));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      request.resume();
      const wait = wrongKeys.take(address, 1, deps.now());
      if (wait > 0) return json(response, 429, { error: 'Too many requests; try again later.' }, { 'retry-after': String(Math.ceil(wait / 1000)) });
      deps.log('warn', 'refused an SMS reply with a key that opens nothing', { peer: address });
      return json(response, 404, { error: 'Nothing here.' });
    }
    if (request.method !== 'POST') {
      request.resume();
      return json(response, 405, { error: 'Send replies with POST.' }, { allow: 'POST' });
    }
    const contentType = request.headers['content-type'] ?? '';
    collectBody(request, MAX_BODY_BYTES, {
      tooLarge: () => json(response, 413, { error: `A callback is at most ${MAX_BODY_BYTES} bytes.` }),
      done: (body) => (receipts ? receipt : reply)(body.toString('utf8'), contentType, response),
    });
  };
}
