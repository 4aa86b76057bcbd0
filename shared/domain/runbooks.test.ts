import { describe, expect, it } from 'vitest';

import { DEFAULT_RUNBOOKS } from '../runbooks/defaultRunbooks';
import { DEFAULT_PRIORITY_MATRIX } from './priority';
import { DEFAULT_ROLES, settingSchemas } from './catalogues';
import {
  NO_CONDITIONS,
  conditionWarnings,
  conditionsMatch,
  runbookIn,
  runbooksDue,
  runbookSchema,
  stepsProblem,
  type ConditionSubject,
  type Runbook,
} from './runbooks';

const incident: ConditionSubject = { kind: 'service', priority: 'P2', tier: 'normal', status: 'investigating', services: ['Checkout'], tags: ['database'] };
const runbook = (over: Partial<Runbook> = {}): Runbook => ({
  id: 'db',
  title: 'Database incident',
  auto: true,
  conditions: NO_CONDITIONS,
  steps: [{ id: 'a', text: 'Check replication', after: [] }],
  version: 1,
  ...over,
});

describe('runbook conditions', () => {
  it('match when every list given holds the incident, and an empty list matches anything', () => {
    expect(conditionsMatch(NO_CONDITIONS, incident)).toBe(true);
    expect(conditionsMatch({ ...NO_CONDITIONS, priorities: ['P1', 'P2'], kinds: ['service'] }, incident)).toBe(true);
    expect(conditionsMatch({ ...NO_CONDITIONS, priorities: ['P1'] }, incident)).toBe(false);
    expect(conditionsMatch({ ...NO_CONDITIONS, priorities: ['P2'], tiers: ['major'] }, incident)).toBe(false);
  });

  it('read services by name whatever the case, and tags by any one of the incident', () => {
    expect(conditionsMatch({ ...NO_CONDITIONS, services: ['checkout ', 'Search'] }, incident)).toBe(true);
    expect(conditionsMatch({ ...NO_CONDITIONS, services: ['Search'] }, incident)).toBe(false);
    expect(conditionsMatch({ ...NO_CONDITIONS, tags: ['dns', 'database'] }, incident)).toBe(true);
    expect(conditionsMatch({ ...NO_CONDITIONS, tags: ['dns'] }, { ...incident, tags: [] })).toBe(false);
  });

  it('are pointed out when they can never match as the settings stand', () => {
    const matrix = { ...DEFAULT_PRIORITY_MATRIX, individual: { missionCritical: 'P3', supporting: 'P4', internal: 'P4' } } as const;
    const settings = { priorityMatrix: matrix, services: [{ name: 'Checkout' }] };
    expect(conditionWarnings({ ...NO_CONDITIONS, priorities: ['P5'] }, settings)).toEqual([{ kind: 'priorityNeverGiven', priorities: ['P5'] }]);
    expect(conditionWarnings({ ...NO_CONDITIONS, priorities: ['P4', 'P5'] }, settings)).toEqual([]);
    expect(conditionWarnings({ ...NO_CONDITIONS, services: ['Payroll', 'Ledger'] }, settings)).toEqual([{ kind: 'unknownServices', services: ['Payroll', 'Ledger'] }]);
    expect(conditionWarnings({ ...NO_CONDITIONS, services: ['CHECKOUT', 'Ledger'] }, settings)).toEqual([]);
  });
});

describe('runbooks due on an incident', () => {
  it('are the automatic ones that match and are not attached yet, in the language asked for', () => {
    const danish = runbook({ language: 'da', title: 'Databasehændelse' });
    const list = [runbook(), danish, runbook({ id: 'manual', auto: false }), runbook({ id: 'p1', conditions: { ...NO_CONDITIONS, priorities: ['P1'] } })];
    expect(runbooksDue(list, 'da', incident, new Set()).map((r) => r.title)).toEqual(['Databasehændelse']);
    expect(runbooksDue(list, 'en', incident, new Set()).map((r) => r.title)).toEqual(['Database incident']);
    expect(runbooksDue(list, 'en', incident, new Set(['db']))).toEqual([]);
    expect(runbookIn([danish], 'db', 'en')?.language).toBe('da');
  });

  it('are decided by one version whatever the console’s language: the one for every language', () => {
    const english = runbook({ conditions: { ...NO_CONDITIONS, priorities: ['P2'] } });
    const danish = runbook({ language: 'da', title: 'Databasehændelse', conditions: { ...NO_CONDITIONS, priorities: ['P1'] }, auto: false });
    for (const language of ['en', 'da'] as const) {
      expect(runbooksDue([danish, english], language, incident, new Set()).map((r) => r.id), language).toEqual(['db']);
    }
    expect(runbooksDue([danish, english], 'da', incident, new Set())[0]!.title).toBe('Databasehændelse');
  });

  it('by default: major, security, continuity, and resolution each bring their checklist', () => {
    const due = (over: Partial<ConditionSubject>) => runbooksDue(DEFAULT_RUNBOOKS, 'en', { ...incident, ...over }, new Set()).map((r) => r.id);
    expect(due({})).toEqual([]);
    expect(due({ tier: 'major' })).toEqual(['major-declared']);
    expect(due({ kind: 'security', tier: 'continuity' })).toEqual(['security', 'continuity']);
    expect(due({ status: 'closed' })).toEqual(['resolved']);
  });
});

describe('runbook schema', () => {
  it('takes the defaults in both languages, each step owned by a role of the default catalogue', () => {
    expect(settingSchemas.runbooks.safeParse(DEFAULT_RUNBOOKS).success).toBe(true);
    expect(new Set(DEFAULT_RUNBOOKS.map((r) => r.language ?? 'en'))).toEqual(new Set(['en', 'da']));
    const roles = new Set(DEFAULT_ROLES.map((r) => r.id));
    const owners = DEFAULT_RUNBOOKS.flatMap((r) => r.steps.map((s) => s.role));
    expect(owners.filter((role) => !roles.has(role!))).toEqual([]);
  });

  it('refuses steps that wait for themselves, for unknown steps, or for each other', () => {
    const step = (id: string, after: string[]) => ({ id, text: id, after });
    expect(stepsProblem([step('a', ['a'])])).toMatch(/waits for itself/);
    expect(stepsProblem([step('a', ['z'])])).toMatch(/does not exist: z/);
    expect(stepsProblem([step('a', ['b']), step('b', ['c']), step('c', ['a']), step('d', [])])).toBe('steps wait on each other: a, b, c');
    expect(stepsProblem([step('a', []), step('b', ['a']), step('c', ['a', 'b'])])).toBeNull();
    expect(runbookSchema.safeParse(runbook({ steps: [step('a', []), step('a', [])] })).success).toBe(false);
  });

  it('refuses a step link that is not a web address, and a runbook with no steps', () => {
    for (const link of ['javascript:alert(1)', 'data:text/html,<script>', 'file:///etc/passwd', 'https://user:pw@example.com/']) {
      expect(runbookSchema.safeParse(runbook({ steps: [{ id: 'a', text: 'x', after: [], link }] })).success, link).toBe(false);
    }
    expect(runbookSchema.safeParse(runbook({ steps: [{ id: 'a', text: 'x', after: [], link: 'https://wiki.example.com/db' }] })).success).toBe(true);
    expect(runbookSchema.safeParse(runbook({ steps: [] })).success).toBe(false);
  });

  it('holds one runbook per id and language', () => {
    expect(settingSchemas.runbooks.safeParse([runbook(), runbook({ language: 'da' })]).success).toBe(true);
    expect(settingSchemas.runbooks.safeParse([runbook(), runbook({ title: 'Again' })]).success).toBe(false);
  });
});
