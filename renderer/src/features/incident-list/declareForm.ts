/** The declare form's values and their validation, kept apart from the component so it can be tested plainly. */
import type { IncidentKind } from '@shared/domain/events';
import { priorityOf, type Impact, type PriorityMatrix, type Urgency } from '@shared/domain/priority';
import { LIMITS, cleanLine, parseList } from '@shared/domain/text';

import type { DeclareInput } from '../../db/commands';
import type { MessageKey } from '../../i18n/en';
import { t } from '../../i18n/i18n';

export type DeclareForm = {
  title: string;
  kind: IncidentKind;
  services: string;
  impact: Impact;
  urgency: Urgency;
  declaredBy: string;
  drill: boolean;
};

export const emptyDeclareForm = (declaredBy: string): DeclareForm => ({
  title: '',
  kind: 'service',
  services: '',
  impact: 'organisation',
  urgency: 'missionCritical',
  declaredBy,
  drill: false,
});

export type DeclareErrors = Partial<Record<'title' | 'services' | 'declaredBy', string>>;

export function validateDeclare(form: DeclareForm): { input: DeclareInput; errors: null } | { input: null; errors: DeclareErrors } {
  const errors: DeclareErrors = {};
  const title = cleanLine(form.title);
  const declaredBy = cleanLine(form.declaredBy);
  const services = parseList(form.services);
  const fail = (key: MessageKey, max?: number) => t(key, max === undefined ? undefined : { max });

  if (!title) errors.title = fail('declare.error.titleRequired');
  else if (title.length > LIMITS.title) errors.title = fail('declare.error.titleTooLong', LIMITS.title);
  if (!declaredBy) errors.declaredBy = fail('declare.error.nameRequired');
  else if (declaredBy.length > LIMITS.personName) errors.declaredBy = fail('declare.error.nameTooLong', LIMITS.personName);
  if (services.length > LIMITS.services) errors.services = fail('declare.error.tooManyServices', LIMITS.services);
  else if (services.some((s) => s.length > LIMITS.serviceName)) {
    errors.services = fail('declare.error.serviceTooLong', LIMITS.serviceName);
  }

  if (Object.keys(errors).length) return { input: null, errors };
  return {
    input: { title, kind: form.kind, services, impact: form.impact, urgency: form.urgency, declaredBy, drill: form.drill },
    errors: null,
  };
}

export function previewPriority(form: DeclareForm, matrix: PriorityMatrix) {
  return priorityOf(form.impact, form.urgency, matrix);
}
