import { Fragment, type ReactNode } from 'react';

import { bindingLabel } from '../../commands/keys';
import { availableCommands, COMMAND_GROUPS, commandLabel, groupLabel, useCommandRegistry } from '../../commands/registry';
import type { MessageKey } from '../../i18n/en';
import { t } from '../../i18n/i18n';
import { closeShortcutHelp } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { SUBMIT_CHORD } from '../../ui/shortcuts';

type KeyNote = { keys: string[]; label: MessageKey };

/**
 * Keys that belong to a field or a board rather than to a command: written here, in the same
 * list, so the help is the whole story. Chords are named as the registry names them.
 */
const IN_PLACE: { caption: MessageKey; notes: KeyNote[] }[] = [
  {
    caption: 'palette.help.entryBox',
    notes: [
      { keys: ['Enter'], label: 'palette.help.entry.log' },
      { keys: ['Shift+Enter'], label: 'palette.help.entry.newLine' },
      { keys: ['/d', '/a', '/o', '/n'], label: 'palette.help.entry.kinds' },
      { keys: ['@14:02', '@-10m'], label: 'palette.help.entry.backdate' },
      { keys: ['↑'], label: 'palette.help.entry.correct' },
      { keys: ['Esc'], label: 'palette.help.entry.leave' },
    ],
  },
  {
    caption: 'palette.help.board',
    notes: [
      { keys: ['↑', '↓', '←', '→'], label: 'palette.help.board.move' },
      { keys: ['Alt+←', 'Alt+→'], label: 'palette.help.board.column' },
      { keys: ['Enter'], label: 'palette.help.board.open' },
    ],
  },
  {
    caption: 'palette.help.forms',
    notes: [
      { keys: [bindingLabel(SUBMIT_CHORD)], label: 'palette.help.forms.submit' },
      { keys: ['Esc'], label: 'palette.help.forms.close' },
    ],
  },
];

type ShortcutRow = { id: string; keys: string[]; label: string };

/** One group of shortcuts: each row's keys (joined by `joiner`), then what they do. */
function ShortcutTable({ caption, rows, joiner }: { caption: string; rows: ShortcutRow[]; joiner: ReactNode }) {
  return (
    <table className="shortcut-table">
      <caption>{caption}</caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">{t('palette.help.keys')}</th>
          <th scope="col">{t('palette.help.command')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="shortcut-keys">
              {row.keys.map((key, i) => (
                <Fragment key={key}>
                  {i > 0 && joiner}
                  <kbd>{key}</kbd>
                </Fragment>
              ))}
            </td>
            <th scope="row">{row.label}</th>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every shortcut that works on this screen, by group, read from the command registry; then the keys of fields and boards. */
export function ShortcutHelp() {
  const contributions = useCommandRegistry((s) => s.contributions);
  const commands = availableCommands(contributions).filter((c) => c.keys?.length);
  const groups = COMMAND_GROUPS.map((group) => ({ group, commands: commands.filter((c) => c.group === group) })).filter(
    (g) => g.commands.length > 0,
  );
  const or = <span className="shortcut-or">{` ${t('palette.help.or')} `}</span>;

  return (
    <Dialog title={t('palette.help.title')} description={t('palette.help.intro')} onClose={closeShortcutHelp}>
      <div className="shortcut-help">
        {groups.length === 0 && <p>{t('palette.help.empty')}</p>}
        {groups.map(({ group, commands: inGroup }) => (
          <ShortcutTable
            key={group}
            caption={groupLabel(group)}
            rows={inGroup.map((command) => ({ id: command.id, keys: command.keys!.map(bindingLabel), label: commandLabel(command) }))}
            joiner={or}
          />
        ))}
        {IN_PLACE.map(({ caption, notes }) => (
          <ShortcutTable key={caption} caption={t(caption)} rows={notes.map((note) => ({ id: note.label, keys: note.keys, label: t(note.label) }))} joiner=" " />
        ))}
      </div>
    </Dialog>
  );
}
