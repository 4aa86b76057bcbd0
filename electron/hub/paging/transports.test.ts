/** The paging transports over real sockets: an HTTP double for ntfy and an SMS gateway, a real SMTP server for e-mail. */
import { afterEach, describe, expect, it } from 'vitest';

import type { PageMessage } from '../../../shared/sync/hubPager';

import { httpDouble, smtpDouble } from './testDoubles';
import { sendPush, sendSms, smtpMailer } from './transports';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const listen = (status: number | 'hang') => httpDouble(status, cleanups);

const HOSTILE: PageMessage = {
  title: 'P1: Checkout down\r\nBcc: everyone@example.org\r\nX-Injected: 1',
  text: 'Payments <script>alert(1)</script> "quoted" & more',
  link: 'http://hub.room.lan:4848/ack/abc',
};

describe('paging transports', () => {
  it('publishes a push to the topic as JSON, with the acknowledgement link, whatever the title holds', async () => {
    const ntfy = await listen(200);
    const outcome = await sendPush({ server: `${ntfy.base}/`, token: 'tk_secret' }, 'ada-pager', HOSTILE);
    expect(outcome).toEqual({ status: 'sent', detail: 'the push server answered 200' });
    const [request] = ntfy.heard;
    expect(request).toMatchObject({ method: 'POST', url: '/', headers: expect.objectContaining({ authorization: 'Bearer tk_secret', 'content-type': 'application/json' }) });
    expect(request!.headers['x-injected']).toBeUndefined();
    expect(JSON.parse(request!.body)).toEqual({
      topic: 'ada-pager',
      title: 'P1: Checkout down Bcc: everyone@example.org X-Injected: 1',
      message: 'Payments <script>alert(1)</script> "quoted" & more',
      priority: 5,
      tags: ['rotating_light'],
      click: HOSTILE.link,
      actions: [{ action: 'view', label: 'Acknowledge', url: HOSTILE.link, clear: true }],
    });
  });

  it('fills a GET gateway’s address and a POST gateway’s body, each encoded for where the value stands', async () => {
    const gateway = await listen(202);
    expect(await sendSms({ url: `${gateway.base}/send?to={phone}&msg={text}`, method: 'GET' }, '+4512345678', HOSTILE)).toMatchObject({ status: 'sent' });
    const query = new URL(gateway.heard[0]!.url, gateway.base).searchParams;
    expect(query.get('to')).toBe('+4512345678');
    expect(query.get('msg')).toBe(`P1: Checkout down Bcc: everyone@example.org X-Injected: 1: ${HOSTILE.text} ${HOSTILE.link}`);

    expect(await sendSms({ url: `${gateway.base}/api/sms`, method: 'POST' }, '+4512345678', { ...HOSTILE, link: null })).toMatchObject({ status: 'sent' });
    expect(JSON.parse(gateway.heard[1]!.body)).toEqual({ to: '+4512345678', message: `P1: Checkout down Bcc: everyone@example.org X-Injected: 1: ${HOSTILE.text}` });

    await sendSms({ url: `${gateway.base}/form`, method: 'POST', contentType: 'application/x-www-form-urlencoded', body: 'number={phone}&body={text}' }, '+4512345678', HOSTILE);
    expect(new URLSearchParams(gateway.heard[2]!.body).get('body')).toContain('"quoted" & more');
  });

  it('says why a send failed, and whether another try could help', async () => {
    const busy = await listen(503);
    expect(await sendPush({ server: busy.base }, 'ada', HOSTILE)).toEqual({ status: 'failed', detail: 'the push server answered 503', retry: true });
    const refusing = await listen(403);
    expect(await sendSms({ url: `${refusing.base}/send`, method: 'POST' }, '+4512345678', HOSTILE)).toEqual({ status: 'failed', detail: 'the SMS gateway answered 403', retry: false });
    const hanging = await listen('hang');
    expect(await sendSms({ url: `${hanging.base}/send`, method: 'GET' }, '+4512345678', HOSTILE, 100)).toEqual({ status: 'failed', detail: 'the SMS gateway did not answer in time', retry: true });
    expect(await sendPush({ server: 'http://127.0.0.1:9' }, 'ada', HOSTILE)).toEqual({ status: 'failed', detail: 'the push server unreachable', retry: true });
  });

  it('mails through an SMTP relay with one subject line, and no header a title could add', async () => {
    const { url, mails } = await smtpDouble(cleanups);
    const mailer = smtpMailer({ url, from: 'Warroom <warroom@room.lan>' });
    cleanups.push(() => mailer.close());

    expect(await mailer.send('ada@example.org', HOSTILE)).toEqual({ status: 'sent', detail: 'the mail relay took it' });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['ada@example.org']);
    const headers = mails[0]!.raw.split('\r\n\r\n')[0]!;
    expect(headers.match(/^Subject:/gim)).toHaveLength(1);
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(headers).not.toMatch(/^X-Injected:/im);
    expect(mails[0]!.raw).toContain('Acknowledge: http://hub.room.lan:4848/ack/abc');
  });
});
