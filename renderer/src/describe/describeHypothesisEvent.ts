/** How hypothesis events read on the timeline: one line each, readable without the board. */
import type { HypothesisEvent } from '@shared/domain/hypothesis';
import { cleanLine } from '@shared/domain/text';

import { t } from '../i18n/i18n';

export type { HypothesisEvent };

export function describeHypothesisEvent(event: HypothesisEvent): string {
  switch (event.type) {
    case 'hypothesis.proposed': {
      const p = event.payload;
      return t('hypotheses.timeline.proposed', { statement: p.statement, owner: p.owner, minutes: p.probe.timeBoxMinutes });
    }
    case 'hypothesis.changed': {
      const p = event.payload;
      switch (p.field) {
        case 'statement':
          return t('hypotheses.timeline.statement', { about: p.about, value: p.value });
        case 'owner':
          return t('hypotheses.timeline.owner', { about: p.about, value: p.value });
        case 'probe': {
          const action = cleanLine(p.value.action);
          const minutes = p.value.timeBoxMinutes;
          return action
            ? t('hypotheses.timeline.probe', { about: p.about, action, minutes })
            : t('hypotheses.timeline.probeNoAction', { about: p.about, minutes });
        }
        case 'status': {
          const status = t(`hypotheses.status.${p.value}`);
          const reason = cleanLine(p.reason ?? '');
          return reason
            ? t('hypotheses.timeline.statusReason', { about: p.about, status, reason })
            : t('hypotheses.timeline.status', { about: p.about, status });
        }
      }
      break;
    }
    case 'hypothesis.evidenceAdded': {
      const p = event.payload;
      const text = cleanLine(p.text);
      const shown = !text
        ? t('hypotheses.timeline.evidenceEntry')
        : p.entry
          ? t('hypotheses.timeline.evidenceTextAndEntry', { text })
          : text;
      return t(`hypotheses.timeline.evidence.${p.stance}`, { about: p.about, text: shown });
    }
    case 'hypothesis.experimentRecorded': {
      const p = event.payload;
      return t('hypotheses.timeline.experiment', {
        about: p.about,
        result: cleanLine(p.result),
        response: t(`hypotheses.response.${p.response}`),
      });
    }
  }
}
