import type { AlertSeverity } from '@shared/domain/alerts';

import { t } from '../../i18n/i18n';

/** Severity as a word and a shape, with colour: colour is never the only signal. */
const MARK: Record<AlertSeverity, string> = { critical: '■', error: '▲', warning: '●', info: '○' };

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return (
    <span className={`badge alert-severity severity-${severity}`}>
      <span aria-hidden="true">{MARK[severity]} </span>
      {t(`alert.severity.${severity}`)}
    </span>
  );
}
