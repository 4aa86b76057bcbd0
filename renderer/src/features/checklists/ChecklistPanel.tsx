import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState, type KeyboardEvent } from 'react';

import { checklistProgress, stepAbout, type ChecklistStepView, type ChecklistView } from '@shared/domain/checklists';
import type { IncidentSummary } from '@shared/domain/incident';
import { allHolders, rolesOf, type RoleView } from '@shared/domain/roster';

import { useDatabase } from '../../app/DatabaseContext';
import { markStep } from '../../db/checklistCommands';
import { checklistsOf } from '../../db/checklistQueries';
import { getRosterState } from '../../db/rosterQueries';
import { roleName } from '../../i18n/defaultNames';
import { formatDuration, formatTime, t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { openIncidentDialog } from '../../state/uiStore';
import { Markdown } from '../../ui/Markdown';
import { useOrganisation } from '../../ui/useOrganisation';
import { ContinuityPlans } from '../continuity/ContinuityPlans';
import { checklistProblemText } from './checklistProblems';
import { SkipStepDialog } from './SkipStepDialog';

type Props = { incident: IncidentSummary; actor: string; readOnly?: boolean };
type Focus = { runbook: string; step: string };

/**
 * The incident's checklists, worked by keyboard: ↑ and ↓ move between steps
 * (across checklists), Space marks the step done or open again, S skips it
 * with a reason. Every mark is an event on the timeline with who and when.
 */
export function ChecklistPanel({ incident, actor, readOnly = false }: Props) {
  const incidentId = incident.id;
  const db = useDatabase();
  const organisation = useOrganisation();
  const checklists = useLiveQuery(() => checklistsOf(db, incidentId), [db, incidentId]);
  const roster = useLiveQuery(() => getRosterState(db, incidentId), [db, incidentId]);
  const [focus, setFocus] = useState<Focus | null>(null);
  const [skipping, setSkipping] = useState<{ checklist: ChecklistView; step: ChecklistStepView } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const rows = useRef(new Map<string, HTMLLIElement>());

  if (!checklists) return <p className="page-status">{t('timeline.loading')}</p>;
  const roles = roster && organisation ? rolesOf(roster, organisation.settings.roles) : [];
  const order = checklists.flatMap((c) => c.steps.map((s) => ({ checklist: c, step: s })));
  const current = order.find((o) => o.checklist.runbook === focus?.runbook && o.step.id === focus.step) ?? order[0];
  const keyOf = (runbook: string, step: string) => `${runbook}/${step}`;

  const mark = async (checklist: ChecklistView, step: ChecklistStepView, state: 'done' | 'open') => {
    setFailure(null);
    try {
      await markStep(db, { incidentId, runbook: checklist.runbook, step: step.id, state, actor });
    } catch (error) {
      setFailure(checklistProblemText(error, checklist, step));
    }
  };
  const moveTo = (index: number) => {
    const target = order[Math.max(0, Math.min(order.length - 1, index))];
    if (!target) return;
    setFocus({ runbook: target.checklist.runbook, step: target.step.id });
    rows.current.get(keyOf(target.checklist.runbook, target.step.id))?.focus();
  };
  const onKey = (event: KeyboardEvent<HTMLLIElement>, checklist: ChecklistView, step: ChecklistStepView) => {
    if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
    const index = order.findIndex((o) => o.checklist.runbook === checklist.runbook && o.step.id === step.id);
    const action = keyAction(event.key, step, readOnly);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    if (action === 'next') moveTo(index + 1);
    else if (action === 'previous') moveTo(index - 1);
    else if (action === 'first') moveTo(0);
    else if (action === 'last') moveTo(order.length - 1);
    else if (action === 'toggle') void mark(checklist, step, step.state === 'open' ? 'done' : 'open');
    else setSkipping({ checklist, step });
  };

  const total = checklistProgress(checklists);
  return (
    <section className="checklist-panel workspace-view" aria-labelledby="checklists-heading">
      <div className="checklist-bar">
        <h2 id="checklists-heading">{t('checklists.heading')}</h2>
        {checklists.length > 0 && <span className="checklist-total">{t('checklists.progress', total)}</span>}
        <span className="checklist-keys">{t('checklists.keysHint')}</span>
        {!readOnly && (
          <button type="button" className="button small" id="attach-runbook" onClick={() => openIncidentDialog({ kind: 'attachRunbook', returnFocus: 'attach-runbook' })} aria-keyshortcuts="A">
            {t('checklists.attach')}
          </button>
        )}
      </div>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <ContinuityPlans incident={incident} />
      {checklists.length === 0 && <p className="empty-state">{t('checklists.none')}</p>}
      <div className="checklists">
        {checklists.map((checklist) => (
          <section key={checklist.runbook} className="checklist" aria-labelledby={`checklist-${checklist.runbook}`}>
            <header className="checklist-head">
              <h3 id={`checklist-${checklist.runbook}`}>{checklist.title}</h3>
              <progress max={checklist.total} value={checklist.done + checklist.skipped} aria-hidden="true" />
              <span>{t('checklists.progress', { finished: checklist.done + checklist.skipped, total: checklist.total })}</span>
              <span className="checklist-origin">
                {checklist.trigger === 'hand'
                  ? t('checklists.attachedBy.hand', { time: formatTime(new Date(checklist.at)), name: checklist.by })
                  : t('checklists.attachedBy.conditions', { time: formatTime(new Date(checklist.at)) })}
                {' · '}
                {t('checklists.version', { version: checklist.version })}
              </span>
            </header>
            <ol className="checklist-steps" aria-label={t('checklists.stepsLabel', { title: checklist.title })}>
              {checklist.steps.map((step, i) => {
                const isCurrent = current?.checklist.runbook === checklist.runbook && current.step.id === step.id;
                // The current step's own controls are reached with Tab from it; the other steps' wait their turn.
                const inner = isCurrent ? 0 : -1;
                const factsId = `step-facts-${checklist.runbook}-${step.id}`;
                return (
                <li
                  key={step.id}
                  ref={(el) => {
                    if (el) rows.current.set(keyOf(checklist.runbook, step.id), el);
                    else rows.current.delete(keyOf(checklist.runbook, step.id));
                  }}
                  className={`checklist-step ${step.state}`}
                  tabIndex={inner}
                  onFocus={(e) => e.target === e.currentTarget && setFocus({ runbook: checklist.runbook, step: step.id })}
                  onKeyDown={(e) => onKey(e, checklist, step)}
                  aria-label={t('checklists.stepLabel', { n: i + 1, total: checklist.total, state: t(`checklists.state.${step.state}`), text: stepAbout(step) })}
                  aria-describedby={factsId}
                  data-step={step.id}
                >
                  <span className={`step-state ${step.state}`}>
                    <span aria-hidden="true">{step.state === 'done' ? '✓' : step.state === 'skipped' ? '↷' : '○'}</span> {t(`checklists.state.${step.state}`)}
                  </span>
                  <div className="step-body">
                    <Markdown text={step.text} />
                    <StepFacts id={factsId} checklist={checklist} step={step} roles={roles} tabIndex={inner} />
                  </div>
                  {!readOnly && (
                    <span className="step-actions">
                      <button type="button" className="button small" tabIndex={inner} onClick={() => void mark(checklist, step, step.state === 'open' ? 'done' : 'open')}>
                        {step.state === 'open' ? t('checklists.done') : t('checklists.reopen')}
                      </button>
                      {step.state !== 'skipped' && (
                        <button type="button" className="button small ghost" tabIndex={inner} onClick={() => setSkipping({ checklist, step })}>
                          {t('checklists.skip')}
                        </button>
                      )}
                    </span>
                  )}
                </li>
                );
              })}
            </ol>
          </section>
        ))}
      </div>
      {skipping && (
        <SkipStepDialog
          incidentId={incidentId}
          actor={actor}
          checklist={skipping.checklist}
          step={skipping.step}
          onClose={() => {
            const { checklist, step } = skipping;
            setSkipping(null);
            // After the dialog has gone (it gives focus back to what opened it, which a skip may have removed): to the step.
            setTimeout(() => rows.current.get(keyOf(checklist.runbook, step.id))?.focus(), 0);
          }}
        />
      )}
    </section>
  );
}

/** What a key does on a focused step; null: not the checklist's key. */
function keyAction(key: string, step: ChecklistStepView, readOnly: boolean) {
  if (key === 'ArrowDown') return 'next';
  if (key === 'ArrowUp') return 'previous';
  if (key === 'Home') return 'first';
  if (key === 'End') return 'last';
  if (readOnly) return null;
  if (key === ' ') return 'toggle';
  if (key.toLowerCase() === 's' && step.state !== 'skipped') return 'skip';
  return null;
}

function StepFacts({ id, checklist, step, roles, tabIndex }: { id: string; checklist: ChecklistView; step: ChecklistStepView; roles: RoleView[]; tabIndex: number }) {
  const platform = usePlatform();
  const role = step.role ? roles.find((r) => r.id === step.role) : undefined;
  const holders = role ? allHolders(role) : [];
  const waits = step.waitingFor.map((id) => checklist.steps.find((s) => s.id === id)).filter((s) => s !== undefined);
  const mark = step.mark;
  return (
    <p className="step-facts" id={id}>
      {role &&
        (holders.length
          ? t('checklists.ownerHeld', { role: roleName(role), names: holders.join(', ') })
          : t('checklists.owner', { role: roleName(role) }))}
      {step.role && !role && t('checklists.owner', { role: step.role })}
      {step.link && (
        <a
          href={step.link}
          className="step-link"
          tabIndex={tabIndex}
          onClick={(e) => {
            e.preventDefault();
            void platform.openExternal(step.link!);
          }}
        >
          {t('checklists.link')}
        </a>
      )}
      {step.state === 'open' && waits.length > 0 && (
        <span className="step-waits">{t('checklists.waitsFor', { steps: waits.map(stepAbout).join('; ') })}</span>
      )}
      {mark && step.state === 'done' && (
        <span>{t('checklists.markedDone', { name: mark.by, time: formatTime(new Date(mark.at)), after: formatDuration(new Date(checklist.at), new Date(mark.at)) })}</span>
      )}
      {mark && step.state === 'skipped' && <span>{t('checklists.markedSkipped', { name: mark.by, time: formatTime(new Date(mark.at)), reason: mark.reason })}</span>}
      {mark && step.state === 'open' && <span>{t('checklists.markedOpen', { name: mark.by, time: formatTime(new Date(mark.at)) })}</span>}
    </p>
  );
}
