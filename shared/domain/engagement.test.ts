import { describe, expect, it } from 'vitest';

import { engagementCycles, type StepRecord } from './engagement';

const T = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString();
let seq = 0;
function step(person: string, kind: StepRecord['step'], at: string, reason?: string) {
  seq += 1;
  return { id: `dev:${seq}`, hlc: `${at}-${String(seq).padStart(4, '0')}`, person, step: kind, at, ...(reason ? { reason } : {}) };
}
const cyclesOf = (steps: ReturnType<typeof step>[]) => engagementCycles(steps, (s) => s.at);

describe('engagementCycles', () => {
  it('cuts a person into cycles at each release, whatever order the steps arrive in', () => {
    const steps = [
      step('Cy', 'paged', T(1)),
      step('cy ', 'joined', T(5)),
      step('Cy', 'released', T(20), 'not needed'),
      step('CY', 'paged', T(40)),
    ];
    const cy = cyclesOf([...steps].reverse())[0]!;
    expect(cy).toMatchObject({ key: 'cy', name: 'CY' });
    expect(cy.cycles).toHaveLength(2);
    expect(cy.cycles[0]).toMatchObject({ step: 'released', pagedAt: T(1), joinedAt: T(5), releasedAt: T(20), releaseReason: 'not needed', since: T(20) });
    expect(cy.cycles[1]).toMatchObject({ step: 'paged', pagedAt: T(40), releasedAt: null, since: T(40) });
  });

  it('keeps the first page and does not move a person back for a late acknowledgement', () => {
    const bo = cyclesOf([step('Bo', 'paged', T(1)), step('Bo', 'paged', T(3)), step('Bo', 'joined', T(10)), step('Bo', 'acknowledged', T(12))])[0]!;
    expect(bo.cycles).toEqual([
      { name: 'Bo', step: 'joined', since: T(10), pagedAt: T(1), acknowledgedAt: T(12), joinedAt: T(10), releasedAt: null, releaseReason: null },
    ]);
  });

  it('lists people in the order of their first step', () => {
    const people = cyclesOf([step('Zoe', 'joined', T(9)), step('Ann', 'paged', T(2)), step('Max', 'acknowledged', T(5))]);
    expect(people.map((p) => p.name)).toEqual(['Ann', 'Max', 'Zoe']);
  });
});
