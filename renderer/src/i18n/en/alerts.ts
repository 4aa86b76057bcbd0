/** English: alerts from monitoring, their groups, the inbox and the integrations they come in through. */
export const alertsEn = {
  'alert.severity.critical': 'Critical',
  'alert.severity.error': 'Error',
  'alert.severity.warning': 'Warning',
  'alert.severity.info': 'Info',

  'timeline.alert.fired': 'Alert fired: {title} ({severity})',
  'timeline.alert.resolved': 'Alert resolved: {title}',
  'timeline.alert.acknowledged': 'Alert acknowledged at its source: {title}',
  'timeline.alert.attached': 'Alert group attached: {about} · alerts: {count} · the first at {firstAt}',
} as const;
