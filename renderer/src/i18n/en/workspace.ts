/** English: tiers, priority, service-level clocks and the organisation's settings. */
export const workspaceEn = {
  'workspace.timelineTab': 'Timeline',
  'workspace.views': 'Incident views',
  'tier.label': 'Tier',
  'tier.normal': 'Normal',
  'tier.major': 'Major incident',
  'tier.continuity': 'Continuity',
  'timeline.fieldChanged.priority': 'Priority changed to {value}',
  'timeline.tierChanged': '{tier}: decided by {name}. {reason}',
} as const;
