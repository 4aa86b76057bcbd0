/** A request body the hub reads into memory, with a bound: what a sender may not make it hold. */
import type { IncomingMessage } from 'node:http';

/**
 * Collects the body up to `maxBytes`. Past that it keeps nothing more, calls
 * `tooLarge` at once (the rest is drained, unread) and never `done`; else
 * `done` gets the whole body.
 */
export function collectBody(request: IncomingMessage, maxBytes: number, on: { tooLarge: () => void; done: (body: Buffer) => void }): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  request.on('data', (chunk: Buffer) => {
    if (over) return;
    size += chunk.length;
    if (size > maxBytes) {
      over = true;
      on.tooLarge();
      request.resume();
      return;
    }
    chunks.push(chunk);
  });
  request.on('error', () => {});
  request.on('end', () => {
    if (!over) on.done(Buffer.concat(chunks));
  });
}
