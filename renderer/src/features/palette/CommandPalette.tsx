import { useEffect, useId, useState, type KeyboardEvent } from 'react';

import { bindingLabel, bindingsAria } from '../../commands/keys';
import { matchItems } from '../../commands/matchCommands';
import { availableCommands, commandLabel, groupLabel, useCommandRegistry, type Command, type CommandGroup } from '../../commands/registry';
import { useCatalogues } from '../../i18n/catalogueStore';
import { t } from '../../i18n/i18n';
import { closePalette } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';

type Props = {
  /** Only this group's commands (choosing which role to assign). */
  scope?: CommandGroup;
  /** Called with the chosen command; the caller closes the palette and runs it. */
  onChoose: (command: Command) => void;
};

/**
 * Every command the screen offers, found by typing part of its name: an ARIA
 * combobox whose list follows the text, arrows to move, Enter to run, Esc to
 * go back to where focus was.
 */
export function CommandPalette({ scope, onChoose }: Props) {
  const contributions = useCommandRegistry((s) => s.contributions);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();

  const offered = availableCommands(contributions).filter((c) => c.listed !== false && (!scope || c.group === scope));
  // A command labelled in its own language (each language offers itself in itself) is relabelled once that
  // language's words arrive; until then it reads in the screen's language, with the language's own name.
  useCatalogues([...new Set(offered.flatMap((command) => (command.label.locale ? [command.label.locale] : [])))]);
  const results = matchItems(offered, query, commandLabel);
  const activeIndex = Math.min(active, results.length - 1);
  const optionId = (index: number) => `${listId}-option-${index}`;
  const activeId = activeIndex >= 0 ? optionId(activeIndex) : undefined;

  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (results.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + results.length) % results.length);
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      const chosen = results[activeIndex];
      if (chosen) onChoose(chosen);
    }
  };

  return (
    <Dialog title={scope ? groupLabel(scope) : t('palette.title')} onClose={closePalette}>
      <div className="palette">
        <input
          className="palette-input"
          type="text"
          role="combobox"
          data-autofocus
          aria-label={t('palette.inputLabel')}
          placeholder={t('palette.inputLabel')}
          aria-expanded={results.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} className="palette-list" role="listbox" aria-label={t('palette.results')}>
          {results.map((command, index) => (
            <li
              key={command.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              aria-keyshortcuts={command.keys?.length ? bindingsAria(command.keys) : undefined}
              className={index === activeIndex ? 'palette-option active' : 'palette-option'}
              // The pointer may choose too; focus stays in the text field either way.
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => index !== activeIndex && setActive(index)}
              onClick={() => onChoose(command)}
            >
              <span className="palette-label">{commandLabel(command)}</span>
              <span className="palette-group">{groupLabel(command.group)}</span>
              {command.keys?.length ? (
                <span className="palette-keys">
                  {command.keys.map((binding) => (
                    <kbd key={bindingLabel(binding)}>{bindingLabel(binding)}</kbd>
                  ))}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
        {results.length === 0 && <p className="palette-empty">{t('palette.empty', { query })}</p>}
        <p className="visually-hidden" role="status" aria-live="polite">
          {results.length === 1 ? t('palette.countOne') : t('palette.count', { count: results.length })}
        </p>
        <p className="palette-hint">{t('palette.keysHint')}</p>
      </div>
    </Dialog>
  );
}
