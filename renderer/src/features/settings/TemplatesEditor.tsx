import { useState } from 'react';

import { PHASES, PLACEHOLDERS, TEMPLATE_LANGUAGES, type Phase, type TemplateLanguage } from '@shared/domain/comms';
import type { OrganisationView } from '@shared/domain/organisation';

import { t } from '../../i18n/i18n';
import { errorProps, FieldError } from '../../ui/Field';
import { CommsSection } from './CommsSection';
import { defaultTemplate, findTemplate, newTemplateRow, templateKey, templatesToForm, validateTemplates, type TemplateRow } from './commsForms';
import { TemplatesSummary, audienceLabel, templateVersions } from './settingSummaries';
import { useSettingEditor } from './useSettingEditor';

type Props = { organisation: OrganisationView; actor: string | undefined };
/** A template's language as the form names it: 'any' for the one without a language. */
type Version = TemplateLanguage | 'any';
type Slot = { audience: string; phase: Phase; version: Version };

const VERSIONS: readonly Version[] = ['any', ...TEMPLATE_LANGUAGES];
const versionOf = (row: Pick<TemplateRow, 'language'>): Version => row.language ?? 'any';
const languageOf = (version: Version): TemplateLanguage | undefined => (version === 'any' ? undefined : version);
const fieldKey = (row: Pick<TemplateRow, 'audience' | 'phase' | 'language'>, field: 'subject' | 'body') => templateKey(row.audience, row.phase, field, row.language);

/** The template a field's error key belongs to. */
function rowOf(key: string, rows: readonly TemplateRow[]): TemplateRow | undefined {
  return rows.find((r) => key === fieldKey(r, 'subject') || key === fieldKey(r, 'body'));
}

/**
 * One template per audience, phase and language: choose the audience, phase and
 * language version, edit subject and message, or add a version where there is none.
 */
export function TemplatesEditor({ organisation, actor }: Props) {
  const section = t('settings.templates.heading');
  const { settings } = organisation;
  const editor = useSettingEditor({
    setting: 'templates',
    section,
    saved: settings.templates,
    heads: organisation.heads.templates,
    actor,
    toForm: templatesToForm,
    validate: (rows: TemplateRow[]) => validateTemplates(rows, settings.templates, settings.audiences),
  });
  const rows = editor.form;
  // Audiences first, in their order; then any a template still names after its audience was removed.
  const audienceIds = [...new Set([...settings.audiences.map((a) => a.id), ...rows.map((r) => r.audience)])];
  const [chosen, setChosen] = useState<Slot | null>(null);
  const audience = chosen && audienceIds.includes(chosen.audience) ? chosen.audience : (audienceIds[0] ?? '');
  const phase = chosen?.phase ?? PHASES[0];
  const versions = templateVersions(rows, audience, phase);
  const row = versions.find((r) => versionOf(r) === chosen?.version) ?? versions[0];
  const language = row?.language;
  const missingVersions = VERSIONS.filter((v) => !versions.some((r) => versionOf(r) === v));
  const saved = row && findTemplate(settings.templates, audience, phase, language);
  const fallback = row && defaultTemplate(audience, phase, language);
  const subjectKey = templateKey(audience, phase, 'subject', language);
  const bodyKey = templateKey(audience, phase, 'body', language);

  const rowHasError = (r: TemplateRow) => Boolean(editor.error(fieldKey(r, 'subject')) || editor.error(fieldKey(r, 'body')));
  const hasError = (a: string, p?: Phase, v?: Version) =>
    rows.some((r) => r.audience === a && (!p || r.phase === p) && (!v || versionOf(r) === v) && rowHasError(r));
  const flagged = (label: string, error: boolean) => (error ? t('settings.templates.needsAttention', { label }) : label);
  const versionLabel = (v: Version) => (v === 'any' ? t('settings.templates.language.any') : t(`language.${v}`));

  const setRow = (change: Partial<TemplateRow>) =>
    editor.update((form) => form.map((r) => (r.audience === audience && r.phase === phase && r.language === language ? { ...r, ...change } : r)));
  const add = (version: Version) => {
    const added = newTemplateRow(audience, phase, languageOf(version));
    editor.update((form) => [...form, added]);
    setChosen({ audience, phase, version });
    editor.focusSoon(fieldKey(added, 'subject'));
  };
  const remove = () => {
    if (!language) return;
    editor.update((form) => form.filter((r) => !(r.audience === audience && r.phase === phase && r.language === language)));
    const rest = versions.filter((r) => r.language !== language);
    setChosen({ audience, phase, version: rest[0] ? versionOf(rest[0]) : 'any' });
    editor.focusSoon(rest.length ? 'language' : 'add-any');
  };
  const reset = () => {
    if (!fallback) return;
    setRow({ subject: fallback.subject, body: fallback.body });
    editor.focusSoon(bodyKey);
  };
  // Save focuses the first field in error: show its template first.
  const beforeSubmit = () => {
    const errors = validateTemplates(rows, settings.templates, settings.audiences).errors;
    const first = errors && Object.keys(errors)[0];
    const inError = first ? rowOf(first, rows) : undefined;
    if (inError) setChosen({ audience: inError.audience, phase: inError.phase, version: versionOf(inError) });
  };

  const subjectId = editor.id(subjectKey);
  const bodyId = editor.id(bodyKey);
  const subjectError = editor.error(subjectKey);
  const bodyError = editor.error(bodyKey);
  const nextVersion = row && saved && (saved.subject !== row.subject.trim() || saved.body !== row.body) ? saved.version + 1 : null;
  const languageHintId = editor.id('language-hint');

  const addButtons = (
    <div className="settings-list-footer settings-template-add">
      {missingVersions.map((v) => (
        <button key={v} id={editor.id(`add-${v}`)} type="button" className="button" onClick={() => add(v)} disabled={!audience}>
          {v === 'any' && versions.length === 0 ? t('settings.templates.create') : t(`settings.templates.addVersion.${v}`)}
        </button>
      ))}
    </div>
  );

  return (
    <CommsSection
      editor={editor}
      heads={organisation.heads.templates}
      heading={section}
      inSentence={t('settings.templates.inSentence')}
      intro={t('settings.templates.intro')}
      editLabel={t('settings.templates.edit')}
      saveLabel={t('settings.templates.save')}
      firstField="audience"
      conflicts={organisation.conflicts.templates}
      describe={(value) => <TemplatesSummary value={value} audiences={settings.audiences} />}
      view={<TemplatesSummary value={settings.templates} audiences={settings.audiences} />}
      beforeSubmit={beforeSubmit}
    >
      <div className="settings-template-pick">
        <div className="field">
          <label htmlFor={editor.id('audience')}>{t('settings.templates.audienceLabel')}</label>
          <select id={editor.id('audience')} value={audience} onChange={(e) => setChosen({ audience: e.target.value, phase, version: versionOf(row ?? {}) })}>
            {audienceIds.map((id) => (
              <option key={id} value={id}>
                {flagged(audienceLabel(id, settings.audiences), hasError(id))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={editor.id('phase')}>{t('settings.templates.phaseLabel')}</label>
          <select id={editor.id('phase')} value={phase} onChange={(e) => setChosen({ audience, phase: e.target.value as Phase, version: versionOf(row ?? {}) })}>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {flagged(t(`settings.templates.phase.${p}`), hasError(audience, p))}
              </option>
            ))}
          </select>
        </div>
        {row && (
          <div className="field">
            <label htmlFor={editor.id('language')}>{t('settings.templates.languageLabel')}</label>
            <select
              id={editor.id('language')}
              value={versionOf(row)}
              onChange={(e) => setChosen({ audience, phase, version: e.target.value as Version })}
              aria-describedby={languageHintId}
            >
              {versions.map((r) => (
                <option key={versionOf(r)} value={versionOf(r)}>
                  {flagged(versionLabel(versionOf(r)), hasError(audience, phase, versionOf(r)))}
                </option>
              ))}
            </select>
            <p id={languageHintId} className="settings-dim">
              {t(`settings.templates.languageHint.${versionOf(row)}`)}
            </p>
          </div>
        )}
      </div>

      {!row ? (
        <div className="settings-empty settings-template-missing">
          <p>{t('settings.templates.missing', { audience: audienceLabel(audience, settings.audiences), phase: t(`settings.templates.phase.${phase}`) })}</p>
          {addButtons}
        </div>
      ) : (
        <div className="settings-template">
          {missingVersions.length > 0 && addButtons}
          <p className="settings-dim" role="note">
            {nextVersion
              ? t('settings.templates.nextVersion', { version: saved!.version, next: nextVersion })
              : t('settings.templates.version', { version: saved?.version ?? 1 })}
          </p>
          <div className="field">
            <label htmlFor={subjectId}>{t('settings.templates.subjectLabel')}</label>
            <input
              id={subjectId}
              lang={language}
              value={row.subject}
              autoComplete="off"
              spellCheck
              onChange={(e) => setRow({ subject: e.target.value })}
              {...errorProps(subjectId, subjectError)}
            />
            <FieldError id={subjectId} error={subjectError} />
          </div>
          <div className="field">
            <label htmlFor={bodyId}>{t('settings.templates.bodyLabel')}</label>
            <textarea id={bodyId} lang={language} rows={10} value={row.body} spellCheck onChange={(e) => setRow({ body: e.target.value })} {...errorProps(bodyId, bodyError)} />
            <FieldError id={bodyId} error={bodyError} />
          </div>
          <div className="settings-list-footer">
            {fallback ? (
              <button
                type="button"
                className="button"
                onClick={reset}
                disabled={fallback.subject === row.subject && fallback.body === row.body}
              >
                {t('settings.templates.reset')}
              </button>
            ) : (
              <span className="settings-dim">{t('settings.templates.noDefault')}</span>
            )}
            {language && (
              <button type="button" className="button" onClick={remove}>
                {t(`settings.templates.removeVersion.${language}`)}
              </button>
            )}
          </div>
        </div>
      )}

      <details className="settings-placeholders" open>
        <summary>{t('settings.templates.placeholdersHeading')}</summary>
        <p className="settings-dim">{t('settings.templates.placeholdersIntro')}</p>
        <dl className="settings-summary-pairs">
          {PLACEHOLDERS.map((p) => (
            <div key={p}>
              <dt>
                <code>{`{{${p}}}`}</code>
              </dt>
              <dd>{t(`settings.templates.placeholder.${p}`)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </CommsSection>
  );
}
