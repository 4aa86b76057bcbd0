import { useEffect } from 'react';

import { t } from '../../i18n/i18n';
import { dismissNotice, useNoticeStore, type Notice } from './noticeStore';

/** Quiet notices leave on their own; errors and alerts wait for the operator. */
const QUIET_MS = 8000;

const TONE_LABEL = {
  success: 'notice.tone.success',
  info: 'notice.tone.info',
  error: 'notice.tone.error',
  alert: 'notice.tone.alert',
} as const;

function NoticeItem({ notice }: { notice: Notice }) {
  const quiet = notice.tone === 'success' || notice.tone === 'info';
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
 * Alerts and errors interrupt a screen reader (role=alert is announced when it
 * appears); the rest wait their turn in a status region that is always present,
 * so no announcement is lost on mount.
 */
export function NoticeArea() {
  const notices = useNoticeStore((s) => s.notices);
  const urgent = notices.filter((n) => n.tone === 'alert' || n.tone === 'error');
  const quiet = notices.filter((n) => n.tone === 'success' || n.tone === 'info');
  return (
    <div className="notice-area">
      {urgent.length > 0 && (
        <div role="alert" aria-label={t('notice.urgentRegion')}>
          <ul className="notice-list">
            {urgent.map((notice) => (
              <NoticeItem key={notice.id} notice={notice} />
            ))}
          </ul>
        </div>
      )}
      <div role="status" aria-label={t('notice.region')}>
        <ul className="notice-list">
          {quiet.map((notice) => (
            <NoticeItem key={notice.id} notice={notice} />
          ))}
        </ul>
      </div>
    </div>
  );
}
