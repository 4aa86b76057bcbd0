/**
 * Hooks for `npm run bench` only: the bench build (vite --mode bench) exposes
 * them on window so Playwright can seed large incidents and time operations
 * against the real database code. Never part of the shipped console.
 */
import { Dexie } from 'dexie';

import { encodeHlc } from '@shared/domain/hlc';
import { CURRENT_VERSION } from '@shared/domain/events';

import type { WarroomDatabase } from '../db/database';
import { ingestEvents, rebuildProjections } from '../db/eventStore';

const BENCH_DEVICE = 'benchdevice00001';

export type BenchHooks = {
  /** Declares an incident with `entries` timeline entries; resolves with its id. */
  seedIncident(entries: number, deviceId?: string): Promise<string>;
  /** Adds `hypotheses` hypotheses (spread over every status) and `participants` engaged people to an incident. */
  seedWorkspace(incidentId: string, hypotheses: number, participants: number): Promise<void>;
  rebuild(): Promise<{ ms: number; events: number }>;
  setProfile(name: string): Promise<void>;
};

/** An event as another console would have written it: sequence `seq` of `deviceId`, `stepMs` apart from `startMs`. */
function benchEvent(deviceId: string, incidentId: string, actor: string, startMs: number, stepMs: number) {
  return (seq: number, type: string, payload: unknown) => ({
    id: `${deviceId}:${seq}`,
    incidentId,
    type,
    v: CURRENT_VERSION[type as keyof typeof CURRENT_VERSION],
    hlc: encodeHlc({ ms: startMs + seq * stepMs, counter: 0 }),
    deviceId,
    deviceSeq: seq,
    actor,
    occurredAt: new Date(startMs + seq * stepMs).toISOString(),
    payload,
  });
}

export function installBenchHooks(db: WarroomDatabase): void {
  // When the last write committed: lets the benchmark split an interaction into the write and the repaint.
  Dexie.on('storagemutated', () => {
    (window as unknown as { __lastCommit: number }).__lastCommit = performance.now();
  });
  const hooks: BenchHooks = {
    async seedIncident(entries, deviceId = BENCH_DEVICE) {
      const start = Date.now() - entries * 1000 - 60_000;
      const incidentId = `${deviceId}:1`;
      const event = benchEvent(deviceId, incidentId, 'Bench Scribe', start, 1000);
      await ingestEvents(db, [
        event(1, 'incident.declared', {
          title: `Benchmark incident with ${entries} entries`,
          kind: 'service',
          services: ['checkout', 'dns'],
          impact: 'organisation',
          urgency: 'missionCritical',
          priority: 'P1',
          tier: 'normal',
          declaredBy: 'Bench Scribe',
          drill: true,
        }),
      ]);
      const batch = 5000;
      for (let from = 0; from < entries; from += batch) {
        const events = [];
        for (let i = from; i < Math.min(entries, from + batch); i++) {
          events.push(
            event(i + 2, 'timeline.entryLogged', {
              kind: (['note', 'action', 'decision', 'observation'] as const)[i % 4],
              text: `Entry ${i + 1}: error rate on checkout-api at ${(i % 97) + 1}% after the config push; watching the p99.`,
            }),
          );
        }
        const result = await ingestEvents(db, events);
        if (result.rejected.length) throw new Error(`Seeding rejected events: ${result.rejected[0]!.error}`);
      }
      return incidentId;
    },
    async seedWorkspace(incidentId, hypotheses, participants) {
      let seq = 0;
      const at = benchEvent('benchworkspace01', incidentId, 'Bench Commander', Date.now() - 3_600_000, 100);
      const event = (type: string, payload: unknown) => at(++seq, type, payload);
      const events = [];
      const statuses = ['testing', 'confirmed', 'refuted', 'parked'] as const;
      for (let i = 0; i < hypotheses; i++) {
        const statement = `Hypothesis ${i + 1}: the ${['config push', 'DNS change', 'cert rotation', 'kernel patch'][i % 4]} at 14:${String(i % 60).padStart(2, '0')} broke ${['checkout', 'login', 'search'][i % 3]}`;
        const proposed = event('hypothesis.proposed', {
          statement,
          owner: `Responder ${(i % participants) + 1}`,
          probe: { action: 'Roll back on one node', expectation: 'Errors stop on that node', timeBoxMinutes: 20 },
        });
        events.push(proposed);
        const status = i % 5 === 0 ? null : statuses[i % 4]!;
        if (status) {
          events.push(event('hypothesis.changed', { target: proposed.id, about: statement, field: 'status', value: status, prev: [proposed.id] }));
        }
      }
      for (let i = 0; i < participants; i++) {
        const person = `Responder ${i + 1}`;
        events.push(event('participant.engaged', { person, step: 'paged' }));
        if (i % 3 !== 0) events.push(event('participant.engaged', { person, step: 'acknowledged' }));
        if (i % 3 === 2) events.push(event('participant.engaged', { person, step: 'joined' }));
      }
      const result = await ingestEvents(db, events);
      if (result.rejected.length) throw new Error(`Seeding rejected events: ${result.rejected[0]!.error}`);
    },
    async rebuild() {
      const events = await db.events.count();
      const t0 = performance.now();
      await rebuildProjections(db);
      return { ms: performance.now() - t0, events };
    },
    async setProfile(name) {
      await db.meta.put({ key: 'profile', name });
    },
  };
  (window as unknown as { warroomBench: BenchHooks }).warroomBench = hooks;
}
