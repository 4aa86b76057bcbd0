/** Danish: see ../en/alerts.ts for the English and the meaning of each key. */
import type { alertsEn } from '../en/alerts';

export const alertsDa = {
  'alert.severity.critical': 'Kritisk',
  'alert.severity.error': 'Fejl',
  'alert.severity.warning': 'Advarsel',
  'alert.severity.info': 'Info',

  'timeline.alert.fired': 'Alarm udløst: {title} ({severity})',
  'timeline.alert.resolved': 'Alarm afsluttet: {title}',
  'timeline.alert.acknowledged': 'Alarm kvitteret ved kilden: {title}',
  'timeline.alert.attached': 'Alarmgruppe tilknyttet: {about} · alarmer: {count} · den første kl. {firstAt}',
} satisfies Record<keyof typeof alertsEn, string>;
