/** English: languages, the message templates written in them, and the organisation's default names. */
export const languagesEn = {
  'language.en': 'English',
  'language.da': 'Danish',
  // Inside a sentence ("no Danish template", "ingen skabelon på dansk").
  'language.inSentence.en': 'English',
  'language.inSentence.da': 'Danish',

  // The names a new organisation's catalogues start with, by id: shown in the screen's language until the organisation renames them.
  'defaultName.role.commander': 'Incident commander',
  'defaultName.role.deputy': 'Deputy commander',
  'defaultName.role.scribe': 'Scribe',
  'defaultName.role.communications': 'Communications lead',
  'defaultName.role.operations': 'Operations lead',
  'defaultName.role.expert': 'Subject-matter expert',
  'defaultName.role.business': 'Business liaison',
  'defaultName.role.security': 'Security lead',
  'defaultName.audience.technical': 'Technical bridge',
  'defaultName.audience.business': 'Business bridge',
  'defaultName.audience.executives': 'Executives',
  'defaultName.audience.customers': 'Key customers',
  'defaultName.audience.users': 'Impacted users (status page)',
  'defaultName.audience.social': 'Social channels',
  'defaultName.statusPageTitle': 'Service status',

  // The communications pad: which language a message is written in.
  'comms.language.label': 'Language',
  'comms.language.hint': 'The template and the incident’s facts are written in this language.',
  'comms.language.loading': 'Fetching the {language} words for this message…',
  'comms.language.loadFailed': 'The {language} words for this message could not be loaded, so it cannot be sent yet. Try again, or reload the console.',
  'comms.language.fallback': 'There is no {language} template for this phase: the {fallback} one is used, and the facts are written in {fallback}.',

  // The template editor: one template per audience, phase and language.
  'settings.templates.languageLabel': 'Language',
  'settings.templates.language.any': 'Any language (fallback)',
  'settings.templates.languageHint.any': 'Used for a message in any language that has no template of its own here; its facts are written in English.',
  'settings.templates.languageHint.en': 'Used for messages written in English.',
  'settings.templates.languageHint.da': 'Used for messages written in Danish.',
  'settings.templates.addVersion.any': 'Add a version for any language',
  'settings.templates.addVersion.en': 'Add an English version',
  'settings.templates.addVersion.da': 'Add a Danish version',
  'settings.templates.removeVersion.en': 'Remove the English version',
  'settings.templates.removeVersion.da': 'Remove the Danish version',
  'settings.templates.versionCellLanguage': '{language} v{version}',
  'settings.templates.error.duplicate': 'Two templates are for {audience} · {phase} · {language}. Keep one of them.',
} as const;
