/** English: pages the hub sends, their acknowledgement and escalation. */
export const pagingEn = {
  'paging.method.push': 'Push',
  'paging.method.sms': 'SMS',
  'paging.method.email': 'E-mail',
  'paging.sent': '{method}: sent {time}',
  'paging.sentAgain': '{method}: sent again {time}',
  'paging.failed': '{method}: not sent: {detail}',
  'paging.queuedNoHub': 'Queued: no hub reachable',
  'paging.waitingForHub': 'Waiting for the hub to send',
  'paging.recordedOnly': 'Recorded only: this hub sends no pages',
  'paging.noContact': 'No way to reach {name}: add a phone, e-mail or push topic under Settings → People and how to reach them',
  'paging.listLabel': 'Pages to {name}',

  'timeline.page.sent': 'Page to {name} sent by {method}',
  'timeline.page.failed': 'Page to {name} by {method} not sent: {detail}',
  'timeline.page.delivered': 'Page to {name} by {method} delivered',
  'timeline.page.undelivered': 'Page to {name} by {method} not delivered: {detail}',
  'paging.delivered': '{method}: sent {time}, delivered {at}',
  'paging.undelivered': '{method}: sent {time}, not delivered: {detail}',
  'timeline.page.escalated': 'Escalated to {to} ({roster}, step {step}): {origin} had not acknowledged in {minutes} min',
} as const;
