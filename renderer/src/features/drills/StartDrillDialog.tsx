import { useId, useState, type FormEvent } from 'react';

import { scenarioProblems } from '@shared/domain/drills';
import { incidentRoute } from '@shared/platform/routes';

import { useDatabase } from '../../app/DatabaseContext';
import { navigate } from '../../app/router';
import { ScenarioRefusedError, startDrill } from '../../db/drillCommands';
import { t } from '../../i18n/i18n';
import { closeDrill, openProfile } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { Field } from '../../ui/Field';
import { useOrganisation } from '../../ui/useOrganisation';
import { useProfileName } from '../profile/useProfile';
import { scenarioLength, scenarioProblemsText } from './scenarioWords';

/** Starts a drill from a scenario: its briefing and length shown first, and a scenario that names what the settings lack refused with the reason. */
export function StartDrillDialog() {
  const db = useDatabase();
  const id = useId();
  const organisation = useOrganisation();
  const actor = useProfileName();
  const scenarios = organisation?.settings.scenarios ?? [];
  const [chosen, setChosen] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const scenario = scenarios.find((s) => s.id === chosen) ?? scenarios[0];
  const problems = scenario && organisation ? scenarioProblems(scenario, organisation.settings) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!scenario || problems.length > 0) return;
    if (!actor) return openProfile();
    setBusy(true);
    try {
      const incidentId = await startDrill(db, { scenario: scenario.id, actor });
      closeDrill();
      navigate(incidentRoute(incidentId));
    } catch (error) {
      // The settings changed since the dialog opened: say what the scenario now lacks.
      if (error instanceof ScenarioRefusedError && error.problems.length > 0) setFailure(t('drills.cannotStart', { problems: scenarioProblemsText(error.problems) }));
      else setFailure(t('drills.failed', { reason: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('drills.startTitle')} description={t('drills.startHint')} onClose={closeDrill}>
      <form onSubmit={submit} noValidate>
        {!scenario ? (
          <p>{t('drills.none')}</p>
        ) : (
          <>
            <Field id={id} label={t('drills.scenario')}>
              <select id={id} value={scenario.id} onChange={(e) => setChosen(e.target.value)} data-autofocus>
                {scenarios.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            </Field>
            <p className="drill-length">{scenarioLength(scenario)}</p>
            {scenario.briefing && <p className="drill-briefing">{scenario.briefing}</p>}
            {problems.length > 0 && (
              <p className="field-error" role="alert">
                {t('drills.cannotStart', { problems: scenarioProblemsText(problems) })}
              </p>
            )}
          </>
        )}
        {failure && (
          <p className="field-error" role="alert">
            {failure}
          </p>
        )}
        <DialogActions cancelLabel={t('drills.cancel')} onCancel={closeDrill} submitLabel={t('drills.startSubmit')} busy={busy || !scenario || problems.length > 0} />
      </form>
    </Dialog>
  );
}
