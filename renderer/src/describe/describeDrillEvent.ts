/** How a drill reads on the timeline: its start, and each inject as scripted. */
import type { EventOf } from '@shared/domain/events';

import { t } from '../i18n/i18n';

export type DrillEvent = EventOf<'drill.started' | 'drill.injected'>;

export function describeDrillEvent(event: DrillEvent): string {
  if (event.type === 'drill.started') return t('timeline.drill.started', { title: event.payload.title, count: event.payload.injects.length });
  const inject = event.payload.inject;
  switch (inject.kind) {
    case 'alert':
      return t(inject.service ? 'timeline.drill.alert' : 'timeline.drill.alertNoService', { title: inject.title, service: inject.service, severity: t(`alert.severity.${inject.severity}`) });
    case 'entry':
      return t('timeline.drill.entry', { from: inject.from, text: inject.text });
    case 'message':
      return t('timeline.drill.message', { from: inject.from, text: inject.text });
    case 'serviceDown':
      return t('timeline.drill.serviceDown', { service: inject.service });
  }
}
