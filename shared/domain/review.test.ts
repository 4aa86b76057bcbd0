import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { applyActionItemEvent, emptyActionItem, isOverdue, summarizeActionItem } from './actionItems';
import { CURRENT_VERSION, parseEvent, type DomainEvent, type EventType, type PayloadOf } from './events';
import { encodeHlc } from './hlc';
import { applyPostmortemEvent, emptyPostmortem, readSection } from './postmortem';

const INCIDENT = 'aaaaaaaa01:1';
const BASE = Date.UTC(2026, 10, 21, 12, 0, 0);

function event<T extends EventType>(device: string, seq: number, type: T, payload: PayloadOf<T>, minute = seq): DomainEvent {
  const raw = {
    id: `${device}:${seq}`,
    incidentId: INCIDENT,
    type,
    v: CURRENT_VERSION[type],
    hlc: encodeHlc({ ms: BASE + minute * 60_000, counter: 0 }),
    deviceId: device,
    deviceSeq: seq,
    actor: 'Ada',
    occurredAt: new Date(BASE + minute * 60_000).toISOString(),
    payload,
  };
  const parsed = parseEvent(raw);
  if (parsed.status !== 'valid') throw new Error(parsed.status === 'invalid' ? parsed.error : 'unknown');
  return parsed.event;
}

describe('review events at the boundary', () => {
  const base = { id: 'aaaaaaaa01:9', incidentId: INCIDENT, v: 1, hlc: encodeHlc({ ms: BASE, counter: 0 }), deviceId: 'aaaaaaaa01', deviceSeq: 9, actor: 'Ada', occurredAt: new Date(BASE).toISOString() };
  const status = (type: string, payload: unknown) => parseEvent({ ...base, type, payload }).status;

  it('takes real days and tags, and refuses impossible ones', () => {
    expect(status('actionItem.added', { title: 'Rotate certs', owner: '', due: '2028-02-29' })).toBe('valid');
    expect(status('actionItem.added', { title: 'Rotate certs', owner: '', due: '2027-02-29' })).toBe('invalid');
    expect(status('actionItem.added', { title: '   ', owner: '', due: '' })).toBe('invalid');
    expect(status('incident.fieldChanged', { field: 'tags', value: ['dns', 'dns'], prev: [] })).toBe('invalid');
    expect(status('incident.fieldChanged', { field: 'tags', value: ['DNS'], prev: [] })).toBe('invalid');
    expect(status('incident.fieldChanged', { field: 'impactStarted', value: 'yesterday', prev: [] })).toBe('invalid');
    expect(status('postmortem.sectionEdited', { section: 'rootCause', text: 'x'.repeat(20_001), prev: [] })).toBe('invalid');
    expect(status('postmortem.sectionEdited', { section: 'blame', text: 'Bob', prev: [] })).toBe('invalid');
  });

  it('upcasts a version 1 field change to version 2 unchanged', () => {
    const v1 = parseEvent({ ...base, type: 'incident.fieldChanged', payload: { field: 'eta', value: '14:30', prev: [] } });
    expect(v1.status === 'valid' && v1.event.v).toBe(2);
  });
});

describe('post-mortem sections', () => {
  it('keep both of two concurrent edits, and either order of arrival gives the same state', () => {
    const first = event('aaaaaaaa01', 2, 'postmortem.sectionEdited', { section: 'rootCause', text: 'Cert expired', prev: [] });
    const a = event('aaaaaaaa01', 3, 'postmortem.sectionEdited', { section: 'rootCause', text: 'An expired cert', prev: [first.id] });
    const b = event('bbbbbbbb02', 1, 'postmortem.sectionEdited', { section: 'rootCause', text: 'Expiry not monitored', prev: [first.id] });
    const fold = (events: DomainEvent[]) => events.reduce(applyPostmortemEvent, emptyPostmortem(INCIDENT));
    const one = fold([first, a, b]);
    const other = fold([b, a, first, a]);
    expect(one).toEqual(other);
    const section = readSection(one, 'rootCause');
    expect(section.conflict?.map((c) => c.text).sort()).toEqual(['An expired cert', 'Expiry not monitored']);
    expect(section.heads.sort()).toEqual([a.id, b.id].sort());
    expect(readSection(one, 'wentWell')).toEqual({ text: '', heads: [], conflict: null });
  });

  it('agree on the last edit when two consoles write on the same clock value', () => {
    const a = event('aaaaaaaa01', 5, 'postmortem.sectionEdited', { section: 'summary', text: 'A', prev: [] }, 30);
    const b = event('bbbbbbbb02', 5, 'postmortem.sectionEdited', { section: 'wentWell', text: 'B', prev: [] }, 30);
    const ab = [a, b].reduce(applyPostmortemEvent, emptyPostmortem(INCIDENT));
    const ba = [b, a].reduce(applyPostmortemEvent, emptyPostmortem(INCIDENT));
    expect(ab.lastEdit).toEqual(ba.lastEdit);
  });
});

describe('action items', () => {
  const added = event('aaaaaaaa01', 2, 'actionItem.added', { title: 'Alert on expiry', owner: 'Grace', due: '2026-12-01' });
  const changes = [
    event('aaaaaaaa01', 3, 'actionItem.changed', { target: added.id, about: 'Alert on expiry', field: 'status', value: 'inProgress', prev: [added.id] }),
    event('bbbbbbbb02', 1, 'actionItem.changed', { target: added.id, about: 'Alert on expiry', field: 'owner', value: 'Alan', prev: [added.id] }),
    event('aaaaaaaa01', 4, 'actionItem.changed', { target: added.id, about: 'Alert on expiry', field: 'status', value: 'done', prev: [] }),
  ];

  it('fold to the same item in any order, with duplicates', () => {
    const all = [added, ...changes];
    const expected = summarizeActionItem(all.reduce(applyActionItemEvent, emptyActionItem(added.id, INCIDENT)));
    expect(expected).toMatchObject({ title: 'Alert on expiry', owner: 'Alan', conflicts: ['status'] });
    fc.assert(
      fc.property(fc.shuffledSubarray([...all, ...all], { minLength: all.length * 2, maxLength: all.length * 2 }), (order) => {
        const state = order.reduce(applyActionItemEvent, emptyActionItem(added.id, INCIDENT));
        expect(summarizeActionItem(state)).toEqual(expected);
      }),
    );
  });

  it('are nothing until their creation arrives', () => {
    const state = changes.reduce(applyActionItemEvent, emptyActionItem(added.id, INCIDENT));
    expect(summarizeActionItem(state)).toBeNull();
  });

  it('are overdue only while outstanding and past their day', () => {
    expect(isOverdue({ status: 'open', due: '2026-11-20' }, '2026-11-21')).toBe(true);
    expect(isOverdue({ status: 'inProgress', due: '2026-11-21' }, '2026-11-21')).toBe(false);
    expect(isOverdue({ status: 'done', due: '2026-11-01' }, '2026-11-21')).toBe(false);
    expect(isOverdue({ status: 'open', due: '' }, '2026-11-21')).toBe(false);
  });
});
