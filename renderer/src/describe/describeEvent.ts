/** How a change (anything on the timeline but a logged entry) reads there, as one line. */
import type { EventOf } from '@shared/domain/events';
import type { TimelineEvent } from '@shared/domain/timeline';

import { t } from '../i18n/i18n';
import { describeAlertEvent } from './describeAlertEvent';
import { describeChecklistEvent } from './describeChecklistEvent';
import { describeDrillEvent } from './describeDrillEvent';
import { describeMessageEvent } from './describeMessageEvent';
import { describePageEvent } from './describePageEvent';
import { describeHypothesisEvent } from './describeHypothesisEvent';
import { formatFieldValue } from './fieldValue';
import { describeRosterEvent } from './describeRosterEvent';

export type ChangeEvent = Exclude<TimelineEvent, EventOf<'timeline.entryLogged'>>;

export function describeEvent(event: ChangeEvent): string {
  switch (event.type) {
    case 'incident.declared': {
      const p = event.payload;
      return t('timeline.declared', { title: p.title, priority: t(`priority.${p.priority}`), kind: t(`kind.${p.kind}`) });
    }
    case 'incident.fieldChanged': {
      const p = event.payload;
      if (p.field === 'status') {
        const text = t('timeline.fieldChanged.status', { value: formatFieldValue('status', p.value) });
        return p.note ? `${text}: ${p.note}` : text;
      }
      if (p.field === 'eta' && p.value === '') return t('timeline.fieldChanged.etaCleared');
      if ((p.field === 'technicalBridge' || p.field === 'businessBridge') && p.value === '') {
        return t('timeline.fieldChanged.bridgeCleared', { bridge: t(p.field === 'technicalBridge' ? 'comms.bridge.technical' : 'comms.bridge.business') });
      }
      return t(`timeline.fieldChanged.${p.field}`, { value: formatFieldValue(p.field, p.value as never) });
    }
    case 'incident.tierChanged': {
      const p = event.payload;
      return t('timeline.tierChanged', { tier: t(`tier.${p.tier}`), name: p.decidedBy, reason: p.reason });
    }
    case 'hypothesis.proposed':
    case 'hypothesis.changed':
    case 'hypothesis.evidenceAdded':
    case 'hypothesis.experimentRecorded':
      return describeHypothesisEvent(event);
    case 'role.assigned':
    case 'participant.engaged':
      return describeRosterEvent(event);
    case 'message.sent':
    case 'message.queued':
    case 'message.delivered':
    case 'message.deliveryFailed':
    case 'message.requeued':
    case 'message.cancelled':
      return describeMessageEvent(event);
    case 'alert.received':
    case 'alert.groupAttached':
      return describeAlertEvent(event);
    case 'page.sent':
    case 'page.escalated':
    case 'page.delivered':
      return describePageEvent(event);
    case 'checklist.attached':
    case 'checklist.stepMarked':
      return describeChecklistEvent(event);
    case 'drill.started':
    case 'drill.injected':
      return describeDrillEvent(event);
  }
}
