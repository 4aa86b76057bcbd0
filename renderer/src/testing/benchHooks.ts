/**
 * Hooks for `npm run bench` only: the bench build (vite --mode bench) exposes
 * them on window so Playwright can seed large incidents and time operations
 * against the real database code. Never part of the shipped console.
 */
import { Dexie } from 'dexie';

import { encodeHlc } from '@shared/domain/hlc';
import { CURRENT_VERSION } from '@shared/domain/events';

import { webhookRequest } from '@shared/comms/formats';
import { renderTemplate } from '@shared/comms/render';
import type { WarroomBridge } from '@shared/platform/bridge';

import type { WarroomDatabase } from '../db/database';
import { ingestEvents, rebuildProjections } from '../db/eventStore';
import { queueMessage } from '../db/messageCommands';
import { changeSetting, getOrganisation } from '../db/organisation';
import { placeholderValues } from '../features/comms/placeholderValues';
import { WebhookDelivery } from '../sync/webhookDelivery';

const BENCH_DEVICE = 'benchdevice00001';

export type BenchHooks = {
  /** Declares an incident with `entries` timeline entries; resolves with its id. */
  seedIncident(entries: number, deviceId?: string): Promise<string>;
  /** Adds `hypotheses` hypotheses (spread over every status) and `participants` engaged people to an incident. */
  seedWorkspace(incidentId: string, hypotheses: number, participants: number): Promise<void>;
  rebuild(): Promise<{ ms: number; events: number }>;
  /**
   * Renders `count` update messages from the executives' template, queues each
   * for a webhook at `url`, then delivers them all through the delivery worker,
   * which posts with `window.__benchPost` (the benchmark's Node side).
   * Run it on the wall route, where the console's own worker is off.
   */
  comms(incidentId: string, count: number, url: string): Promise<{ renderMs: number; queueMs: number; deliverMs: number; delivered: number; posted: number }>;
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
    async comms(incidentId, count, url) {
      const summary = (await db.incidents.get(incidentId))?.summary;
      if (!summary) throw new Error(`No incident ${incidentId}`);
      let { settings } = await getOrganisation(db);
      const webhook = { id: 'bench', name: 'bench relay', format: 'slack' as const, url, audiences: ['executives'] };
      await changeSetting(db, 'channels', { ...settings.channels, webhooks: [webhook] }, 'Bench Commander');
      ({ settings } = await getOrganisation(db));
      const audience = settings.audiences.find((a) => a.id === 'executives')!;
      const template = settings.templates.find((tpl) => tpl.audience === 'executives' && tpl.phase === 'update')!;
      const base = { incident: summary, audience, testing: ['the config push broke DNS'], commanders: ['Ada Lovelace'], standingBridges: settings.bridges };

      const t0 = performance.now();
      const drafts = [];
      for (let i = 0; i < count; i++) {
        const values = { ...placeholderValues({ ...base, now: Date.now() }), eta: `14:${String(i % 60).padStart(2, '0')} UTC` };
        const draft = renderTemplate(template, values);
        webhookRequest({ id: `x:${i}`, incidentId, incidentTitle: summary.title, audience: audience.id, audienceName: audience.name, phase: 'update', subject: draft.subject, text: draft.body, at: new Date().toISOString() }, 'slack');
        drafts.push(draft);
      }
      const t1 = performance.now();
      for (const draft of drafts) {
        await queueMessage(db, { incidentId, audience, phase: 'update', subject: draft.subject, text: draft.body, templateVersion: template.version, actor: 'Bench Commander', webhook });
      }
      const t2 = performance.now();
      let posted = 0;
      const post = (window as unknown as { __benchPost: WarroomBridge['deliverWebhook'] }).__benchPost;
      const worker = new WebhookDelivery({ db, bridge: { deliverWebhook: (request) => (posted++, post(request)) } });
      await worker.recoverInterrupted();
      while ((await db.messages.where('state').equals('queued').count()) > 0) await worker.runDue();
      const t3 = performance.now();
      const delivered = await db.messages.where('state').equals('delivered').count();
      return { renderMs: t1 - t0, queueMs: t2 - t1, deliverMs: t3 - t2, delivered, posted };
    },
    async setProfile(name) {
      await db.meta.put({ key: 'profile', name });
    },
  };
  (window as unknown as { warroomBench: BenchHooks }).warroomBench = hooks;
}
