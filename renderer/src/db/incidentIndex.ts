/** Which of the incidents table's indexes a row is in, from its summary: the list, the watchers and the sync indicator read through them. */
import { isFinalStatus } from '@shared/domain/events';
import type { IncidentSummary } from '@shared/domain/incident';

import type { IncidentRow } from './types';

type IndexedIncidentFields = Pick<IncidentRow, 'declaredAt' | 'conflicted' | 'open' | 'pastRank'>;

/** Each field is absent where the row is not in that index: IndexedDB leaves out a row that lacks the key. */
export function indexedFields(summary: IncidentSummary | null): IndexedIncidentFields {
  if (!summary) return {};
  return {
    declaredAt: summary.declaredAt,
    ...(summary.conflicts.length ? { conflicted: 1 } : {}),
    ...(isFinalStatus(summary.status) ? { pastRank: summary.status === 'resolved' ? 1 : 0 } : { open: 1 }),
  };
}
