import { ENTRY_KINDS, type EntryKind } from '@shared/domain/events';

import { t } from '../../i18n/i18n';

type Props = { id?: string; value: EntryKind; onChange: (kind: EntryKind) => void };

/** The four entry types, by name. */
export function EntryKindSelect({ id, value, onChange }: Props) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as EntryKind)}>
      {ENTRY_KINDS.map((kind) => (
        <option key={kind} value={kind}>
          {t(`entryKind.${kind}`)}
        </option>
      ))}
    </select>
  );
}
