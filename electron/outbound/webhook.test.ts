import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { MAX_WEBHOOK_BODY_BYTES } from '@shared/platform/ipcSchemas';

import { parseAllowList, PUBLIC_ONLY } from './destinations';
import { postWebhook } from './webhook';

type Received = { method: string; url: string; headers: IncomingMessage['headers']; body: string };

const servers: Server[] = [];

/** A real receiver on 127.0.0.1 that records every request and answers as `respond` says. */
async function receiver(respond: (request: Received, response: ServerResponse) => void = (_, res) => res.writeHead(200).end('ok')) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      respond(request, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { received, port, url: `http://127.0.0.1:${port}/hooks/T000/secret` };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const json = { 'content-type': 'application/json' };

/** The receivers here listen on loopback, which is refused unless allowed: these tests allow it, as an operator would. */
const LOCAL = parseAllowList(['127.0.0.0/8']);

/** A resolver that answers each name from the table, a different answer per call when given several. */
function resolver(table: Record<string, string[][]>) {
  const calls: string[] = [];
  const lookup: LookupFunction = (hostname, options, callback) => {
    calls.push(hostname);
    const answers = table[hostname];
    const found = answers?.length ? (answers.length > 1 ? answers.shift()! : answers[0]!) : null;
    if (!found) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
    const addresses = found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
  return { lookup, calls };
}

describe('postWebhook keeps to public addresses unless the operator allows more', () => {
  const refused = (kind: string) => ({ status: 'invalid', detail: expect.stringMatching(new RegExp(`^the webhook address leads to an? ${kind} address`)) });

  it('refuses a receiver on 127.0.0.1, which never hears of it', async () => {
    const { url, received } = await receiver();
    expect(await postWebhook({ url, headers: json, body: '{}' })).toEqual(refused('loopback'));
    expect(await postWebhook({ url: url.replace('127.0.0.1', 'localhost'), headers: json, body: '{}' })).toEqual(refused('loopback'));
    expect(received).toEqual([]);
  });

  it.each([
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['fc00::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::', 'unspecified'],
    ['0.0.0.0', 'unspecified'],
    ['169.254.169.254', 'link-local'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.20', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['2130706433', 'loopback'],
    ['0x7f.1', 'loopback'],
  ])('refuses the address %s (%s) without connecting', async (host, kind) => {
    const { lookup, calls } = resolver({});
    const url = `http://${host.includes(':') ? `[${host}]` : host}:8080/hooks/secret`;
    expect(await postWebhook({ url, headers: json, body: '{}' }, { lookup, timeoutMs: 5_000 })).toEqual(refused(kind));
    expect(calls).toEqual([]);
  });

  it('refuses a name that resolves to a private or loopback address', async () => {
    const { port, received } = await receiver();
    const { lookup } = resolver({ 'internal.example': [['127.0.0.1']], 'intranet.example': [['10.0.0.5']], 'both.example': [['93.184.215.14', '127.0.0.1']] });
    for (const [name, kind] of [['internal.example', 'loopback'], ['intranet.example', 'private'], ['both.example', 'loopback']] as const) {
      expect(await postWebhook({ url: `http://${name}:${port}/hooks/secret`, headers: json, body: '{}' }, { lookup, timeoutMs: 5_000 })).toEqual(refused(kind));
    }
    expect(received).toEqual([]);
  });

  it('checks the address it connects to: a name public at first and loopback after is still refused', async () => {
    const { port, received } = await receiver();
    // A check that resolved on its own and let the connection resolve again would pass the first answer and connect to the second.
    const { lookup, calls } = resolver({ 'rebind.example': [['127.0.0.1']] });
    const firstPublic: LookupFunction = (hostname, options, callback) =>
      calls.length === 0 ? (calls.push(hostname), options.all ? callback(null, [{ address: '93.184.215.14', family: 4 }]) : callback(null, '93.184.215.14', 4)) : lookup(hostname, options, callback);
    const outcome = await postWebhook({ url: `http://rebind.example:${port}/hooks/secret`, headers: json, body: '{}' }, { lookup: firstPublic, timeoutMs: 2_000 });
    expect(received).toEqual([]);
    // The one answer used was the public one: that address, not the receiver, was (tried to be) connected to.
    expect(calls).toEqual(['rebind.example']);
    expect(outcome.status).not.toBe('responded');
    const again = await postWebhook({ url: `http://rebind.example:${port}/hooks/secret`, headers: json, body: '{}' }, { lookup: firstPublic, timeoutMs: 2_000 });
    expect(again).toEqual(refused('loopback'));
    expect(received).toEqual([]);
  });

  it('delivers once the operator allows the range, the address and port, or the host name', async () => {
    const { port, url, received } = await receiver();
    const { lookup } = resolver({ 'internal.example': [['127.0.0.1']] });
    const named = `http://internal.example:${port}/hooks/secret`;
    expect(await postWebhook({ url, headers: json, body: '{}' }, { allow: parseAllowList(['127.0.0.0/8']) })).toMatchObject({ status: 'responded', code: 200 });
    expect(await postWebhook({ url: named, headers: json, body: '{}' }, { lookup, allow: parseAllowList([`127.0.0.1:${port}`]) })).toMatchObject({ code: 200 });
    expect(await postWebhook({ url: named, headers: json, body: '{}' }, { lookup, allow: parseAllowList([`internal.example:${port}`]) })).toMatchObject({ code: 200 });
    expect(received).toHaveLength(3);
    // Allowed on another port, or another address, is not allowed here.
    expect(await postWebhook({ url, headers: json, body: '{}' }, { allow: parseAllowList([`127.0.0.1:${port + 1}`, '10.0.0.0/8']) })).toEqual(refused('loopback'));
    expect(await postWebhook({ url: named, headers: json, body: '{}' }, { lookup, allow: parseAllowList(['other.example']) })).toEqual(refused('loopback'));
    expect(received).toHaveLength(3);
    expect(PUBLIC_ONLY.entries).toEqual([]);
  });

  it("reports the status in its own words, never the receiver's body or reason phrase", async () => {
    const { url } = await receiver((_, res) => res.writeHead(404, 'root:x:0:0 internal', { 'content-type': 'text/plain' }).end('db01.corp password=hunter2'));
    expect(await postWebhook({ url, headers: json, body: '{}' }, { allow: LOCAL })).toEqual({ status: 'responded', code: 404, detail: 'Not Found' });
  });
});

describe('postWebhook', () => {
  it('posts the exact body with the allowed headers, and reports a 200', async () => {
    const { received, url } = await receiver();
    const body = '{"text":"Payments down — ünïcödé ✓ 🚒\\nline two"}';
    const outcome = await postWebhook({ url, headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'msg-01:3' }, body }, { allow: LOCAL });
    expect(outcome).toEqual({ status: 'responded', code: 200, detail: 'OK' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/hooks/T000/secret', body });
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(received[0]!.headers['idempotency-key']).toBe('msg-01:3');
  });

  it('reports a 204 with no body', async () => {
    const { url } = await receiver((_, res) => res.writeHead(204).end());
    expect(await postWebhook({ url, headers: json, body: '{}' }, { allow: LOCAL })).toEqual({ status: 'responded', code: 204, detail: 'No Content' });
  });

  it('reports a 503 as an answer, for the caller to judge', async () => {
    const { url } = await receiver((_, res) => res.writeHead(503, { 'retry-after': '30' }).end('try later'));
    expect(await postWebhook({ url, headers: json, body: '{}' }, { allow: LOCAL })).toEqual({ status: 'responded', code: 503, detail: 'Service Unavailable' });
  });

  it('does not wait for an answer to finish', async () => {
    const { url } = await receiver((_, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.write('é'.repeat(1025));
      // The rest never comes: the status is the answer.
    });
    expect(await postWebhook({ url, headers: json, body: '{}' }, { allow: LOCAL, timeoutMs: 5_000 })).toEqual({ status: 'responded', code: 500, detail: 'Internal Server Error' });
  });

  it('reports a redirect and never follows it', async () => {
    const target = await receiver();
    const { url, received } = await receiver((_, res) => res.writeHead(302, { location: target.url }).end('moved'));
    expect(await postWebhook({ url, headers: json, body: '{"secret":1}' }, { allow: LOCAL })).toEqual({ status: 'responded', code: 302, detail: 'Found' });
    expect(received).toHaveLength(1);
    expect(target.received).toEqual([]);
  });

  it('gives up on a slow receiver', async () => {
    const { url, received } = await receiver(() => {
      // Never answers.
    });
    const started = Date.now();
    expect(await postWebhook({ url, headers: json, body: '{}' }, { allow: LOCAL, timeoutMs: 150 })).toEqual({ status: 'timedOut' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(received).toHaveLength(1);
  });

  it('reports a closed port as unreachable, saying why', async () => {
    const { port } = await receiver();
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    const outcome = await postWebhook({ url: `http://127.0.0.1:${port}/`, headers: json, body: '{}' }, { allow: LOCAL });
    expect(outcome).toEqual({ status: 'unreachable', detail: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('reports a name that does not resolve as unreachable', async () => {
    const outcome = await postWebhook({ url: 'http://warroom-test.invalid/', headers: json, body: '{}' }, { allow: LOCAL, timeoutMs: 5_000 });
    expect(['unreachable', 'timedOut']).toContain(outcome.status);
  });

  it('refuses a port kept for other protocols, even when the address is allowed', async () => {
    expect(await postWebhook({ url: 'http://127.0.0.1:6000/', headers: json, body: '{}' }, { allow: LOCAL })).toEqual({
      status: 'invalid',
      detail: 'port 6000 belongs to another protocol; webhooks are never sent there',
    });
  });

  describe('refuses before sending', () => {
    it.each([
      ['a file: address', { url: 'file:///etc/passwd' }, /url/],
      ['a javascript: address', { url: 'javascript:alert(1)' }, /url/],
      ['a relative address', { url: '/hooks/x' }, /url/],
      ['credentials in the address', { url: 'http://ada:pw@127.0.0.1:{port}/' }, /url/],
      ['a header not on the list', { headers: { authorization: 'Bearer x' } }, /header "authorization" is not allowed/],
      ['a header given twice', { headers: { 'content-type': 'a/b', 'Content-Type': 'a/b' } }, /given twice/],
      ['a header value with a line break', { headers: { 'idempotency-key': 'a\r\nX-Evil: 1' } }, /idempotency-key/],
      ['a body over 1 MiB', { body: 'x'.repeat(MAX_WEBHOOK_BODY_BYTES + 1) }, /body: must be at most 1 MiB/],
      ['a body over 1 MiB as UTF-8', { body: 'é'.repeat(MAX_WEBHOOK_BODY_BYTES / 2 + 1) }, /body/],
    ])('%s', async (_label, patch, detail) => {
      const { url, port, received } = await receiver();
      const request = { url, headers: json, body: '{}', ...patch };
      request.url = request.url.replace('{port}', String(port));
      const outcome = await postWebhook(request, { allow: LOCAL });
      expect(outcome).toEqual({ status: 'invalid', detail: expect.stringMatching(detail) });
      expect(received).toEqual([]);
    });

    it('a body of exactly 1 MiB is sent', async () => {
      const { url, received } = await receiver();
      const body = 'x'.repeat(MAX_WEBHOOK_BODY_BYTES);
      expect(await postWebhook({ url, headers: {}, body }, { allow: LOCAL })).toMatchObject({ status: 'responded', code: 200 });
      expect(received[0]!.body).toHaveLength(MAX_WEBHOOK_BODY_BYTES);
    });
  });
});
