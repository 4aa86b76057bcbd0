import type { IncidentField, IncidentFields } from '@shared/domain/incident';

import { formatDateTime, t } from '../i18n/i18n';

/** A field's value as people read it. */
export function formatFieldValue<F extends IncidentField>(field: F, value: IncidentFields[F]): string {
  switch (field) {
    case 'status':
      return t(`status.${value as IncidentFields['status']}`);
    case 'kind':
      return t(`kind.${value as IncidentFields['kind']}`);
    case 'impact':
      return t(`impact.${value as IncidentFields['impact']}`);
    case 'urgency':
      return t(`urgency.${value as IncidentFields['urgency']}`);
    case 'services':
      return (value as string[]).join(', ') || t('timeline.noServices');
    case 'priority':
      return t(`priority.${value as IncidentFields['priority']}`);
    case 'tier':
      return t(`tier.${value as IncidentFields['tier']}`);
    case 'tags':
      return (value as string[]).join(', ') || t('incident.noTags');
    case 'impactStarted':
      return value ? formatDateTime(new Date(value as string)) : t('incident.impactStartUnknown');
    default:
      return String(value);
  }
}

export function fieldLabel(field: IncidentField): string {
  switch (field) {
    case 'status':
      return t('status.label');
    case 'title':
      return t('incidents.col.title');
    case 'kind':
      return t('incidents.col.kind');
    case 'services':
      return t('incidents.col.services');
    case 'impact':
      return t('declare.impactLabel');
    case 'urgency':
      return t('declare.urgencyLabel');
    case 'priority':
      return t('declare.priorityLabel');
    case 'tier':
      return t('tier.label');
    case 'eta':
      return t('comms.eta');
    case 'technicalBridge':
      return t('comms.bridge.technical');
    case 'businessBridge':
      return t('comms.bridge.business');
    case 'tags':
      return t('incident.tagsLabel');
    case 'impactStarted':
      return t('incident.impactStartedLabel');
  }
}
