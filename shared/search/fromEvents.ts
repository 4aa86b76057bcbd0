/** What search knows of an incident, folded straight from its events (the console reads its projections instead). */
import { applyActionItemEvent, actionItemIdOf, emptyActionItem, summarizeActionItem, type ActionItemState } from '../domain/actionItems';
import type { DomainEvent } from '../domain/events';
import { foldHypotheses, summarizeHypothesis } from '../domain/hypothesis';
import { foldIncident, summarizeIncident } from '../domain/incident';
import { applyPostmortemEvent, emptyPostmortem } from '../domain/postmortem';
import { buildTimeline } from '../domain/timeline';
import { actionItemText, entryText, hypothesisText, incidentFacts, postmortemTexts, type SearchableIncident } from './document';

export function searchableFromEvents(incidentId: string, events: readonly DomainEvent[]): SearchableIncident | null {
  const own = events.filter((event) => event.incidentId === incidentId);
  const state = foldIncident(incidentId, own);
  const summary = summarizeIncident(state);
  if (!summary) return null;
  const entries = buildTimeline(incidentId, own).flatMap(({ event, entry }) =>
    entry && event.type === 'timeline.entryLogged' ? [{ ...entryText(event, undefined), text: entry.text, struck: entry.struck !== null }] : [],
  );
  const hypotheses = [...foldHypotheses(incidentId, own).values()].flatMap((h) => {
    const summarized = summarizeHypothesis(h);
    return summarized ? [hypothesisText(summarized)] : [];
  });
  const postmortem = own.reduce(applyPostmortemEvent, emptyPostmortem(incidentId));
  const items = new Map<string, ActionItemState>();
  for (const event of own) {
    const id = actionItemIdOf(event);
    if (id) items.set(id, applyActionItemEvent(items.get(id) ?? emptyActionItem(id, incidentId), event));
  }
  return {
    ...incidentFacts(state, summary),
    entries,
    hypotheses,
    postmortem: postmortemTexts(postmortem),
    actionItems: [...items.values()].flatMap((item) => {
      const summarized = summarizeActionItem(item);
      return summarized ? [actionItemText(summarized)] : [];
    }),
  };
}
