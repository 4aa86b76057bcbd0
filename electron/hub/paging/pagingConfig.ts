/**
 * How the hub's operator tells it to send pages: the push server, the SMS
 * gateway, the mail relay, and the address phones reach the hub at for the
 * acknowledgement link. Flags and environment variables, checked when the hub
 * starts, with a message that names the flag.
 */
import type { PageMethod } from '../../../shared/domain/pages';
import type { PageTransport } from '../../../shared/sync/hubPager';
import { sendPush, sendSms, smtpMailer, type NtfyConfig, type SmsGatewayConfig, type SmtpConfig } from './transports';

export type PagingConfig = {
  ntfy: NtfyConfig | null;
  sms: SmsGatewayConfig | null;
  smtp: SmtpConfig | null;
  /** Where phones on the room's network reach this hub; pages carry no acknowledgement link without it. */
  linkUrl: string | null;
  /** The key in the address the SMS gateway posts replies to; SMS pages carry a reply code with it. */
  replyKey: string | null;
};

export const PAGING_FLAGS = {
  'page-link-url': { type: 'string' },
  'ntfy-url': { type: 'string' },
  'ntfy-token': { type: 'string' },
  'sms-url': { type: 'string' },
  'sms-method': { type: 'string' },
  'sms-body': { type: 'string' },
  'sms-content-type': { type: 'string' },
  'sms-token': { type: 'string' },
  'sms-reply-key': { type: 'string' },
  'smtp-url': { type: 'string' },
  'smtp-from': { type: 'string' },
} as const;

export const PAGING_USAGE = `Paging (people paged on a console are sent a page by each way they can be reached):
  --page-link-url <url>     where phones on the room's network reach this hub (http://10.0.0.5:4848):
                            pages carry a one-tap acknowledgement link there (env HUB_PAGE_LINK_URL)
  --ntfy-url <url>          push through this ntfy server (https://ntfy.room.lan; env HUB_NTFY_URL)
  --ntfy-token <token>      its access token, if it wants one (env HUB_NTFY_TOKEN)
  --sms-url <template>      texts through this SMS gateway's HTTP API; {phone} and {text} are filled in
                            (http://gsm.room.lan/send?to={phone}&text={text}; env HUB_SMS_URL)
  --sms-method <GET|POST>   (default POST; env HUB_SMS_METHOD)
  --sms-body <template>     the POST body (default {"to":"{phone}","message":"{text}"}; env HUB_SMS_BODY)
  --sms-content-type <type> the body's type (default application/json; env HUB_SMS_CONTENT_TYPE)
  --sms-token <token>       sent as "Authorization: Bearer <token>" (env HUB_SMS_TOKEN)
  --sms-reply-key <key>     the gateway posts texts it receives to /sms/replies/<key> (a reply holding a
                            page's six-digit code acknowledges it) and delivery reports to /sms/receipts/<key>
                            (16 characters or more; env HUB_SMS_REPLY_KEY)
  --smtp-url <url>          mail through this relay (smtp://user:password@relay.room.lan:587, smtps://… for TLS
                            from the start; env HUB_SMTP_URL)
  --smtp-from <address>     the pages' sender (Warroom <warroom@room.lan>; env HUB_SMTP_FROM; needed with --smtp-url)`;

const PAGING_TEXT = {
  badUrl: (flag: string, schemes: string, value: string) => `${flag} must be a ${schemes} address, not "${value}".`,
  smsNoPhone: '--sms-url or --sms-body must say where the phone number goes: {phone}.',
  smsMethod: (value: string) => `--sms-method must be GET or POST, not "${value}".`,
  smtpFrom: '--smtp-url needs --smtp-from: the address pages are sent from.',
  replyKey: '--sms-reply-key must be 16 or more letters, digits, - or _: it is all that stands between the replies and the network.',
  replyWithoutSms: '--sms-reply-key needs --sms-url: replies answer texts the hub sent.',
};

type Values = Partial<Record<keyof typeof PAGING_FLAGS, string>>;
type Env = Record<string, string | undefined>;

function checkedUrl(flag: string, value: string, schemes: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(value.replace(/\{(phone|text)\}/g, 'x'));
  } catch {
    throw new Error(PAGING_TEXT.badUrl(flag, schemes.join(' or '), value));
  }
  if (!schemes.includes(url.protocol.slice(0, -1))) throw new Error(PAGING_TEXT.badUrl(flag, schemes.join(' or '), value));
  return value;
}

/** Null when no way of sending is configured: the hub then sends no pages. */
export function parsePagingConfig(values: Values, env: Env): PagingConfig | null {
  const read = (flag: keyof typeof PAGING_FLAGS, name: string) => (values[flag] ?? env[name])?.trim() || null;
  const ntfyUrl = read('ntfy-url', 'HUB_NTFY_URL');
  const smsUrl = read('sms-url', 'HUB_SMS_URL');
  const smtpUrl = read('smtp-url', 'HUB_SMTP_URL');
  const linkUrl = read('page-link-url', 'HUB_PAGE_LINK_URL');
  if (!ntfyUrl && !smsUrl && !smtpUrl) return null;

  let sms: SmsGatewayConfig | null = null;
  if (smsUrl) {
    const method = (read('sms-method', 'HUB_SMS_METHOD') ?? 'POST').toUpperCase();
    if (method !== 'GET' && method !== 'POST') throw new Error(PAGING_TEXT.smsMethod(method));
    const body = read('sms-body', 'HUB_SMS_BODY');
    const contentType = read('sms-content-type', 'HUB_SMS_CONTENT_TYPE');
    const token = read('sms-token', 'HUB_SMS_TOKEN');
    sms = { url: checkedUrl('--sms-url', smsUrl, ['http', 'https']), method, ...(body ? { body } : {}), ...(contentType ? { contentType } : {}), ...(token ? { token } : {}) };
    const phoneGoesIn = smsUrl.includes('{phone}') || (method === 'POST' && (body === null || body.includes('{phone}')));
    if (!phoneGoesIn) throw new Error(PAGING_TEXT.smsNoPhone);
  }
  let smtp: SmtpConfig | null = null;
  if (smtpUrl) {
    const from = read('smtp-from', 'HUB_SMTP_FROM');
    if (!from) throw new Error(PAGING_TEXT.smtpFrom);
    smtp = { url: checkedUrl('--smtp-url', smtpUrl, ['smtp', 'smtps']), from };
  }
  const ntfyToken = read('ntfy-token', 'HUB_NTFY_TOKEN');
  const replyKey = read('sms-reply-key', 'HUB_SMS_REPLY_KEY');
  if (replyKey && !/^[A-Za-z0-9_-]{16,200}$/.test(replyKey)) throw new Error(PAGING_TEXT.replyKey);
  if (replyKey && !sms) throw new Error(PAGING_TEXT.replyWithoutSms);
  return {
    ntfy: ntfyUrl ? { server: checkedUrl('--ntfy-url', ntfyUrl, ['http', 'https']), ...(ntfyToken ? { token: ntfyToken } : {}) } : null,
    sms,
    smtp,
    linkUrl: linkUrl ? checkedUrl('--page-link-url', linkUrl, ['http', 'https']) : null,
    replyKey,
  };
}

/** The configured ways as the pager calls them; `close` ends the mail relay's connections. */
export function pagingTransports(config: PagingConfig): { transports: Partial<Record<PageMethod, PageTransport>>; close(): void } {
  const { ntfy, sms, smtp } = config;
  const mailer = smtp ? smtpMailer(smtp) : null;
  return {
    transports: {
      ...(ntfy ? { push: (topic, message) => sendPush(ntfy, topic, message) } : {}),
      ...(sms ? { sms: (phone, message) => sendSms(sms, phone, message) } : {}),
      ...(mailer ? { email: (to, message) => mailer.send(to, message) } : {}),
    },
    close: () => mailer?.close(),
  };
}

/** The banner's line: which ways, where to (hosts only: addresses may hold secrets), and whether pages carry a link. */
export function describePaging(config: PagingConfig | null): string {
  if (!config) return 'not sent by this hub (--ntfy-url, --sms-url or --smtp-url)';
  const host = (url: string) => new URL(url.replace(/\{(phone|text)\}/g, 'x')).host;
  const ways = [
    ...(config.ntfy ? [`push via ${host(config.ntfy.server)}`] : []),
    ...(config.sms ? [`SMS via ${host(config.sms.url)}`] : []),
    ...(config.smtp ? [`e-mail via ${host(config.smtp.url)}`] : []),
  ];
  const link = config.linkUrl ? `acknowledged at ${config.linkUrl.replace(/\/+$/, '')}/ack/…` : 'no acknowledgement link (--page-link-url)';
  return `${ways.join(', ')}; ${link}${config.replyKey ? '; SMS replies taken at /sms/replies/<key>' : ''}`;
}
