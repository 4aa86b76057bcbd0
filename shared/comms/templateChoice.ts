/**
 * Which template a message is written from, and in which language. A template
 * in the message's language wins; else the one without a language, which is
 * read as UNTAGGED_TEMPLATE_LANGUAGE.
 */
import { TEMPLATE_LANGUAGES, UNTAGGED_TEMPLATE_LANGUAGE, type Phase, type Template, type TemplateLanguage } from '../domain/comms';

/** The language a template's text is written in, so its placeholders are filled in the same one. */
export function templateLanguage(template: Pick<Template, 'language'>): TemplateLanguage {
  return template.language ?? UNTAGGED_TEMPLATE_LANGUAGE;
}

/** The template for a message in `language`: written in it, else the fallback without a language. */
export function templateFor<T extends Pick<Template, 'audience' | 'phase' | 'language'>>(
  templates: readonly T[],
  audience: string,
  phase: Phase,
  language: TemplateLanguage,
): T | undefined {
  const forPair = templates.filter((t) => t.audience === audience && t.phase === phase);
  return forPair.find((t) => t.language === language) ?? forPair.find((t) => t.language === undefined);
}

/** The languages an audience has templates in (any phase), in the console's order of languages. */
export function audienceLanguages(templates: readonly Pick<Template, 'audience' | 'language'>[], audience: string): TemplateLanguage[] {
  const found = new Set(templates.filter((t) => t.audience === audience).map(templateLanguage));
  return TEMPLATE_LANGUAGES.filter((language) => found.has(language));
}

/** Failing a template in the language asked for (or the fallback), the first in another language: a draft is not left blank while a template exists. */
export function templateInAnyLanguage<T extends Pick<Template, 'audience' | 'phase' | 'language'>>(templates: readonly T[], audience: string, phase: Phase): T | undefined {
  for (const language of TEMPLATE_LANGUAGES) {
    const found = templates.find((t) => t.audience === audience && t.phase === phase && t.language === language);
    if (found) return found;
  }
  return undefined;
}
