import type { DeclareInput } from '../db/commands';

/** An incident as the tests declare it, unless they say otherwise. */
export const declareInput: DeclareInput = {
  title: 'Payments down',
  kind: 'service',
  services: ['payments'],
  impact: 'organisation',
  urgency: 'missionCritical',
  declaredBy: 'Ada',
  drill: false,
};
