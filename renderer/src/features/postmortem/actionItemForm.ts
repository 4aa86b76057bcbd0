/** The action item form's rules, apart from the screen: what a person typed, cleaned and checked. */
import { isDay } from '@shared/domain/events';
import { LIMITS, cleanLine } from '@shared/domain/text';

export type ActionItemDraft = { title: string; owner: string; due: string };
export type ActionItemErrors = Partial<Record<keyof ActionItemDraft, 'required' | 'tooLong' | 'invalidDay'>>;

export function checkActionItem(draft: ActionItemDraft): { value: ActionItemDraft; errors: ActionItemErrors } {
  const value = { title: cleanLine(draft.title), owner: cleanLine(draft.owner), due: draft.due.trim() };
  const errors: ActionItemErrors = {};
  if (value.title === '') errors.title = 'required';
  else if (value.title.length > LIMITS.actionTitle) errors.title = 'tooLong';
  if (value.owner.length > LIMITS.personName) errors.owner = 'tooLong';
  if (value.due !== '' && !isDay(value.due)) errors.due = 'invalidDay';
  return { value, errors };
}
