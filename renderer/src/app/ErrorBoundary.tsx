import { Component, type ErrorInfo, type ReactNode } from 'react';

import { t } from '../i18n/i18n';

type Props = { children: ReactNode };
type State = { error: Error | null };

/** Last line of defence: a rendering failure shows a way out, and the log on disk is untouched. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Console crashed while rendering', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="center-screen" role="alert">
        <h1>{t('app.crashed')}</h1>
        <p>{t('app.crashedHint')}</p>
        <pre className="error-detail">{this.state.error.message}</pre>
        <button type="button" className="button primary" onClick={() => window.location.reload()}>
          {t('app.reload')}
        </button>
      </main>
    );
  }
}
