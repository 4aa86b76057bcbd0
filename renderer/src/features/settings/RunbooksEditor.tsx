import { useState } from 'react';

import { TEMPLATE_LANGUAGES } from '@shared/domain/comms';
import { INCIDENT_KINDS, STATUSES, TIERS } from '@shared/domain/incidentTerms';
import type { OrganisationView } from '@shared/domain/organisation';
import { PRIORITIES } from '@shared/domain/priority';
import { stepAbout } from '@shared/domain/checklists';
import { NO_CONDITIONS } from '@shared/domain/runbooks';
import { parseTags } from '@shared/domain/tags';
import { parseList } from '@shared/domain/text';

import { roleName } from '../../i18n/defaultNames';
import { t } from '../../i18n/i18n';
import { errorProps, FieldError } from '../../ui/Field';
import { CommsSection } from './CommsSection';
import {
  newRunbookRow,
  newStepRow,
  runbookFieldKey,
  runbooksToForm,
  stepFieldKey,
  translatedRow,
  validateRunbooks,
  type RunbookLanguage,
  type RunbookRow,
  type StepRow,
} from './runbookForms';
import { RunbooksSummary, RunbookWarnings } from './RunbooksSummary';
import { useSettingEditor } from './useSettingEditor';

type Props = { organisation: OrganisationView; actor: string | undefined };

const LANGUAGES: readonly RunbookLanguage[] = ['any', ...TEMPLATE_LANGUAGES];
/** What decides when a runbook attaches: the same for every language version of it. */
const RULE_FIELDS = ['auto', 'kinds', 'priorities', 'tiers', 'statuses', 'services', 'tags'] as const;

/**
 * The runbooks: pick one, edit its title, language, conditions and steps (each
 * with an owner, a link and the steps it waits for), or add one, or another
 * language's version of one. What could keep a runbook from ever attaching
 * itself is said beside its conditions.
 */
export function RunbooksEditor({ organisation, actor }: Props) {
  const section = t('settings.runbooks.heading');
  const { settings } = organisation;
  const editor = useSettingEditor({
    setting: 'runbooks',
    section,
    saved: settings.runbooks,
    heads: organisation.heads.runbooks,
    actor,
    toForm: runbooksToForm,
    validate: (rows: RunbookRow[]) => validateRunbooks(rows, settings.runbooks),
  });
  const rows = editor.form;
  const [chosen, setChosen] = useState<string | null>(null);
  const row = rows.find((r) => r.key === chosen) ?? rows[0];
  const languageLabel = (l: RunbookLanguage) => (l === 'any' ? t('settings.runbooks.language.any') : t(`language.${l}`));
  const rowLabel = (r: RunbookRow) => `${r.title.trim() || t('settings.runbooks.untitled')} (${languageLabel(r.language)})`;
  const rowHasError = (r: RunbookRow) => Object.keys(editor.errors).some((key) => key.startsWith(`${r.key}-`) || r.steps.some((s) => key.startsWith(`${s.key}-`)));
  const twins = row ? rows.filter((r) => r.id !== null && r.id === row.id) : [];
  const missing = row?.id ? LANGUAGES.filter((l) => !twins.some((r) => r.language === l)) : [];
  const validated = row ? validateRunbooks([row], settings.runbooks).value?.[0] : undefined;
  const saved = row && settings.runbooks.find((r) => r.id === row.id && (r.language ?? 'any') === row.language);

  // When a runbook attaches itself is one rule for all its languages: a change of it reaches every version.
  const setRow = (change: Partial<RunbookRow>) => {
    const shared = Object.fromEntries(Object.entries(change).filter(([field]) => (RULE_FIELDS as readonly string[]).includes(field)));
    editor.update((form) =>
      form.map((r) => (r.key === row?.key ? { ...r, ...change } : row?.id && r.id === row.id ? { ...r, ...shared } : r)),
    );
  };
  const setSteps = (change: (steps: StepRow[]) => StepRow[]) => row && setRow({ steps: change(row.steps) });
  const setStep = (key: string, change: Partial<StepRow>) => setSteps((steps) => steps.map((s) => (s.key === key ? { ...s, ...change } : s)));
  const add = () => {
    const added = newRunbookRow();
    editor.update((form) => [...form, added]);
    setChosen(added.key);
    editor.focusSoon(runbookFieldKey(added, 'title'));
  };
  const addVersion = (language: RunbookLanguage) => {
    if (!row) return;
    const added = translatedRow(row, language);
    editor.update((form) => [...form, added]);
    setChosen(added.key);
    editor.focusSoon(runbookFieldKey(added, 'title'));
  };
  const remove = () => {
    if (!row) return;
    const rest = rows.filter((r) => r.key !== row.key);
    editor.update(() => rest);
    setChosen(rest[0]?.key ?? null);
    editor.focusSoon(rest.length ? 'pick' : 'new');
  };
  const addStep = () => {
    const added = newStepRow();
    setSteps((steps) => [...steps, added]);
    editor.focusSoon(stepFieldKey(added, 'text'));
  };
  const moveStep = (index: number, by: -1 | 1) => {
    if (!row) return;
    const to = index + by;
    if (to < 0 || to >= row.steps.length) return;
    const steps = [...row.steps];
    [steps[index], steps[to]] = [steps[to]!, steps[index]!];
    setRow({ steps });
    editor.focusSoon(`${steps[to]!.key}-${by < 0 ? 'up' : 'down'}`);
  };
  const removeStep = (key: string) => {
    setSteps((steps) => steps.filter((s) => s.key !== key).map((s) => ({ ...s, after: s.after.filter((a) => a !== key) })));
    editor.focusSoon('add-step');
  };
  // Save focuses the first field in error: show its runbook first.
  const beforeSubmit = () => {
    const inError = rows.find((r) => rowHasError(r) || !validateRunbooks([r], settings.runbooks).value);
    if (inError) setChosen(inError.key);
  };
  const checks = <V extends string>(field: 'kinds' | 'priorities' | 'tiers' | 'statuses', values: readonly V[], label: (v: V) => string) =>
    row && (
      <fieldset className="settings-checks">
        <legend>{t(`settings.runbooks.${field}`)}</legend>
        {values.map((v) => {
          const list = row[field] as readonly string[];
          return (
            <label key={v}>
              <input
                type="checkbox"
                checked={list.includes(v)}
                onChange={(e) => setRow({ [field]: e.target.checked ? [...list, v] : list.filter((x) => x !== v) } as Partial<RunbookRow>)}
              />
              {label(v)}
            </label>
          );
        })}
      </fieldset>
    );
  const textField = (key: string, label: string, value: string, onChange: (v: string) => void, extra?: { multiline?: boolean; lang?: string }) => {
    const id = editor.id(key);
    const error = editor.error(key);
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {extra?.multiline ? (
          <textarea id={id} rows={3} lang={extra.lang} value={value} spellCheck onChange={(e) => onChange(e.target.value)} {...errorProps(id, error)} />
        ) : (
          <input id={id} lang={extra?.lang} value={value} autoComplete="off" onChange={(e) => onChange(e.target.value)} {...errorProps(id, error)} />
        )}
        <FieldError id={id} error={error} />
      </div>
    );
  };
  const lang = row && row.language !== 'any' ? row.language : undefined;
  // Warnings read what the form would save, so they follow the typing.
  const liveConditions = row ? { ...NO_CONDITIONS, kinds: row.kinds, priorities: row.priorities, tiers: row.tiers, statuses: row.statuses, services: parseList(row.services), tags: parseTags(row.tags).tags } : NO_CONDITIONS;
  const stepsError = row && editor.error(runbookFieldKey(row, 'steps'));

  return (
    <CommsSection
      editor={editor}
      heads={organisation.heads.runbooks}
      heading={section}
      inSentence={t('settings.runbooks.inSentence')}
      intro={t('settings.runbooks.intro')}
      editLabel={t('settings.runbooks.edit')}
      saveLabel={t('settings.runbooks.save')}
      firstField={rows.length ? 'pick' : 'new'}
      conflicts={organisation.conflicts.runbooks}
      describe={(value) => <RunbooksSummary value={value} settings={settings} />}
      view={<RunbooksSummary value={settings.runbooks} settings={settings} />}
      beforeSubmit={beforeSubmit}
    >
      <div className="settings-template-pick">
        {row && (
          <div className="field">
            <label htmlFor={editor.id('pick')}>{t('settings.runbooks.pick')}</label>
            <select id={editor.id('pick')} value={row.key} onChange={(e) => setChosen(e.target.value)}>
              {rows.map((r) => (
                <option key={r.key} value={r.key}>
                  {rowHasError(r) ? t('settings.runbooks.needsAttention', { label: rowLabel(r) }) : rowLabel(r)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="settings-list-footer">
          <button type="button" id={editor.id('new')} className="button" onClick={add}>
            {t('settings.runbooks.new')}
          </button>
          {missing.map((l) => (
            <button key={l} type="button" className="button" onClick={() => addVersion(l)}>
              {t(`settings.runbooks.addVersion.${l}`)}
            </button>
          ))}
        </div>
      </div>

      {!row ? (
        <p className="settings-empty">{t('settings.runbooks.empty')}</p>
      ) : (
        <div className="settings-runbook" key={row.key}>
          <p className="settings-dim" role="note">
            {saved && validated && validated.version !== saved.version
              ? t('settings.runbooks.nextVersion', { version: saved.version, next: validated.version })
              : t('settings.runbooks.version', { version: saved?.version ?? 1 })}
          </p>
          {textField(runbookFieldKey(row, 'title'), t('settings.runbooks.titleLabel'), row.title, (title) => setRow({ title }), { lang })}
          <div className="field">
            <label htmlFor={editor.id('language')}>{t('settings.runbooks.language')}</label>
            <select id={editor.id('language')} value={row.language} onChange={(e) => setRow({ language: e.target.value as RunbookLanguage })}>
              {LANGUAGES.filter((l) => l === row.language || !twins.some((r) => r.language === l)).map((l) => (
                <option key={l} value={l}>
                  {languageLabel(l)}
                </option>
              ))}
            </select>
          </div>
          <label className="settings-check">
            <input type="checkbox" checked={row.auto} onChange={(e) => setRow({ auto: e.target.checked })} /> {t('settings.runbooks.auto')}
          </label>

          <fieldset className="settings-runbook-conditions">
            <legend>{t('settings.runbooks.conditions')}</legend>
            <p className="settings-dim">{t('settings.runbooks.conditionsHint')}</p>
            {checks('kinds', INCIDENT_KINDS, (k) => t(`kind.${k}`))}
            {checks('priorities', PRIORITIES, (p) => t(`priority.${p}`))}
            {checks('tiers', TIERS, (tier) => t(`tier.${tier}`))}
            {checks('statuses', STATUSES, (s) => t(`status.${s}`))}
            {textField(runbookFieldKey(row, 'services'), t('settings.runbooks.services'), row.services, (services) => setRow({ services }))}
            {textField(runbookFieldKey(row, 'tags'), t('settings.runbooks.tags'), row.tags, (tags) => setRow({ tags }))}
            {row.auto && <RunbookWarnings conditions={liveConditions} settings={settings} />}
          </fieldset>

          <fieldset className="settings-runbook-steps" aria-describedby={stepsError ? `${editor.id(runbookFieldKey(row, 'steps'))}-error` : undefined}>
            <legend id={editor.id(runbookFieldKey(row, 'steps'))} tabIndex={-1}>
              {t('settings.runbooks.steps')}
            </legend>
            <p className="settings-dim">{t('settings.runbooks.stepsHint')}</p>
            <FieldError id={editor.id(runbookFieldKey(row, 'steps'))} error={stepsError} />
            <ol className="settings-steps">
              {row.steps.map((step, i) => {
                const n = i + 1;
                const others = row.steps.filter((s) => s.key !== step.key);
                return (
                  <li key={step.key} className="settings-step">
                    {textField(stepFieldKey(step, 'text'), t('settings.runbooks.stepText', { n }), step.text, (text) => setStep(step.key, { text }), { multiline: true, lang })}
                    <div className="settings-step-row">
                      <div className="field">
                        <label htmlFor={editor.id(`${step.key}-role`)}>{t('settings.runbooks.stepRole', { n })}</label>
                        <select id={editor.id(`${step.key}-role`)} value={step.role} onChange={(e) => setStep(step.key, { role: e.target.value })}>
                          <option value="">{t('settings.runbooks.noRole')}</option>
                          {settings.roles.map((role) => (
                            <option key={role.id} value={role.id}>
                              {roleName(role)}
                            </option>
                          ))}
                          {step.role && !settings.roles.some((role) => role.id === step.role) && <option value={step.role}>{step.role}</option>}
                        </select>
                      </div>
                      {textField(stepFieldKey(step, 'link'), t('settings.runbooks.stepLink', { n }), step.link, (link) => setStep(step.key, { link }))}
                    </div>
                    {others.length > 0 && (
                      <fieldset className="settings-checks">
                        <legend>{t('settings.runbooks.waitsFor', { n })}</legend>
                        {others.map((other) => (
                          <label key={other.key}>
                            <input
                              type="checkbox"
                              checked={step.after.includes(other.key)}
                              onChange={(e) =>
                                setStep(step.key, { after: e.target.checked ? [...step.after, other.key] : step.after.filter((a) => a !== other.key) })
                              }
                            />
                            {t('settings.runbooks.waitStep', { n: row.steps.indexOf(other) + 1, text: stepAbout({ id: '…', text: other.text }) })}
                          </label>
                        ))}
                      </fieldset>
                    )}
                    <div className="settings-list-footer">
                      <button type="button" id={editor.id(`${step.key}-up`)} className="button small" onClick={() => moveStep(i, -1)} disabled={i === 0}>
                        {t('settings.runbooks.moveUp', { n })}
                      </button>
                      <button type="button" id={editor.id(`${step.key}-down`)} className="button small" onClick={() => moveStep(i, 1)} disabled={i === row.steps.length - 1}>
                        {t('settings.runbooks.moveDown', { n })}
                      </button>
                      <button type="button" className="button small" onClick={() => removeStep(step.key)}>
                        {t('settings.runbooks.removeStep', { n })}
                      </button>
                    </div>
                  </li>
                );
              })}
            </ol>
            <div className="settings-list-footer">
              <button type="button" id={editor.id('add-step')} className="button" onClick={addStep}>
                {t('settings.runbooks.addStep')}
              </button>
              <button type="button" className="button" onClick={remove}>
                {t('settings.runbooks.remove')}
              </button>
            </div>
          </fieldset>
        </div>
      )}
    </CommsSection>
  );
}
