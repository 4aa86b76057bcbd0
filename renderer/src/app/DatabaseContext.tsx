import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

import type { WarroomDatabase } from '../db/database';
import { openDatabase, type RebuildProgress } from '../db/eventStore';
import { t } from '../i18n/i18n';

const DatabaseContext = createContext<WarroomDatabase | null>(null);

export function useDatabase(): WarroomDatabase {
  const db = useContext(DatabaseContext);
  if (!db) throw new Error('useDatabase must be used inside <DatabaseProvider>');
  return db;
}

type OpenState = { phase: 'opening'; progress: RebuildProgress | null } | { phase: 'ready' } | { phase: 'failed'; error: string };

/** Opens the database (rebuilding projections if the fold changed) before showing the console. */
export function DatabaseProvider({ db, children }: { db: WarroomDatabase; children: ReactNode }) {
  const [state, setState] = useState<OpenState>({ phase: 'opening', progress: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    openDatabase(db, (progress) => !cancelled && setState({ phase: 'opening', progress }))
      .then(() => !cancelled && setState({ phase: 'ready' }))
      .catch((error: unknown) => !cancelled && setState({ phase: 'failed', error: String(error) }));
    return () => {
      cancelled = true;
    };
  }, [db, attempt]);

  if (state.phase === 'ready') return <DatabaseContext.Provider value={db}>{children}</DatabaseContext.Provider>;
  if (state.phase === 'failed') {
    return (
      <main className="center-screen" role="alert">
        <h1>{t('app.openFailed')}</h1>
        <p>{t('app.openFailedHint')}</p>
        <pre className="error-detail">{state.error}</pre>
        <button type="button" className="button primary" onClick={() => setAttempt((n) => n + 1)}>
          {t('app.retry')}
        </button>
      </main>
    );
  }
  return (
    <main className="center-screen" aria-busy="true">
      <p role="status">
        {state.progress
          ? t('app.rebuilding', { done: state.progress.done, total: state.progress.total })
          : t('app.opening')}
      </p>
    </main>
  );
}
