import { describe, expect, it } from 'vitest';

import { DEFAULT_AUDIENCES } from '@shared/domain/comms';
import type { Scenario } from '@shared/domain/drills';
import { DEFAULT_SCENARIOS } from '@shared/domain/catalogues';

import { readScenario, scenarioJson } from './scenarioFile';

const settings = { scenarios: DEFAULT_SCENARIOS, services: [{ name: 'Ledger' }], audiences: DEFAULT_AUDIENCES };
const scenario: Scenario = {
  id: 'ledger',
  title: 'Ledger lost <script>alert(1)</script>',
  briefing: '',
  incident: { title: 'Ledger (exercise)', kind: 'service', services: ['Ledger'], impact: 'organisation', urgency: 'missionCritical' },
  injects: [
    { id: 'down', offsetSeconds: 0, kind: 'serviceDown', service: 'ledger' },
    { id: 'cfo', offsetSeconds: 60, kind: 'message', audience: 'executives', from: 'CFO', text: '=HYPERLINK("https://evil.example")' },
  ],
  version: 2,
};

describe('a scenario file', () => {
  it('reads back what it was exported as, hostile text kept as text', () => {
    expect(readScenario(scenarioJson(scenario), settings)).toEqual({ ok: true, scenario });
  });

  it('becomes the next version of a scenario with its id', () => {
    const read = readScenario(scenarioJson({ ...DEFAULT_SCENARIOS[0]!, title: 'Payment outage, longer', version: 1 }), settings);
    expect(read).toMatchObject({ ok: true, scenario: { title: 'Payment outage, longer', version: DEFAULT_SCENARIOS[0]!.version + 1 } });
  });

  it('is refused with the reason when empty, too big, not JSON, not a scenario, out of order, or naming what the settings lack', () => {
    const refusal = (text: string) => {
      const read = readScenario(text, settings);
      return read.ok ? 'accepted' : read.error;
    };
    expect(refusal('  ')).toBe('Choose a file or paste the scenario’s JSON.');
    expect(refusal(`"${'x'.repeat(1024 * 1024)}"`)).toMatch(/^A scenario is at most 1,024 KiB; this is 1,025 KiB\.$/);
    expect(refusal('{"id": ')).toMatch(/^This is not JSON: /);
    expect(refusal('[]')).toMatch(/^This is not a scenario: /);
    expect(refusal(scenarioJson({ ...scenario, injects: [scenario.injects[1]!, scenario.injects[0]!] }))).toMatch(/inject down plays before cfo, listed above it/);
    expect(refusal(JSON.stringify({ ...scenario, injects: [{ ...scenario.injects[0], kind: 'rm -rf' }] }))).toMatch(/^This is not a scenario: /);
    expect(refusal(scenarioJson({ ...scenario, injects: [{ id: 'x', offsetSeconds: 0, kind: 'serviceDown', service: 'Mainframe' }, { id: 'board', offsetSeconds: 60, kind: 'message', audience: 'board', from: 'Chair', text: 'Well?' }] }))).toBe(
      'This scenario names a service the catalogue does not list: Mainframe; names an audience that does not exist: board.',
    );
  });
});
