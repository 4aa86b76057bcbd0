/**
 * The communications pad's drafts, per incident and audience, for this window.
 * A draft follows the template and the incident until someone edits it; from
 * then on it keeps their words.
 */
import { create } from 'zustand';

import type { Phase, TemplateLanguage } from '@shared/domain/comms';

export type CommsDraft = {
  /** Chosen by hand; absent: the phase the pad suggests. */
  phase?: Phase;
  /** The message's language, chosen by hand; absent: the screen's where a template is written in it. */
  language?: TemplateLanguage;
  /** Present once edited by hand. */
  edited?: { subject: string; text: string };
  /** The channel picked last ('clipboard', 'email', 'statusPage' or 'webhook:<id>'). */
  channel?: string;
};

type CommsDraftState = {
  drafts: Record<string, CommsDraft>;
  /** The audience shown per incident. */
  selected: Record<string, string>;
};

export const useCommsDrafts = create<CommsDraftState>()(() => ({ drafts: {}, selected: {} }));

export function draftKey(incidentId: string, audienceId: string): string {
  return `${incidentId}|${audienceId}`;
}

export function updateDraft(key: string, change: Partial<CommsDraft>): void {
  useCommsDrafts.setState((s) => ({ drafts: { ...s.drafts, [key]: { ...s.drafts[key], ...change } } }));
}

/** After sending: the text goes, the channel choice stays. */
export function clearDraft(key: string): void {
  useCommsDrafts.setState((s) => {
    const channel = s.drafts[key]?.channel;
    return { drafts: { ...s.drafts, [key]: channel ? { channel } : {} } };
  });
}

export function selectAudience(incidentId: string, audienceId: string): void {
  useCommsDrafts.setState((s) => ({ selected: { ...s.selected, [incidentId]: audienceId } }));
}
