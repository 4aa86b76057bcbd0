import { useId, useState, type ChangeEvent, type FormEvent } from 'react';

import { SCENARIO_LIMITS, scenarioProblems, type Scenario } from '@shared/domain/drills';
import type { OrganisationView } from '@shared/domain/organisation';
import { fileSlug } from '@shared/platform/fileNames';
import { MAX_SCENARIO_BYTES } from '@shared/platform/ipcSchemas';

import { useDatabase } from '../../app/DatabaseContext';
import { changeSetting } from '../../db/organisation';
import { t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { useSubmit } from '../../ui/useSubmit';
import { kib, readScenario, scenarioJson } from '../drills/scenarioFile';
import { scenarioLength, scenarioProblemsText } from '../drills/scenarioWords';
import { notify } from '../notices/noticeStore';
import { SettingConflict } from './SettingConflict';

type Props = { organisation: OrganisationView; actor: string | undefined };

/** The drill scenarios: imported and exported as JSON, removed here; each says what it names that the settings lack. */
export function ScenariosSection({ organisation, actor }: Props) {
  const db = useDatabase();
  const platform = usePlatform();
  const { scenarios } = organisation.settings;
  const heads = organisation.heads.scenarios;
  const [importing, setImporting] = useState(false);
  const headingId = 'settings-scenarios-heading';
  const write = (value: Scenario[]) => changeSetting(db, 'scenarios', value, actor ?? '', Date.now, heads);
  const keeping = useSubmit((value: Scenario[]) => write(value), () => undefined);
  const removing = useSubmit((id: string) => write(scenarios.filter((s) => s.id !== id)), () => undefined);

  const exportScenario = async (scenario: Scenario) => {
    const failed = (reason: string) => void notify(platform, { tone: 'error', title: t('settings.scenarios.exportFailed', { reason }) });
    try {
      const saved = await platform.saveScenario({ suggestedName: `${fileSlug(scenario.id, 60)}.json`, contents: scenarioJson(scenario) });
      if (saved.status === 'failed') failed(saved.detail);
      else if (saved.status === 'saved') void notify(platform, { tone: 'success', title: t('settings.scenarios.exported') });
    } catch (error) {
      failed(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section className="settings-section" id="settings-scenarios" aria-labelledby={headingId}>
      <header className="settings-section-header">
        <h2 id={headingId} tabIndex={-1}>
          {t('settings.scenarios.heading')}
        </h2>
        <p className="settings-intro">{t('settings.scenarios.intro')}</p>
      </header>
      {organisation.conflicts.scenarios && (
        <SettingConflict
          section={t('settings.scenarios.inSentence')}
          versions={organisation.conflicts.scenarios}
          describe={(value) => <p>{value.map((s) => s.title).join(', ') || t('settings.scenarios.empty')}</p>}
          busy={keeping.busy || !actor}
          onKeep={(value) => void keeping.submit(value)}
        />
      )}
      {(keeping.failure || removing.failure) && (
        <p className="field-error" role="alert">
          {t('settings.scenarios.error.failed', { reason: keeping.failure ?? removing.failure ?? '' })}
        </p>
      )}
      {scenarios.length === 0 ? (
        <p className="settings-empty">{t('settings.scenarios.empty')}</p>
      ) : (
        <ul className="settings-scenarios">
          {scenarios.map((scenario) => {
            const problems = scenarioProblems(scenario, organisation.settings);
            return (
              <li key={scenario.id} className="settings-scenario">
                <div>
                  <strong>{scenario.title}</strong>
                  <span className="settings-dim"> · {t('settings.scenarios.summary', { length: scenarioLength(scenario), version: scenario.version })}</span>
                  {problems.length > 0 && (
                    <p className="settings-warnings">
                      <span aria-hidden="true">⚠ </span>
                      {t('drills.cannotStart', { problems: scenarioProblemsText(problems) })}
                    </p>
                  )}
                </div>
                <span className="settings-scenario-actions">
                  <button type="button" className="button small" aria-label={t('settings.scenarios.exportLabel', { title: scenario.title })} onClick={() => void exportScenario(scenario)}>
                    {t('settings.scenarios.export')}
                  </button>
                  <button
                    type="button"
                    className="button small"
                    aria-label={t('settings.scenarios.removeLabel', { title: scenario.title })}
                    disabled={!actor || removing.busy}
                    onClick={() => void removing.submit(scenario.id)}
                  >
                    {t('settings.scenarios.remove')}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <div className="settings-actions">
        <button type="button" id="settings-scenarios-import" className="button" disabled={!actor} onClick={() => setImporting(true)}>
          {t('settings.scenarios.import')}
        </button>
      </div>
      {importing && actor && (
        <ImportScenarioDialog
          organisation={organisation}
          onImport={async (scenario) => {
            const rest = scenarios.filter((s) => s.id !== scenario.id);
            await write([...rest, scenario]);
            void notify(platform, { tone: 'success', title: t('settings.scenarios.imported', { title: scenario.title }) });
          }}
          onClose={() => setImporting(false)}
        />
      )}
    </section>
  );
}

type ImportProps = { organisation: OrganisationView; onImport: (scenario: Scenario) => Promise<void>; onClose: () => void };

/** A scenario from a file, or pasted: read whole and checked before anything is written. */
function ImportScenarioDialog({ organisation, onImport, onClose }: ImportProps) {
  const fileId = useId();
  const pasteId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const importing = useSubmit(onImport, onClose);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    // Measured before it is read: a huge file is refused, never loaded into the page.
    if (file.size > MAX_SCENARIO_BYTES) return setError(t('settings.scenarios.error.tooBig', { max: kib(MAX_SCENARIO_BYTES), size: kib(file.size) }));
    setError(null);
    setText(await file.text());
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { scenarios } = organisation.settings;
    const read = readScenario(text, organisation.settings);
    if (!read.ok) return setError(read.error);
    if (!scenarios.some((s) => s.id === read.scenario.id) && scenarios.length >= SCENARIO_LIMITS.scenarios) {
      return setError(t('settings.scenarios.error.full', { max: SCENARIO_LIMITS.scenarios }));
    }
    const all = [...scenarios.filter((s) => s.id !== read.scenario.id), read.scenario];
    if (JSON.stringify(all).length > SCENARIO_LIMITS.totalChars) return setError(t('settings.scenarios.error.totalTooBig'));
    setError(null);
    void importing.submit(read.scenario);
  };

  return (
    <Dialog title={t('settings.scenarios.importTitle')} description={t('settings.scenarios.importHint')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={fileId}>{t('settings.scenarios.file')}</label>
          <input id={fileId} type="file" accept=".json,application/json" onChange={(e) => void pick(e)} data-autofocus />
        </div>
        <div className="field">
          <label htmlFor={pasteId}>{t('settings.scenarios.paste')}</label>
          <textarea
            id={pasteId}
            rows={10}
            value={text}
            spellCheck={false}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${pasteId}-error` : undefined}
          />
          {(error || importing.failure) && (
            <p id={`${pasteId}-error`} className="field-error" role="alert">
              {error ?? t('settings.scenarios.error.failed', { reason: importing.failure ?? '' })}
            </p>
          )}
        </div>
        <DialogActions cancelLabel={t('settings.scenarios.cancel')} onCancel={onClose} submitLabel={t('settings.scenarios.importSubmit')} busy={importing.busy} />
      </form>
    </Dialog>
  );
}
