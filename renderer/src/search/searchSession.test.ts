import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { CURRENT_VERSION } from '@shared/domain/events';
import { encodeHlc } from '@shared/domain/hlc';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { correctEntry, declareIncident, logEntry, strikeEntry } from '../db/commands';
import { ingestEvents } from '../db/eventStore';
import { editSection } from '../db/postmortemCommands';
import { declareInput } from '../testing/fixtures';
import { freshDatabase } from '../testing/renderConsole';
import { searchSessionOf } from './searchSession';
import { SignedStory } from '../testing/signedStory';

const releases: (() => void)[] = [];
afterEach(() => {
  for (const release of releases.splice(0)) release();
});

function open(db = freshDatabase()) {
  const session = searchSessionOf(db);
  releases.push(session.acquire());
  return { db, session };
}

const found = (session: ReturnType<typeof open>['session'], text: string) => session.index.search({ text }).results.map((r) => r.incident.id);

async function ready(session: ReturnType<typeof open>['session']) {
  await waitFor(() => expect(session.progress.getState().phase).toBe('ready'));
}

function pastOutage() {
  const story = new SignedStory(60, { title: 'Payments declined: acquirer certificate expired', services: ['payments'], declaredAt: '2026-01-05T10:00:00.000Z' });
  story.entry('Declines from the acquirer at 40 %');
  story.hypothesis('The acquirer certificate expired at midnight', 'confirmed');
  story.status('resolved');
  story.postmortem('rootCause', 'Certificate renewal was a manual task nobody owned.');
  return story;
}

describe('the window search index', { timeout: 30_000 }, () => {
  it('indexes what is in the database on first use, saying how far it has got', async () => {
    const db = freshDatabase();
    const story = pastOutage();
    await ingestEvents(db, story.signedEvents);
    const { session } = open(db);
    const seen: string[] = [];
    session.progress.subscribe((p) => seen.push(`${p.phase} ${p.done}/${p.total}`));
    await ready(session);
    expect(seen).toContain('indexing 0/1');
    expect(seen.at(-1)).toBe('ready 1/1');
    expect(found(session, 'renewal')).toEqual([story.id]);
  });

  it('finds a newly logged entry, a correction, a strike and a post-mortem edit soon after they are written', async () => {
    const { db, session } = open();
    await ready(session);
    const id = await declareIncident(db, declareInput);
    await waitFor(() => expect(found(session, 'payments')).toEqual([id]));

    const entry = await logEntry(db, { incidentId: id, kind: 'note', text: 'Rolled back the gateway to 4.2.1', actor: 'Ada' });
    await waitFor(() => expect(found(session, 'gateway')).toEqual([id]));

    await correctEntry(db, { incidentId: id, targetId: entry, replaces: [entry], kind: 'note', text: 'Rolled back the proxy to 4.2.1', actor: 'Ada' });
    await waitFor(() => expect(found(session, 'proxy')).toEqual([id]));
    expect(found(session, 'gateway')).toEqual([]);

    await strikeEntry(db, { incidentId: id, targetId: entry, reason: 'Wrong incident', actor: 'Ada' });
    await waitFor(() => expect(session.index.search({ text: 'proxy' }).results[0]?.snippets[0]?.source).toMatchObject({ struck: true }));

    await editSection(db, { incidentId: id, section: 'rootCause', text: 'A stale DNS record for the acquirer.', replaces: [], actor: 'Ada' });
    await waitFor(() => expect(found(session, 'stale record')).toEqual([id]));
  });

  it('finds a post-mortem edit and a correction that arrive by sync with clocks older than the incident’s newest event', async () => {
    const { db, session } = open();
    const story = pastOutage();
    await ingestEvents(db, story.signedEvents);
    await ready(session);
    // Something newer is logged here first, so what the other console wrote offline is older than the incident's newest event.
    await logEntry(db, { incidentId: story.id, kind: 'note', text: 'Reviewed the runbook', actor: 'Ada' });
    await waitFor(() => expect(found(session, 'runbook')).toEqual([story.id]));
    const at = Date.parse('2026-01-06T09:00:00.000Z');
    const grace = new TestAuthor(67);
    const edit = grace.sign({
      id: `${grace.deviceId}:1`,
      incidentId: story.id,
      type: 'postmortem.sectionEdited',
      v: CURRENT_VERSION['postmortem.sectionEdited'],
      hlc: encodeHlc({ ms: at, counter: 0 }),
      deviceId: grace.deviceId,
      deviceSeq: 1,
      actor: 'Grace Hopper',
      occurredAt: new Date(at).toISOString(),
      payload: { section: 'contributingFactors', text: 'Nobody watched the expiry calendar.', prev: [] },
    });
    expect((await ingestEvents(db, [edit])).rejected).toEqual([]);
    await waitFor(() => expect(found(session, 'calendar')).toEqual([story.id]));
  });

  it('reads a long timeline once, then only what is new', async () => {
    const db = freshDatabase();
    const story = new SignedStory(61, { title: 'Batch overrun', services: ['batch'], declaredAt: '2026-02-01T00:00:00.000Z' });
    for (let i = 0; i < 300; i++) story.entry(`Job ${i} finished late`);
    await ingestEvents(db, story.signedEvents);
    const { session } = open(db);
    await ready(session);
    const before = session.index.get(story.id)!;
    await logEntry(db, { incidentId: story.id, kind: 'note', text: 'Job scheduler restarted', actor: 'Ada' });
    await waitFor(() => expect(found(session, 'scheduler')).toEqual([story.id]));
    const after = session.index.get(story.id)!;
    expect(after.entries).toHaveLength(301);
    // The entries read before are the same objects: they were not read again.
    expect(after.entries[0]).toBe(before.entries[0]);
  });

  it('stops following changes while nobody uses it, and catches up when used again', async () => {
    const db = freshDatabase();
    const session = searchSessionOf(db);
    const release = session.acquire();
    await ready(session);
    release();
    const id = await declareIncident(db, { ...declareInput, title: 'Warehouse scanners offline' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(found(session, 'scanners')).toEqual([]);
    releases.push(session.acquire());
    await waitFor(() => expect(found(session, 'scanners')).toEqual([id]));
  });
});
