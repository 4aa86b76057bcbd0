import { describe, expect, it } from 'vitest';

import { CURRENT_VERSION, parseEvent } from './events';
import { COMMS_LIMITS, DEFAULT_AUDIENCES, PHASES, TEMPLATE_LANGUAGES } from './comms';
import { encodeHlc } from './hlc';
import { LIMITS } from './text';
import { STORABLE_LIMITS, checkStorable, jsonLength } from './storable';

const NOW = '2026-11-21T12:00:00.000Z';

function envelope(type: string, payload: unknown, v = 1) {
  return {
    id: 'aaaaaaaa01:7',
    incidentId: type.startsWith('organisation.') ? 'organisation' : 'aaaaaaaa01:1',
    type,
    v,
    hlc: encodeHlc({ ms: Date.parse(NOW), counter: 0 }),
    deviceId: 'aaaaaaaa01',
    deviceSeq: 7,
    actor: 'Ada Lovelace',
    occurredAt: NOW,
    payload,
  };
}

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Ordinary text of the given length, with the letters Danish adds and line breaks, as people write it. */
const prose = (length: number) => 'Kære kunde, vi undersøger fejlen.\n'.repeat(Math.ceil(length / 34)).slice(0, length - 1) + '.';

describe('checkStorable', () => {
  it('lets through the largest events a console can legitimately write', () => {
    // Every audience, phase and language (and none) holding a template of the longest subject and body.
    const templates = DEFAULT_AUDIENCES.concat(
      Array.from({ length: COMMS_LIMITS.audiences - DEFAULT_AUDIENCES.length }, (_, i) => ({ ...DEFAULT_AUDIENCES[0]!, id: `extra-${i}` })),
    ).flatMap((audience) =>
      PHASES.flatMap((phase) =>
        [...TEMPLATE_LANGUAGES, undefined].map((language) => ({
          audience: audience.id,
          phase,
          ...(language ? { language } : {}),
          subject: 'S'.repeat(COMMS_LIMITS.subject),
          body: prose(COMMS_LIMITS.body),
          version: 1_000_000,
        })),
      ),
    );
    const services = Array.from({ length: LIMITS.catalogueServices }, (_, i) => ({
      name: `${i} `.padEnd(LIMITS.serviceName, 'ø'),
      criticality: 'missionCritical',
      owner: 'O'.repeat(LIMITS.personName),
      continuity: 'rebuild',
    }));
    const prev = Array.from({ length: 100 }, (_, i) => `aaaaaaaa01:${i + 1}`);
    const largest = [
      envelope('organisation.settingChanged', { setting: 'templates', value: templates, prev }, CURRENT_VERSION['organisation.settingChanged']),
      envelope('organisation.settingChanged', { setting: 'services', value: services, prev }, CURRENT_VERSION['organisation.settingChanged']),
      envelope('postmortem.sectionEdited', { section: 'summary', text: prose(LIMITS.postmortemSection), prev }),
    ];
    for (const event of largest) {
      const parsed = parseEvent(event);
      expect(parsed.status === 'invalid' ? parsed.error : parsed.status).toBe('valid');
      expect(checkStorable(event)).toBeNull();
    }
  });

  it('refuses an event nested deeper than any console stores, however small', () => {
    const poison = envelope('incident.fromTheFuture', nested(4000), 9);
    expect(JSON.stringify(poison).length).toBeLessThan(40_000);
    expect(checkStorable(poison)).toMatch(/nested more than 32 levels deep/);
    expect(checkStorable(envelope('x.y', nested(STORABLE_LIMITS.depth - 2)))).toBeNull();
  });

  it('names each limit it refuses for', () => {
    const wide = Object.fromEntries(Array.from({ length: STORABLE_LIMITS.keysPerObject + 1 }, (_, i) => [`k${i}`, i]));
    expect(checkStorable(envelope('x.y', wide))).toMatch(/object with more than 256 keys/);
    const many = Array.from({ length: 100 }, () => Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`k${i}`, 0])));
    expect(checkStorable(envelope('x.y', many))).toMatch(/more than 20000 keys in all/);
    expect(checkStorable(envelope('x.y', 'x'.repeat(STORABLE_LIMITS.stringChars + 1)))).toMatch(/text of more than 65536 characters/);
    expect(checkStorable(envelope('x.y', { ['k'.repeat(STORABLE_LIMITS.stringChars + 1)]: 1 }))).toMatch(/text of more than/);
    expect(checkStorable(envelope('x.y', new Array(STORABLE_LIMITS.arrayItems + 1).fill(0)))).toMatch(/list of more than 5000 items/);
    const heavy = Array.from({ length: 70 }, () => 'x'.repeat(STORABLE_LIMITS.stringChars));
    expect(checkStorable(envelope('x.y', heavy))).toMatch(/over the 4194304-character limit/);
  });

  it('refuses what is not JSON', () => {
    expect(checkStorable(envelope('x.y', { n: Number.NaN }))).toMatch(/not JSON/);
    expect(checkStorable(envelope('x.y', { f: () => 1 }))).toMatch(/not JSON/);
    expect(checkStorable(envelope('x.y', new Date()))).toMatch(/not JSON/);
  });

  it('measures exactly what JSON.stringify writes', () => {
    const samples: unknown[] = [
      envelope('timeline.entryLogged', { kind: 'note', text: 'quote " back\\slash \n\t tab \u2028 ø 😀 \ud800 lone' }),
      { a: [1, -2.5e-7, 1e21, true, false, null, 'x'], b: {}, c: [], 'k"ey': { d: 0 } },
      'plain',
      12,
      null,
    ];
    for (const sample of samples) expect(jsonLength(sample)).toBe(JSON.stringify(sample).length);
  });
});
