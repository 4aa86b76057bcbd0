import type { Scenario, ScenarioProblem } from '@shared/domain/drills';

import { formatDuration, formatNumber, t } from '../../i18n/i18n';

/** "5 injects over 15 minutes": how long a scenario runs, from its first inject to its last. */
export function scenarioLength(scenario: Pick<Scenario, 'injects'>): string {
  const last = scenario.injects.at(-1)?.offsetSeconds ?? 0;
  return t('drills.injectsOver', { count: formatNumber(scenario.injects.length), duration: formatDuration(new Date(0), new Date(last * 1000)) });
}

/** What a scenario names that the settings lack, as one clause ("names a service … ; names an audience …"). */
export function scenarioProblemsText(problems: readonly ScenarioProblem[]): string {
  return problems
    .map((p) => (p.kind === 'unknownService' ? t('drills.problem.unknownService', { service: p.service }) : t('drills.problem.unknownAudience', { audience: p.audience })))
    .join('; ');
}
