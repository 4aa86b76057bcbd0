import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';

import { ALERT_FORMATS, DEFAULT_SERVICE_LABEL, integrationSchema, type AlertFormat, type Integration } from '@shared/domain/alerts';
import { describeIssues } from '@shared/domain/events';
import type { OrganisationView } from '@shared/domain/organisation';
import { cleanLine } from '@shared/domain/text';

import { useDatabase } from '../../app/DatabaseContext';
import { changeSetting } from '../../db/organisation';
import { getMembership } from '../../db/syncStore';
import { t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { useSubmit } from '../../ui/useSubmit';
import { changeIntegration } from './integrationWrites';
import { Field, errorProps } from '../../ui/Field';
import { alertAddress, keyRecord, newIntegrationId, newIntegrationKey } from './integrationKeys';
import { EMPTY_RULE, RULES, RuleFields, RulesDialog, describeRule, ruleOf, type RuleForm } from './IntegrationRules';

type Props = { organisation: OrganisationView; actor: string | undefined };

const GENERIC_PATHS = ['dedupKey', 'title', 'severity', 'service', 'status', 'link'] as const;
type GenericPath = (typeof GENERIC_PATHS)[number];
type Form = { name: string; format: AlertFormat; serviceLabel: string; service: string; paths: Record<GenericPath, string>; declare: RuleForm; page: RuleForm };
const EMPTY: Form = {
  name: '',
  format: 'alertmanager',
  serviceLabel: DEFAULT_SERVICE_LABEL,
  service: '',
  paths: { dedupKey: '', title: '', severity: '', service: '', status: '', link: '' },
  declare: EMPTY_RULE,
  page: EMPTY_RULE,
};

/**
 * Where alerts come in from: an integration a monitoring source, each with a
 * key of its own. A key is shown once, when it is made; the organisation's
 * settings keep only its hash. Revoking a key refuses it from then on.
 */
export function IntegrationsSection({ organisation, actor }: Props) {
  const db = useDatabase();
  const headingId = 'settings-integrations-heading';
  const integrations = organisation.settings.integrations;
  const [form, setForm] = useState<Form>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<{ integration: Integration; key: string } | null>(null);
  const [revoking, setRevoking] = useState<Integration | null>(null);
  const [editing, setEditing] = useState<Integration | null>(null);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!actor) return setError(t('settings.integrations.needName'));
    const key = newIntegrationKey();
    const candidate = {
      id: newIntegrationId(),
      name: cleanLine(form.name),
      format: form.format,
      ...keyRecord(key),
      revoked: false,
      serviceLabel: form.format === 'alertmanager' || form.format === 'grafana' ? cleanLine(form.serviceLabel) : '',
      service: cleanLine(form.service),
      ...(form.format === 'generic' ? { generic: Object.fromEntries(GENERIC_PATHS.map((p) => [p, form.paths[p].trim()])) } : {}),
      rules: { declare: ruleOf(form.declare), page: ruleOf(form.page) },
    };
    if (!candidate.name) return setError(t('settings.integrations.nameRequired'));
    const parsed = integrationSchema.safeParse(candidate);
    if (!parsed.success) return setError(t('settings.integrations.invalid', { reason: describeIssues(parsed.error) }));
    setBusy(true);
    setError(null);
    try {
      await changeSetting(db, 'integrations', [...integrations, parsed.data], actor);
      setMade({ integration: parsed.data, key });
      setForm(EMPTY);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="settings-section" id="settings-integrations" aria-labelledby={headingId}>
      <header className="settings-section-header">
        <h2 id={headingId} tabIndex={-1}>
          {t('settings.integrations.heading')}
        </h2>
        <p className="settings-intro">{t('settings.integrations.intro')}</p>
      </header>
      {integrations.length === 0 ? (
        <p className="settings-dim">{t('settings.integrations.none')}</p>
      ) : (
        <table className="integrations-table">
          <thead>
            <tr>
              <th scope="col">{t('settings.integrations.name')}</th>
              <th scope="col">{t('settings.integrations.format')}</th>
              <th scope="col">{t('settings.integrations.key')}</th>
              <th scope="col">{t('settings.integrations.rule.declare')}</th>
              <th scope="col">{t('settings.integrations.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('settings.integrations.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {integrations.map((integration) => (
              <tr key={integration.id}>
                <td>{integration.name}</td>
                <td>{t(`settings.integrations.formatName.${integration.format}`)}</td>
                <td>
                  <code>…{integration.keyHint}</code>
                </td>
                <td>{describeRule(integration.rules?.declare)}</td>
                <td>{t(integration.revoked ? 'settings.integrations.revoked' : 'settings.integrations.active')}</td>
                <td>
                  {!integration.revoked && (
                    <div className="integration-row-actions">
                      <button type="button" className="button" onClick={() => setEditing(integration)} disabled={!actor}>
                        {t('settings.integrations.editRules')}
                        <span className="visually-hidden"> {integration.name}</span>
                      </button>
                      <button type="button" className="button" onClick={() => setRevoking(integration)} disabled={!actor}>
                        {t('settings.integrations.revoke')}
                        <span className="visually-hidden"> {integration.name}</span>
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form noValidate onSubmit={add} className="integration-form">
        <h3>{t('settings.integrations.add')}</h3>
        <Field id="integration-name" label={t('settings.integrations.name')}>
          <input id="integration-name" value={form.name} maxLength={60} onChange={(e) => set('name', e.target.value)} placeholder={t('settings.integrations.nameHint')} />
        </Field>
        <Field id="integration-format" label={t('settings.integrations.format')}>
          <select id="integration-format" value={form.format} onChange={(e) => set('format', e.target.value as AlertFormat)}>
            {ALERT_FORMATS.map((format) => (
              <option key={format} value={format}>
                {t(`settings.integrations.formatName.${format}`)}
              </option>
            ))}
          </select>
        </Field>
        {(form.format === 'alertmanager' || form.format === 'grafana') && (
          <Field id="integration-service-label" label={t('settings.integrations.serviceLabel')}>
            <input id="integration-service-label" value={form.serviceLabel} spellCheck={false} onChange={(e) => set('serviceLabel', e.target.value)} />
          </Field>
        )}
        <Field id="integration-service" label={t('settings.integrations.service')}>
          <input id="integration-service" value={form.service} onChange={(e) => set('service', e.target.value)} />
        </Field>
        {form.format === 'generic' &&
          GENERIC_PATHS.map((path) => (
            <Field key={path} id={`integration-path-${path}`} label={t(`settings.integrations.path.${path}`)}>
              <input
                id={`integration-path-${path}`}
                value={form.paths[path]}
                spellCheck={false}
                placeholder={t('settings.integrations.pathHint')}
                onChange={(e) => set('paths', { ...form.paths, [path]: e.target.value })}
              />
            </Field>
          ))}
        {RULES.map((rule) => (
          <RuleFields key={rule} rule={rule} value={form[rule]} onChange={(value) => set(rule, value)} idPrefix="integration" />
        ))}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="settings-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {t('settings.integrations.create')}
          </button>
        </div>
      </form>
      {made && <KeyDialog integration={made.integration} integrationKey={made.key} onClose={() => setMade(null)} />}
      {editing && actor && <RulesDialog integration={editing} integrations={integrations} actor={actor} onClose={() => setEditing(null)} />}
      {revoking && actor && <RevokeDialog integration={revoking} integrations={integrations} actor={actor} onClose={() => setRevoking(null)} />}
    </section>
  );
}

/** The key, once: it is kept nowhere but where the person copies it to. */
function KeyDialog({ integration, integrationKey, onClose }: { integration: Integration; integrationKey: string; onClose: () => void }) {
  const db = useDatabase();
  const platform = usePlatform();
  const membership = useLiveQuery(() => getMembership(db), [db]);
  const address = alertAddress(membership?.hubUrl, integrationKey);
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => setCopied(await platform.copyText(address ?? integrationKey));
  return (
    <Dialog title={t('settings.integrations.keyTitle', { name: integration.name })} description={t('settings.integrations.keyOnce')} onClose={onClose}>
      <div className="integration-key">
        <p>{t('settings.integrations.keyLabel')}</p>
        <code data-testid="integration-key">{integrationKey}</code>
        <p>{address ? t('settings.integrations.addressLabel') : t('settings.integrations.noHub')}</p>
        {address && <code data-testid="integration-address">{address}</code>}
        <p className="settings-dim">{t(`settings.integrations.howTo.${integration.format}`)}</p>
        <p role="status">{copied === null ? '' : copied ? t('settings.integrations.copied') : t('settings.integrations.copyFailed')}</p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => void copy()}>
          {t(address ? 'settings.integrations.copyAddress' : 'settings.integrations.copyKey')}
        </button>
        <button type="button" className="button primary" data-autofocus onClick={onClose}>
          {t('settings.integrations.done')}
        </button>
      </div>
    </Dialog>
  );
}

function RevokeDialog({ integration, integrations, actor, onClose }: { integration: Integration; integrations: Integration[]; actor: string; onClose: () => void }) {
  const db = useDatabase();
  const { busy, failure, submit } = useSubmit(() => changeIntegration(db, integrations, integration.id, { revoked: true }, actor), onClose);
  return (
    <Dialog title={t('settings.integrations.revokeTitle', { name: integration.name })} onClose={onClose}>
      <form
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void submit();
        }}
      >
        <p>{t('settings.integrations.revokeText')}</p>
        {failure && (
          <p className="field-error" role="alert" {...errorProps('revoke', failure)}>
            {failure}
          </p>
        )}
        <DialogActions cancelLabel={t('alerts.cancel')} onCancel={onClose} submitLabel={t('settings.integrations.revoke')} busy={busy} tone="danger" />
      </form>
    </Dialog>
  );
}
