import { useCallback, useRef, useState } from 'react';

import { formatNumber, t } from '../../i18n/i18n';
import { ROUTES } from '../../app/router';
import { countNeedingAttention } from '../../db/alertQueries';
import type { AlertGroupRow } from '../../db/types';
import { AlertGroupCard, type GroupAction } from './AlertGroupCard';
import { AlertGroupDialog } from './AlertGroupDialogs';
import { useFiringGroups, useMinuteClock, useResolvedGroups } from './useAlertGroups';

/**
 * The alert inbox: what monitoring says is wrong, grouped, most urgent first.
 * From a group, by keyboard: declare an incident, attach it to one, acknowledge or silence it.
 */
export function AlertInboxPage() {
  const firing = useFiringGroups();
  const resolved = useResolvedGroups();
  const now = useMinuteClock();
  const [open, setOpen] = useState<{ action: GroupAction; group: AlertGroupRow } | null>(null);
  const list = useRef<HTMLDivElement>(null);

  /** Arrow keys move between the groups' cards, in the order shown. */
  const move = useCallback((from: HTMLElement, step: 1 | -1) => {
    const cards = [...(list.current?.querySelectorAll<HTMLElement>('[data-alert-group]') ?? [])];
    cards[cards.indexOf(from) + step]?.focus();
  }, []);

  const waiting = firing ? countNeedingAttention(firing, now) : 0;
  return (
    <section className="page alerts-page" aria-labelledby="alerts-heading">
      <header className="page-header">
        <h1 id="alerts-heading">{t('alerts.heading')}</h1>
        <p className="review-hint">{t('alerts.pageHint')}</p>
      </header>
      {firing && (
        <p className="alerts-count" role="status">
          {t('alerts.count', { firing: formatNumber(firing.length), waiting: formatNumber(waiting) })}
        </p>
      )}
      <div ref={list}>
        <h2 className="alerts-section">{t('alerts.firingHeading')}</h2>
        {firing && firing.length === 0 && (
          <div className="alerts-empty">
            <p>{t('alerts.noneFiring')}</p>
            <p className="review-hint">
              {t('alerts.noneFiringHint')} <a href={ROUTES.settings}>{t('alerts.toIntegrations')}</a>
            </p>
          </div>
        )}
        {firing && firing.length > 0 && (
          <ul className="alert-groups">
            {firing.map((group) => (
              <AlertGroupCard key={group.id} group={group} now={now} onAction={(action) => setOpen({ action, group })} onMove={move} />
            ))}
          </ul>
        )}
        {resolved && resolved.length > 0 && (
          <>
            <h2 className="alerts-section">{t('alerts.resolvedHeading')}</h2>
            <ul className="alert-groups resolved">
              {resolved.map((group) => (
                <AlertGroupCard key={group.id} group={group} now={now} onAction={(action) => setOpen({ action, group })} onMove={move} />
              ))}
            </ul>
          </>
        )}
      </div>
      {open && <AlertGroupDialog action={open.action} group={open.group} onClose={() => setOpen(null)} />}
    </section>
  );
}
