import { memo, type DragEvent } from 'react';

import { timeBoxState, type HypothesisField, type HypothesisSummary } from '@shared/domain/hypothesis';

import { t } from '../../i18n/i18n';
import { ConflictChoices } from '../../ui/ConflictChoices';
import { fieldLabel, timeBoxText, valueLabel } from './labels';

export const DRAG_TYPE = 'application/x-warroom-hypothesis';

const keepText = (value: string) => t('hypotheses.card.keep', { value });

type Props = {
  summary: HypothesisSummary;
  /** Only testing cards get a clock: the others do not change with time, so do not re-render with it. */
  now: number;
  /** The one card Tab reaches (roving focus): arrows move between the others. */
  tabStop: boolean;
  readOnly: boolean;
  onKeep: (summary: HypothesisSummary, field: HypothesisField, keepId: string) => void;
};

function onDragStart(event: DragEvent<HTMLElement>) {
  const id = event.currentTarget.dataset.hypothesisId!;
  event.dataTransfer.setData(DRAG_TYPE, id);
  event.dataTransfer.setData('text/plain', event.currentTarget.dataset.statement ?? '');
  event.dataTransfer.effectAllowed = 'move';
}

function Card({ summary, now, tabStop, readOnly, onKeep }: Props) {
  const box = timeBoxState(summary, now);
  const boxText = timeBoxText(box, summary.probe.timeBoxMinutes);
  const forCount = summary.evidence.filter((e) => e.stance === 'for').length;
  const againstCount = summary.evidence.length - forCount;
  const experiments = summary.experiments.length;
  const counts = [
    summary.evidence.length > 0 ? t('hypotheses.card.evidence', { for: forCount, against: againstCount }) : null,
    experiments === 1 ? t('hypotheses.card.experimentsOne') : experiments > 1 ? t('hypotheses.card.experiments', { count: experiments }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const titleId = `hyp-${summary.id}-title`;
  const metaId = `hyp-${summary.id}-meta`;
  const classes = ['hypothesis-card', `status-${summary.status}`];
  if (box.kind === 'over') classes.push('overdue');
  if (summary.conflicts.length) classes.push('in-conflict');

  return (
    <li className="hypothesis-item">
      <article
        className={classes.join(' ')}
        data-hypothesis-id={summary.id}
        data-statement={summary.statement}
        tabIndex={tabStop ? 0 : -1}
        aria-labelledby={titleId}
        aria-describedby={metaId}
        aria-keyshortcuts={readOnly ? undefined : 'ArrowUp ArrowDown ArrowLeft ArrowRight Alt+ArrowLeft Alt+ArrowRight Enter'}
        draggable={!readOnly}
        onDragStart={readOnly ? undefined : onDragStart}
      >
        <h4 id={titleId} className="hypothesis-statement">
          {summary.statement}
        </h4>
        <div id={metaId} className="hypothesis-meta">
          <p className="hypothesis-owner">{t('hypotheses.card.owner', { name: summary.owner })}</p>
          {box.kind === 'over' ? (
            <p className="hypothesis-timebox over">
              <span aria-hidden="true">⚠ </span>
              {boxText}
            </p>
          ) : boxText ? (
            <p className="hypothesis-timebox">{boxText}</p>
          ) : summary.status === 'proposed' ? (
            <p className="hypothesis-timebox">{t('hypotheses.card.timeBox', { minutes: summary.probe.timeBoxMinutes })}</p>
          ) : null}
          {summary.statusReason && summary.status !== 'testing' && summary.status !== 'proposed' && (
            <p className="hypothesis-reason">{t('hypotheses.card.reason', { reason: summary.statusReason })}</p>
          )}
          {counts && <p className="hypothesis-counts">{counts}</p>}
          {summary.conflicts.length > 0 && <p className="hypothesis-conflict-flag">{t('hypotheses.card.conflict')}</p>}
        </div>
        {summary.conflicts.length > 0 && (
          <div className="hypothesis-conflicts">
            {summary.conflicts.map((field) => (
              <ConflictChoices
                key={field}
                label={fieldLabel(field)}
                values={(summary.conflictValues[field] ?? []).map(({ id, value }) => ({ id, label: valueLabel(field, value as never) }))}
                keepText={keepText}
                keepName={(value) => t('hypotheses.card.keepLabel', { field: fieldLabel(field).toLowerCase(), value })}
                onKeep={readOnly ? undefined : (id) => onKeep(summary, field, id)}
              />
            ))}
          </div>
        )}
      </article>
    </li>
  );
}

/** Re-renders only when its hypothesis changed (a new revision), its clock matters, or focus moved to or from it. */
export const HypothesisCard = memo(
  Card,
  (a, b) =>
    a.summary.id === b.summary.id &&
    a.summary.revision === b.summary.revision &&
    a.now === b.now &&
    a.tabStop === b.tabStop &&
    a.readOnly === b.readOnly &&
    a.onKeep === b.onKeep,
);
