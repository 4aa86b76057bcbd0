/** What a group suggests for the incident declared from it. */
import { urgencyForServices, type Service } from '@shared/domain/catalogues';

import { SUGGESTED_BY_SEVERITY } from '@shared/domain/alerts';

import { suggestedTitle } from '../../db/alertCommands';
import type { AlertGroupRow } from '../../db/types';
import type { DeclareForm } from '../incident-list/declareForm';

/** Title and service from the group; impact from its severity; urgency from the service's criticality where the catalogue knows it, else the severity. */
export function declareSuggestion(group: AlertGroupRow, catalogue: readonly Service[]): Partial<DeclareForm> {
  const bySeverity = SUGGESTED_BY_SEVERITY[group.severity];
  const services = group.service ? [group.service] : [];
  return {
    title: suggestedTitle(group),
    services: services.join(', '),
    impact: bySeverity.impact,
    urgency: urgencyForServices(services, catalogue) ?? bySeverity.urgency,
  };
}
