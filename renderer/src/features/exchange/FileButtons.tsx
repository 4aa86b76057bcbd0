import { useDatabase } from '../../app/DatabaseContext';
import { t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { exportToFile, importFromFile, useFileWork } from './incidentFiles';

/** Opens a .warroom file and merges it in; says "Importing…" while it works. */
export function ImportButton() {
  const db = useDatabase();
  const platform = usePlatform();
  const busy = useFileWork((s) => s.busy);
  return (
    <button
      type="button"
      className="button"
      title={t('files.importHint')}
      disabled={busy !== null}
      aria-busy={busy === 'import'}
      onClick={() => void importFromFile(db, platform)}
    >
      {busy === 'import' ? t('files.importing') : t('files.import')}
    </button>
  );
}

export function ExportButton({ incidentId }: { incidentId: string }) {
  const db = useDatabase();
  const platform = usePlatform();
  const busy = useFileWork((s) => s.busy);
  return (
    <button
      type="button"
      className="button small"
      title={t('files.exportHint')}
      disabled={busy !== null}
      aria-busy={busy === 'export'}
      onClick={() => void exportToFile(db, platform, incidentId)}
    >
      {busy === 'export' ? t('files.exporting') : t('files.export')}
    </button>
  );
}
