/** The commands every page of the console offers: going places, the palette and its help, declaring, importing, language. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';

import { incidentRoute } from '@shared/platform/routes';

import { useDatabase } from '../../app/DatabaseContext';
import { navigate, ROUTES, useRoute } from '../../app/router';
import { useCommands, type Command } from '../../commands/registry';
import { listOpenIncidents } from '../../db/queries';
import { getChosenLocale, LOCALE_NAMES, LOCALES, setLocale } from '../../i18n/locale';
import { usePlatform } from '../../platform/PlatformContext';
import { openDeclare, openDrill, openPalette, openProfile, openShortcutHelp } from '../../state/uiStore';
import { DECLARE_KEY, PALETTE_CHORD } from '../../ui/shortcuts';
import { importFromFile } from '../exchange/incidentFiles';
import { openSearch, SEARCH_KEY } from '../search/searchNavigation';

export function useConsoleCommands(): void {
  const db = useDatabase();
  const platform = usePlatform();
  const route = useRoute();
  const incidents = useLiveQuery(() => listOpenIncidents(db), [db]);
  const shownIncident = route.name === 'incident' ? route.id : null;

  const commands = useMemo((): Command[] => {
    // Already ordered by priority.
    const open = (incidents ?? []).filter((i) => i.id !== shownIncident);
    return [
      { id: 'console.palette', label: { key: 'palette.cmd.palette' }, group: 'console', keys: [PALETTE_CHORD], listed: false, run: () => openPalette() },
      { id: 'console.help', label: { key: 'palette.cmd.help' }, group: 'console', keys: [{ key: '?' }], run: openShortcutHelp },
      { id: 'incidents.declare', label: { key: 'palette.cmd.declare' }, group: 'incidents', keys: [DECLARE_KEY], run: openDeclare },
      { id: 'incidents.drill', label: { key: 'drills.start' }, group: 'incidents', run: openDrill },
      ...open.map(
        (incident): Command => ({
          id: `incidents.goTo.${incident.id}`,
          label: { key: 'palette.cmd.goToIncident', values: { title: incident.title } },
          group: 'incidents',
          run: () => navigate(incidentRoute(incident.id)),
        }),
      ),
      { id: 'console.incidents', label: { key: 'palette.cmd.incidents' }, group: 'console', run: () => navigate(ROUTES.incidents) },
      { id: 'console.search', label: { key: 'search.cmd.open' }, group: 'console', keys: [SEARCH_KEY], run: openSearch },
      { id: 'console.alerts', label: { key: 'palette.cmd.alerts' }, group: 'console', run: () => navigate(ROUTES.alerts) },
      { id: 'console.oncall', label: { key: 'palette.cmd.oncall' }, group: 'console', run: () => navigate(ROUTES.oncall) },
      { id: 'console.settings', label: { key: 'palette.cmd.settings' }, group: 'console', run: () => navigate(ROUTES.settings) },
      { id: 'console.sync', label: { key: 'palette.cmd.sync' }, group: 'console', run: () => navigate(ROUTES.sync) },
      { id: 'console.profile', label: { key: 'palette.cmd.profile' }, group: 'console', run: openProfile },
      { id: 'console.import', label: { key: 'palette.cmd.import' }, group: 'console', run: () => importFromFile(db, platform) },
      // Each language offered in itself, so someone who cannot read the screen still finds theirs.
      ...LOCALES.map(
        (locale): Command => ({
          id: `console.language.${locale}`,
          label: { key: 'palette.cmd.language', values: { name: LOCALE_NAMES[locale] }, locale },
          group: 'console',
          when: () => getChosenLocale() !== locale,
          run: () => setLocale(locale),
        }),
      ),
    ];
  }, [db, platform, incidents, shownIncident]);

  useCommands(commands);
}
