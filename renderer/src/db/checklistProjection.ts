/** Each incident's checklists, one row per incident (shared/domain/checklists.ts). */
import { applyChecklistEvent, emptyChecklists, isChecklistEvent } from '@shared/domain/checklists';

import { perIncidentProjection } from './projection';

export const checklistProjection = perIncidentProjection('checklists', isChecklistEvent, emptyChecklists, applyChecklistEvent);
