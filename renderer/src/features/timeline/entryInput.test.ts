import { describe, expect, it } from 'vitest';

import { parseEntryInput } from './entryInput';

const now = new Date(2026, 10, 21, 15, 30, 0);

describe('entry syntax', () => {
  it('plain text is a note happening now', () => {
    expect(parseEntryInput('DNS answers slowly', now)).toEqual({
      kind: 'note',
      text: 'DNS answers slowly',
      occurredAt: null,
      problem: null,
    });
  });

  it('a slash prefix picks the type, by letter or by word, in any case', () => {
    expect(parseEntryInput('/d roll back the config', now)).toMatchObject({ kind: 'decision', text: 'roll back the config' });
    expect(parseEntryInput('/Action page the DBA', now)).toMatchObject({ kind: 'action', text: 'page the DBA' });
    expect(parseEntryInput('/o 5xx at 40%', now)).toMatchObject({ kind: 'observation' });
  });

  it('an unknown slash word is kept as text', () => {
    expect(parseEntryInput('/etc/hosts was edited', now)).toMatchObject({ kind: 'note', text: '/etc/hosts was edited' });
  });

  it('backdates to a clock time today, or yesterday when that time is still to come', () => {
    expect(parseEntryInput('@14:02 config push', now).occurredAt).toEqual(new Date(2026, 10, 21, 14, 2, 0));
    expect(parseEntryInput('@16:00 config push', now).occurredAt).toEqual(new Date(2026, 10, 20, 16, 0, 0));
    expect(parseEntryInput('/d @14:02:30 x', now)).toMatchObject({
      kind: 'decision',
      occurredAt: new Date(2026, 10, 21, 14, 2, 30),
    });
    expect(parseEntryInput('@14:02 /a x', now)).toMatchObject({ kind: 'action', text: 'x' });
  });

  it('takes the time field when the text has no time prefix', () => {
    expect(parseEntryInput('x', now, { at: '14:02' }).occurredAt).toEqual(new Date(2026, 10, 21, 14, 2, 0));
    expect(parseEntryInput('@-1m x', now, { at: '14:02' }).occurredAt).toEqual(new Date(now.getTime() - 60_000));
    expect(parseEntryInput('x', now, { kind: 'decision' }).kind).toBe('decision');
  });

  it('backdates by a relative amount', () => {
    expect(parseEntryInput('@-10m alarms fired', now).occurredAt).toEqual(new Date(now.getTime() - 600_000));
    expect(parseEntryInput('@-2h deploy', now).occurredAt).toEqual(new Date(now.getTime() - 7_200_000));
  });

  it('reports nonsense times and absurd backdating instead of guessing', () => {
    expect(parseEntryInput('@25:00 x', now).problem).toBe('badTime');
    expect(parseEntryInput('@+5m x', now).problem).toBe('badTime');
    expect(parseEntryInput('@14.02 x', now).problem).toBe('badTime');
    expect(parseEntryInput('@-99999h x', now).problem).toBe('tooOld');
  });

  it('takes an @ before a name or a word as text, and a backslash keeps any prefix as typed', () => {
    expect(parseEntryInput('@ops channel is noisy', now)).toEqual({ kind: 'note', text: '@ops channel is noisy', occurredAt: null, problem: null });
    expect(parseEntryInput('/o @yesterday nothing alerted', now)).toMatchObject({ kind: 'observation', text: '@yesterday nothing alerted', occurredAt: null, problem: null });
    expect(parseEntryInput('\\@14:02 was the agreed time', now)).toEqual({ kind: 'note', text: '@14:02 was the agreed time', occurredAt: null, problem: null });
    expect(parseEntryInput('/d \\/etc/hosts stays as it is', now)).toMatchObject({ kind: 'decision', text: '/etc/hosts stays as it is', problem: null });
    expect(parseEntryInput('\\/d is not a type here', now)).toMatchObject({ kind: 'note', text: '/d is not a type here' });
    // A backslash elsewhere is text.
    expect(parseEntryInput('C:\\temp is full', now).text).toBe('C:\\temp is full');
  });

  it('reports empty and oversized entries', () => {
    expect(parseEntryInput('   ', now).problem).toBe('empty');
    expect(parseEntryInput('/d ', now).problem).toBe('empty');
    expect(parseEntryInput('x'.repeat(1024 * 1024), now).problem).toBe('tooLong');
  });

  it('strips control characters but keeps the text', () => {
    expect(parseEntryInput('a\u0000b\u001bc', now).text).toBe('abc');
  });
});
