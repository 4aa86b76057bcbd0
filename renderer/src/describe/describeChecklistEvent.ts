/** How checklists read on the timeline: each attachment, and each step done, skipped or opened again. */
import type { EventOf } from '@shared/domain/events';

import { t } from '../i18n/i18n';

export type ChecklistEvent = EventOf<'checklist.attached' | 'checklist.stepMarked'>;

export function describeChecklistEvent(event: ChecklistEvent): string {
  if (event.type === 'checklist.attached') {
    const { title, trigger } = event.payload;
    return t(trigger === 'hand' ? 'timeline.checklist.attachedByHand' : 'timeline.checklist.attached', { title });
  }
  const { title, about, state, reason } = event.payload;
  return t(`timeline.checklist.${state}`, { title, step: about, reason });
}
