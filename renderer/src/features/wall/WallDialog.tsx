import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';

import { WALL_MODES, type DisplayInfo, type WallMode } from '@shared/platform/bridge';
import { preferredWallDisplay } from '@shared/platform/displays';
import { isTimeZone, knownTimeZones } from '@shared/domain/timeZone';
import { WALL_LIMITS, wallOptionsSchema, type WallOptions } from '@shared/platform/wallRoute';

import { t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { closeWallDialog } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { errorProps, Field } from '../../ui/Field';
import { openWall } from './openWall';
import { saveWallOptions, useWallPreferences } from './wallPreferences';

/** `incidentId` null: opened from outside an incident, so only the overview is offered. */
type Props = { incidentId: string | null; title: string | null };

type Fields = { zones: string[]; rotate: string };
type FieldErrors = { zones: (string | null)[]; rotate: string | null };

/** Checks the clock and rotation fields; the options when they are all valid. */
export function readWallFields(fields: Fields): { options: WallOptions } | { errors: FieldErrors } {
  const zones = fields.zones.map((zone) => zone.trim());
  const zoneErrors = zones.map((zone) => (zone && !isTimeZone(zone) ? t('wall.error.zone', { zone }) : null));
  const rotate = fields.rotate.trim();
  const rotateSeconds = /^\d{1,5}$/.test(rotate) ? Number(rotate) : NaN;
  const parsed = wallOptionsSchema.safeParse({ zones: zones.filter(Boolean), rotateSeconds });
  const rotateError = wallOptionsSchema.shape.rotateSeconds.safeParse(rotateSeconds).success
    ? null
    : t('wall.error.rotate', { min: WALL_LIMITS.rotateMinSeconds, max: WALL_LIMITS.rotateMaxSeconds });
  if (parsed.success && !rotateError && zoneErrors.every((e) => e === null)) return { options: parsed.data };
  return { errors: { zones: zoneErrors, rotate: rotateError } };
}

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
  const saved = useWallPreferences((s) => s.options);
  const [overview, setOverview] = useState(incidentId === null);
  const [fields, setFields] = useState<Fields>(() => ({
    zones: Array.from({ length: WALL_LIMITS.zones }, (_, i) => saved.zones[i] ?? ''),
    rotate: String(saved.rotateSeconds),
  }));
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const zoneList = useId();
  const zoneSuggestions = useMemo(() => knownTimeZones(), []);
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
    // The rotation field shows only for the overview: a single incident's wall keeps the saved rotation, whatever was typed there.
    const rotates = overview || incidentId === null;
    const read = readWallFields(rotates ? fields : { ...fields, rotate: String(saved.rotateSeconds) });
    if ('errors' in read) {
      setErrors(read.errors);
      return;
    }
    setErrors(null);
    saveWallOptions(read.options);
    setBusy(true);
    const shown = overview || incidentId === null ? null : incidentId;
    const opened = await openWall(platform, {
      incidentId: shown,
      title: shown === null || title === null ? t('wall.overview.heading') : title,
      displayId: chosen ?? 0,
      mode,
      options: read.options,
    });
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
        {incidentId !== null && (
          <fieldset className="choice-group">
            <legend>{t('wall.showLegend')}</legend>
            <label className="choice">
              <input type="radio" name="wall-show" checked={!overview} onChange={() => setOverview(false)} />
              <span>{t('wall.show.incident', { title: title ?? '' })}</span>
            </label>
            <label className="choice">
              <input type="radio" name="wall-show" checked={overview} onChange={() => setOverview(true)} />
              <span>
                {t('wall.show.overview')}
                <span className="choice-note"> · {t('wall.show.overviewHint')}</span>
              </span>
            </label>
          </fieldset>
        )}
        <fieldset className="choice-group wall-options">
          <legend>{t('wall.zonesLegend')}</legend>
          <p className="field-hint">{t('wall.zonesHint')}</p>
          {fields.zones.map((zone, i) => {
            const id = `${zoneList}-zone-${i}`;
            const error = errors?.zones[i] ?? undefined;
            return (
              <Field key={id} id={id} label={t('wall.zoneLabel', { number: i + 1 })} error={error}>
                <input
                  id={id}
                  value={zone}
                  list={zoneList}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(e) => setFields((f) => ({ ...f, zones: f.zones.map((z, j) => (j === i ? e.target.value : z)) }))}
                  {...errorProps(id, error)}
                />
              </Field>
            );
          })}
          <datalist id={zoneList}>
            {zoneSuggestions.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
          {(overview || incidentId === null) && (
            <Field id={`${zoneList}-rotate`} label={t('wall.rotateLabel')} error={errors?.rotate ?? undefined}>
              <input
                id={`${zoneList}-rotate`}
                inputMode="numeric"
                value={fields.rotate}
                onChange={(e) => setFields((f) => ({ ...f, rotate: e.target.value }))}
                {...errorProps(`${zoneList}-rotate`, errors?.rotate ?? undefined)}
              />
              <p className="field-hint">{t('wall.rotateHint')}</p>
            </Field>
          )}
        </fieldset>
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
