/** Each exercise incident's drill, one row per incident (shared/domain/drillRun.ts). */
import { applyDrillEvent, emptyDrillRun, isDrillEvent } from '@shared/domain/drillRun';

import { perIncidentProjection } from './projection';

export const drillProjection = perIncidentProjection('drills', isDrillEvent, emptyDrillRun, applyDrillEvent);
