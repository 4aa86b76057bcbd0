/**
 * The post-mortem's written sections: one register per section, so two people
 * editing the same section at once keep both versions until one is chosen.
 * The rest of the post-mortem (impact figures, key events, hypotheses, roles,
 * communications) is drawn from the log when it is read, never stored twice.
 */
import type { DomainEvent, PostmortemSection } from './events';
import { emptyRegister, readRegister, writeRegister, type Register } from './register';

export type PostmortemState = {
  incidentId: string;
  sections: Partial<Record<PostmortemSection, Register<string>>>;
  /** Who last wrote, and when: "edited by … at …". */
  lastEdit: Edit | null;
};

type Edit = { actor: string; occurredAt: string; hlc: string; id: string };

function laterEdit(a: Edit, b: Edit): boolean {
  return a.hlc !== b.hlc ? a.hlc > b.hlc : a.id > b.id;
}

export function emptyPostmortem(incidentId: string): PostmortemState {
  return { incidentId, sections: {}, lastEdit: null };
}

export function applyPostmortemEvent(state: PostmortemState, event: DomainEvent): PostmortemState {
  if (event.type !== 'postmortem.sectionEdited' || event.incidentId !== state.incidentId) return state;
  const { section, text, prev } = event.payload;
  const current = state.sections[section] ?? emptyRegister<string>();
  const next = writeRegister(current, { id: event.id, hlc: event.hlc, deviceId: event.deviceId, value: text, prev });
  if (next === current) return state;
  const edit = { actor: event.actor, occurredAt: event.occurredAt, hlc: event.hlc, id: event.id };
  // Clock, then event id: every console settles on the same last edit whatever order edits arrive in.
  const lastEdit = state.lastEdit && laterEdit(state.lastEdit, edit) ? state.lastEdit : edit;
  return { ...state, sections: { ...state.sections, [section]: next }, lastEdit };
}

export type SectionText = {
  /** The text shown: empty when nobody has written the section yet. */
  text: string;
  /** What an edit replaces. */
  heads: string[];
  /** Every live version when two edits were made at once, best first. */
  conflict: { id: string; text: string }[] | null;
};

export function readSection(state: PostmortemState | undefined, section: PostmortemSection): SectionText {
  const register = state?.sections[section];
  const read = register ? readRegister(register) : null;
  if (!read) return { text: '', heads: [], conflict: null };
  return {
    text: read.value,
    heads: read.heads.map((h) => h.id),
    conflict: read.heads.length > 1 ? read.heads.map((h) => ({ id: h.id, text: h.value })) : null,
  };
}
