import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';

import { HYPOTHESIS_STATUSES, type HypothesisStatus } from '@shared/domain/events';
import { moveProblem, timeBoxState, type HypothesisField, type HypothesisSummary } from '@shared/domain/hypothesis';

import { useDatabase } from '../../app/DatabaseContext';
import { incidentViewRoute } from '../../app/router';
import { keepHypothesisValue, moveHypothesis } from '../../db/hypothesisCommands';
import { listHypotheses } from '../../db/hypothesisQueries';
import { t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { useCommands, type Command } from '../../commands/registry';
import { proposeCommandId } from '../../commands/viewCommands';
import { useReadOnly } from '../../ui/ReadOnly';
import { notify } from '../notices/noticeStore';
import { DRAG_TYPE, HypothesisCard } from './HypothesisCard';
import { HypothesisDialog } from './HypothesisDialog';
import { ProposeDialog } from './ProposeDialog';
import { ReasonDialog } from './ReasonDialog';
import { failureText, fieldLabel, statusLabel, valueLabel } from './labels';
import { useNow } from '../../ui/useNow';

/** Time boxes count in minutes: a tick this often keeps "min left" honest without re-rendering for nothing. */
const TICK_MS = 15_000;

type Open =
  | { kind: 'propose' }
  | { kind: 'detail'; id: string }
  | { kind: 'reason'; id: string; to: HypothesisStatus }
  | null;

type Props = { incidentId: string; actor: string };

/**
 * The hypothesis board: one column per status, live ones first; refuted ones
 * stay in view. One live query feeds every card; cards re-render only when
 * their own hypothesis changes (or, while testing, their clock).
 */
// Memoised: the incident page re-renders on every event of the incident; the board follows only its own query.
export const HypothesisBoard = memo(function HypothesisBoard({ incidentId, actor }: Props) {
  const db = useDatabase();
  const platform = usePlatform();
  const readOnly = useReadOnly();
  const hypotheses = useLiveQuery(() => listHypotheses(db, incidentId), [db, incidentId]);
  const now = useNow(TICK_MS);
  const [open, setOpen] = useState<Open>(null);
  const closeOpen = useCallback(() => setOpen(null), []);
  // A command (H, or the palette) asks for the propose dialog, perhaps before the board is on screen.
  const boardCommands = useMemo(
    (): Command[] => [
      { id: proposeCommandId(incidentId), label: { key: 'palette.cmd.propose' }, group: 'hypotheses', listed: false, when: () => !readOnly, run: () => setOpen({ kind: 'propose' }) },
    ],
    [incidentId, readOnly],
  );
  useCommands(boardCommands);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [dropTarget, setDropTarget] = useState<HypothesisStatus | null>(null);
  const pendingFocus = useRef<{ id: string; status?: HypothesisStatus } | null>(null);
  const board = useRef<HTMLDivElement>(null);
  const helpId = useId();

  const byId = useMemo(() => new Map((hypotheses ?? []).map((h) => [h.id, h])), [hypotheses]);
  const columns = useMemo(() => {
    const grouped = new Map<HypothesisStatus, HypothesisSummary[]>(HYPOTHESIS_STATUSES.map((s) => [s, []]));
    for (const h of hypotheses ?? []) grouped.get(h.status)!.push(h);
    return grouped;
  }, [hypotheses]);
  // Callbacks that read the latest rows without changing identity, so memoised cards stay put.
  const latest = useRef(byId);
  useLayoutEffect(() => {
    latest.current = byId;
  }, [byId]);

  const tabStopId = focusedId && byId.has(focusedId) ? focusedId : (hypotheses?.[0]?.id ?? null);

  const focusCard = useCallback((id: string) => {
    const card = board.current?.querySelector<HTMLElement>(`[data-hypothesis-id="${CSS.escape(id)}"]`);
    if (card) {
      card.focus();
      setFocusedId(id);
    }
  }, []);

  // A moved card lands in another column (a new element): focus follows it once it is there and no dialog is open.
  // Before paint, so no key press falls in between; and again after effects, as a closing dialog hands focus back
  // to where it was opened from in its own cleanup.
  const applyPendingFocus = useCallback(
    (done: boolean) => {
      const pending = pendingFocus.current;
      if (!pending || open) return;
      const shown = byId.get(pending.id);
      if (!shown || (pending.status && shown.status !== pending.status)) return;
      focusCard(pending.id);
      if (done) pendingFocus.current = null;
    },
    [byId, open, focusCard],
  );
  useLayoutEffect(() => applyPendingFocus(false), [applyPendingFocus]);
  useEffect(() => applyPendingFocus(true), [applyPendingFocus]);

  // Moves on their way to the database: a second Alt+→ pressed before the board re-renders goes on from where the first one went.
  const pendingStatus = useRef(new Map<string, HypothesisStatus>());
  useEffect(() => {
    for (const [id, status] of pendingStatus.current) if (byId.get(id)?.status === status) pendingStatus.current.delete(id);
  }, [byId]);

  const move = useCallback(
    async (summary: HypothesisSummary, to: HypothesisStatus, reason: string, refocus: boolean): Promise<string | null> => {
      try {
        pendingStatus.current.set(summary.id, to);
        if (refocus) pendingFocus.current = { id: summary.id, status: to };
        await moveHypothesis(db, { hypothesisId: summary.id, to, actor, reason });
      } catch (failure) {
        pendingStatus.current.delete(summary.id);
        if (refocus) pendingFocus.current = { id: summary.id };
        const text = failureText(failure);
        setAnnouncement(text);
        return text;
      }
      setAnnouncement(t('hypotheses.announce.moved', { statement: summary.statement, status: statusLabel(to) }));
      return null;
    },
    [db, actor],
  );

  /** Every move starts here: keyboard, drag, or the card's dialog. A verdict is overturned only with a reason. */
  const requestMove = useCallback(
    (id: string, to: HypothesisStatus) => {
      const stored = latest.current.get(id);
      if (!stored) return;
      const pending = pendingStatus.current.get(id);
      const summary = pending ? { ...stored, status: pending, conflictValues: {} } : stored;
      const problem = moveProblem(summary, to, null);
      if (problem === 'unchanged') return;
      if (problem === 'reasonRequired') setOpen({ kind: 'reason', id, to });
      else void move(summary, to, '', true);
    },
    [move],
  );

  const keep = useCallback(
    async (summary: HypothesisSummary, field: HypothesisField, keepId: string) => {
      const kept = summary.conflictValues[field]?.find((c) => c.id === keepId);
      try {
        await keepHypothesisValue(db, { hypothesisId: summary.id, field, keepId, actor });
        if (kept) setAnnouncement(t('hypotheses.announce.kept', { field: fieldLabel(field).toLowerCase(), value: valueLabel(field, kept.value as never) }));
        pendingFocus.current = { id: summary.id };
      } catch (failure) {
        setAnnouncement(failureText(failure));
      }
    },
    [db, actor],
  );

  // Say so once when a time box runs out while the board is open; boxes already over when it opened are shown, not announced.
  const seenBoxes = useRef(new Map<string, string>());
  useEffect(() => {
    if (!hypotheses || readOnly) return;
    for (const h of hypotheses) {
      const box = timeBoxState(h, now);
      const key = `${h.statusSince}|${box.kind}`;
      const before = seenBoxes.current.get(h.id);
      seenBoxes.current.set(h.id, key);
      if (box.kind === 'over' && before === `${h.statusSince}|running`) {
        void notify(platform, {
          tone: 'alert',
          title: t('hypotheses.notice.timeBoxOver', { statement: h.statement }),
          detail: t('hypotheses.notice.timeBoxOverDetail', { owner: h.owner, minutes: h.probe.timeBoxMinutes }),
          route: incidentViewRoute(incidentId, 'hypotheses'),
        });
      }
    }
  }, [hypotheses, now, platform, incidentId, readOnly]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const card = event.target as HTMLElement;
    const id = card.dataset?.hypothesisId;
    if (!id || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const summary = byId.get(id);
    if (!summary) return;
    const column = columns.get(summary.status)!;
    const index = column.findIndex((h) => h.id === id);
    const statusIndex = HYPOTHESIS_STATUSES.indexOf(pendingStatus.current.get(id) ?? summary.status);

    if (event.altKey) {
      if (readOnly || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
      // Alt+arrows also mean "back/forward" to a browser: this card keeps them.
      event.preventDefault();
      const to = HYPOTHESIS_STATUSES[statusIndex + (event.key === 'ArrowLeft' ? -1 : 1)];
      if (to) requestMove(id, to);
      else setAnnouncement(t('hypotheses.announce.edge'));
      return;
    }
    let next: HypothesisSummary | undefined;
    switch (event.key) {
      case 'ArrowUp':
        next = column[index - 1];
        break;
      case 'ArrowDown':
        next = column[index + 1];
        break;
      case 'Home':
        next = column[0];
        break;
      case 'End':
        next = column[column.length - 1];
        break;
      case 'ArrowLeft':
      case 'ArrowRight': {
        // The nearest column that has cards, at the same height or its last card.
        const step = event.key === 'ArrowLeft' ? -1 : 1;
        for (let s = statusIndex + step; s >= 0 && s < HYPOTHESIS_STATUSES.length; s += step) {
          const other = columns.get(HYPOTHESIS_STATUSES[s]!)!;
          if (other.length) {
            next = other[Math.min(index, other.length - 1)];
            break;
          }
        }
        break;
      }
      case 'Enter':
        if (readOnly) return;
        event.preventDefault();
        setOpen({ kind: 'detail', id });
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next) focusCard(next.id);
  };

  const onFocus = (event: React.FocusEvent<HTMLDivElement>) => {
    const id = (event.target as HTMLElement).dataset?.hypothesisId;
    if (id) setFocusedId(id);
  };

  const onDragOver = (status: HypothesisStatus) => (event: DragEvent<HTMLElement>) => {
    if (readOnly || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (dropTarget !== status) setDropTarget(status);
  };
  const onDrop = (status: HypothesisStatus) => (event: DragEvent<HTMLElement>) => {
    setDropTarget(null);
    const id = event.dataTransfer.getData(DRAG_TYPE);
    if (readOnly || !id) return;
    event.preventDefault();
    requestMove(id, status);
  };
  const onDragLeave = (event: DragEvent<HTMLElement>) => {
    // Leaving for a child of the same column is not leaving.
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropTarget(null);
  };

  if (hypotheses === undefined) {
    return (
      <div className="workspace-view">
        <p className="page-status">{t('hypotheses.loading')}</p>
      </div>
    );
  }

  const reasonFor = open?.kind === 'reason' ? byId.get(open.id) : undefined;
  return (
    <section className="workspace-view hypothesis-view" aria-labelledby={`${helpId}-title`}>
      <header className="hypothesis-toolbar">
        <h2 id={`${helpId}-title`}>{t('hypotheses.title')}</h2>
        {!readOnly && (
          <>
            <button type="button" className="button primary" onClick={() => setOpen({ kind: 'propose' })}>
              {t('hypotheses.propose')}
            </button>
            <p id={helpId} className="hypothesis-help">
              {t('hypotheses.help')}
            </p>
          </>
        )}
      </header>
      {hypotheses.length === 0 && <p className="hypothesis-empty">{t('hypotheses.empty')}</p>}
      <div
        ref={board}
        className="hypothesis-board"
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        aria-describedby={readOnly ? undefined : helpId}
      >
        {HYPOTHESIS_STATUSES.map((status) => {
          const cards = columns.get(status)!;
          const headingId = `${helpId}-${status}`;
          return (
            <section
              key={status}
              className={`hypothesis-column column-${status}${dropTarget === status ? ' drop-target' : ''}`}
              aria-labelledby={headingId}
              data-status={status}
              onDragOver={onDragOver(status)}
              onDragEnter={onDragOver(status)}
              onDragLeave={onDragLeave}
              onDrop={onDrop(status)}
            >
              <h3 id={headingId} className="hypothesis-column-heading" aria-label={t(cards.length === 1 ? 'hypotheses.columnLabelOne' : 'hypotheses.columnLabel', { status: statusLabel(status), count: cards.length })}>
                {t('hypotheses.columnCount', { status: statusLabel(status), count: cards.length })}
              </h3>
              {cards.length === 0 ? (
                <p className="hypothesis-column-empty">{t('hypotheses.columnEmpty')}</p>
              ) : (
                <ul className="hypothesis-list">
                  {cards.map((summary) => (
                    <HypothesisCard
                      key={summary.id}
                      summary={summary}
                      now={status === 'testing' ? now : 0}
                      tabStop={summary.id === tabStopId}
                      readOnly={readOnly}
                      onKeep={keep}
                    />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {open?.kind === 'propose' && (
        <ProposeDialog
          incidentId={incidentId}
          actor={actor}
          onClose={closeOpen}
          onProposed={(id, statement) => {
            pendingFocus.current = { id };
            setAnnouncement(t('hypotheses.announce.proposed', { statement }));
            closeOpen();
          }}
        />
      )}
      {open?.kind === 'detail' && (
        <HypothesisDialog
          hypothesisId={open.id}
          actor={actor}
          onClose={() => setOpen(null)}
          onMove={async (summary, to, reason) => move(summary, to, reason, false)}
        />
      )}
      {open?.kind === 'reason' && reasonFor && (
        <ReasonDialog
          summary={reasonFor}
          to={open.to}
          onCancel={() => {
            pendingFocus.current = { id: open.id };
            setOpen(null);
          }}
          onMove={async (reason) => {
            const failure = await move(reasonFor, open.to, reason, true);
            if (!failure) setOpen(null);
            return failure;
          }}
        />
      )}
    </section>
  );
});
