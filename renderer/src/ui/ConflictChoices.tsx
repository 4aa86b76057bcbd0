import type { ReactNode } from 'react';

export type ConflictValue = { id: string; label: string };

type Props = {
  /** Names the group for assistive tech and heads it on screen. */
  label: string;
  /** The live values, best first. */
  values: readonly ConflictValue[];
  /** The button's text for a value; each feature keeps its own catalogue wording. */
  keepText: (label: string) => string;
  /** An accessible name when the text alone is ambiguous (several groups on one card). */
  keepName?: (label: string) => string;
  /** Absent in a read-only view: the values are listed, not offered. */
  onKeep: ((id: string) => void) | undefined;
  /** Further choices after the values, such as keeping everyone. */
  children?: ReactNode;
};

/** One value changed on two consoles at once: every live value, and a way to keep one. */
export function ConflictChoices({ label, values, keepText, keepName, onKeep, children }: Props) {
  return (
    <div className="conflict-choices" role="group" aria-label={label}>
      <strong className="conflict-field">{label}:</strong>
      {values.map(({ id, label: value }) =>
        onKeep ? (
          <button key={id} type="button" className="button small" aria-label={keepName?.(value)} onClick={() => onKeep(id)}>
            {keepText(value)}
          </button>
        ) : (
          <span key={id} className="conflict-value">
            {value}
          </span>
        ),
      )}
      {children}
    </div>
  );
}
