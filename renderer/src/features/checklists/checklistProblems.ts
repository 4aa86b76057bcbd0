import { stepAbout, type ChecklistStepView, type ChecklistView } from '@shared/domain/checklists';

import { RefusedError } from '../../db/commands';
import type { ChecklistProblem } from '../../db/checklistCommands';
import { t } from '../../i18n/i18n';

/** Why a checklist write was refused or failed, in the reader's words. */
export function checklistProblemText(error: unknown, checklist?: ChecklistView, step?: ChecklistStepView): string {
  if (error instanceof RefusedError) {
    const problem = error.problem as ChecklistProblem;
    if (problem === 'waiting') {
      const waits = (step?.waitingFor ?? []).map((id) => checklist?.steps.find((s) => s.id === id)).filter((s) => s !== undefined);
      return t('checklists.refused.waiting', { steps: waits.map(stepAbout).join('; ') });
    }
    return t(`checklists.refused.${problem}`);
  }
  return t('checklists.failed', { reason: error instanceof Error ? error.message : String(error) });
}
