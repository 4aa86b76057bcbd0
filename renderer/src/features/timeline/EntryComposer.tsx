import { forwardRef, useEffect, useId, useState, type KeyboardEvent } from 'react';

import type { EntryKind } from '@shared/domain/events';

import { useDatabase } from '../../app/DatabaseContext';
import { bindingLabel } from '../../commands/keys';
import { entryAsLogged, logEntry } from '../../db/commands';
import { lastEntryId, recentEntryTexts } from '../../db/queries';
import { formatTime, t } from '../../i18n/i18n';
import { dropEntry, settleEntry, showEntry } from '../../state/shownEntries';
import { addPending, adoptDrafts, removePending, setDraft, startAmend, takePending, useUiStore } from '../../state/uiStore';
import { PALETTE_CHORD } from '../../ui/shortcuts';
import { EntryKindSelect } from './EntryKindSelect';
import { parseEntryInput, type ParsedEntry } from './entryInput';
import { describeEntryProblem } from './entryProblems';

type Props = {
  incidentId: string;
  actor: string;
  /** Esc: leave the entry box for the page, where single-key shortcuts work. */
  onEscape?: () => void;
};

/**
 * The scribe's entry box. Enter logs; the text typed so far is kept as a draft
 * (surviving a closed tab) until it is safely in the log.
 */
export const EntryComposer = forwardRef<HTMLTextAreaElement, Props>(function EntryComposer({ incidentId, actor, onEscape }, ref) {
  const db = useDatabase();
  const text = useUiStore((s) => s.drafts[incidentId] ?? '');
  const [kind, setKind] = useState<EntryKind>('note');
  const [time, setTime] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const helpId = useId();
  const messageId = useId();
  const shortcutsId = useId();

  // What closed windows left for this incident comes here (the draft written last, if this window has none);
  // entries left pending by a window that closed mid-write are put back if they never reached the log.
  useEffect(() => {
    let mounted = true;
    void adoptDrafts(incidentId).then(async () => {
      if (!mounted) return;
      const leftovers = takePending(incidentId);
      if (leftovers.length === 0) return;
      const logged = await recentEntryTexts(db, incidentId, 50);
      const lost = leftovers.map((p) => p.raw).filter((raw) => !logged.has(parseEntryInput(raw, new Date()).text));
      if (lost.length === 0) return;
      const current = useUiStore.getState().drafts[incidentId] ?? '';
      setDraft(incidentId, [...lost, current].filter(Boolean).join('\n'));
      if (mounted) setMessage(t('composer.recovered'));
    });
    return () => {
      mounted = false;
    };
  }, [db, incidentId]);

  const parse = (now: Date): ParsedEntry => parseEntryInput(text, now, { kind, at: time });

  const submit = async () => {
    const parsed = parse(new Date());
    if (parsed.problem) {
      setMessage(describeEntryProblem(parsed.problem, parsed.text.length));
      return;
    }
    // Clear the box at once so the scribe can keep typing while the entry is written;
    // if the write fails, the text comes back in front of whatever was typed since.
    // Until it is confirmed, the text is also kept as pending: a tab closed mid-write recovers it.
    const submitted = text;
    const at = time;
    const pendingKey = addPending(incidentId, submitted);
    // The write starts first, so that its requests are on their way while the page repaints;
    // the entry is on the timeline at once, marked as saving, until the durable write is done.
    const entry = { incidentId, kind: parsed.kind, text: parsed.text, actor, ...(parsed.occurredAt ? { occurredAt: parsed.occurredAt } : {}) };
    const writing = logEntry(db, entry);
    const shownKey = showEntry({ incidentId, ...entryAsLogged(entry) });
    setDraft(incidentId, '');
    setTime('');
    setMessage(null);
    try {
      const id = await writing;
      settleEntry(incidentId, shownKey, id);
      removePending(incidentId, pendingKey);
    } catch (error) {
      dropEntry(incidentId, shownKey);
      removePending(incidentId, pendingKey);
      const typedSince = useUiStore.getState().drafts[incidentId] ?? '';
      setDraft(incidentId, typedSince ? `${submitted}\n${typedSince}` : submitted);
      setTime(at);
      setMessage(t('composer.error.failed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };

  const onKeyDown = async (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      await submit();
    } else if (event.key === 'Escape' && onEscape && !event.nativeEvent.isComposing) {
      // Nothing in the box opens over it to dismiss first; the text stays as the draft.
      event.preventDefault();
      onEscape();
    } else if (event.key === 'ArrowUp' && text === '') {
      const id = await lastEntryId(db, incidentId);
      if (id) {
        event.preventDefault();
        startAmend(id, 'correct');
      }
    }
  };

  const preview = text.trim() ? parse(new Date()) : null;
  const feedback =
    message ??
    (preview && !preview.problem
      ? t('composer.preview', {
          kind: t(`entryKind.${preview.kind}`),
          time: preview.occurredAt ? t('composer.timeAt', { time: formatTime(preview.occurredAt) }) : t('composer.timeNow'),
        })
      : '');

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="composer-kind">
        <span className="visually-hidden">{t('composer.kindLabel')}</span>
        <EntryKindSelect value={kind} onChange={setKind} />
      </label>
      <label className="composer-input">
        <span className="visually-hidden">{t('composer.label')}</span>
        <textarea
          ref={ref}
          data-focus-home
          autoFocus
          rows={2}
          value={text}
          placeholder={t('composer.placeholder')}
          onChange={(e) => {
            setDraft(incidentId, e.target.value);
            if (message) setMessage(null);
          }}
          onKeyDown={onKeyDown}
          aria-describedby={`${helpId} ${messageId}${onEscape ? ` ${shortcutsId}` : ''}`}
          aria-invalid={message ? true : undefined}
        />
      </label>
      <button type="submit" className="button primary">
        {t('composer.submit')}
      </button>
      <label className="composer-time">
        <span>{t('composer.timeLabel')}</span>
        <input type="time" step={1} value={time} onChange={(e) => setTime(e.target.value)} />
      </label>
      {/* One line under the box: what Enter will log, or an error, else the help (still read out with the box). */}
      <div className={feedback ? 'composer-foot has-feedback' : 'composer-foot'}>
        <p id={messageId} className={message ? 'composer-message error' : 'composer-message'} role="status" aria-live="polite">
          {feedback}
        </p>
        <p id={helpId} className="composer-help" title={t('composer.help')}>
          {t('composer.help')}
        </p>
        {onEscape && (
          <p id={shortcutsId} className="composer-help composer-shortcuts">
            {t('palette.composerHint', { palette: bindingLabel(PALETTE_CHORD) })}
          </p>
        )}
      </div>
    </form>
  );
});
