import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { examineEvent, type Examined } from '../../shared/sync/examine';
import { TestAuthor } from '../../shared/sync/testing/testAuthor';
import { startExaminer } from './examiner';
import type { Log } from './log';
import { startHub, type HubOptions } from './server';
import { ensureSpace } from './spaces';
import { SqliteHubStore } from './sqliteStore';
import { TestClient } from './testClient';
import { entry } from './testEvents';

let dir = '';
let worker: URL;

beforeAll(async () => {
  // The worker as the hub's build makes it: TypeScript bundled to one script.
  dir = mkdtempSync(join(tmpdir(), 'warroom-examiner-'));
  const outfile = join(dir, 'examineWorker.mjs');
  await build({ entryPoints: ['electron/hub/examineWorker.ts'], outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent' });
  worker = pathToFileURL(outfile);
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Events as a push may carry them: signed and well-formed, and each way one can be refused. */
function mixedPush(): unknown[] {
  const author = new TestAuthor(3);
  const good = [1, 2, 3].map((seq) => entry(author, seq, { text: seq === 2 ? '<img src=x onerror=alert(1)> =HYPERLINK("x")' : undefined }));
  let deep: unknown = 'bottom';
  for (let i = 0; i < 40; i++) deep = { deeper: deep };
  return [
    ...good,
    { ...good[0], actor: 'Ada\u0007Lovelace' },
    { ...good[0], id: 'not an id' },
    { ...good[0], payload: deep },
    { ...good[0], payload: { kind: 'note', text: 'x'.repeat(3 * 1024 * 1024) } },
    { ...good[0], type: 'incident.fromTheFuture', v: 9 },
    42,
    null,
    'a string',
  ];
}

const pushOf = (events: unknown[]) => {
  const frame = JSON.stringify({ t: 'push', id: 'p1', events });
  return { frame, events: (JSON.parse(frame) as { events: unknown[] }).events };
};

function recordingLog(): { log: Log; lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  return { log: (level, message) => lines.push({ level, message }), lines };
}

describe('the hub’s event worker', () => {
  it('answers for every event as the hub’s own thread does, hostile ones included', async () => {
    const push = pushOf(mixedPush());
    const examiner = startExaminer(worker, recordingLog().log);
    try {
      const answers = await examiner.examine(push);
      expect(answers).toEqual(push.events.map(examineEvent));
      // Not trivially equal: some are refused, the signed ones hashed.
      const hashed = answers.filter((a): a is Extract<Examined, { hash: string | null }> => 'hash' in a);
      expect(hashed.map((a) => a.hash)).toEqual(expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{64}$/)]));
      expect(answers.filter((a) => 'problem' in a).length).toBeGreaterThanOrEqual(6);
      // Several pushes at once are each answered with their own events.
      const more = [pushOf(mixedPush().slice(0, 2)), pushOf(mixedPush().slice(3, 9)), push];
      expect(await Promise.all(more.map((p) => examiner.examine(p)))).toEqual(more.map((p) => p.events.map(examineEvent)));
    } finally {
      await examiner.close();
    }
  });

  it('leaves no push unanswered when the worker dies: waiting and later pushes are examined on the hub’s thread, and the operator is told', async () => {
    const dying = join(dir, 'dying.mjs');
    writeFileSync(dying, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    const { log, lines } = recordingLog();
    const examiner = startExaminer(pathToFileURL(dying), log);
    try {
      const push = pushOf(mixedPush());
      expect(await examiner.examine(push)).toEqual(push.events.map(examineEvent));
      expect(lines).toEqual([{ level: 'error', message: expect.stringMatching(/event worker failed/) }]);
      const later = pushOf(mixedPush().slice(0, 4));
      expect(await examiner.examine(later)).toEqual(later.events.map(examineEvent));
    } finally {
      await examiner.close();
    }
  });

  it('gives a console the same acks with the worker as without it', async () => {
    const acksFrom = async (options: Partial<HubOptions>) => {
      const store = new SqliteHubStore(new Database(join(mkdtempSync(join(dir, 'hub-')), 'hub.sqlite')));
      const { space } = await ensureSpace(store, { name: 'Room 1' }, (bytes) => bytes.fill(7));
      const hub = await startHub({ store, port: 0, host: '127.0.0.1', ...options });
      const client = await TestClient.open(hub.url);
      try {
        const author = new TestAuthor(4);
        client.hello({ kind: 'join', code: space.joinCode }, author.deviceId);
        await client.next('welcome');
        const at = Date.UTC(2026, 11, 6, 12);
        const events: unknown[] = [1, 2, 3].map((seq) => entry(author, seq, { atMs: at + seq }));
        events.splice(1, 0, { ...(events[0] as object), actor: 'Ada\u0000' });
        client.send({ t: 'push', id: 'p1', events });
        return (await client.next('acks')).acks;
      } finally {
        client.ws.terminate();
        await hub.close();
        await store.close();
      }
    };
    const withWorker = await acksFrom({ examineWorker: worker });
    expect(withWorker.map((ack) => ack.status)).toEqual(['accepted', 'rejected', 'accepted', 'accepted']);
    expect(withWorker).toEqual(await acksFrom({}));
  });
});
