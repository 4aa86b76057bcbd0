/**
 * Examines pushed events on a worker thread (examineWorker.ts): checking and
 * hashing each event is most of a hub's work on a push, and a hub on two or
 * more cores then stores one push while the next is examined. The worker
 * parses the push's own text, so only a string crosses to it and a short
 * answer comes back. If the worker fails, it is not restarted: every push
 * waiting on it, and every later one, is examined on the hub's own thread.
 */
import { Worker } from 'node:worker_threads';

import { examineEvent, type Examine, type Examined } from '../../shared/sync/examine';
import { messageOf, type Log } from './log';

type Request = { events: readonly unknown[]; resolve: (examined: readonly Examined[]) => void };
type Answer = { id: number; examined?: Examined[]; error?: string };

export type Examiner = { examine: Examine; close(): Promise<void> };

export function startExaminer(script: URL, log: Log): Examiner {
  const pending = new Map<number, Request>();
  let next = 0;
  let worker: Worker | null = new Worker(script);

  const inThread = (events: readonly unknown[]) => events.map(examineEvent);
  /** Stops using the worker: what waits on it is answered here. */
  const letGo = (): Worker | null => {
    const gone = worker;
    worker = null;
    for (const { events, resolve } of pending.values()) resolve(inThread(events));
    pending.clear();
    return gone;
  };
  const fail = (error: unknown) => {
    if (!worker) return;
    log('error', 'the event worker failed; events are examined on the main thread from now on', { error: messageOf(error) });
    void letGo()?.terminate();
  };

  worker.on('message', ({ id, examined, error }: Answer) => {
    const request = pending.get(id);
    if (!request) return;
    pending.delete(id);
    // An answer that does not fit the push (it never should) is worked out again here.
    if (error !== undefined || !Array.isArray(examined) || examined.length !== request.events.length) {
      if (error !== undefined) log('warn', 'the event worker could not read a push; examined on the main thread', { error });
      request.resolve(inThread(request.events));
    } else request.resolve(examined);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`exited with code ${code}`)));

  return {
    examine: ({ frame, events }) => {
      if (!worker) return Promise.resolve(inThread(events));
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, { events, resolve });
        worker!.postMessage({ id, frame });
      });
    },
    async close() {
      await letGo()?.terminate();
    },
  };
}
