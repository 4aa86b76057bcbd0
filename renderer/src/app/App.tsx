import { useEffect } from 'react';

import { AlertInboxLink } from '../features/alert-inbox/AlertInboxLink';
import { ChecklistWatcher } from '../features/checklists/ChecklistWatcher';
import { DrillPlayer } from '../features/drills/DrillPlayer';
import { StartDrillDialog } from '../features/drills/StartDrillDialog';
import { CadenceWatcher } from '../features/comms/CadenceWatcher';
import { DeclareIncidentDialog } from '../features/incident-list/DeclareIncidentDialog';
import { IncidentListPage } from '../features/incident-list/IncidentListPage';
import { ServiceLevelWatcher } from '../features/incident/ServiceLevelWatcher';
import { AlertBand, NoticeToasts } from '../features/notices/NoticeArea';
import { KeyboardLayer } from '../features/palette/KeyboardLayer';
import { ProfileDialog } from '../features/profile/ProfileDialog';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { useProfileName } from '../features/profile/useProfile';
import { t } from '../i18n/i18n';
import { LocaleRoot } from '../i18n/LocaleRoot';
import { openProfile, useUiStore } from '../state/uiStore';
import { AppVersion } from './AppVersion';
import { lazyView, preloadViews } from './lazyView';
import { NotFound } from './NotFound';
import { ROUTES, parseRoute, useRoute, type Route } from './router';
import { useShellCommands } from './useShellCommands';
import { useShellLanguage } from './useShellLanguage';
import { useHubSync } from './useHubSync';
import { useIdentityNotices } from './useIdentityNotices';
import { useLanguageNotices } from './useLanguageNotices';
import { useWebhookDelivery } from './useWebhookDelivery';
import { useDatabase } from './DatabaseContext';
import { usePlatform } from '../platform/PlatformContext';

// The dashboard's charts (recharts) are loaded when it is first opened, not with the console.
// An incident's page (timeline, board, roster, pad) is loaded when one is first opened: the console starts on the list.
const IncidentPage = lazyView(() => import('../features/incident/IncidentPage').then((m) => m.IncidentPage));
const AlertInboxPage = lazyView(() => import('../features/alert-inbox/AlertInboxPage').then((m) => m.AlertInboxPage));
const OnCallPage = lazyView(() => import('../features/oncall/OnCallPage').then((m) => m.OnCallPage));
const ActionItemsPage = lazyView(() => import('../features/postmortem/ActionItemsPage').then((m) => m.ActionItemsPage));
const SearchPage = lazyView(() => import('../features/search/SearchPage').then((m) => m.SearchPage));
const SettingsPage = lazyView(() => import('../features/settings/SettingsPage').then((m) => m.SettingsPage));
const SyncPage = lazyView(() => import('../features/sync/SyncPage').then((m) => m.SyncPage));
const WallDialog = lazyView(() => import('../features/wall/WallDialog').then((m) => m.WallDialog));
const WallPage = lazyView(() => import('../features/wall/WallPage').then((m) => m.WallPage));
const MetricsPage = lazyView(() => import('../features/metrics/MetricsPage').then((m) => m.MetricsPage), 'metrics.loading');

const ROUTE_VIEWS: Partial<Record<Route['name'], { preload: () => void }>> = {
  incident: IncidentPage,
  settings: SettingsPage,
  sync: SyncPage,
  search: SearchPage,
  metrics: MetricsPage,
  actions: ActionItemsPage,
  alerts: AlertInboxPage,
  oncall: OnCallPage,
  wall: WallPage,
};

/** A console started on a view of its own (a reload, a link to an incident, a wall) fetches that view's file while its database opens. */
export function preloadStartView(hash: string): void {
  ROUTE_VIEWS[parseRoute(hash).name]?.preload();
}

export function App() {
  const route = useRoute();
  const declareOpen = useUiStore((s) => s.declareOpen);
  const drillOpen = useUiStore((s) => s.drillOpen);
  const profileOpen = useUiStore((s) => s.profileOpen);
  const wallOpen = useUiStore((s) => s.wallOpen);
  const name = useProfileName();
  useShellCommands();
  useShellLanguage(route.name !== 'wall');
  const db = useDatabase();
  useWebhookDelivery(db, usePlatform(), route.name !== 'wall');
  useIdentityNotices(db, usePlatform(), route.name !== 'wall');
  useLanguageNotices(usePlatform());
  useHubSync(db, `warroom/${String(import.meta.env.VITE_APP_VERSION ?? 'dev')}`);
  useEffect(() => preloadViews(), []);

  // A wall shows incidents and nothing else: no navigation, no controls.
  if (route.name === 'wall') {
    return (
      <LocaleRoot>
        <div className="app wall">
          <main id="main" className="app-main">
            <WallPage key={route.id ?? 'overview'} id={route.id} query={route.query} />
          </main>
        </div>
      </LocaleRoot>
    );
  }

  return (
    <div className="app">
      {/* Switching language remounts the screen; the watchers below stay mounted and remember what they raised. */}
      <LocaleRoot>
        <a className="skip-link" href="#main">
          {t('app.skipToContent')}
        </a>
        <nav className="app-bar" aria-label={t('app.name')}>
          <a className="app-name" href={ROUTES.incidents}>
            {t('app.name')}
          </a>
          <a className="button ghost" href={ROUTES.search} aria-current={route.name === 'search' ? 'page' : undefined}>
            {t('search.nav')}
          </a>
          <a className="button ghost" href={ROUTES.metrics} aria-current={route.name === 'metrics' ? 'page' : undefined}>
            {t('metrics.nav')}
          </a>
          <a className="button ghost" href={ROUTES.actions} aria-current={route.name === 'actions' ? 'page' : undefined}>
            {t('actions.nav')}
          </a>
          <AlertInboxLink current={route.name === 'alerts'} />
          <a className="button ghost" href={ROUTES.oncall} aria-current={route.name === 'oncall' ? 'page' : undefined}>
            {t('oncall.nav')}
          </a>
          <span className="app-bar-spacer" />
          <SyncIndicator current={route.name === 'sync'} />
          <AppVersion />
          <a className="button ghost" href={ROUTES.settings} aria-current={route.name === 'settings' ? 'page' : undefined}>
            {t('settings.title')}
          </a>
          <button type="button" id="profile-button" className="button ghost" onClick={openProfile}>
            {name ? t('profile.loggingAs', { name }) : t('profile.noName')}
          </button>
        </nav>
        <AlertBand />
        <main id="main" className="app-main">
          {route.name === 'incident' ? (
            <IncidentPage key={route.id} id={route.id} view={route.view} query={route.query} />
          ) : route.name === 'incidents' ? (
            <IncidentListPage />
          ) : route.name === 'settings' ? (
            <SettingsPage />
          ) : route.name === 'sync' ? (
            <SyncPage />
          ) : route.name === 'search' ? (
            <SearchPage query={route.query} />
          ) : route.name === 'metrics' ? (
            <MetricsPage query={route.query} />
          ) : route.name === 'actions' ? (
            <ActionItemsPage />
          ) : route.name === 'alerts' ? (
            <AlertInboxPage />
          ) : route.name === 'oncall' ? (
            <OnCallPage />
          ) : (
            <NotFound />
          )}
        </main>
        {declareOpen && <DeclareIncidentDialog />}
        {drillOpen && <StartDrillDialog />}
        {profileOpen && <ProfileDialog />}
        {/* An incident page offers its own incident; everywhere else, the overview of all. */}
        {wallOpen && route.name !== 'incident' && <WallDialog incidentId={null} title={null} />}
        <NoticeToasts />
        <KeyboardLayer />
      </LocaleRoot>
      <ServiceLevelWatcher />
      <CadenceWatcher />
      <ChecklistWatcher />
      <DrillPlayer />
    </div>
  );
}
