import { describe, expect, it } from 'vitest';

import { DEFAULT_ROLES, DEFAULT_SERVICE_LEVELS, settingSchemas } from '@shared/domain/catalogues';
import { DEFAULT_PRIORITY_MATRIX } from '@shared/domain/priority';

import {
  FORM_ERROR,
  formatMinutes,
  levelsToForm,
  matrixToForm,
  newRoleRow,
  newServiceRow,
  roleIdFor,
  rolesToForm,
  validateLevels,
  validateMatrix,
  validateRoles,
  validateServices,
} from './settingsForms';

const savedIds = DEFAULT_ROLES.map((r) => r.id);

describe('role catalogue form', () => {
  it('round-trips the saved catalogue unchanged', () => {
    const result = validateRoles(rolesToForm(DEFAULT_ROLES), savedIds);
    expect(result.value).toEqual(DEFAULT_ROLES);
    expect(settingSchemas.roles.safeParse(result.value).success).toBe(true);
  });

  it('gives a new role an id from its name, unique and never a saved one', () => {
    expect(roleIdFor('Network Engineer', new Set())).toBe('network-engineer');
    expect(roleIdFor('Scribe', new Set(['scribe']))).toBe('scribe-2');
    expect(roleIdFor('Scribe', new Set(['scribe', 'scribe-2']))).toBe('scribe-3');
    expect(roleIdFor('Réseau & Sécurité', new Set())).toBe('reseau-securite');
    expect(roleIdFor('2nd line', new Set())).toBe('nd-line');
    expect(roleIdFor('🔥🔥', new Set())).toBe('role');
    const long = roleIdFor('x'.repeat(80), new Set(['x'.repeat(40)]));
    expect(long).toMatch(/^x+-2$/);
    expect(long.length).toBeLessThanOrEqual(40);

    const rows = [...rolesToForm(DEFAULT_ROLES), { ...newRoleRow(), name: '  Network   engineer ', seats: 'many' as const }];
    const result = validateRoles(rows, [...savedIds, 'network-engineer']);
    expect(result.value?.at(-1)).toEqual({ id: 'network-engineer-2', name: 'Network engineer', seats: 'many' });
    expect(settingSchemas.roles.safeParse(result.value).success).toBe(true);
  });

  it('refuses empty, duplicate (any case), over-long and control-character names, field by field', () => {
    const rows = rolesToForm(DEFAULT_ROLES);
    rows[1] = { ...rows[1]!, name: '   ' };
    rows[2] = { ...rows[2]!, name: 'incident COMMANDER' };
    rows[3] = { ...rows[3]!, name: 'x'.repeat(61) };
    rows[4] = { ...rows[4]!, name: 'Ops\u0007lead' };
    const result = validateRoles(rows, savedIds);
    expect(result.value).toBeNull();
    expect(result.errors).toEqual({
      [`${rows[1]!.key}-name`]: 'Give the role a name.',
      [`${rows[2]!.key}-name`]: 'Another role is already called “Incident commander”.',
      [`${rows[3]!.key}-name`]: 'Keep it to 60 characters; this is 61.',
      [`${rows[4]!.key}-name`]: 'Remove the invisible control characters from this text.',
    });
  });

  it('refuses role and service names that differ only in Unicode composition', () => {
    const rows = [...rolesToForm(DEFAULT_ROLES), { ...newRoleRow(), name: 'Sécurité' }, { ...newRoleRow(), name: 'Se\u0301curite\u0301' }];
    expect(validateRoles(rows, savedIds).errors).toEqual({ [`${rows.at(-1)!.key}-name`]: 'Another role is already called “Sécurité”.' });
    const services = [{ ...newServiceRow(), name: 'Café', owner: 'Grace' }, { ...newServiceRow(), name: 'CAFE\u0301', owner: 'Grace' }];
    expect(Object.keys(validateServices(services).errors ?? {})).toEqual([`${services[1]!.key}-name`]);
  });

  it('keeps the commander held by one person and refuses a catalogue without one or too long', () => {
    const rows = rolesToForm(DEFAULT_ROLES).map((r) => ({ ...r, seats: 'many' as const }));
    expect(validateRoles(rows, savedIds).value?.[0]).toEqual({ id: 'commander', name: 'Incident commander', seats: 'one', required: true });
    // The commander is needed to engage even when the form says otherwise.
    expect(validateRoles(rows.map((r) => ({ ...r, required: false })), savedIds).value?.[0]?.required).toBe(true);
    expect(validateRoles(rows.slice(1), savedIds).errors).toEqual({ [FORM_ERROR]: 'The incident commander must stay in the catalogue.' });
    const many = [...rows, ...Array.from({ length: 50 }, (_, i) => ({ ...newRoleRow(), name: `Extra ${i}` }))];
    expect(validateRoles(many, savedIds).errors?.[FORM_ERROR]).toBe('List at most 50 roles.');
  });

  it('keeps hostile text as text: markup and formulas are names like any other', () => {
    const rows = [...rolesToForm(DEFAULT_ROLES), { ...newRoleRow(), name: '<script>alert(1)</script>' }, { ...newRoleRow(), name: '=cmd|"/c calc"!A1' }];
    const result = validateRoles(rows, savedIds);
    expect(result.value?.slice(-2).map((r) => r.name)).toEqual(['<script>alert(1)</script>', '=cmd|"/c calc"!A1']);
    expect(result.value?.slice(-2).every((r) => /^[a-z][a-z0-9-]*$/.test(r.id))).toBe(true);
  });
});

describe('priority matrix form', () => {
  it('accepts a full matrix and names every empty cell', () => {
    expect(validateMatrix(matrixToForm(DEFAULT_PRIORITY_MATRIX)).value).toEqual(DEFAULT_PRIORITY_MATRIX);
    const form = matrixToForm(DEFAULT_PRIORITY_MATRIX);
    form.department.internal = '';
    form.organisation.missionCritical = '';
    expect(validateMatrix(form).errors).toEqual({
      'department-internal': 'Every cell needs a priority: A department or site × Internal is empty.',
      'organisation-missionCritical': 'Every cell needs a priority: Whole organisation × Mission critical is empty.',
    });
  });

  it('does not share rows with the saved matrix', () => {
    const form = matrixToForm(DEFAULT_PRIORITY_MATRIX);
    form.individual.internal = 'P1';
    expect(DEFAULT_PRIORITY_MATRIX.individual.internal).toBe('P5');
  });
});

describe('service levels form', () => {
  it('round-trips the defaults; empty deadlines are no clock', () => {
    const form = levelsToForm(DEFAULT_SERVICE_LEVELS);
    expect(form.P5).toEqual({ toMajor: '', toContinuity: '', warn: '60' });
    expect(validateLevels(form).value).toEqual(DEFAULT_SERVICE_LEVELS);
  });

  it('refuses a warning at or after a deadline, naming the limit', () => {
    const form = levelsToForm(DEFAULT_SERVICE_LEVELS);
    form.P1.warn = '15';
    form.P2.toContinuity = '';
    form.P2.warn = '59';
    const result = validateLevels(form);
    expect(result.errors).toEqual({ 'P1-warn': 'The warning must come before the deadline: use fewer than 15 minutes.' });
  });

  it('says in words what is wrong with each number', () => {
    const form = levelsToForm(DEFAULT_SERVICE_LEVELS);
    form.P1.toMajor = '1.5';
    form.P1.toContinuity = '0';
    form.P2.toMajor = '99999999999999999999';
    form.P3.toContinuity = '-5';
    form.P4.warn = '';
    form.P5.warn = '1441';
    expect(validateLevels(form).errors).toEqual({
      'P1-toMajor': 'Use whole minutes, such as 30.',
      'P1-toContinuity': 'At least 1 minute; leave it empty for no clock.',
      'P2-toMajor': 'At most 10,080 minutes (7 d).',
      'P3-toContinuity': 'Use whole minutes, such as 30.',
      'P4-warn': 'Say how many minutes before a deadline to warn (0 for none).',
      'P5-warn': 'At most 1,440 minutes (1 d).',
    });
  });

  it('reads minutes back in days, hours and minutes', () => {
    expect(formatMinutes(0)).toBe('0 min');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(150)).toBe('2 h 30 min');
    expect(formatMinutes(1440)).toBe('1 d');
    expect(formatMinutes(1441 + 60)).toBe('1 d 1 h 1 min');
  });
});

describe('service catalogue form', () => {
  const row = (name: string, owner = 'Ana') => ({ ...newServiceRow(), name, owner });

  it('cleans names and keeps the choices', () => {
    const result = validateServices([{ ...row('  Checkout  '), criticality: 'missionCritical', continuity: 'hot' }]);
    expect(result.value).toEqual([{ name: 'Checkout', criticality: 'missionCritical', owner: 'Ana', continuity: 'hot' }]);
    expect(settingSchemas.services.safeParse(result.value).success).toBe(true);
  });

  it('refuses duplicates case-insensitively, missing owners and megabytes of text', () => {
    const rows = [row('Checkout'), row('CHECKOUT'), row('Payments', ' '), row('x'.repeat(1_000_000))];
    expect(validateServices(rows).errors).toEqual({
      [`${rows[1]!.key}-name`]: 'Another service is already called “Checkout”.',
      [`${rows[2]!.key}-owner`]: 'Say who owns the service.',
      [`${rows[3]!.key}-name`]: 'Keep it to 100 characters; this is 1,000,000.',
    });
  });

  it('refuses more services than the catalogue holds', () => {
    const rows = Array.from({ length: 1001 }, (_, i) => row(`Service ${i}`));
    expect(validateServices(rows).errors).toEqual({ [FORM_ERROR]: 'List at most 1,000 services.' });
  });
});
