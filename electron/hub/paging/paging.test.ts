/**
 * Paging end to end at the hub, over real sockets: a hub on SQLite sends a
 * paged person a push (to an ntfy double), a text (to an SMS gateway double)
 * and a mail (to a real SMTP server), each carrying the link that
 * acknowledges it; the link, opened as a phone would, records the
 * acknowledgement once, and refuses what was tampered with or expired.
 */
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { ORGANISATION_STREAM, type Envelope } from '../../../shared/domain/events';
import type { Contact } from '../../../shared/domain/oncall';
import { TestAuthor } from '../../../shared/sync/testing/testAuthor';
import { startHub } from '../server';
import { ensureSpace } from '../spaces';
import { SqliteHubStore } from '../sqliteStore';
import { TestClient } from '../testClient';
import { domainEvent } from '../testEvents';
import { ACK_LINK_TTL_MS } from './ackLinks';
import { httpDouble, smtpDouble } from './testDoubles';
import { sendPush, sendSms, smtpMailer } from './transports';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const NOW = Date.parse('2026-12-07T12:00:00Z');
const INCIDENT = 'aaaaaaaa04:1';
const TITLE = 'Checkout <b>down</b> & "card" errors';
const ADA: Contact = { name: 'Ada', email: 'ada@example.org', phone: '+4512345678', pushTopic: 'ada-pager' };

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const REPLY_KEY = 'replies-0123456789abcdef';

async function pagingHub(contacts: Contact[] = [ADA]) {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-paging-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = new SqliteHubStore(new Database(join(dir, 'hub.sqlite')));
  cleanups.push(() => store.close());
  const { space } = await ensureSpace(store, { name: 'Room' }, (bytes) => randomFillSync(bytes));
  const author = new TestAuthor(4);
  await store.append(space.id, [
    domainEvent(author, 1, 'incident.declared', INCIDENT, { title: TITLE, kind: 'service', services: ['checkout'], impact: 'organisation', urgency: 'missionCritical', priority: 'P1', tier: 'normal', declaredBy: 'Bo', drill: false }, NOW - 60_000),
    domainEvent(author, 2, 'organisation.settingChanged', ORGANISATION_STREAM, { setting: 'contacts', value: contacts, prev: [] }, NOW - 60_000),
    domainEvent(author, 3, 'participant.engaged', INCIDENT, { person: 'Ada', step: 'paged' }, NOW - 1_000),
  ]);
  const ntfy = await httpDouble(200, cleanups);
  // The gateway names the message it took, as most do: its delivery report names it again.
  const gateway = await httpDouble(200, cleanups, '{"messages":[{"id":"msg-42","status":"queued"}]}');
  const smtp = await smtpDouble(cleanups);
  const mailer = smtpMailer({ url: smtp.url, from: 'Warroom <warroom@room.lan>' });
  cleanups.push(() => mailer.close());
  const clock = { now: NOW };
  // The hub's address is only known once it listens: the transports read it then.
  const hub = await startHub({
    store,
    port: 0,
    host: '127.0.0.1',
    now: () => clock.now,
    paging: {
      transports: {
        push: (topic, message) => sendPush({ server: ntfy.base }, topic, message),
        sms: (phone, message) => sendSms({ url: `${gateway.base}/send`, method: 'POST' }, phone, message),
        email: (to, message) => mailer.send(to, message),
      },
      publicUrl: 'http://hub.room.lan:4848/',
      replyKey: REPLY_KEY,
    },
  });
  cleanups.push(() => hub.close());
  const base = hub.url.replace('ws://', 'http://').replace('/sync', '');
  const events = async () => (await store.page(space.id, 0, 1000)).events.map((e) => e.event as Envelope);
  return { base, store, space, clock, ntfy, gateway, smtp, events };
}

/** The link a page carried, opened on this test's hub rather than the address phones use. */
const onHub = (link: string, base: string) => link.replace('http://hub.room.lan:4848', base);

describe('paging through the hub', () => {
  it('sends a push, a text and a mail once each, whose link acknowledges the page once', async () => {
    const { base, ntfy, gateway, smtp, events } = await pagingHub();
    const sent = await until(events, (all) => all.filter((e) => e.type === 'page.sent').length === 3);
    expect(sent.filter((e) => e.type === 'page.sent').map((e) => (e.payload as { method: string; outcome: string }).method + ':' + (e.payload as { outcome: string }).outcome)).toEqual([
      'push:sent',
      'sms:sent',
      'email:sent',
    ]);
    expect(ntfy.heard).toHaveLength(1);
    expect(gateway.heard).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
    const push = JSON.parse(ntfy.heard[0]!.body) as { topic: string; title: string; click: string };
    expect(push.topic).toBe('ada-pager');
    expect(push.title).toBe(`Paged: ${TITLE}`);
    const link = push.click;
    expect(link).toMatch(/^http:\/\/hub\.room\.lan:4848\/ack\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect((JSON.parse(gateway.heard[0]!.body) as { message: string }).message).toContain(link);
    // The mail's text is quoted-printable: its soft line breaks undone, the link is whole.
    expect(smtp.mails[0]!.raw.replace(/=\r\n/g, '').replace(/=3D/g, '=')).toContain(link);

    // Opening the link shows what it is about and records nothing: a mail scanner fetching it answers for no one.
    const shown = await fetch(onHub(link, base));
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await shown.text();
    expect(html).toContain('Checkout &lt;b&gt;down&lt;/b&gt; &amp; &quot;card&quot; errors');
    expect(html).not.toContain('<b>down</b>');
    expect(html).toContain('<form method="post"');
    expect((await events()).filter((e) => e.type === 'participant.engaged')).toHaveLength(1);

    const answered = await fetch(onHub(link, base), { method: 'POST' });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('Acknowledged: Ada, at 2026-12-07 12:00 UTC');
    // Replayed: the same answer, and still one acknowledgement on the record.
    const again = await fetch(onHub(link, base), { method: 'POST' });
    expect(await again.text()).toContain('Acknowledged: Ada');
    const steps = (await events()).filter((e) => e.type === 'participant.engaged');
    expect(steps.map((e) => [e.actor, e.payload])).toEqual([
      ['Ada Lovelace', { person: 'Ada', step: 'paged' }],
      ['Ada', { person: 'Ada', step: 'acknowledged' }],
    ]);
    // Nothing was sent twice.
    expect([ntfy.heard.length, gateway.heard.length, smtp.mails.length]).toEqual([1, 1, 1]);
  });

  it('takes a texted reply holding the page’s code, from the paged person’s phone, as their acknowledgement', async () => {
    const { base, gateway, events } = await pagingHub([{ ...ADA, pushTopic: '', email: '' }]);
    await until(events, (all) => all.some((e) => e.type === 'page.sent'));
    const text = (JSON.parse(gateway.heard[0]!.body) as { message: string }).message;
    const code = /Reply (\d{6}) to acknowledge\./.exec(text)?.[1];
    expect(code).toBeDefined();
    const reply = (body: unknown, key = REPLY_KEY) =>
      fetch(`${base}/sms/replies/${key}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const acknowledged = async () => (await events()).filter((e) => e.type === 'participant.engaged' && (e.payload as { step: string }).step === 'acknowledged');

    // The wrong key opens nothing; the wrong code, or the right one from another phone, acknowledges nothing.
    expect((await reply({ from: '+4512345678', text: code }, 'not-the-key-0123456789')).status).toBe(404);
    expect(await (await reply({ from: '+4512345678', text: `ok ${(Number(code) + 1) % 1_000_000}` })).json()).toEqual({ acknowledged: 0 });
    expect(await (await reply({ from: '+4587654321', text: code })).json()).toEqual({ acknowledged: 0 });
    expect(await (await reply({ nonsense: true })).json()).toMatchObject({ acknowledged: 0 });
    expect((await reply({ from: '+4512345678', text: `${code} ${'x'.repeat(20_000)}` })).status).toBe(413);
    expect(await acknowledged()).toHaveLength(0);

    // As a form, the number written as the gateway writes it.
    const form = await fetch(`${base}/sms/replies/${REPLY_KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ sender: '0045 12 34 56 78', message: `OK ${code}, on my way` }).toString(),
    });
    expect(await form.json()).toEqual({ acknowledged: 1 });
    expect((await acknowledged()).map((e) => [e.actor, e.payload])).toEqual([['Ada', { person: 'Ada', step: 'acknowledged' }]]);
    // Sent again: already answered, nothing more.
    expect(await (await reply({ from: '+4512345678', text: code })).json()).toEqual({ acknowledged: 0 });
    expect(await acknowledged()).toHaveLength(1);
  });

  it('records a delivery report for the text it names, once, and nothing for a report of anything else', async () => {
    const { base, events } = await pagingHub([{ ...ADA, pushTopic: '', email: '' }]);
    const [sent] = (await until(events, (all) => all.some((e) => e.type === 'page.sent'))).filter((e) => e.type === 'page.sent');
    expect(sent!.payload).toMatchObject({ method: 'sms', outcome: 'sent', ref: 'msg-42' });
    const report = async (fields: Record<string, string>) =>
      (await (
        await fetch(`${base}/sms/receipts/${REPLY_KEY}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() })
      ).json()) as { recorded: boolean };
    expect(await report({ id: 'msg-42', status: 'ENROUTE' })).toEqual({ recorded: false });
    expect(await report({ id: 'msg-41', status: 'DELIVRD' })).toEqual({ recorded: false });
    expect(await report({ id: 'msg-42', status: 'DELIVRD' })).toEqual({ recorded: true });
    expect(await report({ id: 'msg-42', status: 'UNDELIV' })).toEqual({ recorded: false });
    expect((await events()).filter((e) => e.type === 'page.delivered').map((e) => e.payload)).toEqual([
      { person: 'Ada', cycle: 1, wave: 0, method: 'sms', outcome: 'delivered', detail: '' },
    ]);
    expect((await fetch(`${base}/sms/receipts/not-the-key-0123456789`, { method: 'POST', body: 'id=msg-42&status=DELIVRD' })).status).toBe(404);
  });

  it('refuses a page record, escalation, delivery report or fetched calendar pushed by a console: only the hub writes them', async () => {
    const { base, space, events } = await pagingHub([{ ...ADA, pushTopic: '', email: '', phone: '' }]);
    const forger = new TestAuthor(8);
    const client = await TestClient.open(base.replace('http://', 'ws://') + '/sync');
    cleanups.push(() => client.ws.terminate());
    client.hello({ kind: 'join', code: space.joinCode }, forger.deviceId);
    await client.next('welcome');
    const send = { person: 'Ada', cycle: 1, wave: 0, method: 'sms' as const };
    const forged = [
      domainEvent(forger, 1, 'page.sent', INCIDENT, { ...send, outcome: 'sent', attempts: 1, detail: 'the SMS gateway answered 200' }, NOW),
      domainEvent(forger, 2, 'page.delivered', INCIDENT, { ...send, outcome: 'delivered', detail: '' }, NOW),
      domainEvent(forger, 3, 'page.escalated', INCIDENT, { origin: 'Ada', originCycle: 1, roster: 'pay', rosterName: 'Payments', step: 1, to: 'Bo', toCycle: 1, wave: 0, waited: 5 }, NOW),
      domainEvent(forger, 4, 'organisation.calendarFetched', ORGANISATION_STREAM, { roster: 'pay', level: 'primary', url: 'https://calendar.example.org/a.ics', outcome: 'fetched', shifts: [], detail: '' }, NOW),
    ];
    client.send({ t: 'push', id: 'r1', events: forged });
    const { acks } = await client.next('acks');
    expect(acks.map((ack) => ack.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(acks.map((ack) => (ack as { reason: string }).reason)).toEqual([
      expect.stringMatching(/sent by the hub/),
      expect.stringMatching(/from the gateway/),
      expect.stringMatching(/made by the hub/),
      expect.stringMatching(/fetched by the hub/),
    ]);
    expect((await events()).filter((e) => e.deviceId === forger.deviceId)).toEqual([]);
  });

  it('refuses a link that was changed, cut short or expired, records nothing, and slows down guessing', async () => {
    const { base, clock, ntfy, events } = await pagingHub([{ ...ADA, phone: '', email: '' }]);
    await until(events, (all) => all.some((e) => e.type === 'page.sent'));
    const link = onHub((JSON.parse(ntfy.heard[0]!.body) as { click: string }).click, base);
    const [body, mac] = link.slice(link.lastIndexOf('/') + 1).split('.') as [string, string];
    // Another person named in the body, the signature kept: not valid.
    const forged = Buffer.from(Buffer.from(body, 'base64url').toString('utf8').replace('"Ada"', '"Bo"')).toString('base64url');
    for (const wrong of [`${base}/ack/${forged}.${mac}`, link.slice(0, -3), `${base}/ack/${'x'.repeat(5000)}`, `${base}/ack/not-a-token`]) {
      const response = await fetch(wrong, { method: 'POST' });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('This link is not valid');
    }
    clock.now = NOW + ACK_LINK_TTL_MS + 60_000;
    const expired = await fetch(link, { method: 'POST' });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('expired');
    expect((await events()).filter((e) => e.type === 'participant.engaged')).toHaveLength(1);
    // Guessing at links from one address is slowed: the hub's clock stands still, so no allowance comes back.
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await fetch(`${base}/ack/guess${i}.abc`, { method: 'POST' })).status);
    expect(statuses.at(-1)).toBe(429);
  });
});
