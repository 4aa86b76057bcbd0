import { describe, expect, it } from 'vitest';

import { IMPACTS, URGENCIES, priorityOf, priorityRank } from './priority';

describe('priority matrix', () => {
  it('whole-organisation impact on a mission-critical service is P1; one person on an internal tool is P5', () => {
    expect(priorityOf('organisation', 'missionCritical')).toBe('P1');
    expect(priorityOf('individual', 'internal')).toBe('P5');
  });

  it('priority never improves as impact widens or urgency rises', () => {
    for (let i = 1; i < IMPACTS.length; i++) {
      for (const u of URGENCIES) {
        expect(priorityRank(priorityOf(IMPACTS[i - 1]!, u))).toBeLessThanOrEqual(priorityRank(priorityOf(IMPACTS[i]!, u)));
      }
    }
    for (const impact of IMPACTS) {
      for (let j = 1; j < URGENCIES.length; j++) {
        expect(priorityRank(priorityOf(impact, URGENCIES[j - 1]!))).toBeLessThanOrEqual(
          priorityRank(priorityOf(impact, URGENCIES[j]!)),
        );
      }
    }
  });
});
