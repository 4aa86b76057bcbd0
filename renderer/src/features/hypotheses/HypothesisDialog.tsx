import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useRef, useState, type FormEvent } from 'react';

import {
  EVIDENCE_STANCES,
  EXPERIMENT_RESPONSES,
  HYPOTHESIS_STATUSES,
  type EvidenceStance,
  type ExperimentResponse,
  type HypothesisStatus,
} from '@shared/domain/events';
import {
  checkHypothesisDraft,
  moveProblem,
  type DraftField,
  type DraftProblem,
  type HypothesisDraft,
  type HypothesisSummary,
} from '@shared/domain/hypothesis';
import { LIMITS, cleanLine, cleanMultiline } from '@shared/domain/text';

import { useDatabase } from '../../app/DatabaseContext';
import { addEvidence, editHypothesis, recordExperiment } from '../../db/hypothesisCommands';
import { entryChoicesById, getHypothesis, recentEntryChoices, type EntryChoice } from '../../db/hypothesisQueries';
import { formatDateTime, formatNumber, formatTime, t } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { Field, errorProps } from '../../ui/Field';
import { HypothesisFields, focusFirstProblem } from './HypothesisFields';
import { failureText, moveProblemText, statusLabel } from './labels';

/** How many recent entries evidence can be chosen from. */
const ENTRY_CHOICES = 30;
/** Entry texts are long; a choice shows their start. */
const CHOICE_TEXT = 90;

type Props = {
  hypothesisId: string;
  actor: string;
  onClose: () => void;
  /** Moves go through the board, which asks for a reason when one is needed and announces them. */
  onMove: (summary: HypothesisSummary, to: HypothesisStatus, reason: string) => Promise<string | null>;
};

function draftOf(summary: HypothesisSummary): HypothesisDraft {
  return {
    statement: summary.statement,
    owner: summary.owner,
    action: summary.probe.action,
    expectation: summary.probe.expectation,
    timeBox: String(summary.probe.timeBoxMinutes),
  };
}

/** The edit form starts again from the stored values only when those values change, not on new evidence. */
function editKey(summary: HypothesisSummary): string {
  return [summary.heads.statement, summary.heads.owner, summary.heads.probe].map((ids) => ids.join(',')).join('|');
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > CHOICE_TEXT ? `${line.slice(0, CHOICE_TEXT - 1)}…` : line;
}

/** Everything about one hypothesis: edit it, move it, and add evidence and experiments. */
export function HypothesisDialog({ hypothesisId, actor, onClose, onMove }: Props) {
  const db = useDatabase();
  const data = useLiveQuery(async () => {
    const summary = await getHypothesis(db, hypothesisId);
    if (!summary) return null;
    const [linked, recent] = await Promise.all([
      entryChoicesById(db, summary.evidence.flatMap((e) => (e.entry ? [e.entry] : []))),
      recentEntryChoices(db, summary.incidentId, ENTRY_CHOICES),
    ]);
    return { summary, linked, recent };
  }, [db, hypothesisId]);

  if (data === undefined) return null;
  if (data === null) {
    return (
      <Dialog title={t('hypotheses.detail.title')} onClose={onClose}>
        <p role="alert">{t('hypotheses.error.gone')}</p>
      </Dialog>
    );
  }
  const { summary, linked, recent } = data;
  return (
    <Dialog title={summary.statement} description={t('hypotheses.detail.proposedBy', { time: formatDateTime(new Date(summary.proposedAt)), name: summary.proposedBy })} onClose={onClose}>
      <div className="hypothesis-detail">
        <p className="hypothesis-detail-status">
          {t('hypotheses.detail.statusSince', {
            status: statusLabel(summary.status),
            time: formatTime(new Date(summary.statusSince)),
            name: summary.statusBy,
          })}
          {summary.statusReason && ` — ${summary.statusReason}`}
        </p>
        <MoveSection summary={summary} onMove={onMove} />
        <EditSection key={editKey(summary)} summary={summary} actor={actor} />
        <EvidenceSection summary={summary} linked={linked} recent={recent} actor={actor} />
        <ExperimentSection summary={summary} actor={actor} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('hypotheses.detail.close')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function MoveSection({ summary, onMove }: { summary: HypothesisSummary; onMove: Props['onMove'] }) {
  const base = useId();
  const firstOther = HYPOTHESIS_STATUSES.find((s) => s !== summary.status)!;
  const [to, setTo] = useState<HypothesisStatus>(firstOther);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const clean = cleanLine(reason);
    const problem = moveProblem(summary, to, clean);
    if (problem) {
      setError(moveProblemText(problem, summary.statement, summary.status));
      document.getElementById(problem === 'unchanged' ? `${base}-to` : `${base}-reason`)?.focus();
      return;
    }
    const failure = await onMove(summary, to, clean);
    if (failure) setError(failure);
    else {
      setError(undefined);
      setReason('');
    }
  };

  return (
    <form className="hypothesis-section" onSubmit={submit} noValidate aria-labelledby={`${base}-legend`}>
      <h3 id={`${base}-legend`}>{t('hypotheses.detail.moveLegend')}</h3>
      <div className="hypothesis-row">
        <Field id={`${base}-to`} label={t('hypotheses.detail.moveTo')}>
          <select id={`${base}-to`} data-autofocus value={to} onChange={(e) => setTo(e.target.value as HypothesisStatus)}>
            {HYPOTHESIS_STATUSES.map((status) => (
              <option key={status} value={status}>
                {statusLabel(status)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${base}-reason`} label={t('hypotheses.detail.reason')} error={error} className="grow">
          <input
            id={`${base}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoComplete="off"
            placeholder={t('hypotheses.detail.reasonHint')}
            {...errorProps(`${base}-reason`, error)}
          />
        </Field>
        <button type="submit" className="button">
          {t('hypotheses.detail.move')}
        </button>
      </div>
    </form>
  );
}

function EditSection({ summary, actor }: { summary: HypothesisSummary; actor: string }) {
  const db = useDatabase();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<HypothesisDraft>(() => draftOf(summary));
  const [problems, setProblems] = useState<Partial<Record<DraftField, DraftProblem>>>({});
  const [message, setMessage] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkHypothesisDraft(draft);
    if (!checked.ok) {
      setProblems(checked.problems);
      requestAnimationFrame(() => focusFirstProblem(form.current));
      return;
    }
    setProblems({});
    try {
      const written = await editHypothesis(db, { hypothesisId: summary.id, actor, draft });
      // A write re-keys this section (new heads), so only "nothing changed" needs saying here.
      if (written === 0) setMessage(t('hypotheses.form.unchanged'));
    } catch (failure) {
      setMessage(failureText(failure));
    }
  };

  return (
    <form ref={form} className="hypothesis-section" onSubmit={submit} noValidate aria-label={t('hypotheses.detail.editLegend')}>
      <h3>{t('hypotheses.detail.editLegend')}</h3>
      <HypothesisFields draft={draft} problems={problems} onChange={setDraft} autoFocus={false} />
      {message && (
        <p className="form-message" role="status">
          {message}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" className="button">
          {t('hypotheses.form.submitEdit')}
        </button>
      </div>
    </form>
  );
}

function entryText(choice: EntryChoice | undefined): string {
  if (!choice) return t('hypotheses.detail.linkedEntryMissing');
  const values = { time: formatTime(new Date(choice.occurredAt)), text: choice.text };
  return choice.struck ? t('hypotheses.detail.linkedEntryStruck', values) : t('hypotheses.detail.linkedEntry', values);
}

function EvidenceSection({
  summary,
  linked,
  recent,
  actor,
}: {
  summary: HypothesisSummary;
  linked: Map<string, EntryChoice>;
  recent: EntryChoice[];
  actor: string;
}) {
  const db = useDatabase();
  const base = useId();
  const [stance, setStance] = useState<EvidenceStance>('for');
  const [text, setText] = useState('');
  const [entry, setEntry] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const clean = cleanMultiline(text);
    if (!clean && !entry) return fail(t('hypotheses.error.evidenceRequired'));
    if (clean.length > LIMITS.evidenceText) return fail(t('hypotheses.error.evidenceTooLong', { max: formatNumber(LIMITS.evidenceText) }));
    try {
      await addEvidence(db, { hypothesisId: summary.id, stance, text: clean, entry: entry || null, actor });
      setText('');
      setEntry('');
      setError(undefined);
    } catch (failure) {
      fail(failureText(failure));
    }
  };
  const fail = (message: string) => {
    setError(message);
    document.getElementById(`${base}-text`)?.focus();
  };

  return (
    <section className="hypothesis-section" aria-labelledby={`${base}-heading`}>
      <h3 id={`${base}-heading`}>{t('hypotheses.detail.evidenceLegend')}</h3>
      {summary.evidence.length === 0 ? (
        <p className="dim">{t('hypotheses.detail.noEvidence')}</p>
      ) : (
        <ul className="hypothesis-log">
          {summary.evidence.map((item) => (
            <li key={item.id} className={`evidence stance-${item.stance}`}>
              <span className="log-meta">
                {t('hypotheses.detail.evidenceItem', {
                  stance: t(`hypotheses.stance.${item.stance}`),
                  time: formatTime(new Date(item.occurredAt)),
                  name: item.actor,
                })}
              </span>
              {item.text && <span className="log-text">{item.text}</span>}
              {item.entry && <span className="log-entry">{entryText(linked.get(item.entry))}</span>}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <fieldset className="field choice-row">
          <legend>{t('hypotheses.detail.stance')}</legend>
          {EVIDENCE_STANCES.map((value) => (
            <label key={value} className="choice">
              <input type="radio" name={`${base}-stance`} value={value} checked={stance === value} onChange={() => setStance(value)} />
              {t(`hypotheses.stance.${value}`)}
            </label>
          ))}
        </fieldset>
        <Field id={`${base}-text`} label={t('hypotheses.detail.evidenceText')} error={error}>
          <textarea id={`${base}-text`} rows={2} value={text} onChange={(e) => setText(e.target.value)} {...errorProps(`${base}-text`, error)} />
        </Field>
        <Field id={`${base}-entry`} label={t('hypotheses.detail.entry')}>
          <select id={`${base}-entry`} value={entry} onChange={(e) => setEntry(e.target.value)}>
            <option value="">{t('hypotheses.detail.noEntry')}</option>
            {recent.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {t('hypotheses.detail.entryOption', { time: formatTime(new Date(choice.occurredAt)), text: shorten(choice.text) })}
              </option>
            ))}
          </select>
        </Field>
        <div className="dialog-actions">
          <button type="submit" className="button">
            {t('hypotheses.detail.addEvidence')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ExperimentSection({ summary, actor }: { summary: HypothesisSummary; actor: string }) {
  const db = useDatabase();
  const base = useId();
  const [result, setResult] = useState('');
  const [response, setResponse] = useState<ExperimentResponse>('amplified');
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const clean = cleanMultiline(result);
    const problem = !clean
      ? t('hypotheses.error.resultRequired')
      : clean.length > LIMITS.evidenceText
        ? t('hypotheses.error.resultTooLong', { max: formatNumber(LIMITS.evidenceText) })
        : null;
    try {
      if (!problem) {
        await recordExperiment(db, { hypothesisId: summary.id, result: clean, response, actor });
        setResult('');
        setError(undefined);
        return;
      }
      setError(problem);
    } catch (failure) {
      setError(failureText(failure));
    }
    document.getElementById(`${base}-result`)?.focus();
  };

  return (
    <section className="hypothesis-section" aria-labelledby={`${base}-heading`}>
      <h3 id={`${base}-heading`}>{t('hypotheses.detail.experimentsLegend')}</h3>
      {summary.experiments.length === 0 ? (
        <p className="dim">{t('hypotheses.detail.noExperiments')}</p>
      ) : (
        <ul className="hypothesis-log">
          {summary.experiments.map((item) => (
            <li key={item.id} className={`experiment response-${item.response}`}>
              <span className="log-meta">
                {t('hypotheses.detail.experimentItem', {
                  time: formatTime(new Date(item.occurredAt)),
                  name: item.actor,
                  response: t(`hypotheses.response.${item.response}`),
                })}
              </span>
              <span className="log-text">{item.result}</span>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate>
        <Field id={`${base}-result`} label={t('hypotheses.detail.result')} error={error}>
          <textarea id={`${base}-result`} rows={2} value={result} onChange={(e) => setResult(e.target.value)} {...errorProps(`${base}-result`, error)} />
        </Field>
        <fieldset className="field choice-row">
          <legend>{t('hypotheses.detail.response')}</legend>
          {EXPERIMENT_RESPONSES.map((value) => (
            <label key={value} className="choice">
              <input type="radio" name={`${base}-response`} value={value} checked={response === value} onChange={() => setResponse(value)} />
              {t(`hypotheses.responseLabel.${value}`)}
            </label>
          ))}
        </fieldset>
        <div className="dialog-actions">
          <button type="submit" className="button">
            {t('hypotheses.detail.recordExperiment')}
          </button>
        </div>
      </form>
    </section>
  );
}
