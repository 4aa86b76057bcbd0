import { describe, expect, it } from 'vitest';

import { DEFAULT_RUNBOOKS } from '@shared/domain/catalogues';
import { NO_CONDITIONS, type Runbook } from '@shared/domain/runbooks';

import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { attachDueRunbooks, attachRunbook, markStep } from './checklistCommands';
import { checklistsOf, incidentsTakingRunbooks } from './checklistQueries';
import { RefusedError, changeField, changeTier, declareIncident, reprioritise } from './commands';
import type { WarroomDatabase } from './database';
import { ingestEvents, openDatabase, rebuildProjections } from './eventStore';
import { changeSetting } from './organisation';
import { sealForLeaving } from './outgoing';
import { asTimelineEvents, timelineOf } from './queries';

const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
function clock(start = T0) {
  let now = start;
  return () => (now += 60_000);
}

async function openFresh() {
  const db = freshDatabase();
  await openDatabase(db);
  return db;
}

async function syncInto(to: WarroomDatabase, from: WarroomDatabase) {
  return ingestEvents(to, await sealForLeaving(from, await from.events.toArray()));
}

const ana = { language: 'en', actor: 'Ana' } as const;
const titles = async (db: WarroomDatabase, id: string) => (await checklistsOf(db, id)).map((c) => c.title);

describe('checklists from runbooks', () => {
  it('attach themselves as the incident comes to meet their conditions, and stay', async () => {
    const db = await openFresh();
    const now = clock();
    const id = await declareIncident(db, { ...declareInput, kind: 'security' }, now);
    expect(await attachDueRunbooks(db, id, ana, now)).toEqual(['security']);
    expect(await attachDueRunbooks(db, id, ana, now)).toEqual([]);

    await changeTier(db, { incidentId: id, tier: 'major', reason: 'Card payments down for everyone', decidedBy: 'Ana', actor: 'Ana' }, now);
    expect(await attachDueRunbooks(db, id, ana, now)).toEqual(['major-declared']);
    await changeTier(db, { incidentId: id, tier: 'normal', reason: 'Contained', decidedBy: 'Ana', actor: 'Ana' }, now);
    await changeField(db, id, 'kind', 'service', 'Ana', now);
    expect(await attachDueRunbooks(db, id, ana, now)).toEqual([]);
    expect(await titles(db, id)).toEqual(['Security incident', 'Major incident declared']);

    await changeField(db, id, 'status', 'resolved', 'Ana', now);
    expect(await attachDueRunbooks(db, id, { language: 'da', actor: 'Bo' }, now)).toEqual(['resolved']);
    expect(await titles(db, id)).toEqual(['Security incident', 'Major incident declared', 'Løst og lukket']);
  });

  it('are looked for only on incidents worked on in the last day: not on years of history a console first learns of', async () => {
    const db = await openFresh();
    const now = clock();
    const quiet = await declareIncident(db, { ...declareInput, title: 'Quiet for days', kind: 'security' }, now);
    const ended = await declareIncident(db, { ...declareInput, title: 'Ended long ago' }, now);
    await changeField(db, ended, 'status', 'closed', 'Ana', now);
    const later = clock(T0 + 3 * 24 * 60 * 60_000);
    const busy = await declareIncident(db, { ...declareInput, title: 'Busy now' }, later);
    const taken = await incidentsTakingRunbooks(db, T0 + 3 * 24 * 60 * 60_000 + 120_000);
    expect(taken.map((c) => c.incident.id)).toEqual([busy]);
    expect(taken.some((c) => c.incident.id === quiet || c.incident.id === ended)).toBe(false);
  });

  it('attach on reprioritising when a runbook names the priority', async () => {
    const db = await openFresh();
    const now = clock();
    const id = await declareIncident(db, { ...declareInput, impact: 'individual', urgency: 'internal' }, now);
    const p1: Runbook = { id: 'p1', title: 'P1 extras', auto: true, conditions: { ...NO_CONDITIONS, priorities: ['P1'] }, steps: [{ id: 'a', text: 'Call the CIO', after: [] }], version: 1 };
    await changeSetting(db, 'runbooks', [...DEFAULT_RUNBOOKS, p1], 'Ana', now);
    expect(await attachDueRunbooks(db, id, ana, now)).toEqual([]);
    await reprioritise(db, { incidentId: id, impact: 'organisation', urgency: 'missionCritical', actor: 'Ana' }, now);
    expect(await attachDueRunbooks(db, id, ana, now)).toEqual(['p1']);
  });

  it('two offline consoles that both attach one runbook hold one checklist after sync, with both their ticks', async () => {
    const a = await openFresh();
    const b = await openFresh();
    const now = clock();
    const id = await declareIncident(a, { ...declareInput, kind: 'security' }, now);
    await syncInto(b, a);
    // Apart: each console attaches the security runbook and ticks a step.
    await attachDueRunbooks(a, id, ana, now);
    await attachDueRunbooks(b, id, { language: 'da', actor: 'Bo' }, now);
    await markStep(a, { incidentId: id, runbook: 'security', step: 'preserve-evidence', state: 'done', actor: 'Ana' }, now);
    await markStep(b, { incidentId: id, runbook: 'security', step: 'identity-team', state: 'done', actor: 'Bo' }, now);
    await syncInto(b, a);
    await syncInto(a, b);
    for (const db of [a, b]) {
      const lists = await checklistsOf(db, id);
      expect(lists.map((c) => c.title)).toEqual(['Security incident']);
      expect(lists[0]!.steps.filter((s) => s.state === 'done').map((s) => [s.id, s.mark?.by])).toEqual([
        ['preserve-evidence', 'Ana'],
        ['identity-team', 'Bo'],
      ]);
      // Neither console attaches it again after seeing the other's.
      expect(await attachDueRunbooks(db, id, ana, now)).toEqual([]);
    }
    // Rebuilt from the log, the same one checklist.
    await rebuildProjections(b);
    expect(await titles(b, id)).toEqual(['Security incident']);
  });

  it('attach by hand once, and tick, skip with a reason, and reopen steps as timeline events', async () => {
    const db = await openFresh();
    const now = clock();
    const id = await declareIncident(db, declareInput, now);
    await attachRunbook(db, { incidentId: id, runbook: 'security', language: 'en', actor: 'Ana' }, now);
    await expect(attachRunbook(db, { incidentId: id, runbook: 'security', language: 'en', actor: 'Ana' }, now)).rejects.toEqual(new RefusedError('alreadyAttached'));
    await expect(attachRunbook(db, { incidentId: id, runbook: 'nope', language: 'en', actor: 'Ana' }, now)).rejects.toEqual(new RefusedError('unknownRunbook'));

    const step = (stepId: string, state: 'done' | 'skipped' | 'open', reason?: string) =>
      markStep(db, { incidentId: id, runbook: 'security', step: stepId, state, reason, actor: 'Ana' }, now);
    await expect(step('disable-accounts', 'done')).rejects.toEqual(new RefusedError('waiting'));
    await expect(step('disable-accounts', 'skipped', '   ')).rejects.toEqual(new RefusedError('reasonNeeded'));
    await expect(step('no-such-step', 'done')).rejects.toEqual(new RefusedError('unknownStep'));
    expect(await step('preserve-evidence', 'done')).toBe(true);
    expect(await step('preserve-evidence', 'done')).toBe(false);
    expect(await step('disable-accounts', 'done')).toBe(true);
    expect(await step('notify-owners', 'skipped', 'Owners were told by the bank')).toBe(true);
    expect(await step('disable-accounts', 'open')).toBe(true);

    const [list] = await checklistsOf(db, id);
    expect(list!.trigger).toBe('hand');
    expect(list!.steps.map((s) => s.state)).toEqual(['done', 'open', 'open', 'skipped']);
    const first = list!.steps[0]!;
    expect(first.afterMs).toBe(Date.parse(first.mark!.at) - Date.parse(list!.at));
    expect(first.afterMs).toBeGreaterThan(0);

    const timeline = asTimelineEvents(await timelineOf(db, id).toArray());
    const marks = timeline.flatMap((e) => (e.type === 'checklist.stepMarked' ? [[e.payload.about, e.payload.state, e.actor]] : []));
    expect(marks).toEqual([
      ['Preserve evidence before changing anything: snapshots, logs, access records. Note where they are kept.', 'done', 'Ana'],
      ['Disable the affected accounts and revoke their sessions and keys.', 'done', 'Ana'],
      ['Notify stakeholders and account owners as the security lead decides.', 'skipped', 'Ana'],
      ['Disable the affected accounts and revoke their sessions and keys.', 'open', 'Ana'],
    ]);
  });
});
