import type { Status } from '@shared/domain/events';
import type { Priority } from '@shared/domain/priority';

import { t } from '../i18n/i18n';

/** Priority as text and colour together: colour is never the only signal. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span className={`badge priority-${priority}`}>{t(`priority.${priority}`)}</span>;
}

export function StatusBadge({ status }: { status: Status }) {
  return <span className={`badge status status-${status}`}>{t(`status.${status}`)}</span>;
}
