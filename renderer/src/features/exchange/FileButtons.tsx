import type { WarroomBridge } from '@shared/platform/bridge';

import { useDatabase } from '../../app/DatabaseContext';
import type { WarroomDatabase } from '../../db/database';
import { t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import { usePlatform } from '../../platform/PlatformContext';
import { exportToFile, importFromFile, useFileWork } from './incidentFiles';

type Work = 'import' | 'export';

/** A button for one file operation: disabled while any runs, and saying so while its own does. */
export function FileWorkButton(props: {
  work: Work;
  label: MessageKey;
  busyLabel: MessageKey;
  hint?: MessageKey;
  className: string;
  run: (db: WarroomDatabase, platform: WarroomBridge) => Promise<void>;
}) {
  const db = useDatabase();
  const platform = usePlatform();
  const busy = useFileWork((s) => s.busy);
  return (
    <button
      type="button"
      className={props.className}
      title={props.hint && t(props.hint)}
      disabled={busy !== null}
      aria-busy={busy === props.work}
      onClick={() => void props.run(db, platform)}
    >
      {busy === props.work ? t(props.busyLabel) : t(props.label)}
    </button>
  );
}

/** Opens a .warroom file and merges it in. */
export function ImportButton() {
  return <FileWorkButton work="import" label="files.import" busyLabel="files.importing" hint="files.importHint" className="button" run={importFromFile} />;
}

export function ExportButton({ incidentId }: { incidentId: string }) {
  return (
    <FileWorkButton
      work="export"
      label="files.export"
      busyLabel="files.exporting"
      hint="files.exportHint"
      className="button small"
      run={(db, platform) => exportToFile(db, platform, incidentId)}
    />
  );
}
