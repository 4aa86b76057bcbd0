import { describe, expect, it } from 'vitest';

import { CURRENT_VERSION, type EventType, type PayloadOf } from '@shared/domain/events';
import { encodeHlc } from '@shared/domain/hlc';
import { readSection } from '@shared/domain/postmortem';
import { resolveEntry } from '@shared/domain/timeline';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { changeStatus, declareIncident, logEntry } from './commands';
import { getEntry } from './queries';
import { ingestEvents, openDatabase, rebuildProjections } from './eventStore';
import { addActionItem, changeActionItem, editSection, markEntry } from './postmortemCommands';

const START = Date.UTC(2026, 10, 21, 12, 0, 0);
const at = (minutes: number) => () => START + minutes * 60_000;

async function setup() {
  const db = freshDatabase();
  await openDatabase(db);
  const incidentId = await declareIncident(db, declareInput, at(0));
  return { db, incidentId };
}

/** Another console; its sequence numbers run on across the tests, never reused. */
const otherConsole = new TestAuthor(9);
let seq = 0;
function foreign<T extends EventType>(incidentId: string, type: T, payload: PayloadOf<T>, ms: number) {
  seq += 1;
  const deviceId = otherConsole.deviceId;
  return otherConsole.sign({ id: `${deviceId}:${seq}`, incidentId, type, v: CURRENT_VERSION[type], hlc: encodeHlc({ ms, counter: 0 }), deviceId, deviceSeq: seq, actor: 'Other console', occurredAt: new Date(ms).toISOString(), payload });
}

async function entryKey(db: ReturnType<typeof freshDatabase>, id: string) {
  const entry = await getEntry(db, id);
  return resolveEntry(entry!, await db.amendments.get(id)).key;
}

describe('marking key entries', () => {
  it('marks and unmarks an entry, and a repeat writes nothing', async () => {
    const { db, incidentId } = await setup();
    const id = await logEntry(db, { incidentId, kind: 'decision', text: 'Fail over to the secondary', actor: 'Ada' }, at(1));
    expect(await entryKey(db, id)).toBe(false);
    expect(await markEntry(db, { incidentId, targetId: id, key: true, actor: 'Ada' }, at(2))).toBe(true);
    expect(await entryKey(db, id)).toBe(true);
    expect(await markEntry(db, { incidentId, targetId: id, key: true, actor: 'Ada' }, at(3))).toBe(false);
    expect(await markEntry(db, { incidentId, targetId: id, key: false, actor: 'Ada' }, at(4))).toBe(true);
    expect(await entryKey(db, id)).toBe(false);
    expect(await db.events.filter((e) => e.type === 'timeline.entryMarked').count()).toBe(2);
  });

  it('is not a row of its own on the timeline, and survives a rebuild', async () => {
    const { db, incidentId } = await setup();
    const id = await logEntry(db, { incidentId, kind: 'note', text: 'Root cause found', actor: 'Ada' }, at(1));
    const before = (await db.incidents.get(incidentId))!.timelineCount;
    await markEntry(db, { incidentId, targetId: id, key: true, actor: 'Ada' }, at(2));
    expect((await db.incidents.get(incidentId))!.timelineCount).toBe(before);
    await rebuildProjections(db);
    expect(await entryKey(db, id)).toBe(true);
  });

  it('reads as key when one console marks while another unmarks', async () => {
    const { db, incidentId } = await setup();
    const id = await logEntry(db, { incidentId, kind: 'note', text: 'DNS flushed', actor: 'Ada' }, at(1));
    await markEntry(db, { incidentId, targetId: id, key: true, actor: 'Ada' }, at(2));
    const mark = (await db.events.filter((e) => e.type === 'timeline.entryMarked').first())!;
    await ingestEvents(db, [foreign(incidentId, 'timeline.entryMarked', { target: id, key: false, prev: [] }, START + 2 * 60_000)]);
    expect(await entryKey(db, id)).toBe(true);
    // Unmarking now replaces both versions.
    expect(await markEntry(db, { incidentId, targetId: id, key: false, actor: 'Ada' }, at(3))).toBe(true);
    const marks = await db.events.filter((e) => e.type === 'timeline.entryMarked').toArray();
    const last = marks.filter((e) => e.deviceId !== otherConsole.deviceId).sort((a, b) => a.deviceSeq - b.deviceSeq).at(-1)!;
    expect((last.payload as { prev: string[] }).prev.sort()).toEqual([mark.id, `${otherConsole.deviceId}:${seq}`].sort());
    expect(await entryKey(db, id)).toBe(false);
  });
});

describe('post-mortem sections', () => {
  it('writes a section, skips an unchanged save, and keeps a concurrent edit as a conflict', async () => {
    const { db, incidentId } = await setup();
    expect(await editSection(db, { incidentId, section: 'rootCause', text: '  The cert expired.\r\n', replaces: [], actor: 'Ada' }, at(5))).toBe(true);
    let section = readSection(await db.postmortems.get(incidentId), 'rootCause');
    expect(section.text).toBe('The cert expired.');
    expect(await editSection(db, { incidentId, section: 'rootCause', text: 'The cert expired.', replaces: section.heads, actor: 'Ada' }, at(6))).toBe(false);

    // Someone else replaces the same version at the same time.
    await ingestEvents(db, [foreign(incidentId, 'postmortem.sectionEdited', { section: 'rootCause', text: 'An expired certificate.', prev: section.heads }, START + 7 * 60_000)]);
    await editSection(db, { incidentId, section: 'rootCause', text: 'The certificate expired unnoticed.', replaces: section.heads, actor: 'Ada' }, at(7));
    section = readSection(await db.postmortems.get(incidentId), 'rootCause');
    expect(section.conflict?.map((c) => c.text).sort()).toEqual(['An expired certificate.', 'The certificate expired unnoticed.']);

    // Choosing one replaces both.
    await editSection(db, { incidentId, section: 'rootCause', text: 'An expired certificate.', replaces: section.heads, actor: 'Ada' }, at(8));
    section = readSection(await db.postmortems.get(incidentId), 'rootCause');
    expect(section).toMatchObject({ text: 'An expired certificate.', conflict: null });
  });

  it('drops control characters and stores HTML as plain text', async () => {
    const { db, incidentId } = await setup();
    await editSection(db, { incidentId, section: 'wentWell', text: '<script>alert(1)</script>\u0007', replaces: [], actor: 'Ada' }, at(5));
    expect(readSection(await db.postmortems.get(incidentId), 'wentWell').text).toBe('<script>alert(1)</script>');
  });
});

describe('action items', () => {
  it('stay tracked and editable after the incident is closed', async () => {
    const { db, incidentId } = await setup();
    const id = await addActionItem(db, { incidentId, title: '  Alert on certificate expiry ', owner: 'Grace', due: '2026-12-01', actor: 'Ada' }, at(5));
    await changeStatus(db, incidentId, 'resolved', 'Ada', at(6));
    await changeStatus(db, incidentId, 'closed', 'Ada', at(7));
    expect(await changeActionItem(db, { itemId: id, field: 'status', value: 'inProgress', actor: 'Grace' }, at(60 * 24))).toBe(true);
    expect(await changeActionItem(db, { itemId: id, field: 'status', value: 'inProgress', actor: 'Grace' }, at(60 * 24))).toBe(false);
    await changeActionItem(db, { itemId: id, field: 'due', value: '2026-12-15', actor: 'Grace' }, at(60 * 25));
    const row = (await db.actionItems.get(id))!;
    expect(row.summary).toMatchObject({ title: 'Alert on certificate expiry', owner: 'Grace', due: '2026-12-15', status: 'inProgress', incidentId });
    expect(await db.actionItems.where('status').equals('inProgress').count()).toBe(1);
    await rebuildProjections(db);
    expect((await db.actionItems.get(id))!.summary?.status).toBe('inProgress');
  });

  it('keep a change synced in while someone was editing, as a conflict', async () => {
    const { db, incidentId } = await setup();
    const id = await addActionItem(db, { incidentId, title: 'Alert on expiry', owner: 'Grace', due: '', actor: 'Ada' }, at(5));
    const seen = (await db.actionItems.get(id))!.summary!.heads.owner;
    await ingestEvents(db, [foreign(incidentId, 'actionItem.changed', { target: id, about: 'Alert on expiry', field: 'owner', value: 'Alan', prev: seen }, START + 6 * 60_000)]);
    await changeActionItem(db, { itemId: id, field: 'owner', value: 'Barbara', actor: 'Ada', replaces: seen }, at(7));
    const item = (await db.actionItems.get(id))!.summary!;
    expect(item.conflicts).toEqual(['owner']);
    expect(item.heads.owner).toHaveLength(2);
  });

  it('refuses a day that does not exist', async () => {
    const { db, incidentId } = await setup();
    await expect(addActionItem(db, { incidentId, title: 'x', owner: '', due: '2026-02-30', actor: 'Ada' }, at(5))).rejects.toThrow(/date/);
    expect(await db.actionItems.count()).toBe(0);
  });
});
