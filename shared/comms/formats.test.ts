import { describe, expect, it } from 'vitest';

import { WEBHOOK_FORMATS } from '../domain/comms';
import { MAX_MAILTO_LENGTH, isExternalLink } from '../domain/links';
import { mailtoUrl, plainText, webhookRequest, type OutgoingMessage } from './formats';

const message: OutgoingMessage = {
  id: 'msg-1',
  incidentId: 'inc-1',
  incidentTitle: 'Checkout errors',
  audience: 'technical',
  audienceName: 'Technical bridge',
  phase: 'update',
  subject: '[P1] Update: Checkout errors',
  text: 'Status: mitigating\nNext update: 14:30',
  at: '2026-11-21T12:00:00.000Z',
};

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<!channel> <!here> <@U123> <#C42> <http://evil.example|click me> <!subteam^S1>',
  '**bold** _it_ ~strike~ `code` [click](javascript:alert(1)) ![img](http://x/y.png) # heading',
  '- item\n1. item\n> quote\n| a | b |',
  '{{DATE(2017-02-14T06:00:00Z, SHORT)}} &amp; &lt;x&gt; \\*not bold\\*',
  'quotes " \' backslash \\ slash / \u0000\u0007\u001b[31m\u007f\u0085',
  'separators \u2028 \u2029 lone \uD800 \uDC00 pair 😀 rtl \u202E',
];

type TeamsBody = {
  type: string;
  attachments: { contentType: string; contentUrl: null; content: { type: string; version: string; body: { text: string; weight?: string }[] } }[];
};

/** What a CommonMark renderer shows for backslash-escaped text. */
const unescapeMarkdown = (text: string) => text.replace(/\\([!-/:-@[-`{-~])/g, '$1');

describe('plainText', () => {
  it('puts the subject, a blank line and the text', () => {
    expect(plainText('Subject', 'Body\nmore')).toBe('Subject\n\nBody\nmore');
  });

  it('is just the text when the subject is blank', () => {
    expect(plainText('  ', 'Body')).toBe('Body');
  });
});

describe('webhookRequest', () => {
  it.each(WEBHOOK_FORMATS)('%s: sends JSON with an idempotency key', (format) => {
    const request = webhookRequest(message, format);
    expect(request.headers).toEqual({ 'content-type': 'application/json; charset=utf-8', 'idempotency-key': 'msg-1' });
    expect(() => JSON.parse(request.body) as unknown).not.toThrow();
  });

  it('slack: plain text with markup off', () => {
    expect(JSON.parse(webhookRequest(message, 'slack').body)).toEqual({
      text: '[P1] Update: Checkout errors\n\nStatus: mitigating\nNext update: 14:30',
      mrkdwn: false,
    });
  });

  it('slack: escapes &, < and > so nothing pings or links', () => {
    const hostile = { ...message, subject: '<!channel> R&D', text: '<@U123> <http://x|y> &lt;' };
    const { text } = JSON.parse(webhookRequest(hostile, 'slack').body) as { text: string };
    expect(text).toBe('&lt;!channel&gt; R&amp;D\n\n&lt;@U123&gt; &lt;http://x|y&gt; &amp;lt;');
    expect(text).not.toMatch(/[<>]/);
  });

  it('teams: an Adaptive Card with a bold subject and the text', () => {
    const body = JSON.parse(webhookRequest({ ...message, subject: 'Subject', text: 'Line one\nLine two' }, 'teams').body) as unknown;
    expect(body).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', text: 'Subject', weight: 'Bolder', size: 'Medium', wrap: true },
              { type: 'TextBlock', text: 'Line one\n\nLine two', wrap: true },
            ],
          },
        },
      ],
    });
  });

  it('teams: omits the subject block when the subject is blank', () => {
    const body = JSON.parse(webhookRequest({ ...message, subject: ' ' }, 'teams').body) as TeamsBody;
    expect(body.attachments[0]!.content.body).toHaveLength(1);
  });

  it('teams: escapes Markdown so formatting and links show literally', () => {
    const text = '**bold** [x](javascript:alert(1)) - 1. # _a_ ~b~ `c` <at>Ada</at> {{DATE(x)}} &amp; \\';
    const body = JSON.parse(webhookRequest({ ...message, subject: text, text }, 'teams').body) as TeamsBody;
    for (const block of body.attachments[0]!.content.body) {
      expect(block.text).not.toMatch(/(^|[^\\])(\\\\)*[*_~`[\]()<>#]/);
      expect(unescapeMarkdown(block.text)).toBe(text);
    }
  });

  it('json: the generic envelope', () => {
    expect(JSON.parse(webhookRequest(message, 'json').body)).toEqual({
      schema: 'warroom.message/1',
      id: 'msg-1',
      incident: { id: 'inc-1', title: 'Checkout errors' },
      audience: { id: 'technical', name: 'Technical bridge' },
      phase: 'update',
      subject: '[P1] Update: Checkout errors',
      text: 'Status: mitigating\nNext update: 14:30',
      at: '2026-11-21T12:00:00.000Z',
    });
  });

  describe.each(HOSTILE)('hostile text %j', (hostile) => {
    const m = { ...message, incidentTitle: hostile, subject: hostile.replace(/\n/g, ' '), text: hostile };

    it('json: round-trips exactly', () => {
      const body = JSON.parse(webhookRequest(m, 'json').body) as { incident: { title: string }; subject: string; text: string };
      expect(body.incident.title).toBe(hostile);
      expect(body.subject).toBe(m.subject);
      expect(body.text).toBe(hostile);
    });

    it('slack: no markup survives, the text is otherwise intact', () => {
      const { text } = JSON.parse(webhookRequest(m, 'slack').body) as { text: string };
      expect(text).not.toMatch(/[<>]/);
      expect(text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(plainText(m.subject, hostile));
    });

    it('teams: every Markdown character is escaped', () => {
      const body = JSON.parse(webhookRequest(m, 'teams').body) as TeamsBody;
      const texts = body.attachments[0]!.content.body.map((b) => b.text);
      for (const text of texts) expect(text).not.toMatch(/(^|[^\\])(\\\\)*[*_~`[\]()<>#!|]/);
      expect(unescapeMarkdown(texts.at(-1)!).replace(/\n\n/g, '\n')).toBe(hostile.replace(/\r\n?|[\u2028\u2029]/g, '\n'));
    });
  });

  it.each(WEBHOOK_FORMATS)('%s: a megabyte of text stays valid JSON', (format) => {
    const text = `"\\</script>\u2028${'x'.repeat(1_000_000)}\uD800`;
    const body = JSON.parse(webhookRequest({ ...message, text }, format).body) as unknown;
    expect(JSON.stringify(body).length).toBeGreaterThan(1_000_000);
    if (format === 'json') expect((body as { text: string }).text).toBe(text);
  });
});

describe('mailtoUrl', () => {
  it('encodes recipients, subject and body, with CR LF line breaks', () => {
    const result = mailtoUrl({ to: ['ops@example.com', 'a+b@example.org'], subject: 'P1: checkout & pay', text: 'Line 1\nLine 2\r\nÜ' });
    expect(result).toEqual({
      status: 'ok',
      url: 'mailto:ops@example.com,a%2Bb@example.org?subject=P1%3A%20checkout%20%26%20pay&body=Line%201%0D%0ALine%202%0D%0A%C3%9C',
    });
    if (result.status === 'ok') expect(isExternalLink(result.url)).toBe(true);
  });

  it('allows no recipients', () => {
    expect(mailtoUrl({ to: [], subject: 'S', text: 'B' })).toEqual({ status: 'ok', url: 'mailto:?subject=S&body=B' });
  });

  it('cannot inject headers or parameters through the subject or body', () => {
    const result = mailtoUrl({ to: ['ops@example.com'], subject: 'Hi\r\nBcc: evil@x.example', text: 'x&bcc=evil@x.example\r\n\r\nBcc: y' });
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.url).not.toMatch(/[\s]/);
    const query = result.url.slice(result.url.indexOf('?') + 1).split('&').map((pair) => pair.split('=').map(decodeURIComponent));
    expect(query).toEqual([
      ['subject', 'Hi Bcc: evil@x.example'],
      ['body', 'x&bcc=evil@x.example\r\n\r\nBcc: y'],
    ]);
  });

  it('survives lone surrogates', () => {
    const result = mailtoUrl({ to: [], subject: 'a\uD800', text: '\uDC00b' });
    expect(result).toEqual({ status: 'ok', url: 'mailto:?subject=a%EF%BF%BD&body=%EF%BF%BDb' });
  });

  it('refuses a draft too long for mail clients instead of cutting it', () => {
    const text = 'é'.repeat(MAX_MAILTO_LENGTH);
    const result = mailtoUrl({ to: ['ops@example.com'], subject: 'S', text });
    expect(result).toEqual({ status: 'tooLong', length: expect.any(Number) as number, max: MAX_MAILTO_LENGTH });
    if (result.status === 'tooLong') expect(result.length).toBeGreaterThan(MAX_MAILTO_LENGTH);
  });

  it('accepts a draft exactly at the limit', () => {
    const prefix = 'mailto:?subject=S&body=';
    const result = mailtoUrl({ to: [], subject: 'S', text: 'x'.repeat(MAX_MAILTO_LENGTH - prefix.length) });
    expect(result.status === 'ok' && result.url.length).toBe(MAX_MAILTO_LENGTH);
    expect(mailtoUrl({ to: [], subject: 'S', text: 'x'.repeat(MAX_MAILTO_LENGTH - prefix.length + 1) }).status).toBe('tooLong');
  });
});
