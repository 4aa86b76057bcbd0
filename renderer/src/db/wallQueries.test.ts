import { describe, expect, it } from 'vitest';

import { COMMANDER_ROLE, DEFAULT_ROLES } from '@shared/domain/catalogues';

import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { changeStatus, correctEntry, declareIncident, logEntry, strikeEntry, type DeclareInput } from './commands';
import type { WarroomDatabase } from './database';
import { openDatabase } from './eventStore';
import { attachDueRunbooks, attachRunbook, markStep } from './checklistCommands';
import { moveHypothesis, proposeHypothesis } from './hypothesisCommands';
import { assignRole } from './rosterCommands';
import { getWallIncident, getWallOverview } from './wallQueries';

const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
const MINUTE = 60_000;

/** A clock that moves on a minute each time it is read, so every write has its own time. */
function clock(start = T0) {
  let now = start;
  return () => (now += MINUTE);
}

async function openFresh(): Promise<WarroomDatabase> {
  const db = freshDatabase();
  await openDatabase(db);
  return db;
}

const draft = (statement: string) => ({ statement, owner: 'Ana', action: 'Roll back', expectation: 'Errors stop', timeBox: '20' });

describe('checklist progress on the wall', () => {
  it('is each checklist’s finished steps on the incident’s screen, and their sum on its tile', async () => {
    const db = await openFresh();
    const now = clock();
    const incidentId = await declareIncident(db, { ...declareInput, kind: 'security' }, now);
    await attachDueRunbooks(db, incidentId, { language: 'en', actor: 'Ada' }, now);
    await attachRunbook(db, { incidentId, runbook: 'resolved', language: 'en', actor: 'Ada' }, now);
    await markStep(db, { incidentId, runbook: 'security', step: 'preserve-evidence', state: 'done', actor: 'Ada' }, now);
    await markStep(db, { incidentId, runbook: 'resolved', step: 'key-customers', state: 'skipped', reason: 'None affected', actor: 'Ada' }, now);

    const wall = (await getWallIncident(db, incidentId, 4))!;
    expect(wall.checklists).toEqual([
      { runbook: 'security', title: 'Security incident', finished: 1, total: 4 },
      { runbook: 'resolved', title: 'Resolved and closed', finished: 1, total: 3 },
    ]);
    const [tile] = (await getWallOverview(db)).tiles;
    expect(tile!.checklists).toEqual({ finished: 2, total: 7 });
  });
});

describe('getWallIncident', () => {
  it('is null for an incident this console does not hold', async () => {
    const db = await openFresh();
    expect(await getWallIncident(db, 'zzzzzzzz99:1', 12)).toBeNull();
  });

  it('reads the newest timeline events first, no more than asked', async () => {
    const db = await openFresh();
    const now = clock();
    const incidentId = await declareIncident(db, declareInput, now);
    for (let i = 1; i <= 6; i++) await logEntry(db, { incidentId, kind: 'note', text: `Entry ${i}`, actor: 'Ada' }, now);
    // Logged last but backdated before all the others: the timeline's order is when things happened.
    await logEntry(db, { incidentId, kind: 'observation', text: 'Seen earlier', actor: 'Ada', occurredAt: new Date(T0 + 90_000) }, now);

    const wall = (await getWallIncident(db, incidentId, 4))!;
    expect(wall.entries.map((item) => item.entry?.text)).toEqual(['Entry 6', 'Entry 5', 'Entry 4', 'Entry 3']);

    const all = (await getWallIncident(db, incidentId, 100))!;
    expect(all.entries).toHaveLength(8);
    expect(all.entries.at(-2)!.entry?.text).toBe('Seen earlier');
    // The declaration is a change, not an entry: no entry to resolve.
    expect(all.entries.at(-1)!.event.type).toBe('incident.declared');
    expect(all.entries.at(-1)!.entry).toBeNull();
    expect(all.summary).toMatchObject({ id: incidentId, title: declareInput.title, priority: 'P1', status: 'investigating' });
  });

  it('shows each entry as it reads now: corrected text, and struck entries marked', async () => {
    const db = await openFresh();
    const now = clock();
    const incidentId = await declareIncident(db, declareInput, now);
    const first = await logEntry(db, { incidentId, kind: 'note', text: 'Rollback started on eu-west', actor: 'Ada' }, now);
    const second = await logEntry(db, { incidentId, kind: 'action', text: 'Paged the DNS team', actor: 'Ada' }, now);
    const third = await logEntry(db, { incidentId, kind: 'note', text: 'Unchanged', actor: 'Ada' }, now);
    await correctEntry(db, { incidentId, targetId: first, replaces: [first], kind: 'decision', text: 'Rollback started on eu-west and us-east', actor: 'Bo' }, now);
    await strikeEntry(db, { incidentId, targetId: second, reason: 'Wrong incident', actor: 'Ada' }, now);

    const wall = (await getWallIncident(db, incidentId, 12))!;
    const byId = new Map(wall.entries.map((item) => [item.event.id, item.entry]));
    expect(byId.get(first)).toMatchObject({ kind: 'decision', text: 'Rollback started on eu-west and us-east', corrected: true, correctedBy: 'Bo', struck: null });
    expect(byId.get(second)).toMatchObject({ text: 'Paged the DNS team', corrected: false, struck: { reason: 'Wrong incident' } });
    expect(byId.get(third)).toMatchObject({ text: 'Unchanged', corrected: false, struck: null });
    // Corrections and strikes amend entries: they are not timeline rows of their own.
    expect(wall.entries.map((item) => item.event.type)).toEqual(['timeline.entryLogged', 'timeline.entryLogged', 'timeline.entryLogged', 'incident.declared']);
  });

  it('lists live hypotheses under test first, then proposed, then confirmed; refuted and parked are left out', async () => {
    const db = await openFresh();
    const now = clock();
    const incidentId = await declareIncident(db, declareInput, now);
    const propose = (statement: string) => proposeHypothesis(db, { incidentId, actor: 'Ada', draft: draft(statement) }, now);
    const move = (hypothesisId: string, to: 'testing' | 'confirmed' | 'refuted' | 'parked') => moveHypothesis(db, { hypothesisId, to, actor: 'Ada' }, now);

    const confirmed = await propose('Certificate expired');
    const proposed = await propose('Config push broke DNS');
    const refuted = await propose('Disk full');
    const testedFirst = await propose('Kernel patch');
    const parked = await propose('Cosmic rays');
    const testedLater = await propose('Load balancer drain');
    await move(confirmed, 'confirmed');
    await move(testedFirst, 'testing');
    await move(refuted, 'refuted');
    await move(parked, 'parked');
    await move(testedLater, 'testing');

    const wall = (await getWallIncident(db, incidentId, 12))!;
    expect(wall.hypotheses.map((h) => [h.statement, h.status])).toEqual([
      ['Kernel patch', 'testing'],
      ['Load balancer drain', 'testing'],
      ['Config push broke DNS', 'proposed'],
      ['Certificate expired', 'confirmed'],
    ]);
    expect(wall.hypotheses.map((h) => h.id)).not.toContain(refuted);
    expect(wall.hypotheses.map((h) => h.id)).not.toContain(parked);
    expect(wall.hypotheses[2]!.id).toBe(proposed);
  });

  it('gives every catalogue role in order, with its holders or none', async () => {
    const db = await openFresh();
    const now = clock();
    const incidentId = await declareIncident(db, declareInput, now);
    await assignRole(db, { incidentId, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' }, now);
    await assignRole(db, { incidentId, role: 'expert', person: 'Bo', actor: 'Ada' }, now);
    await assignRole(db, { incidentId, role: 'expert', person: 'Cy', actor: 'Ada' }, now);

    const wall = (await getWallIncident(db, incidentId, 12))!;
    expect(wall.roles.map((role) => role.id)).toEqual(DEFAULT_ROLES.map((role) => role.id));
    const holders = Object.fromEntries(wall.roles.map((role) => [role.id, role.holders.map((h) => h.name)]));
    expect(holders[COMMANDER_ROLE]).toEqual(['Ana']);
    expect(holders.expert).toEqual(['Bo', 'Cy']);
    expect(holders.scribe).toEqual([]);
  });
});

describe('getWallOverview', () => {
  const incident = (title: string, impact: DeclareInput['impact'], urgency: DeclareInput['urgency'], drill = false): DeclareInput => ({
    ...declareInput,
    title,
    impact,
    urgency,
    drill,
  });

  it('lists only open incidents, most urgent first, with their commanders and when each last had an entry', async () => {
    const db = await openFresh();
    const now = clock();
    const p3 = await declareIncident(db, incident('Printer queue stuck', 'individual', 'missionCritical'), now);
    const p1 = await declareIncident(db, incident('Payments down', 'organisation', 'missionCritical'), now);
    const resolved = await declareIncident(db, incident('Login slow', 'organisation', 'missionCritical'), now);
    const p2 = await declareIncident(db, incident('Search degraded', 'department', 'missionCritical', true), now);
    const closed = await declareIncident(db, incident('Old outage', 'organisation', 'missionCritical'), now);
    const olderP1 = await declareIncident(db, incident('Email bouncing', 'organisation', 'missionCritical'), () => T0);
    await changeStatus(db, resolved, 'resolved', 'Ada', now);
    await changeStatus(db, closed, 'resolved', 'Ada', now);
    await changeStatus(db, closed, 'closed', 'Ada', now);
    await assignRole(db, { incidentId: p2, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' }, now);
    const p1Last = await logEntry(db, { incidentId: p1, kind: 'note', text: 'Card payments failing', actor: 'Ada' }, now);
    const p1LastAt = (await db.events.get(p1Last))!.occurredAt;

    const { tiles } = await getWallOverview(db);
    expect(tiles.map((tile) => tile.summary.title)).toEqual(['Payments down', 'Email bouncing', 'Search degraded', 'Printer queue stuck']);
    expect(tiles.map((tile) => tile.summary.id)).toEqual([p1, olderP1, p2, p3]);
    expect(tiles.map((tile) => tile.commanders)).toEqual([[], [], ['Ana'], []]);
    expect(tiles[0]!.lastEntryAt).toBe(p1LastAt);
    // With nothing logged, the newest timeline event is the declaration itself.
    expect(tiles[1]!.lastEntryAt).toBe(new Date(T0).toISOString());
    expect(tiles[2]!.summary.drill).toBe(true);
  });

  it('a resolved incident leaves the overview, and the overview of nothing is empty', async () => {
    const db = await openFresh();
    expect((await getWallOverview(db)).tiles).toEqual([]);
    const now = clock();
    const id = await declareIncident(db, declareInput, now);
    expect((await getWallOverview(db)).tiles.map((tile) => tile.summary.id)).toEqual([id]);
    await changeStatus(db, id, 'resolved', 'Ada', now);
    expect((await getWallOverview(db)).tiles).toEqual([]);
  });
});
