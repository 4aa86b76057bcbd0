import type { EngagementStep } from '@shared/domain/events';
import { LIMITS } from '@shared/domain/text';

import { RosterProblemError, type RosterProblem } from '../../db/rosterCommands';
import { formatNumber, t } from '../../i18n/i18n';

export type ProblemContext = { name?: string; role?: string; step?: EngagementStep };

/** What a refused change tells the person, in words. */
export function problemMessage(problem: RosterProblem, context: ProblemContext = {}): string {
  const name = context.name ?? '';
  const role = context.role ?? '';
  switch (problem) {
    case 'nameTooLong':
    case 'successorTooLong':
      return t(`roles.problem.${problem}`, { max: formatNumber(LIMITS.personName) });
    case 'reasonTooLong':
      return t('roles.problem.reasonTooLong', { max: formatNumber(LIMITS.reason) });
    case 'tooManyHolders':
      return t('roles.problem.tooManyHolders', { max: formatNumber(LIMITS.holders) });
    case 'alreadyFurther':
      return t('roles.problem.alreadyFurther', { name, step: context.step ? t(`roles.step.${context.step}`) : '' });
    default:
      return t(`roles.problem.${problem}`, { name, role });
  }
}

/** The message for anything a roster command threw: a refusal in words, anything else with its reason. */
export function failureMessage(failure: unknown, context: ProblemContext = {}): string {
  if (failure instanceof RosterProblemError) return problemMessage(failure.problem, context);
  return t('roles.problem.failed', { reason: failure instanceof Error ? failure.message : String(failure) });
}
