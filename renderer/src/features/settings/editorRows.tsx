/**
 * What every list editor in Settings shares: the row operations (change, add,
 * remove, move) that leave focus where a keyboard user expects it, a text cell
 * with its error, the move and remove buttons, and the column headings. Field
 * keys are `<row key>-<field>`;
 * `add` is the key of the list's add button.
 */
import type { ReactNode } from 'react';

import { t } from '../../i18n/i18n';
import { errorProps, FieldError } from '../../ui/Field';

type Keyed = { key: string };

/** The part of a setting editor the rows use. */
export type RowsEditor = {
  focusSoon: (key: string) => void;
  id: (key: string) => string;
  error: (key: string) => string | undefined;
};

/**
 * Row operations on a list held in a form: `read` and `write` say where the
 * list is (the whole form, or one field of it); `firstField` is the field
 * focused in a new row and in the row that takes a removed one's place.
 */
export function rowOperations<F, R extends Keyed>(
  editor: RowsEditor & { form: F; update: (change: (form: F) => F) => void },
  list: { read: (form: F) => R[]; write: (form: F, rows: R[]) => F; newRow: () => R; firstField: string },
) {
  const rows = list.read(editor.form);
  const change = (edit: (rows: R[]) => R[]) => editor.update((form) => list.write(form, edit(list.read(form))));
  return {
    rows,
    setRow: (key: string, patch: Partial<R>) => change((all) => all.map((row) => (row.key === key ? { ...row, ...patch } : row))),
    add: () => {
      const row = list.newRow();
      change((all) => [...all, row]);
      editor.focusSoon(`${row.key}-${list.firstField}`);
    },
    remove: (index: number) => {
      const next = rows[index + 1] ?? rows[index - 1];
      change((all) => all.filter((_, i) => i !== index));
      editor.focusSoon(next ? `${next.key}-${list.firstField}` : 'add');
    },
    move: (index: number, by: -1 | 1) => {
      const to = index + by;
      if (to < 0 || to >= rows.length) return;
      const key = rows[index]!.key;
      change((all) => {
        const copy = [...all];
        [copy[index], copy[to]] = [copy[to]!, copy[index]!];
        return copy;
      });
      // Keep focus on the button pressed, or its partner once the row reaches an end.
      const atEnd = by === -1 ? to === 0 : to === rows.length - 1;
      editor.focusSoon(`${key}-${(by === -1) !== atEnd ? 'up' : 'down'}`);
    },
  };
}

/** Row operations on a form that is the list itself. */
export function listOperations<R extends Keyed>(
  editor: RowsEditor & { form: R[]; update: (change: (form: R[]) => R[]) => void },
  list: { newRow: () => R; firstField: string },
) {
  return rowOperations(editor, { read: (form) => form, write: (_, rows) => rows, ...list });
}

/** A text input in a table cell, labelled for screen readers, with its error under it. */
export function TextCell({
  editor,
  fieldKey,
  label,
  value,
  onChange,
  className = 'settings-grow',
  ...input
}: {
  editor: RowsEditor;
  fieldKey: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  className?: string;
  inputMode?: 'numeric';
  placeholder?: string;
}) {
  const id = editor.id(fieldKey);
  const error = editor.error(fieldKey);
  return (
    <td className={className}>
      <input id={id} aria-label={label} value={value} autoComplete="off" onChange={(e) => onChange(e.target.value)} {...input} {...errorProps(id, error)} />
      <FieldError id={id} error={error} />
    </td>
  );
}

/** ↑ and ↓ for one row, each named for screen readers with the row's number. */
export function MoveButtons({
  editor,
  rowKey,
  index,
  count,
  labels,
  onMove,
}: {
  editor: RowsEditor;
  rowKey: string;
  index: number;
  count: number;
  labels: { up: string; down: string };
  onMove: (index: number, by: -1 | 1) => void;
}) {
  return (
    <td className="settings-order">
      <button type="button" id={editor.id(`${rowKey}-up`)} className="button small" aria-label={labels.up} disabled={index === 0} onClick={() => onMove(index, -1)}>
        ↑
      </button>
      <button
        type="button"
        id={editor.id(`${rowKey}-down`)}
        className="button small"
        aria-label={labels.down}
        disabled={index === count - 1}
        onClick={() => onMove(index, 1)}
      >
        ↓
      </button>
    </td>
  );
}

/** The Remove button of one row, named for screen readers. */
export function RemoveButton({ label, onRemove, disabled = false }: { label: string; onRemove: () => void; disabled?: boolean }) {
  return (
    <button type="button" className="button small" aria-label={label} disabled={disabled} onClick={onRemove}>
      {t('settings.remove')}
    </button>
  );
}

/** A list editor's column headings, the last (the row's buttons) named for screen readers only. */
export function RowsHead({ columns, actions }: { columns: readonly ReactNode[]; actions: string }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) => (
          <th key={i} scope="col">
            {column}
          </th>
        ))}
        <th scope="col">
          <span className="visually-hidden">{actions}</span>
        </th>
      </tr>
    </thead>
  );
}
