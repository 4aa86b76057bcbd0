import { describe, expect, it } from 'vitest';

import { DEFAULT_ROLES, DEFAULT_SERVICE_LEVELS, settingSchemas, urgencyForServices } from './catalogues';
import { describeIssues, parseEvent, type DomainEvent } from './events';
import { foldOrganisation, viewOrganisation } from './organisation';
import { DEFAULT_PRIORITY_MATRIX } from './priority';

const change = (seq: number, hlc: string, payload: unknown, device = 'aaaaaaaa01') => ({
  id: `${device}:${seq}`,
  incidentId: 'organisation',
  type: 'organisation.settingChanged',
  v: 1,
  hlc,
  deviceId: device,
  deviceSeq: seq,
  actor: 'Ana',
  occurredAt: '2026-11-21T12:00:00.000Z',
  payload,
});
const valid = (raw: unknown) => {
  const parsed = parseEvent(raw);
  if (parsed.status !== 'valid') throw new Error(parsed.status === 'invalid' ? parsed.error : 'unknown');
  return parsed.event as DomainEvent;
};

describe('organisation settings', () => {
  it('a console that has seen no change uses the defaults', () => {
    const view = viewOrganisation(foldOrganisation([]));
    expect(view.settings).toMatchObject({ roles: DEFAULT_ROLES, priorityMatrix: DEFAULT_PRIORITY_MATRIX, serviceLevels: DEFAULT_SERVICE_LEVELS, services: [] });
    expect(view.heads.roles).toEqual([]);
  });

  it('a change replaces the value it names; two at once are a conflict, kept until resolved', () => {
    const matrix = { ...DEFAULT_PRIORITY_MATRIX, individual: { missionCritical: 'P2', supporting: 'P4', internal: 'P5' } };
    const first = valid(change(1, '00mi8zq3k0-00000', { setting: 'priorityMatrix', value: matrix, prev: [] }));
    const mine = valid(change(2, '00mi8zq3k1-00000', { setting: 'priorityMatrix', value: DEFAULT_PRIORITY_MATRIX, prev: [first.id] }));
    const theirs = valid(change(1, '00mi8zq3k2-00000', { setting: 'priorityMatrix', value: matrix, prev: [first.id] }, 'bbbbbbbb02'));
    expect(viewOrganisation(foldOrganisation([first, mine])).settings.priorityMatrix).toEqual(DEFAULT_PRIORITY_MATRIX);
    const both = viewOrganisation(foldOrganisation([theirs, mine, first]));
    expect(both.conflicts.priorityMatrix?.map((c) => c.id)).toEqual([theirs.id, mine.id]);
    expect(both.heads.priorityMatrix).toEqual([theirs.id, mine.id]);
  });

  it('remembers every role id the catalogue ever held, including removed ones', () => {
    expect(viewOrganisation(foldOrganisation([])).usedRoleIds).toEqual(DEFAULT_ROLES.map((r) => r.id).sort());
    const withNetwork = [...DEFAULT_ROLES, { id: 'network', name: 'Network', seats: 'many' }];
    const added = valid(change(1, '00mi8zq3k0-00000', { setting: 'roles', value: withNetwork, prev: [] }));
    const removed = valid(change(2, '00mi8zq3k1-00000', { setting: 'roles', value: DEFAULT_ROLES.filter((r) => r.id !== 'scribe'), prev: [added.id] }));
    const view = viewOrganisation(foldOrganisation([removed, added]));
    expect(view.settings.roles.map((r) => r.id)).not.toContain('network');
    expect(view.settings.roles.map((r) => r.id)).not.toContain('scribe');
    expect(view.usedRoleIds).toEqual([...DEFAULT_ROLES.map((r) => r.id), 'network'].sort());
  });

  it('refuses role or service names that differ only in spacing, case or composition', () => {
    const roles = settingSchemas.roles;
    expect(roles.safeParse([...DEFAULT_ROLES, { id: 'commander-2', name: 'Incident  COMMANDER', seats: 'one' }]).success).toBe(false);
    expect(roles.safeParse([...DEFAULT_ROLES, { id: 'secu', name: 'Se\u0301curite\u0301', seats: 'one' }, { id: 'secu-2', name: 'sécurité', seats: 'one' }]).success).toBe(false);
    const service = { criticality: 'supporting', owner: 'Grace', continuity: 'warm' } as const;
    expect(settingSchemas.services.safeParse([{ ...service, name: 'Pay roll' }, { ...service, name: 'PAY  ROLL' }]).success).toBe(false);
    expect(settingSchemas.services.safeParse([{ ...service, name: 'Pay roll' }, { ...service, name: 'Payroll' }]).success).toBe(true);
    expect(urgencyForServices(['pay\n ROLL'], [{ ...service, name: 'Pay roll', criticality: 'internal' }])).toBe('internal');
  });

  it('refuses a matrix with a gap, naming the missing cell', () => {
    const gap = { ...DEFAULT_PRIORITY_MATRIX, department: { missionCritical: 'P2', supporting: 'P3' } };
    const result = settingSchemas.priorityMatrix.safeParse(gap);
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toMatch(/department\.internal/);
    expect(parseEvent(change(1, '00mi8zq3k0-00000', { setting: 'priorityMatrix', value: gap, prev: [] })).status).toBe('invalid');
    expect(settingSchemas.priorityMatrix.safeParse({ ...DEFAULT_PRIORITY_MATRIX, department: { ...DEFAULT_PRIORITY_MATRIX.department, internal: 'P9' } }).success).toBe(false);
  });

  it('keeps the commander in the role catalogue, and ids and names unique', () => {
    const roles = settingSchemas.roles;
    expect(roles.safeParse(DEFAULT_ROLES).success).toBe(true);
    expect(roles.safeParse(DEFAULT_ROLES.filter((r) => r.id !== 'commander')).success).toBe(false);
    expect(roles.safeParse(DEFAULT_ROLES.map((r) => (r.id === 'commander' ? { ...r, seats: 'many' } : r))).success).toBe(false);
    expect(roles.safeParse([...DEFAULT_ROLES, { id: 'scribe', name: 'Second scribe', seats: 'one' }]).success).toBe(false);
    expect(roles.safeParse([...DEFAULT_ROLES, { id: 'scribe-2', name: 'SCRIBE', seats: 'one' }]).success).toBe(false);
    expect(roles.safeParse([...DEFAULT_ROLES, { id: 'x', name: 'Bad\u0007bell', seats: 'one' }]).success).toBe(false);
  });

  it('refuses service levels whose warning comes after the deadline', () => {
    const bad = { ...DEFAULT_SERVICE_LEVELS, P1: { toMajorMinutes: 15, toContinuityMinutes: 120, warnMinutes: 15 } };
    const result = settingSchemas.serviceLevels.safeParse(bad);
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toMatch(/P1\.warnMinutes/);
    expect(settingSchemas.serviceLevels.safeParse({ ...DEFAULT_SERVICE_LEVELS, P2: { toMajorMinutes: 1.5, toContinuityMinutes: null, warnMinutes: 0 } }).success).toBe(false);
  });

  it('refuses a service catalogue with the same service twice', () => {
    const service = { name: 'Checkout', criticality: 'missionCritical', owner: 'Payments', continuity: 'hot' };
    expect(settingSchemas.services.safeParse([service]).success).toBe(true);
    expect(settingSchemas.services.safeParse([service, { ...service, name: ' checkout' }]).success).toBe(false);
  });

  it('keeps organisation events out of incidents and incident events out of the organisation stream', () => {
    expect(parseEvent({ ...change(1, '00mi8zq3k0-00000', { setting: 'services', value: [], prev: [] }), incidentId: 'aaaaaaaa01:1' }).status).toBe('invalid');
  });
});

describe('calendars the hub subscribes to', () => {
  const URL_A = 'https://calendar.example.org/oncall.ics';
  const roster = (url: string) => ({
    id: 'pay',
    name: 'Payments on call',
    team: '',
    services: [],
    timeZone: 'UTC',
    primary: { kind: 'calendar', shifts: [{ person: 'Imported', from: '2026-11-20T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' }], source: url, url },
    secondary: null,
    overrides: [],
  });
  const fetched = (seq: number, at: string, payload: Record<string, unknown>) =>
    valid({
      id: `hubhubhub1:${seq}`,
      incidentId: 'organisation',
      type: 'organisation.calendarFetched',
      v: 1,
      hlc: `00mi8zq3k${seq}-00000`,
      deviceId: 'hubhubhub1',
      deviceSeq: seq,
      actor: 'Warroom',
      occurredAt: at,
      payload: { roster: 'pay', level: 'primary', url: URL_A, outcome: 'fetched', shifts: [], detail: '', ...payload },
    });
  const ada = [{ person: 'Ada', from: '2026-11-21T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' }];
  const bo = [{ person: 'Bo', from: '2026-11-21T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' }];

  it('reads the shifts as the hub last fetched them from the address the roster names, in whatever order the fetches arrive', () => {
    const setting = valid({ ...change(1, '00mi8zq3k0-00000', { setting: 'rosters', value: [roster(URL_A)], prev: [] }), v: 6 });
    const first = fetched(2, '2026-11-21T12:00:00.000Z', { shifts: ada });
    const second = fetched(3, '2026-11-21T12:15:00.000Z', { shifts: bo });
    for (const order of [
      [setting, first, second],
      [second, setting, first],
    ]) {
      const { settings } = viewOrganisation(foldOrganisation(order));
      expect(settings.rosters[0]!.primary).toMatchObject({ kind: 'calendar', shifts: bo });
    }
    // A failed fetch keeps what was read before; a fetch of another address is not this calendar.
    const failed = fetched(4, '2026-11-21T12:30:00.000Z', { outcome: 'failed', detail: 'calendar.example.org answered 503' });
    expect(viewOrganisation(foldOrganisation([setting, failed])).settings.rosters[0]!.primary).toMatchObject({ shifts: [{ person: 'Imported' }] });
    const elsewhere = fetched(5, '2026-11-21T12:45:00.000Z', { url: 'https://other.example.org/a.ics', shifts: ada });
    expect(viewOrganisation(foldOrganisation([setting, elsewhere])).settings.rosters[0]!.primary).toMatchObject({ shifts: [{ person: 'Imported' }] });
    expect(viewOrganisation(foldOrganisation([setting, first, failed])).calendars['pay/primary']).toMatchObject({ outcome: 'failed', detail: 'calendar.example.org answered 503' });
  });

  it('refuses an address that is not a calendar’s', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://example.org/a.ics', `https://example.org/${'a'.repeat(2100)}`]) {
      expect(settingSchemas.rosters.safeParse([roster(url)]).success).toBe(false);
    }
    expect(settingSchemas.rosters.safeParse([roster('webcal://calendar.example.org/oncall.ics')]).success).toBe(true);
  });
});
