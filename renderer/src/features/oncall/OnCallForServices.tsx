import { useLiveQuery } from 'dexie-react-hooks';

import { contactMethods, contactOf, onCallNow, rostersForService, type OnCall } from '@shared/domain/oncall';
import { nameKey } from '@shared/domain/text';

import { useDatabase } from '../../app/DatabaseContext';
import { getIncidentView } from '../../db/queries';
import { t } from '../../i18n/i18n';
import { useNow } from '../../ui/useNow';
import { useOrganisation } from '../../ui/useOrganisation';

type Suggestion = OnCall & { roster: string; reachable: boolean };

/**
 * Who is on call now for the incident's services, each a button that picks
 * them: whom to page is answered before anyone has to ask.
 */
export function OnCallForServices({ incidentId, onPick }: { incidentId: string; onPick: (person: string) => void }) {
  const db = useDatabase();
  const organisation = useOrganisation();
  const incident = useLiveQuery(() => getIncidentView(db, incidentId), [db, incidentId]);
  const now = useNow(60_000);
  if (!organisation || !incident) return null;
  const { rosters, contacts } = organisation.settings;
  const seen = new Set<string>();
  const suggestions: Suggestion[] = [];
  for (const roster of incident.summary.services.flatMap((service) => rostersForService(rosters, service))) {
    if (seen.has(roster.id)) continue;
    seen.add(roster.id);
    for (const call of onCallNow(roster, now)) suggestions.push({ ...call, roster: roster.name, reachable: contactMethods(contactOf(contacts, call.person)).length > 0 });
  }
  if (suggestions.length === 0) return null;
  return (
    <div className="oncall-suggestions">
      <p>{t('oncall.forServices', { services: incident.summary.services.join(', ') })}</p>
      <ul>
        {suggestions.map((s) => (
          <li key={`${s.roster}-${s.level}-${nameKey(s.person)}`}>
            <button type="button" className="button small" onClick={() => onPick(s.person)}>
              {t('oncall.pick', { person: s.person })}
            </button>{' '}
            <span className="settings-dim">
              {t('oncall.pickWhy', { level: t(`oncall.level.${s.level}`), roster: s.roster })}
              {!s.reachable && ` · ${t('oncall.unreachable')}`}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
