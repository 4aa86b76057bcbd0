import { useState } from 'react';

import { PHASES, PLACEHOLDERS, type Phase } from '@shared/domain/comms';
import type { OrganisationView } from '@shared/domain/organisation';

import { t } from '../../i18n/i18n';
import { errorProps } from '../../ui/Field';
import { CommsSection } from './CommsSection';
import { defaultTemplate, findTemplate, newTemplateRow, templateKey, templatesToForm, validateTemplates, type TemplateRow } from './commsForms';
import { TemplatesSummary, audienceLabel } from './settingSummaries';
import { useSettingEditor } from './useSettingEditor';

type Props = { organisation: OrganisationView; actor: string | undefined };
type Pair = { audience: string; phase: Phase };

/** The key of a template field's error, back to the template it belongs to. */
function pairOf(key: string, rows: readonly TemplateRow[]): Pair | undefined {
  return rows.find((r) => key === templateKey(r.audience, r.phase, 'subject') || key === templateKey(r.audience, r.phase, 'body'));
}

/** One template per audience and phase: choose the pair, edit subject and message, or start one where there is none. */
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
    validate: (rows: TemplateRow[]) => validateTemplates(rows, settings.templates),
  });
  const rows = editor.form;
  // Audiences first, in their order; then any a template still names after its audience was removed.
  const audienceIds = [...new Set([...settings.audiences.map((a) => a.id), ...rows.map((r) => r.audience)])];
  const [chosen, setChosen] = useState<Pair | null>(null);
  const audience = chosen && audienceIds.includes(chosen.audience) ? chosen.audience : (audienceIds[0] ?? '');
  const phase = chosen?.phase ?? PHASES[0];
  const row = findTemplate(rows, audience, phase);
  const saved = findTemplate(settings.templates, audience, phase);
  const fallback = defaultTemplate(audience, phase);
  const subjectKey = templateKey(audience, phase, 'subject');
  const bodyKey = templateKey(audience, phase, 'body');

  const hasError = (a: string, p?: Phase) =>
    (p ? [p] : PHASES).some((x) => editor.error(templateKey(a, x, 'subject')) || editor.error(templateKey(a, x, 'body')));
  const flagged = (label: string, error: boolean) => (error ? t('settings.templates.needsAttention', { label }) : label);

  const setRow = (change: Partial<TemplateRow>) =>
    editor.update((form) => form.map((r) => (r.audience === audience && r.phase === phase ? { ...r, ...change } : r)));
  const create = () => {
    editor.update((form) => [...form, newTemplateRow(audience, phase)]);
    editor.focusSoon(subjectKey);
  };
  const reset = () => {
    if (!fallback) return;
    setRow({ subject: fallback.subject, body: fallback.body });
    editor.focusSoon(bodyKey);
  };
  // Save focuses the first field in error: show its template first.
  const beforeSubmit = () => {
    const errors = validateTemplates(rows, settings.templates).errors;
    const first = errors && Object.keys(errors)[0];
    const pair = first ? pairOf(first, rows) : undefined;
    if (pair) setChosen({ audience: pair.audience, phase: pair.phase });
  };

  const subjectId = editor.id(subjectKey);
  const bodyId = editor.id(bodyKey);
  const subjectError = editor.error(subjectKey);
  const bodyError = editor.error(bodyKey);
  const nextVersion = row && saved && (saved.subject !== row.subject.trim() || saved.body !== row.body) ? saved.version + 1 : null;

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
          <select id={editor.id('audience')} value={audience} onChange={(e) => setChosen({ audience: e.target.value, phase })}>
            {audienceIds.map((id) => (
              <option key={id} value={id}>
                {flagged(audienceLabel(id, settings.audiences), hasError(id))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={editor.id('phase')}>{t('settings.templates.phaseLabel')}</label>
          <select id={editor.id('phase')} value={phase} onChange={(e) => setChosen({ audience, phase: e.target.value as Phase })}>
            {PHASES.map((p) => (
              <option key={p} value={p}>
                {flagged(t(`settings.templates.phase.${p}`), hasError(audience, p))}
              </option>
            ))}
          </select>
        </div>
      </div>

      {!row ? (
        <div className="settings-empty settings-template-missing">
          <p>{t('settings.templates.missing', { audience: audienceLabel(audience, settings.audiences), phase: t(`settings.templates.phase.${phase}`) })}</p>
          <button type="button" className="button" onClick={create} disabled={!audience}>
            {t('settings.templates.create')}
          </button>
        </div>
      ) : (
        <div className="settings-template">
          <p className="settings-dim" role="note">
            {nextVersion
              ? t('settings.templates.nextVersion', { version: saved!.version, next: nextVersion })
              : t('settings.templates.version', { version: saved?.version ?? 1 })}
          </p>
          <div className="field">
            <label htmlFor={subjectId}>{t('settings.templates.subjectLabel')}</label>
            <input
              id={subjectId}
              value={row.subject}
              autoComplete="off"
              spellCheck
              onChange={(e) => setRow({ subject: e.target.value })}
              {...errorProps(subjectId, subjectError)}
            />
            {subjectError && (
              <p id={`${subjectId}-error`} className="field-error">
                {subjectError}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={bodyId}>{t('settings.templates.bodyLabel')}</label>
            <textarea id={bodyId} rows={10} value={row.body} spellCheck onChange={(e) => setRow({ body: e.target.value })} {...errorProps(bodyId, bodyError)} />
            {bodyError && (
              <p id={`${bodyId}-error`} className="field-error">
                {bodyError}
              </p>
            )}
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
