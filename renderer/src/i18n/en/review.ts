/** English: after the incident — the post-mortem, its action items, key entries and tags. */
export const reviewEn = {
  'timeline.fieldChanged.tags': 'Tags changed to {value}',
  'timeline.fieldChanged.impactStarted': 'Impact start set to {value}',
  'actions.nav': 'Action items',
  'actions.heading': 'Action items',
  'review.tab': 'Post-mortem',
  'incident.noTags': 'no tags',
  'incident.impactStartUnknown': 'not known',
  'incident.tagsLabel': 'Tags',
  'incident.impactStartedLabel': 'Impact began',
};
