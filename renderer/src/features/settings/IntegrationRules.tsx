import { useState, type FormEvent } from 'react';

import { ALERT_SEVERITIES, NO_RULE, ruleIsOn, type AlertRule, type AlertSeverity, type Integration } from '@shared/domain/alerts';
import { parseList } from '@shared/domain/text';

import { useDatabase } from '../../app/DatabaseContext';
import { t } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { useSubmit } from '../../ui/useSubmit';
import { changeIntegration } from './integrationWrites';

/** A rule as its form holds it: the services as typed. */
export type RuleForm = { severities: AlertSeverity[]; services: string };
export const RULES = ['declare', 'page'] as const;
export type RuleName = (typeof RULES)[number];

export const EMPTY_RULE: RuleForm = { severities: [], services: '' };
export const ruleOf = (rule: RuleForm): AlertRule => ({ severities: rule.severities, services: parseList(rule.services) });
const formOf = (rule: AlertRule | undefined): RuleForm => ({ severities: [...(rule ?? NO_RULE).severities], services: (rule ?? NO_RULE).services.join(', ') });

/** A rule in words: off, or which severities and services it takes. */
export function describeRule(rule: AlertRule | undefined): string {
  if (!rule || !ruleIsOn(rule)) return t('settings.integrations.rule.off');
  const severities = rule.severities.length ? rule.severities.map((s) => t(`alert.severity.${s}`)).join(', ') : t('settings.integrations.rule.anySeverity');
  const services = rule.services.length ? rule.services.join(', ') : t('settings.integrations.rule.anyService');
  return t('settings.integrations.rule.takes', { severities, services });
}

/** One rule's fields: the severities it takes, and the services. */
export function RuleFields({ rule, value, onChange, idPrefix }: { rule: RuleName; value: RuleForm; onChange: (value: RuleForm) => void; idPrefix: string }) {
  const servicesId = `${idPrefix}-${rule}-services`;
  return (
    <fieldset className="field integration-rule">
      <legend>{t(`settings.integrations.rule.${rule}Legend`)}</legend>
      <div className="integration-rule-severities">
        {ALERT_SEVERITIES.map((severity) => (
          <label key={severity} className="checkbox">
            <input
              type="checkbox"
              checked={value.severities.includes(severity)}
              onChange={(e) => onChange({ ...value, severities: e.target.checked ? [...value.severities, severity] : value.severities.filter((s) => s !== severity) })}
            />
            {t(`alert.severity.${severity}`)}
          </label>
        ))}
      </div>
      <label htmlFor={servicesId}>{t('settings.integrations.rule.services')}</label>
      <input id={servicesId} value={value.services} onChange={(e) => onChange({ ...value, services: e.target.value })} />
    </fieldset>
  );
}

/** Changes an integration's rules; its key stays as it is. */
export function RulesDialog({ integration, integrations, actor, onClose }: { integration: Integration; integrations: Integration[]; actor: string; onClose: () => void }) {
  const db = useDatabase();
  const [form, setForm] = useState({ declare: formOf(integration.rules?.declare), page: formOf(integration.rules?.page) });
  const { busy, failure, submit } = useSubmit(
    () => changeIntegration(db, integrations, integration.id, { rules: { declare: ruleOf(form.declare), page: ruleOf(form.page) } }, actor),
    onClose,
  );
  return (
    <Dialog title={t('settings.integrations.rulesTitle', { name: integration.name })} onClose={onClose}>
      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void submit();
        }}
      >
        {RULES.map((rule) => (
          <RuleFields key={rule} rule={rule} value={form[rule]} onChange={(value) => setForm({ ...form, [rule]: value })} idPrefix="edit-rules" />
        ))}
        {failure && (
          <p className="field-error" role="alert">
            {failure}
          </p>
        )}
        <DialogActions cancelLabel={t('alerts.cancel')} onCancel={onClose} submitLabel={t('settings.integrations.rulesSave')} busy={busy} />
      </form>
    </Dialog>
  );
}
