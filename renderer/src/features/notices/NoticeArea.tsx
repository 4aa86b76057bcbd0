import { useEffect, useState } from 'react';

import { formatNumber, t } from '../../i18n/i18n';
import { dismissNotice, useNoticeStore, type Notice } from './noticeStore';

/** Quiet notices leave on their own; errors and alerts wait for the operator. */
const QUIET_MS = 8000;

const TONE_LABEL = {
  success: 'notice.tone.success',
  info: 'notice.tone.info',
  error: 'notice.tone.error',
  alert: 'notice.tone.alert',
} as const;

const isUrgent = (notice: Notice) => notice.tone === 'alert' || notice.tone === 'error';

function NoticeItem({ notice }: { notice: Notice }) {
  const quiet = !isUrgent(notice);
  useEffect(() => {
    if (!quiet) return;
    const timer = setTimeout(() => dismissNotice(notice.id), QUIET_MS);
    return () => clearTimeout(timer);
  }, [notice.id, quiet]);

  return (
    <li className={`notice notice-${notice.tone}`}>
      {/* The tone is said in words too: colour alone would not carry it. */}
      <span className="notice-tone">{t(TONE_LABEL[notice.tone])}</span>
      <div className="notice-body">
        <p className="notice-title">{notice.title}</p>
        {notice.detail && <p className="notice-detail">{notice.detail}</p>}
      </div>
      {notice.route && (
        <a className="button small" href={notice.route} onClick={() => dismissNotice(notice.id)}>
          {t('notice.open')}
        </a>
      )}
      <button type="button" className="button small ghost" onClick={() => dismissNotice(notice.id)} aria-label={t('notice.dismiss', { title: notice.title })}>
        ×
      </button>
    </li>
  );
}

/**
 * Alerts and errors, in one band across the top of the page, in the flow: it
 * pushes the page down rather than covering any of it. Folded (as it starts)
 * it is one line, the newest alert and the count; opened it lists them all.
 * Each is said to screen readers as it arrives.
 */
export function AlertBand() {
  const notices = useNoticeStore((s) => s.notices);
  const [open, setOpen] = useState(false);
  const urgent = notices.filter(isUrgent);
  const newest = urgent.at(-1);
  if (!newest) return null;
  const count = urgent.length === 1 ? t('notice.alertCountOne') : t('notice.alertCount', { count: formatNumber(urgent.length) });
  const shown = open ? urgent : [newest];
  return (
    <section className={open ? 'alert-band open' : 'alert-band'} aria-label={t('notice.urgentRegion')}>
      <p className="alert-band-count">{count}</p>
      {/* Announced as each arrives (role=alert is read out when its content changes). */}
      <div role="alert" aria-label={t('notice.urgentRegion')} className="alert-band-list">
        <ul className="notice-list">
          {shown.map((notice) => (
            <NoticeItem key={notice.id} notice={notice} />
          ))}
        </ul>
      </div>
      {urgent.length > 1 && (
        <div className="alert-band-actions">
          <button type="button" className="button small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t('notice.fold') : t('notice.showAll', { count: formatNumber(urgent.length) })}
          </button>
          {open && (
            <button type="button" className="button small ghost" onClick={() => urgent.forEach((notice) => dismissNotice(notice.id))}>
              {t('notice.dismissAll')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/**
 * Quiet notices (done, note) at the foot of the screen, above the entry box;
 * they leave on their own. A status region always present, so no announcement
 * is lost on mount.
 */
export function NoticeToasts() {
  const notices = useNoticeStore((s) => s.notices);
  const quiet = notices.filter((notice) => !isUrgent(notice));
  return (
    <div className="notice-area" role="status" aria-label={t('notice.region')}>
      <ul className="notice-list">
        {quiet.map((notice) => (
          <NoticeItem key={notice.id} notice={notice} />
        ))}
      </ul>
    </div>
  );
}
