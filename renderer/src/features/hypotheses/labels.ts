/** Words for hypothesis values and problems, from the catalogue. */
import { MAX_TIME_BOX_MINUTES, type HypothesisStatus } from '@shared/domain/events';
import {
  type DraftField,
  type DraftProblem,
  type HypothesisField,
  type HypothesisFields,
  type StatusChangeProblem,
  type TimeBoxState,
} from '@shared/domain/hypothesis';
import { LIMITS } from '@shared/domain/text';

import { HypothesisInputError, HypothesisMoveError, NoSuchHypothesisError } from '../../db/hypothesisCommands';
import { formatNumber, t } from '../../i18n/i18n';

export function statusLabel(status: HypothesisStatus): string {
  return t(`hypotheses.status.${status}`);
}

export function fieldLabel(field: HypothesisField): string {
  return t(`hypotheses.field.${field}`);
}

/** A field's value as one short line, for "Keep …" buttons. */
export function valueLabel<F extends HypothesisField>(field: F, value: HypothesisFields[F]): string {
  if (field === 'status') {
    const decision = value as HypothesisFields['status'];
    return statusLabel(decision.status);
  }
  if (field === 'probe') {
    const probe = value as HypothesisFields['probe'];
    const action = probe.action.replace(/\s+/g, ' ').trim();
    const box = t('hypotheses.card.timeBox', { minutes: probe.timeBoxMinutes });
    return action ? `${action} · ${box}` : box;
  }
  return value as string;
}

/** Whole minutes, never "0 min": the first minute over already counts as over. */
export function timeBoxText(state: TimeBoxState, totalMinutes: number): string | null {
  if (state.kind === 'running') {
    return t('hypotheses.card.timeLeft', { minutes: Math.ceil(state.remainingMs / 60_000), total: totalMinutes });
  }
  if (state.kind === 'over') return t('hypotheses.card.timeBoxOver', { minutes: Math.max(1, Math.floor(state.overMs / 60_000)) });
  return null;
}

export function draftProblemText(field: DraftField, problem: DraftProblem): string {
  if (field === 'timeBox') return t('hypotheses.error.timeBox', { max: formatNumber(MAX_TIME_BOX_MINUTES) });
  if (field === 'statement') {
    return problem === 'required'
      ? t('hypotheses.error.statementRequired')
      : t('hypotheses.error.statementTooLong', { max: formatNumber(LIMITS.hypothesis) });
  }
  if (field === 'owner') {
    return problem === 'required'
      ? t('hypotheses.error.ownerRequired')
      : t('hypotheses.error.ownerTooLong', { max: formatNumber(LIMITS.personName) });
  }
  return t('hypotheses.error.probeTooLong', { max: formatNumber(LIMITS.probeText) });
}

export function moveProblemText(problem: StatusChangeProblem, statement: string, from: HypothesisStatus): string {
  switch (problem) {
    case 'unchanged':
      return t('hypotheses.error.unchanged', { status: statusLabel(from) });
    case 'reasonRequired':
      return t('hypotheses.error.reasonRequired', { statement, status: statusLabel(from).toLowerCase() });
    case 'reasonTooLong':
      return t('hypotheses.error.reasonTooLong', { max: formatNumber(LIMITS.reason) });
  }
}

/** A failure the user can act on, in words; anything unexpected is passed on as it reads. */
export function failureText(failure: unknown): string {
  if (failure instanceof NoSuchHypothesisError) return t('hypotheses.error.gone');
  if (failure instanceof HypothesisInputError && failure.problems.entry === 'notAnEntry') return t('hypotheses.error.notAnEntry');
  if (failure instanceof HypothesisMoveError || failure instanceof HypothesisInputError) {
    return t('hypotheses.error.failed', { reason: failure.message });
  }
  return t('hypotheses.error.failed', { reason: failure instanceof Error ? failure.message : String(failure) });
}
