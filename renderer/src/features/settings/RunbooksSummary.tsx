/** The runbooks, read-only: each with its language, when it attaches itself, its steps and version, and what would keep it from ever matching. */
import type { OrganisationSettings } from '@shared/domain/catalogues';
import { conditionWarnings, type ConditionWarning, type Runbook, type RunbookConditions } from '@shared/domain/runbooks';

import { t } from '../../i18n/i18n';

type Settings = Pick<OrganisationSettings, 'priorityMatrix' | 'services'>;

export function conditionWords(c: RunbookConditions): string {
  const parts = [
    ...(c.kinds.length ? [c.kinds.map((k) => t(`kind.${k}`)).join(' / ')] : []),
    ...(c.priorities.length ? [c.priorities.map((p) => t(`priority.${p}`)).join(' / ')] : []),
    ...(c.tiers.length ? [c.tiers.map((tier) => t(`tier.${tier}`)).join(' / ')] : []),
    ...(c.statuses.length ? [c.statuses.map((s) => t(`status.${s}`)).join(' / ')] : []),
    ...(c.services.length ? [t('settings.runbooks.summary.services', { services: c.services.join(', ') })] : []),
    ...(c.tags.length ? [t('settings.runbooks.summary.tags', { tags: c.tags.join(', ') })] : []),
  ];
  return parts.length ? parts.join('; ') : t('settings.runbooks.summary.anyIncident');
}

export function warningText(warning: ConditionWarning): string {
  return warning.kind === 'priorityNeverGiven'
    ? t('settings.runbooks.warning.priorityNeverGiven', { priorities: warning.priorities.map((p) => t(`priority.${p}`)).join(', ') })
    : t('settings.runbooks.warning.unknownServices', { services: warning.services.join(', ') });
}

export function RunbookWarnings({ conditions, settings, id }: { conditions: RunbookConditions; settings: Settings; id?: string }) {
  const warnings = conditionWarnings(conditions, settings);
  if (warnings.length === 0) return null;
  return (
    <ul className="settings-warnings" id={id}>
      {warnings.map((w) => (
        <li key={w.kind}>
          <span aria-hidden="true">⚠ </span>
          {warningText(w)}
        </li>
      ))}
    </ul>
  );
}

export function RunbooksSummary({ value, settings }: { value: Runbook[]; settings: Settings }) {
  if (value.length === 0) return <p className="settings-dim">{t('settings.runbooks.empty')}</p>;
  return (
    <ul className="settings-summary-list settings-runbooks">
      {value.map((r) => (
        <li key={`${r.id}/${r.language ?? ''}`}>
          <strong>{r.title}</strong>
          {r.language && <span className="settings-dim"> ({t(`language.${r.language}`)})</span>}
          <span className="settings-dim">
            {' · '}
            {r.auto ? t('settings.runbooks.summary.auto') : t('settings.runbooks.summary.byHand')}
            {' · '}
            {t('settings.runbooks.summary.when', { conditions: conditionWords(r.conditions) })}
            {' · '}
            {t('settings.runbooks.summary.steps', { count: r.steps.length })}
            {' · '}
            {t('settings.runbooks.version', { version: r.version })}
          </span>
          {r.auto && <RunbookWarnings conditions={r.conditions} settings={settings} />}
        </li>
      ))}
    </ul>
  );
}
