import { useId, useMemo, useState, type FormEvent } from 'react';

import { consoleTimeZone, isTimeZone, knownTimeZones } from '@shared/domain/timeZone';

import { useDatabase } from '../../app/DatabaseContext';
import { t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { Dialog } from '../../ui/Dialog';
import { errorProps, Field } from '../../ui/Field';
import { notify } from '../notices/noticeStore';
import { EXPORT_FORMATS, exportPostmortem, outcomeProblem, type ExportFormat } from './exportPostmortem';

type Props = { incidentId: string; onClose: () => void };

/** Exports the post-mortem in a format and time zone the person chooses, in the language of the screen. */
export function ExportDialog({ incidentId, onClose }: Props) {
  const db = useDatabase();
  const platform = usePlatform();
  const [format, setFormat] = useState<ExportFormat>('markdown');
  const [zone, setZone] = useState(consoleTimeZone);
  const [zoneError, setZoneError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const zoneId = `${id}-zone`;
  const zoneHintId = `${id}-zone-hint`;
  const zoneList = `${id}-zones`;
  const zones = useMemo(() => knownTimeZones(), []);

  const hint = (value: ExportFormat) =>
    value === 'pdf' && platform.shell === 'browser' ? t('postmortemExport.format.pdfBrowserHint') : t(`postmortemExport.format.${value}Hint`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const chosen = zone.trim();
    if (!isTimeZone(chosen)) {
      setZoneError(t('postmortemExport.zoneInvalid', { zone: chosen }));
      return;
    }
    setZoneError(undefined);
    setProblem(null);
    setBusy(true);
    const outcome = await exportPostmortem(db, platform, { incidentId, format, zone: chosen });
    setBusy(false);
    if (outcome.status === 'saved') {
      await notify(platform, { tone: 'success', title: t('postmortemExport.saved', { location: outcome.location }) });
      onClose();
    } else if (outcome.status === 'printDialog') {
      onClose();
    } else {
      // Cancelled in the save dialog: the choices stay, ready for another try.
      setProblem(outcomeProblem(outcome));
    }
  };

  return (
    <Dialog title={t('postmortemExport.dialogTitle')} description={t('postmortemExport.dialogHint')} onClose={onClose}>
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <fieldset className="choice-group">
          <legend>{t('postmortemExport.formatLegend')}</legend>
          {EXPORT_FORMATS.map((value) => (
            <label key={value} className="choice">
              <input type="radio" name={`${id}-format`} value={value} checked={format === value} onChange={() => setFormat(value)} {...(format === value ? { 'data-autofocus': true } : {})} />
              <span>
                {t(`postmortemExport.format.${value}`)}
                <span className="choice-note"> · {hint(value)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field id={zoneId} label={t('postmortemExport.zoneLabel')} error={zoneError}>
          <input
            id={zoneId}
            value={zone}
            list={zoneList}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setZone(e.target.value)}
            {...errorProps(zoneId, zoneError)}
            aria-describedby={zoneError ? `${zoneId}-error ${zoneHintId}` : zoneHintId}
          />
          <p id={zoneHintId} className="field-hint">
            {t('postmortemExport.zoneHint')}
          </p>
        </Field>
        <datalist id={zoneList}>
          {zones.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {busy && <p role="status">{t('postmortemExport.working')}</p>}
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('postmortemExport.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {t('postmortemExport.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
