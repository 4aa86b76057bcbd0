/**
 * Commands from the shell (the native menu, a file opened from the operating
 * system, a clicked notification), checked and carried out against the page
 * the operator is on.
 */
import { useEffect } from 'react';

import type { ShellCommand } from '@shared/platform/bridge';
import { shellCommandSchema } from '@shared/platform/ipcSchemas';

import { getIncidentView } from '../db/queries';
import { exportToFile, importFromFile, importOpenedFile } from '../features/exchange/incidentFiles';
import { notify } from '../features/notices/noticeStore';
import { openWall } from '../features/wall/openWall';
import { useWallPreferences } from '../features/wall/wallPreferences';
import { t } from '../i18n/i18n';
import { usePlatform } from '../platform/PlatformContext';
import { openDeclare, openProfile, openWallDialog } from '../state/uiStore';
import { useDatabase } from './DatabaseContext';
import { navigate, parseRoute } from './router';

export function useShellCommands(): void {
  const db = useDatabase();
  const platform = usePlatform();

  useEffect(() => {
    // Commands act on the page shown when they arrive, read then rather than resubscribing on every navigation.
    const incidentId = () => {
      const route = parseRoute(window.location.hash);
      return route.name === 'incident' ? route.id : null;
    };

    const run = async (command: ShellCommand) => {
      switch (command.type) {
        case 'declareIncident':
          return openDeclare();
        case 'editProfile':
          return openProfile();
        case 'importIncident':
          return importFromFile(db, platform);
        case 'incidentFileOpened':
          return importOpenedFile(db, platform, command.file);
        case 'navigate':
          return navigate(command.route);
        case 'exportIncident': {
          const id = incidentId();
          return id ? exportToFile(db, platform, id) : void notify(platform, { tone: 'info', title: t('files.export.missing') });
        }
        case 'chooseWallDisplay':
          return openWallDialog();
        case 'showWallOn': {
          // From an incident, that incident; from anywhere else, the overview of every open one.
          const id = incidentId();
          const view = id ? await getIncidentView(db, id) : null;
          const options = useWallPreferences.getState().options;
          await openWall(platform, {
            incidentId: view ? view.summary.id : null,
            displayId: command.displayId,
            mode: 'fullscreen',
            options,
            title: view ? view.summary.title : t('wall.overview.heading'),
          });
          return;
        }
      }
    };

    return platform.onCommand((raw) => {
      const parsed = shellCommandSchema.safeParse(raw);
      if (!parsed.success) {
        console.error('Ignored a malformed shell command', parsed.error);
        return;
      }
      run(parsed.data).catch((error: unknown) => console.error('Shell command failed', error));
    });
  }, [db, platform]);
}
