import { useState, type KeyboardEvent } from 'react';

import type { PostmortemSection } from '@shared/domain/events';
import type { SectionText } from '@shared/domain/postmortem';
import { LIMITS } from '@shared/domain/text';

import { useDatabase } from '../../app/DatabaseContext';
import { editSection } from '../../db/postmortemCommands';
import { formatNumber, t } from '../../i18n/i18n';
import { ConflictChoices } from '../../ui/ConflictChoices';
import { isSubmitShortcut } from '../../ui/shortcuts';

type Props = {
  incidentId: string;
  section: PostmortemSection;
  value: SectionText;
  actor: string;
  /** A first draft drawn from the log, offered while the section is empty. */
  suggestion?: string;
};

/** One written section of the post-mortem: read, edited in place (Ctrl+Enter saves, Esc cancels), conflicts chosen. */
export function SectionEditor({ incidentId, section, value, actor, suggestion }: Props) {
  const db = useDatabase();
  const [draft, setDraft] = useState<string | null>(null);
  // The versions seen when editing began: a version saved meanwhile elsewhere is kept as a conflict, not overwritten.
  const [seen, setSeen] = useState<string[]>([]);
  const [failed, setFailed] = useState(false);
  const headingId = `section-${section}-heading`;
  const inputId = `section-${section}-text`;

  const start = (text: string) => {
    setSeen(value.heads);
    setDraft(text);
    setFailed(false);
  };
  const save = async () => {
    if (draft === null) return;
    try {
      await editSection(db, { incidentId, section, text: draft, replaces: seen, actor });
      setDraft(null);
    } catch {
      setFailed(true);
    }
  };
  const keep = (id: string) => {
    const chosen = value.conflict?.find((c) => c.id === id);
    if (chosen) void editSection(db, { incidentId, section, text: chosen.text, replaces: value.heads, actor });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (isSubmitShortcut(event.nativeEvent)) {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      setDraft(null);
    }
  };

  return (
    <section className="review-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(`review.section.${section}`)}</h3>
      {draft === null ? (
        <>
          {value.text ? <p className="review-text">{value.text}</p> : <p className="review-empty">{t(`review.prompt.${section}`)}</p>}
          {value.conflict && (
            <ConflictChoices
              label={t('review.conflict')}
              values={value.conflict.map((c) => ({ id: c.id, label: c.text }))}
              keepText={() => t('review.keepVersion')}
              keepName={(text) => t('review.keepVersionNamed', { text: text.slice(0, 80) })}
              onKeep={actor ? keep : undefined}
            />
          )}
          <div className="review-section-actions">
            <button type="button" className="button small" disabled={!actor} onClick={() => start(value.text)} aria-label={t('review.editNamed', { section: t(`review.section.${section}`) })}>
              {t(value.text ? 'review.edit' : 'review.write')}
            </button>
            {!value.text && suggestion && (
              <button type="button" className="button small ghost" disabled={!actor} onClick={() => start(suggestion)}>
                {t('review.startFromLog')}
              </button>
            )}
          </div>
        </>
      ) : (
        <div className="review-editor">
          <label htmlFor={inputId} className="visually-hidden">
            {t(`review.section.${section}`)}
          </label>
          <textarea
            id={inputId}
            value={draft}
            rows={Math.min(16, Math.max(4, draft.split('\n').length + 1))}
            maxLength={LIMITS.postmortemSection}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            aria-describedby={`${inputId}-hint`}
          />
          <p id={`${inputId}-hint`} className="review-hint">
            {t('review.editorHint', { count: formatNumber(LIMITS.postmortemSection - draft.length) })}
          </p>
          <div className="review-section-actions">
            <button type="button" className="button primary small" onClick={() => void save()}>
              {t('review.save')}
            </button>
            <button type="button" className="button ghost small" onClick={() => setDraft(null)}>
              {t('review.cancel')}
            </button>
          </div>
          {failed && (
            <p className="field-error" role="alert">
              {t('review.saveFailed')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
