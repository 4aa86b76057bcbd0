import type { PostmortemDocument } from '@shared/postmortem/document';
import type { PostmortemLabels } from '@shared/postmortem/labels';
import { checklistText, cycleText, factsOf, handoverText, keyEventText, outcomeLabel, type TimeFormat } from '@shared/postmortem/wording';

import { formatDateTime, t } from '../../i18n/i18n';

type Props = { doc: PostmortemDocument; labels: PostmortemLabels };

/** The console's own clock for what it shows; exports choose their zone. */
const time: TimeFormat = (iso) => formatDateTime(new Date(iso));

/** The facts drawn from the log, as the exports state them. */
export function ReviewFactList({ doc, labels }: Props) {
  return (
    <dl className="review-facts">
      {factsOf(doc, time, labels).map((fact) => (
        <div key={fact.name} className="review-fact">
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Key events: entries the scribe marked, the declaration, tier and status changes, in order. */
export function KeyEvents({ doc, labels }: Props) {
  return (
    <section className="review-block" aria-labelledby="review-key-heading">
      <h2 id="review-key-heading">{labels.heading.keyEvents}</h2>
      <p className="review-hint">{t('review.keyEventsHint')}</p>
      <ol className="review-list key-events">
        {doc.keyEvents.map((event) => {
          const row = doc.timeline[event.number - 1];
          return (
            <li key={event.number}>
              <time dateTime={event.occurredAt}>{time(event.occurredAt)}</time> <strong>{keyEventText(event, labels)}</strong>
              {event.what.kind === 'entry' && row && <span className="review-text"> {row.text}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** What the room tried, who was there and what it told people: read-only, from the log. */
export function RecordsFromTheLog({ doc, labels }: Props) {
  const none = <p className="review-empty">{labels.note.none}</p>;
  return (
    <>
      <section className="review-block" aria-labelledby="review-hypotheses-heading">
        <h2 id="review-hypotheses-heading">{labels.heading.hypotheses}</h2>
        {doc.hypotheses.length === 0 ? (
          none
        ) : (
          <ul className="review-list">
            {doc.hypotheses.map((h) => (
              <li key={h.id} className={`review-hypothesis status-${h.status}`}>
                <strong className="review-text">{h.statement}</strong>
                <span className="review-meta">
                  {' '}
                  · {labels.value.hypothesisStatus[h.status]}
                  {h.statusReason ? `: ${h.statusReason}` : ''} · {labels.hypothesis.owner} {h.owner}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="review-block" aria-labelledby="review-checklists-heading">
        <h2 id="review-checklists-heading">{labels.heading.checklists}</h2>
        {doc.checklists.length === 0 ? (
          none
        ) : (
          <ul className="review-list">
            {doc.checklists.map((c) => {
              const words = checklistText(c, time, labels);
              return (
                <li key={c.runbook}>
                  <strong className="review-text">{c.title}</strong>
                  <span className="review-meta"> · {words.attached}</span>
                  <ul className="review-sublist">
                    {words.steps.map((s) => (
                      <li key={s.id}>
                        <strong>{s.state}:</strong> <span className="review-text">{s.text}</span>
                        {s.detail && <span className="review-meta"> · {s.detail}</span>}
                      </li>
                    ))}
                  </ul>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="review-block" aria-labelledby="review-roles-heading">
        <h2 id="review-roles-heading">{labels.heading.roles}</h2>
        {doc.roles.length === 0 ? (
          none
        ) : (
          <ul className="review-list">
            {doc.roles.map((role) => (
              <li key={role.id}>
                <strong>{role.name}</strong>
                <ul className="review-sublist">
                  {role.handovers.map((handover, i) => (
                    <li key={i}>
                      <time dateTime={handover.occurredAt}>{time(handover.occurredAt)}</time> {handoverText(handover, labels)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="review-block" aria-labelledby="review-engagement-heading">
        <h2 id="review-engagement-heading">{labels.heading.engagement}</h2>
        {doc.engagement.length === 0 ? (
          none
        ) : (
          <ul className="review-list">
            {doc.engagement.map((person) => (
              <li key={person.name}>
                <strong>{person.name}</strong>
                {person.cycles.map((cycle, i) => (
                  <p key={i} className="review-meta">
                    {cycleText(cycle, time, labels)}
                  </p>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="review-block" aria-labelledby="review-comms-heading">
        <h2 id="review-comms-heading">{labels.heading.communications}</h2>
        {doc.communications.length === 0 ? (
          none
        ) : (
          <ul className="review-list">
            {doc.communications.map((message) => (
              <li key={message.id}>
                <time dateTime={message.occurredAt}>{time(message.occurredAt)}</time> <strong>{message.audienceName}</strong>
                <span className="review-meta">
                  {' '}
                  · {labels.value.phase[message.phase]} · {labels.value.channel[message.channel]} · {outcomeLabel(message, labels)}
                </span>
                {message.subject && <span className="review-text"> · {message.subject}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
