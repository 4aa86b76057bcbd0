import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';

import type { EntryKind } from '@shared/domain/events';
import { LIMITS, cleanLine, cleanMultiline } from '@shared/domain/text';
import { resolveEntry } from '@shared/domain/timeline';

import { useDatabase } from '../../app/DatabaseContext';
import { correctEntry, strikeEntry } from '../../db/commands';
import { getEntry } from '../../db/queries';
import { formatNumber, t } from '../../i18n/i18n';
import { stopAmend, type AmendMode } from '../../state/uiStore';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { isSubmitShortcut } from '../../ui/shortcuts';
import { checkEntryText } from './entryInput';
import { describeEntryProblem } from './entryProblems';
import { EntryKindSelect } from './EntryKindSelect';

type Props = { entryId: string; mode: AmendMode; actor: string };

/** Correct or strike through an entry: both are new events; the original stays on the record. */
export function AmendEntryDialog({ entryId, mode, actor }: Props) {
  const db = useDatabase();
  const data = useLiveQuery(async () => {
    const entry = await getEntry(db, entryId);
    return entry ? { entry, resolved: resolveEntry(entry, await db.amendments.get(entryId)) } : null;
  }, [db, entryId]);
  const [text, setText] = useState<string | null>(null);
  const [kind, setKind] = useState<EntryKind | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (!data) return null;
  const { entry, resolved } = data;
  const currentText = text ?? resolved.text;
  const currentKind = kind ?? resolved.kind;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      if (mode === 'correct') {
        const clean = cleanMultiline(currentText);
        const problem = checkEntryText(clean);
        if (problem) return setError(describeEntryProblem(problem, clean.length));
        if (clean === resolved.text && currentKind === resolved.kind && resolved.headIds.length === 1) {
          return setError(t('amend.error.unchanged'));
        }
        await correctEntry(db, {
          incidentId: entry.incidentId,
          targetId: entry.id,
          replaces: resolved.headIds,
          kind: currentKind,
          text: clean,
          actor,
        });
      } else {
        const clean = cleanLine(reason);
        if (!clean) return setError(t('amend.error.reasonRequired'));
        if (clean.length > LIMITS.reason) return setError(t('amend.error.reasonTooLong', { max: formatNumber(LIMITS.reason) }));
        await strikeEntry(db, { incidentId: entry.incidentId, targetId: entry.id, reason: clean, actor });
      }
      stopAmend();
    } catch (failure) {
      setError(t('amend.error.failed', { reason: failure instanceof Error ? failure.message : String(failure) }));
    }
  };

  const isCorrect = mode === 'correct';
  return (
    <Dialog
      title={t(isCorrect ? 'amend.correctTitle' : 'amend.strikeTitle')}
      description={t(isCorrect ? 'amend.correctHint' : 'amend.strikeHint')}
      onClose={stopAmend}
    >
      <form
        onSubmit={submit}
        noValidate
        onKeyDown={(event) => {
          // Enter makes a new line in the text; Ctrl+Enter (Cmd+Enter) saves, as in the other writing boxes.
          if (!isSubmitShortcut(event.nativeEvent)) return;
          event.preventDefault();
          event.currentTarget.requestSubmit();
        }}
      >
        {isCorrect ? (
          <>
            <label className="field">
              <span>{t('amend.kindLabel')}</span>
              <EntryKindSelect value={currentKind} onChange={setKind} />
            </label>
            <label className="field">
              <span>{t('amend.textLabel')}</span>
              <textarea data-autofocus rows={4} value={currentText} onChange={(e) => setText(e.target.value)} />
            </label>
          </>
        ) : (
          <>
            <blockquote className="amend-quote">{resolved.text}</blockquote>
            <label className="field">
              <span>{t('amend.reasonLabel')}</span>
              <input data-autofocus value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
          </>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <DialogActions
          cancelLabel={t('amend.cancel')}
          onCancel={stopAmend}
          submitLabel={t(isCorrect ? 'amend.save' : 'amend.strike')}
          tone={isCorrect ? 'primary' : 'danger'}
        />
      </form>
    </Dialog>
  );
}
