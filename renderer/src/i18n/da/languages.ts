/** Danish: see ../en/languages.ts for the English and the meaning of each key. */
import type { languagesEn } from '../en/languages';

export const languagesDa = {
  'language.en': 'Engelsk',
  'language.da': 'Dansk',
  'language.inSentence.en': 'engelsk',
  'language.inSentence.da': 'dansk',

  'defaultName.role.commander': 'Hændelsesleder',
  'defaultName.role.deputy': 'Stedfortrædende hændelsesleder',
  'defaultName.role.scribe': 'Referent',
  'defaultName.role.communications': 'Kommunikationsansvarlig',
  'defaultName.role.operations': 'Driftsansvarlig',
  'defaultName.role.expert': 'Fagekspert',
  'defaultName.role.business': 'Forretningskontakt',
  'defaultName.role.security': 'Sikkerhedsansvarlig',
  'defaultName.audience.technical': 'Teknisk bro',
  'defaultName.audience.business': 'Forretningsbro',
  'defaultName.audience.executives': 'Ledelsen',
  'defaultName.audience.customers': 'Nøglekunder',
  'defaultName.audience.users': 'Berørte brugere (statusside)',
  'defaultName.audience.social': 'Sociale medier',
  'defaultName.statusPageTitle': 'Driftsstatus',

  'comms.language.label': 'Sprog',
  'comms.language.hint': 'Skabelonen og hændelsens fakta skrives på dette sprog.',
  'comms.language.loading': 'Henter ordene på {language} til denne besked…',
  'comms.language.loadFailed': 'Ordene på {language} til denne besked kunne ikke hentes, så den kan ikke sendes endnu. Prøv igen, eller genindlæs konsollen.',
  'comms.language.fallback': 'Der er ingen skabelon på {language} til denne fase: den på {fallback} bruges, og fakta skrives på {fallback}.',

  'settings.templates.languageLabel': 'Sprog',
  'settings.templates.language.any': 'Alle sprog (reserve)',
  'settings.templates.languageHint.any': 'Bruges til en besked på et sprog, der ikke har sin egen skabelon her; dens fakta skrives på engelsk.',
  'settings.templates.languageHint.en': 'Bruges til beskeder på engelsk.',
  'settings.templates.languageHint.da': 'Bruges til beskeder på dansk.',
  'settings.templates.addVersion.any': 'Tilføj en udgave til alle sprog',
  'settings.templates.addVersion.en': 'Tilføj en engelsk udgave',
  'settings.templates.addVersion.da': 'Tilføj en dansk udgave',
  'settings.templates.removeVersion.en': 'Fjern den engelske udgave',
  'settings.templates.removeVersion.da': 'Fjern den danske udgave',
  'settings.templates.versionCellLanguage': '{language} v{version}',
  'settings.templates.error.duplicate': 'To skabeloner er til {audience} · {phase} · {language}. Behold én af dem.',
} satisfies Record<keyof typeof languagesEn, string>;
