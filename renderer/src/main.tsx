import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App, preloadStartView } from './app/App';
import { DatabaseProvider } from './app/DatabaseContext';
import { ErrorBoundary } from './app/ErrorBoundary';
import { WarroomDatabase } from './db/database';
import { localeReady } from './i18n/locale';
import './styles/app.css';
import './styles/workspace.css';
import './styles/comms.css';
import './styles/hypotheses.css';
import './styles/roles.css';
import './styles/settings.css';
import './styles/palette.css';
import './styles/wall.css';
import './styles/search.css';
import './styles/metrics.css';
import './styles/alerts.css';
import './styles/oncall.css';
import './styles/review.css';
import './styles/checklists.css';

const db = new WarroomDatabase();

if (import.meta.env.MODE === 'bench') {
  void import('./testing/benchHooks').then(({ installBenchHooks }) => installBenchHooks(db));
}

// In a browser, keep the console's own files available with no network. (Under app:// they are local already.)
if (import.meta.env.PROD && 'serviceWorker' in navigator && location.protocol.startsWith('http')) {
  navigator.serviceWorker.register('./sw.js').catch((error: unknown) => console.warn('Offline cache unavailable', error));
}

preloadStartView(window.location.hash);
// The database starts opening now, beside the language and the view's file; the console's open waits for the same
// open and says why if it failed.
db.open().catch(() => {});

// A console that speaks Danish loads its catalogue first, so its first screen is not English for a moment.
// (Not a top-level await: that would stop the bundler merging the start-up files into a few.)
void localeReady().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ErrorBoundary>
        <DatabaseProvider db={db}>
          <App />
        </DatabaseProvider>
      </ErrorBoundary>
    </StrictMode>,
  ),
);
