import type { ReactNode } from 'react';

type Props = {
  id: string;
  title: ReactNode;
  /** The figure itself, large. */
  value: string;
  /** Its qualifier, read before the value ("Mean"). */
  valueLabel?: string;
  details?: string[];
  /** One line saying what the figure measures. */
  explain: string;
};

/** One figure on the dashboard: what it is, its value, how far to trust it, and what it measures. */
export function FigureCard({ id, title, value, valueLabel, details = [], explain }: Props) {
  return (
    <article className="metric-card" aria-labelledby={`${id}-title`} aria-describedby={`${id}-explain`}>
      <h3 id={`${id}-title`} className="metric-card-title">
        {title}
      </h3>
      <p className="metric-value">
        {valueLabel && <span className="metric-value-label">{valueLabel} </span>}
        {value}
      </p>
      {details.map((detail) => (
        <p key={detail} className="metric-detail">
          {detail}
        </p>
      ))}
      <p id={`${id}-explain`} className="metric-explain">
        {explain}
      </p>
    </article>
  );
}
