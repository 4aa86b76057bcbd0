/** What each template placeholder says for an incident, right now, in the language the message is written in. */
import type { Audience, Bridges, Placeholder } from '@shared/domain/comms';
import { nextUpdateAt } from '@shared/domain/cadence';
import type { IncidentSummary } from '@shared/domain/incident';

import { formatDateTime, formatDuration, formatTimeWithZone, translate } from '../../i18n/i18n';
import { getLocale, type Locale } from '../../i18n/locale';

export type PlaceholderContext = {
  incident: IncidentSummary;
  audience: Audience;
  /** Statements of the hypotheses under test. */
  testing: readonly string[];
  commanders: readonly string[];
  standingBridges: Bridges;
  now: number;
  /** The message's language, which need not be the screen's: a Danish template on an English console is filled in Danish. Absent: the screen's. */
  language?: Locale;
};

/** The link people join a bridge by: the incident's own, else the organisation's standing one. */
export function bridgeLink(incident: IncidentSummary, standing: Bridges, bridge: 'technical' | 'business'): string {
  const own = bridge === 'technical' ? incident.technicalBridge : incident.businessBridge;
  return own || standing[bridge] || '';
}

/** Unknown values are left out: the draft then shows the placeholder, and sending waits for it. */
export function placeholderValues(ctx: PlaceholderContext): Partial<Record<Placeholder, string>> {
  const { incident, audience, now } = ctx;
  const language = ctx.language ?? getLocale();
  const next = nextUpdateAt(audience, incident.priority, now);
  return {
    title: incident.title,
    priority: translate(language, `priority.${incident.priority}`),
    impact: translate(language, `impact.${incident.impact}`),
    services: incident.services.join(', '),
    status: translate(language, `status.${incident.status}`),
    currentWork: ctx.testing.join('; '),
    eta: incident.eta,
    nextUpdate: next ? formatTimeWithZone(new Date(next), language) : '',
    commander: ctx.commanders.join(', '),
    technicalBridge: bridgeLink(incident, ctx.standingBridges, 'technical'),
    businessBridge: bridgeLink(incident, ctx.standingBridges, 'business'),
    declaredAt: formatDateTime(new Date(incident.declaredAt), language),
    duration: formatDuration(new Date(incident.declaredAt), new Date(now), language),
  };
}
