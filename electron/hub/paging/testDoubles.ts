/** Stand-ins for what pages go through, on real sockets: an HTTP server (a push server, an SMS gateway) and an SMTP relay. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

export type Heard = { method: string; url: string; headers: IncomingMessage['headers']; body: string };

/** An HTTP server that answers `status` with `answer` (or never answers) and keeps every request it heard. */
export async function httpDouble(status: number | 'hang', cleanups: (() => unknown)[], answer = '{}'): Promise<{ base: string; heard: Heard[] }> {
  const heard: Heard[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      heard.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      if (status !== 'hang') response.writeHead(status, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, heard };
}

/** An SMTP relay that takes every mail, without TLS or login, and keeps each with its envelope's recipients. */
export async function smtpDouble(cleanups: (() => unknown)[]): Promise<{ url: string; mails: { to: string[]; raw: string }[] }> {
  const mails: { to: string[]; raw: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => smtp.close(() => resolve(undefined))));
  return { url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, mails };
}
