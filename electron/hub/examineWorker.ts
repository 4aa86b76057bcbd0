/**
 * The hub's event worker (examiner.ts): given a push's text, it examines each
 * of its events as the hub's own thread would and answers in the same order.
 */
import { parentPort } from 'node:worker_threads';

import { examineEvent } from '../../shared/sync/examine';
import { messageOf } from './log';

const port = parentPort;
if (!port) throw new Error('examineWorker runs as a worker thread of the hub');

port.on('message', ({ id, frame }: { id: number; frame: string }) => {
  try {
    // The same text the hub parsed and checked as a push: the same events, in the same order.
    const { events } = JSON.parse(frame) as { events: unknown[] };
    port.postMessage({ id, examined: events.map(examineEvent) });
  } catch (error) {
    port.postMessage({ id, error: messageOf(error) });
  }
});
