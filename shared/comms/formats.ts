/**
 * One message, in the shape each channel carries: plain text for the
 * clipboard, a JSON body per webhook format, a mailto: draft. Text from people
 * is always escaped for the target, so a title never pings, links or formats.
 */
import { type Phase, type WebhookFormat } from '../domain/comms';
import { MAX_MAILTO_LENGTH } from '../domain/links';

export type OutgoingMessage = {
  id: string;
  incidentId: string;
  incidentTitle: string;
  audience: string;
  audienceName: string;
  phase: Phase;
  subject: string;
  text: string;
  /** ISO instant */
  at: string;
  /** Sent from a drill: receivers that read JSON can tell, whatever the text says. */
  exercise?: boolean;
};

/** Subject, blank line, text; just the text when there is no subject. */
export function plainText(subject: string, text: string): string {
  return subject.trim() === '' ? text : `${subject}\n\n${text}`;
}

// ---- Webhooks ----------------------------------------------------------------

/** Slack reads only these three as markup (`<!channel>`, `<@U123>`, `<url|label>`). */
function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Adaptive Card TextBlocks render a CommonMark subset: every character that can
 * open emphasis, a list, a heading, a quote or a link is backslash-escaped
 * (escaping `(` also breaks a `{{DATE(…)}}` function). Teams needs a blank line
 * for a line break outside lists.
 */
function escapeTeams(text: string): string {
  return text
    .replace(/[\\`*_~[\]()#+\-.!|<>]/g, '\\$&')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\n/g, '\n\n');
}

function slackBody(message: OutgoingMessage): unknown {
  return { text: escapeSlack(plainText(message.subject, message.text)), mrkdwn: false };
}

function teamsBody(message: OutgoingMessage): unknown {
  const blocks: unknown[] = [];
  if (message.subject.trim() !== '') {
    blocks.push({ type: 'TextBlock', text: escapeTeams(message.subject), weight: 'Bolder', size: 'Medium', wrap: true });
  }
  blocks.push({ type: 'TextBlock', text: escapeTeams(message.text), wrap: true });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body: blocks },
      },
    ],
  };
}

function jsonBody(message: OutgoingMessage): unknown {
  return {
    schema: 'warroom.message/1',
    id: message.id,
    incident: { id: message.incidentId, title: message.incidentTitle },
    audience: { id: message.audience, name: message.audienceName },
    phase: message.phase,
    subject: message.subject,
    text: message.text,
    at: message.at,
    ...(message.exercise ? { exercise: true } : {}),
  };
}

/** The idempotency key lets a receiver drop the duplicate when a queued message is retried. */
export function webhookRequest(message: OutgoingMessage, format: WebhookFormat): { headers: Record<string, string>; body: string } {
  const payload = format === 'slack' ? slackBody(message) : format === 'teams' ? teamsBody(message) : jsonBody(message);
  return {
    headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': message.id },
    body: JSON.stringify(payload),
  };
}

// ---- E-mail ------------------------------------------------------------------

export type MailtoResult = { status: 'ok'; url: string } | { status: 'tooLong'; length: number; max: number };

/** encodeURIComponent throws on a lone surrogate; it becomes U+FFFD instead. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

const encode = (text: string) => encodeURIComponent(wellFormed(text));

/** RFC 6068: the `@` stays literal, each side of it is percent-encoded. */
function encodeAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? encode(address) : `${encode(address.slice(0, at))}@${encode(address.slice(at + 1))}`;
}

/**
 * A mail draft the person's own client opens. The subject is flattened to one
 * line so a decoded CR LF can never start a header; body line breaks become
 * CR LF as RFC 6068 asks. Too long for mail clients: refused, never cut short.
 */
export function mailtoUrl(draft: { to: readonly string[]; subject: string; text: string }): MailtoResult {
  const params: string[] = [];
  const subject = draft.subject.replace(/\s*[\r\n\u2028\u2029\u0085]+\s*/g, ' ').trim();
  if (subject !== '') params.push(`subject=${encode(subject)}`);
  if (draft.text !== '') params.push(`body=${encode(draft.text.replace(/\r\n?|\n/g, '\r\n'))}`);
  const url = `mailto:${draft.to.map(encodeAddress).join(',')}${params.length > 0 ? `?${params.join('&')}` : ''}`;
  return url.length <= MAX_MAILTO_LENGTH ? { status: 'ok', url } : { status: 'tooLong', length: url.length, max: MAX_MAILTO_LENGTH };
}
