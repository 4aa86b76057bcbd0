import { LIMITS } from '@shared/domain/text';

import type { MessageKey } from '../../i18n/en';
import { formatNumber, t } from '../../i18n/i18n';
import type { EntryProblem } from './entryInput';

const MESSAGES: Record<EntryProblem, MessageKey> = {
  empty: 'composer.error.empty',
  tooLong: 'composer.error.tooLong',
  badTime: 'composer.error.badTime',
  future: 'composer.error.future',
  tooOld: 'composer.error.tooOld',
};

/** What to tell the scribe about an entry that cannot be logged as it is. */
export function describeEntryProblem(problem: EntryProblem, textLength: number): string {
  return t(MESSAGES[problem], { length: formatNumber(textLength), max: formatNumber(LIMITS.entryText) });
}
