/** How the default template libraries are written: the texts per audience and phase, turned into templates. */
import type { Phase, Template, TemplateLanguage } from '../domain/comms';

export type TemplateText = Pick<Template, 'subject' | 'body'>;
/** Audience id -> the text for each phase. */
export type TemplateLibrary = Record<string, Record<Phase, TemplateText>>;

export const lines = (...parts: string[]) => parts.join('\n');

/** Every text of a library as a template at version 1; without a language, the organisation's fallback templates. */
export function libraryTemplates(library: TemplateLibrary, language?: TemplateLanguage): Template[] {
  return Object.entries(library).flatMap(([audience, phases]) =>
    Object.entries(phases).map(([phase, text]) => ({ audience, phase: phase as Phase, ...(language ? { language } : {}), ...text, version: 1 })),
  );
}
