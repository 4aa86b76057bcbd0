import { ROUTES } from '../../app/router';
import { countNeedingAttention } from '../../db/alertQueries';
import { formatNumber, t } from '../../i18n/i18n';
import { useFiringGroups, useMinuteClock } from './useAlertGroups';

/** The app bar's way to the inbox, with the number of firing groups nobody has taken on: a number, not only a colour. */
export function AlertInboxLink({ current }: { current: boolean }) {
  const firing = useFiringGroups();
  const now = useMinuteClock();
  const waiting = firing ? countNeedingAttention(firing, now) : 0;
  return (
    <a
      className={waiting > 0 ? 'button ghost alerts-link has-waiting' : 'button ghost alerts-link'}
      href={ROUTES.alerts}
      aria-current={current ? 'page' : undefined}
      aria-label={waiting > 0 ? t('alerts.navWaiting', { count: formatNumber(waiting) }) : undefined}
    >
      {t('alerts.nav')}
      {waiting > 0 && (
        <span className="alerts-link-count" aria-hidden="true">
          {formatNumber(waiting)}
        </span>
      )}
    </a>
  );
}
