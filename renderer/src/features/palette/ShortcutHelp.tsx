import { Fragment } from 'react';

import { bindingLabel } from '../../commands/keys';
import { availableCommands, COMMAND_GROUPS, commandLabel, groupLabel, useCommandRegistry } from '../../commands/registry';
import { t } from '../../i18n/i18n';
import { closeShortcutHelp } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';

/** Every shortcut that works on this screen, by group, read from the command registry. */
export function ShortcutHelp() {
  const contributions = useCommandRegistry((s) => s.contributions);
  const commands = availableCommands(contributions).filter((c) => c.keys?.length);
  const groups = COMMAND_GROUPS.map((group) => ({ group, commands: commands.filter((c) => c.group === group) })).filter(
    (g) => g.commands.length > 0,
  );

  return (
    <Dialog title={t('palette.help.title')} description={t('palette.help.intro')} onClose={closeShortcutHelp}>
      <div className="shortcut-help">
        {groups.length === 0 && <p>{t('palette.help.empty')}</p>}
        {groups.map(({ group, commands: inGroup }) => (
          <table key={group} className="shortcut-table">
            <caption>{groupLabel(group)}</caption>
            <thead className="visually-hidden">
              <tr>
                <th scope="col">{t('palette.help.keys')}</th>
                <th scope="col">{t('palette.help.command')}</th>
              </tr>
            </thead>
            <tbody>
              {inGroup.map((command) => (
                <tr key={command.id}>
                  <td className="shortcut-keys">
                    {command.keys!.map((binding, i) => (
                      <Fragment key={bindingLabel(binding)}>
                        {i > 0 && <span className="shortcut-or">{` ${t('palette.help.or')} `}</span>}
                        <kbd>{bindingLabel(binding)}</kbd>
                      </Fragment>
                    ))}
                  </td>
                  <th scope="row">{commandLabel(command)}</th>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </Dialog>
  );
}
