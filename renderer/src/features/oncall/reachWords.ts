/** The ways a person can be paged, in words: "push, SMS", for the on-call page and the people to reach alike. */
import type { PageMethod } from '@shared/domain/pages';

import { t } from '../../i18n/i18n';

export function reachWords(methods: readonly PageMethod[]): string {
  return methods.map((method) => t(`oncall.reach.${method}`)).join(', ');
}
