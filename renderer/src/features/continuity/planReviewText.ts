import type { PlanReview } from '@shared/domain/continuity';

import { formatDay, formatNumber, t } from '../../i18n/i18n';

/** A plan's review state in words: never colour alone. */
export function planReviewText(review: PlanReview, reviewedOn = ''): string {
  switch (review.state) {
    case 'none':
      return t('continuity.review.none');
    case 'neverReviewed':
      return t('continuity.review.neverReviewed');
    case 'current':
      return t('continuity.review.current', { reviewed: formatDay(reviewedOn), due: formatDay(review.dueOn) });
    case 'overdue':
      return t('continuity.review.overdue', { due: formatDay(review.dueOn), days: formatNumber(review.daysOver) });
  }
}
