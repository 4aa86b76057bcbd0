/**
 * One small, complete incident for the post-mortem's tests: declared,
 * escalated, resolved, with roles, pages, a hypothesis, a message, written
 * sections and an action item, and entries full of text that means something
 * in Markdown, HTML or a spreadsheet. Every event passes the schema, so the
 * console can ingest them as they are.
 */
import { CURRENT_VERSION, type DomainEvent, type EventType, type PayloadOf } from '../domain/events';
import { encodeHlc } from '../domain/hlc';

/** Text people might type, each a trap for one export or another. Each is unique, so each can be counted. */
export const HOSTILE_TEXTS = [
  '<script>window.__pwned = true</script> primary DB unreachable',
  "=cmd|' /C calc'!A0",
  '# not a heading\n- not a list\n1. not a numbered list\n2) nor this',
  '[a link](https://evil.example/) ![an image](https://evil.example/x.png) <https://evil.example/auto>',
  '`code` **bold** _emphasis_ ~~gone~~ | a | table |\n|---|---|',
  '    four spaces in front\n\ta tab in front\nspaces behind   ',
  '<img src=x onerror="window.__pwned = true"> & &amp; &#60; &copy',
  "+1 from @here, -2 from 'quoted'",
  'first line\n\nthird line, after a blank one\n',
  '> a quote\n---\n***\n===\n___',
  'www.evil.example, mail@evil.example and https://evil.example/path',
  '"double quotes", commas, and a ; semicolon',
  '@SUM(A1:A9) and \\ a backslash at the end \\',
  'Ünïcødé ✓ 🚨 — æøå ÆØÅ, 中文',
  '\tstarts with a tab',
  '-starts with a dash',
] as const;

const DEVICE = 'aaaaaaaa01';
const START_MS = Date.UTC(2026, 10, 22, 13, 0, 0);

export type SampleIncident = {
  incidentId: string;
  events: DomainEvent[];
  /** Ids of the entries logged with each hostile text, in order. */
  entryIds: string[];
  /** The entry corrected (its text now the correction), struck through, and marked key. */
  correctedId: string;
  correctedText: string;
  struckId: string;
  struckReason: string;
  keyIds: string[];
};

/**
 * `extraEntries` adds plain entries after the hostile ones, for tests of
 * size; `startMs` moves the whole incident (across a daylight-saving change, say).
 */
export function sampleIncident(options: { extraEntries?: number; startMs?: number } = {}): SampleIncident {
  const startMs = options.startMs ?? START_MS;
  let seq = 0;
  let minute = 0;
  const events: DomainEvent[] = [];
  const incidentId = `${DEVICE}:1`;
  const emit = <T extends EventType>(type: T, payload: PayloadOf<T>, actor = 'Ada Lovelace', occurredMs?: number): string => {
    seq += 1;
    minute += 1;
    const ms = startMs + minute * 60_000;
    events.push({
      id: `${DEVICE}:${seq}`,
      incidentId,
      type,
      v: CURRENT_VERSION[type],
      hlc: encodeHlc({ ms, counter: 0 }),
      deviceId: DEVICE,
      deviceSeq: seq,
      actor,
      occurredAt: new Date(occurredMs ?? ms).toISOString(),
      payload,
    } as DomainEvent);
    return `${DEVICE}:${seq}`;
  };

  emit('incident.declared', {
    title: 'Payments <b>down</b> & "checkout" | failing',
    kind: 'service',
    services: ['payments', 'checkout'],
    impact: 'organisation',
    urgency: 'missionCritical',
    priority: 'P1',
    tier: 'normal',
    declaredBy: 'Ada Lovelace',
    drill: false,
  });
  emit('incident.fieldChanged', { field: 'impactStarted', value: new Date(startMs - 10 * 60_000).toISOString(), prev: [] });
  emit('role.assigned', { role: 'commander', roleName: 'Incident commander', holders: ['Ada Lovelace'], previousHolders: [], prev: [] });
  emit('participant.engaged', { person: 'Grace Hopper', step: 'paged' });
  emit('participant.engaged', { person: 'Grace Hopper', step: 'acknowledged' });
  emit('participant.engaged', { person: 'Grace Hopper', step: 'joined' });

  const entryIds = HOSTILE_TEXTS.map((text, i) => emit('timeline.entryLogged', { kind: i % 3 === 0 ? 'decision' : 'observation', text }, i % 2 ? 'Grace Hopper' : 'Ada Lovelace'));
  for (let i = 0; i < (options.extraEntries ?? 0); i++) emit('timeline.entryLogged', { kind: 'note', text: `routine note number ${i + 1}` });

  const correctedId = emit('timeline.entryLogged', { kind: 'note', text: 'typo in the frist version' });
  const correctedText = 'the corrected version, with <em>markup</em> kept as text';
  emit('timeline.entryCorrected', { target: correctedId, kind: 'action', text: correctedText, prev: [correctedId] });
  const struckId = emit('timeline.entryLogged', { kind: 'note', text: 'logged against the wrong incident' });
  const struckReason = 'wrong incident: <b>see</b> =HYPERLINK("https://evil.example")';
  emit('timeline.entryStruck', { target: struckId, reason: struckReason });
  const keyIds = [entryIds[0]!, entryIds[2]!, correctedId];
  for (const target of keyIds) emit('timeline.entryMarked', { target, key: true, prev: [] });
  // Marked and struck: the key events leave it out.
  emit('timeline.entryMarked', { target: struckId, key: true, prev: [] });

  emit('incident.tierChanged', { tier: 'major', reason: 'checkout down for everyone', decidedBy: 'Ada Lovelace', prev: [incidentId] });
  const hypothesisId = emit(
    'hypothesis.proposed',
    { statement: 'The connection pool is exhausted', owner: 'Grace Hopper', probe: { action: 'Raise the pool size', expectation: 'Errors stop', timeBoxMinutes: 15 } },
    'Grace Hopper',
  );
  emit('hypothesis.evidenceAdded', { target: hypothesisId, about: 'The connection pool is exhausted', stance: 'for', text: 'pool at 100 %', entry: entryIds[0]! });
  emit('hypothesis.experimentRecorded', { target: hypothesisId, about: 'The connection pool is exhausted', result: 'errors stopped', response: 'amplified' });
  emit('hypothesis.changed', {
    target: hypothesisId,
    about: 'The connection pool is exhausted',
    field: 'status',
    value: 'confirmed',
    prev: [hypothesisId],
    reason: 'errors stopped after the change',
  });
  const commanderAssigned = `${DEVICE}:3`;
  emit('role.assigned', {
    role: 'commander',
    roleName: 'Incident commander',
    holders: ['Grace Hopper'],
    previousHolders: ['Ada Lovelace'],
    prev: [commanderAssigned],
  });
  emit('message.sent', {
    audience: 'executives',
    audienceName: 'Executives',
    phase: 'update',
    subject: 'Checkout <down> =1+1',
    text: 'We are on it.',
    channel: 'email',
    recipients: ['cto@example.com'],
  });
  emit('participant.engaged', { person: 'Grace Hopper', step: 'released', reason: 'fixed; back to her team' });
  emit('incident.fieldChanged', { field: 'status', value: 'resolved', prev: [incidentId] });
  emit('postmortem.sectionEdited', { section: 'summary', text: 'Checkout failed for 40 minutes.\n\n* not a list\n<script>x</script>', prev: [] });
  emit('postmortem.sectionEdited', { section: 'rootCause', text: 'The pool was too small | for the load.', prev: [] });
  emit('actionItem.added', { title: 'Alert on pool use above 80 %', owner: 'Grace Hopper', due: '2026-12-01' });

  return { incidentId, events, entryIds, correctedId, correctedText, struckId, struckReason, keyIds };
}
