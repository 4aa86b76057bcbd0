import { describe, expect, it } from 'vitest';

import { settingSchemas } from './catalogues';
import { needsReview, planReview, type ContinuityPlan } from './continuity';

const plan: ContinuityPlan = { document: '1. Fail over to **Aarhus**', owner: 'Grace', reviewedOn: '2026-06-01', reviewEveryDays: 180 };

describe('continuity plans', () => {
  it('fall due for review when their interval has run out, and are overdue the day after', () => {
    expect(planReview(plan, '2026-11-27')).toEqual({ state: 'current', dueOn: '2026-11-28' });
    expect(planReview(plan, '2026-11-28')).toEqual({ state: 'current', dueOn: '2026-11-28' });
    expect(planReview(plan, '2026-12-07')).toEqual({ state: 'overdue', dueOn: '2026-11-28', daysOver: 9 });
    expect(planReview({ ...plan, reviewedOn: '' }, '2026-12-07')).toEqual({ state: 'neverReviewed' });
    expect(planReview(undefined, '2026-12-07')).toEqual({ state: 'none' });
    expect([planReview(plan, '2026-12-07'), planReview({ ...plan, reviewedOn: '' }, '2026-12-07'), planReview(plan, '2026-11-01')].map(needsReview)).toEqual([true, true, false]);
  });

  it('live in the service catalogue, which still takes services without one', () => {
    const service = { name: 'Ledger', criticality: 'missionCritical', owner: 'Payments', continuity: 'warm' } as const;
    expect(settingSchemas.services.safeParse([service, { ...service, name: 'Cards', plan }]).success).toBe(true);
    for (const bad of [{ ...plan, document: ' ' }, { ...plan, reviewedOn: '2026-02-30' }, { ...plan, reviewEveryDays: 0 }, { ...plan, owner: 'Eve\u202e' }]) {
      expect(settingSchemas.services.safeParse([{ ...service, plan: bad }]).success).toBe(false);
    }
  });
});
