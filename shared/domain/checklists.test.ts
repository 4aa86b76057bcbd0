import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { applyChecklistEvent, checklistProgress, emptyChecklists, foldChecklists, stepAbout, viewChecklists } from './checklists';
import { encodeHlc } from './hlc';
import { parseEvent, type DomainEvent, type EventOf } from './events';
import type { RunbookStep } from './runbooks';

const INCIDENT = 'aaaaaaaa01:1';
const STEPS: RunbookStep[] = [
  { id: 'evidence', text: '**Preserve evidence** first', after: [] },
  { id: 'disable', text: 'Disable the accounts', role: 'security', after: ['evidence'] },
  { id: 'notify', text: 'Notify owners', after: ['disable'] },
];

let seq = 0;
function event<T extends 'checklist.attached' | 'checklist.stepMarked'>(type: T, payload: EventOf<T>['payload'], at: string, device = 'aaaaaaaa01'): DomainEvent {
  seq += 1;
  const raw = { id: `${device}:${seq}`, incidentId: INCIDENT, type, v: 1, hlc: encodeHlc({ ms: Date.parse(at), counter: 0 }), deviceId: device, deviceSeq: seq, actor: device === 'aaaaaaaa01' ? 'Ana' : 'Bo', occurredAt: at, payload };
  const parsed = parseEvent(raw);
  if (parsed.status !== 'valid') throw new Error(parsed.status === 'invalid' ? parsed.error : 'unknown');
  return parsed.event;
}
const attach = (at: string, device?: string, title = 'Security incident') =>
  event('checklist.attached', { runbook: 'security', version: 1, title, steps: STEPS, trigger: 'conditions' }, at, device);
const mark = (step: string, state: 'done' | 'skipped' | 'open', at: string, device?: string, reason = '') =>
  event('checklist.stepMarked', { runbook: 'security', title: 'Security incident', step, about: step, state, reason }, at, device);

describe('checklists', () => {
  it('hold one checklist per runbook: of two consoles attaching it apart, the earlier attachment stands', () => {
    const early = attach('2026-12-01T10:00:00.000Z', 'bbbbbbbb02', 'Security (Bo)');
    const late = attach('2026-12-01T10:00:05.000Z', 'aaaaaaaa01', 'Security (Ana)');
    for (const order of [[early, late], [late, early]]) {
      const views = viewChecklists(foldChecklists(INCIDENT, order));
      expect(views.map((v) => v.title)).toEqual(['Security (Bo)']);
    }
  });

  it('land every console’s marks on the one checklist; the latest mark of a step stands', () => {
    const events = [
      attach('2026-12-01T10:00:00.000Z', 'bbbbbbbb02'),
      attach('2026-12-01T10:00:01.000Z'),
      mark('evidence', 'done', '2026-12-01T10:03:00.000Z'),
      mark('disable', 'done', '2026-12-01T10:04:00.000Z', 'bbbbbbbb02'),
      mark('disable', 'open', '2026-12-01T10:05:00.000Z'),
      mark('notify', 'skipped', '2026-12-01T10:06:00.000Z', 'bbbbbbbb02', 'Owners already told by the bank'),
    ];
    const [view] = viewChecklists(foldChecklists(INCIDENT, events));
    expect(view!.steps.map((s) => [s.id, s.state, s.afterMs])).toEqual([
      ['evidence', 'done', 180_000],
      ['disable', 'open', null],
      ['notify', 'skipped', 360_000],
    ]);
    expect(view!.steps[2]!.mark?.reason).toBe('Owners already told by the bank');
    expect(view!.steps[2]!.waitingFor).toEqual(['disable']);
    expect(view!.steps[1]!.waitingFor).toEqual([]);
    expect([view!.done, view!.skipped, view!.total]).toEqual([1, 1, 3]);
    expect(checklistProgress([view!])).toEqual({ finished: 2, total: 3 });
  });

  it('fold to the same state in any order, with duplicates', () => {
    const events = [
      attach('2026-12-01T10:00:00.000Z', 'bbbbbbbb02'),
      attach('2026-12-01T10:00:00.000Z'),
      mark('evidence', 'done', '2026-12-01T10:03:00.000Z'),
      mark('evidence', 'open', '2026-12-01T10:03:00.000Z', 'bbbbbbbb02'),
      mark('disable', 'skipped', '2026-12-01T10:04:00.000Z', 'bbbbbbbb02', 'n/a'),
    ];
    const expected = foldChecklists(INCIDENT, events);
    fc.assert(
      fc.property(fc.shuffledSubarray([...events, ...events], { minLength: events.length * 2 }), (shuffled) => {
        let state = emptyChecklists(INCIDENT);
        for (const e of shuffled) state = applyChecklistEvent(state, e);
        expect(state).toEqual(expected);
      }),
    );
  });

  it('hold a runbook or step called like a property of every object, "constructor" included', () => {
    const attached = event('checklist.attached', { runbook: 'constructor', version: 1, title: 'Odd', steps: [{ id: 'constructor', text: 'x', after: [] }], trigger: 'hand' }, '2026-12-01T10:00:00.000Z');
    const marked = event('checklist.stepMarked', { runbook: 'constructor', title: 'Odd', step: 'constructor', about: 'x', state: 'done', reason: '' }, '2026-12-01T10:01:00.000Z');
    const [view] = viewChecklists(foldChecklists(INCIDENT, [attached, marked]));
    expect(view!.steps.map((s) => s.state)).toEqual(['done']);
    expect(viewChecklists(foldChecklists(INCIDENT, [marked]))).toEqual([]);
  });

  it('refuse a skip without a reason at the schema', () => {
    expect(() => mark('notify', 'skipped', '2026-12-01T10:06:00.000Z')).toThrow(/reason/);
  });

  it('name a step by its first line of text, without emphasis, and by its id when nothing is left', () => {
    expect(stepAbout({ id: 'a', text: '\n**Preserve evidence** first\nthen the rest' })).toBe('Preserve evidence first');
    expect(stepAbout({ id: 'a', text: '** **' })).toBe('a');
    expect(stepAbout({ id: 'a', text: 'x'.repeat(400) })).toHaveLength(300);
  });
});
