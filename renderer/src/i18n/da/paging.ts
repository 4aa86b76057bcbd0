/** Danish: see ../en/paging.ts for the English and the meaning of each key. */
import type { pagingEn } from '../en/paging';

export const pagingDa = {
  'paging.method.push': 'Push',
  'paging.method.sms': 'SMS',
  'paging.method.email': 'E-mail',
  'paging.sent': '{method}: sendt {time}',
  'paging.sentAgain': '{method}: sendt igen {time}',
  'paging.failed': '{method}: ikke sendt: {detail}',
  'paging.queuedNoHub': 'I kø: ingen hub kan nås',
  'paging.waitingForHub': 'Venter på at hubben sender',
  'paging.recordedOnly': 'Kun registreret: denne hub sender ingen tilkald',
  'paging.noContact': '{name} kan ikke nås: tilføj telefon, e-mail eller push-emne under Indstillinger → Personer og hvordan de kontaktes',
  'paging.listLabel': 'Tilkald til {name}',

  'timeline.page.sent': 'Tilkald til {name} sendt via {method}',
  'timeline.page.failed': 'Tilkald til {name} via {method} ikke sendt: {detail}',
  'timeline.page.delivered': 'Tilkald til {name} via {method} leveret',
  'timeline.page.undelivered': 'Tilkald til {name} via {method} ikke leveret: {detail}',
  'paging.delivered': '{method}: sendt {time}, leveret {at}',
  'paging.undelivered': '{method}: sendt {time}, ikke leveret: {detail}',
  'timeline.page.escalated': 'Eskaleret til {to} ({roster}, trin {step}): {origin} havde ikke kvitteret på {minutes} min',
} satisfies Record<keyof typeof pagingEn, string>;
