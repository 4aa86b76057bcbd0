import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { MAX_WEBHOOK_BODY_BYTES } from '@shared/platform/ipcSchemas';

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

describe('postWebhook', () => {
  it('posts the exact body with the allowed headers, and reports a 200', async () => {
    const { received, url } = await receiver();
    const body = '{"text":"Payments down — ünïcödé ✓ 🚒\\nline two"}';
    const outcome = await postWebhook({ url, headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'msg-01:3' }, body });
    expect(outcome).toEqual({ status: 'responded', code: 200, detail: 'OK: ok' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', url: '/hooks/T000/secret', body });
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(received[0]!.headers['idempotency-key']).toBe('msg-01:3');
  });

  it('reports a 204 with no body', async () => {
    const { url } = await receiver((_, res) => res.writeHead(204).end());
    expect(await postWebhook({ url, headers: json, body: '{}' })).toEqual({ status: 'responded', code: 204, detail: 'No Content' });
  });

  it('reports a 503 as an answer, for the caller to judge', async () => {
    const { url } = await receiver((_, res) => res.writeHead(503, { 'retry-after': '30' }).end('try later'));
    expect(await postWebhook({ url, headers: json, body: '{}' })).toEqual({ status: 'responded', code: 503, detail: 'Service Unavailable: try later' });
  });

  it('carries the start of an error body, as one clean line', async () => {
    const { url } = await receiver((_, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end(`no_such_hook\r\n\u001b[31mred\u202e${'x'.repeat(5000)}`));
    const outcome = await postWebhook({ url, headers: json, body: '{}' });
    expect(outcome).toMatchObject({ status: 'responded', code: 404 });
    const { detail } = outcome as { detail: string };
    expect(detail).toMatch(/^Not Found: no_such_hook \[31mredxxx/);
    expect(detail.length).toBeLessThanOrEqual(320);
    expect(detail.endsWith('…')).toBe(true);
    // eslint-disable-next-line no-control-regex -- checking none survive
    expect(detail).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('reads an HTML error page as its text', async () => {
    const page = '<html><head><style>p{color:red}</style></head><body><h1>Forbidden</h1><p>bad token</p></body></html>';
    const { url } = await receiver((_, res) => res.writeHead(403, { 'content-type': 'text/html' }).end(page));
    expect(await postWebhook({ url, headers: json, body: '{}' })).toEqual({ status: 'responded', code: 403, detail: 'Forbidden: Forbidden bad token' });
  });

  it('does not wait for a huge answer to finish', async () => {
    const { url } = await receiver((_, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.write('é'.repeat(1025)); // 2050 bytes: the limit falls inside a character
      // The rest never comes: only the start is read.
    });
    const outcome = await postWebhook({ url, headers: json, body: '{}' }, { timeoutMs: 5_000 });
    expect(outcome).toMatchObject({ status: 'responded', code: 500 });
    expect((outcome as { detail: string }).detail).not.toContain('\ufffd');
  });

  it('reports a redirect and never follows it', async () => {
    const target = await receiver();
    const { url, received } = await receiver((_, res) => res.writeHead(302, { location: target.url }).end('moved'));
    expect(await postWebhook({ url, headers: json, body: '{"secret":1}' })).toEqual({ status: 'responded', code: 302, detail: 'Found: moved' });
    expect(received).toHaveLength(1);
    expect(target.received).toEqual([]);
  });

  it('gives up on a slow receiver', async () => {
    const { url, received } = await receiver(() => {
      // Never answers.
    });
    const started = Date.now();
    expect(await postWebhook({ url, headers: json, body: '{}' }, { timeoutMs: 150 })).toEqual({ status: 'timedOut' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(received).toHaveLength(1);
  });

  it('reports a closed port as unreachable, saying why', async () => {
    const { port } = await receiver();
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    const outcome = await postWebhook({ url: `http://127.0.0.1:${port}/`, headers: json, body: '{}' });
    expect(outcome).toEqual({ status: 'unreachable', detail: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('reports a name that does not resolve as unreachable', async () => {
    const outcome = await postWebhook({ url: 'http://warroom-test.invalid/', headers: json, body: '{}' }, { timeoutMs: 5_000 });
    expect(['unreachable', 'timedOut']).toContain(outcome.status);
  });

  it('refuses a port fetch will never use', async () => {
    expect(await postWebhook({ url: 'http://127.0.0.1:6000/', headers: json, body: '{}' })).toEqual({
      status: 'invalid',
      detail: 'fetch refuses to connect to this port',
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
      const outcome = await postWebhook(request);
      expect(outcome).toEqual({ status: 'invalid', detail: expect.stringMatching(detail) });
      expect(received).toEqual([]);
    });

    it('a body of exactly 1 MiB is sent', async () => {
      const { url, received } = await receiver();
      const body = 'x'.repeat(MAX_WEBHOOK_BODY_BYTES);
      expect(await postWebhook({ url, headers: {}, body })).toMatchObject({ status: 'responded', code: 200 });
      expect(received[0]!.body).toHaveLength(MAX_WEBHOOK_BODY_BYTES);
    });
  });
});
