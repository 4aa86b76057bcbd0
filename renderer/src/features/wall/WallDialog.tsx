import { useEffect, useRef, useState, type FormEvent } from 'react';

import { WALL_MODES, type DisplayInfo, type WallMode } from '@shared/platform/bridge';
import { preferredWallDisplay } from '@shared/platform/displays';

import { t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { closeWallDialog } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { openWall } from './openWall';

type Props = { incidentId: string; title: string };

export function displayName(display: DisplayInfo, index: number): string {
  return t('wall.display', {
    index: index + 1,
    name: display.name || t('wall.displayUnnamed'),
    width: display.width,
    height: display.height,
  });
}

export function WallDialog({ incidentId, title }: Props) {
  const platform = usePlatform();
  const [displays, setDisplays] = useState<DisplayInfo[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [mode, setMode] = useState<WallMode>('fullscreen');
  const [busy, setBusy] = useState(false);
  const browser = platform.shell === 'browser';
  const screens = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    let live = true;
    platform
      .listDisplays()
      .catch(() => [])
      .then((found) => {
        if (!live) return;
        setDisplays(found);
        setChosen(preferredWallDisplay(found)?.id ?? null);
      });
    return () => {
      live = false;
    };
  }, [platform]);

  // The screens arrive after the dialog opened: focus goes to the chosen one, where arrow keys change it.
  const listed = displays !== null && displays.length > 0;
  useEffect(() => {
    if (listed) screens.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, [listed]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const opened = await openWall(platform, { incidentId, title, displayId: chosen ?? 0, mode });
    setBusy(false);
    if (opened) closeWallDialog();
  };

  const closeAll = async () => {
    await platform.closeWalls();
    closeWallDialog();
  };

  return (
    <Dialog title={t('wall.dialogTitle')} description={browser ? t('wall.browserHint') : t('wall.dialogHint')} onClose={closeWallDialog}>
      <form onSubmit={submit} noValidate>
        {!browser && displays === null && <p role="status">{t('wall.loadingDisplays')}</p>}
        {!browser && displays && displays.length > 0 && (
          <>
            <fieldset className="choice-group" ref={screens}>
              <legend>{t('wall.displaysLegend')}</legend>
              {displays.map((display, index) => (
                <label key={display.id} className="choice">
                  <input
                    type="radio"
                    name="wall-display"
                    value={display.id}
                    checked={chosen === display.id}
                    onChange={() => setChosen(display.id)}
                  />
                  <span>
                    {displayName(display, index)}
                    {[display.hostsConsole && t('wall.thisScreen'), display.primary && t('wall.primary'), display.hasWall && t('wall.showing')]
                      .filter(Boolean)
                      .map((note) => (
                        <span key={String(note)} className="choice-note">
                          {' · '}
                          {note}
                        </span>
                      ))}
                  </span>
                </label>
              ))}
            </fieldset>
            <fieldset className="choice-group">
              <legend>{t('wall.modeLegend')}</legend>
              {WALL_MODES.map((value) => (
                <label key={value} className="choice">
                  <input type="radio" name="wall-mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
                  <span>
                    {t(`wall.mode.${value}`)}
                    <span className="choice-note"> · {t(`wall.mode.${value}Hint`)}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          </>
        )}
        <div className="dialog-actions">
          {!browser && displays?.some((d) => d.hasWall) && (
            <button type="button" className="button" onClick={() => void closeAll()}>
              {t('wall.closeAll')}
            </button>
          )}
          <button type="button" className="button ghost" onClick={closeWallDialog}>
            {t('wall.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy || (!browser && chosen === null)} {...(browser ? { 'data-autofocus': true } : {})}>
            {browser ? t('wall.browserSubmit') : t('wall.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
