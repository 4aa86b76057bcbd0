import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef } from 'react';

import { incidentEndedAt } from '@shared/domain/incident';
import { parseTimelineFilter } from '@shared/domain/timelineFilter';

import { useDatabase } from '../../app/DatabaseContext';
import { lazyView } from '../../app/lazyView';
import { NotFound } from '../../app/NotFound';
import type { IncidentView } from '../../app/router';
import { commandForKey } from '../../commands/registry';
import { getIncidentView } from '../../db/queries';
import { t } from '../../i18n/i18n';
import { openProfile, setDraft, useUiStore } from '../../state/uiStore';
import { handlesOwnKeys, isInDialog, isTypingTarget } from '../../ui/keyboard';
import { useProfileName } from '../profile/useProfile';
import { AmendEntryDialog } from '../timeline/AmendEntryDialog';
import { EntryComposer } from '../timeline/EntryComposer';
import { TimelineList } from '../timeline/TimelineList';
import { SimilarIncidents } from '../search/SimilarIncidents';
import { IncidentHeader } from './IncidentHeader';
import { IncidentViews } from './IncidentViews';
import { useIncidentCommands } from './useIncidentCommands';

// The incident's other views load when first shown (and soon after start in any case): the timeline comes first.
const CommsPad = lazyView(() => import('../comms/CommsPad').then((m) => m.CommsPad));
const HypothesisBoard = lazyView(() => import('../hypotheses/HypothesisBoard').then((m) => m.HypothesisBoard));
const RolesPanel = lazyView(() => import('../roles/RolesPanel').then((m) => m.RolesPanel));
const PostmortemView = lazyView(() => import('../postmortem/PostmortemView').then((m) => m.PostmortemView));
const ChecklistPanel = lazyView(() => import('../checklists/ChecklistPanel').then((m) => m.ChecklistPanel));
const WallDialog = lazyView(() => import('../wall/WallDialog').then((m) => m.WallDialog));

export function IncidentPage({ id, view: current, query }: { id: string; view: IncidentView; query: string }) {
  const db = useDatabase();
  const view = useLiveQuery(() => getIncidentView(db, id), [db, id]);
  const actor = useProfileName();
  const amending = useUiStore((s) => s.amending);
  const wallOpen = useUiStore((s) => s.wallOpen);
  const dialogOpen = useUiStore(
    (s) => s.amending !== null || s.profileOpen || s.declareOpen || s.wallOpen || s.incidentDialog !== null,
  );
  const composer = useRef<HTMLTextAreaElement>(null);
  const page = useRef<HTMLElement>(null);
  const refocus = useCallback(() => composer.current?.focus(), []);
  // Out of the entry box (Esc) to the page itself, where single-key shortcuts work.
  const focusPage = useCallback(() => page.current?.focus(), []);
  useIncidentCommands({ incident: actor === undefined ? undefined : view?.summary, actor: actor ?? '', composer });

  // The entry box is where a scribe's keystrokes go: printable keys typed anywhere else land there, shortcuts excepted.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (dialogOpen || isInDialog(event.target)) return;
      // A command's key (run by the keyboard layer, whichever of us hears it first) is not text.
      if (event.defaultPrevented || commandForKey(event)) return;
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      // Cards and buttons keep Enter and Space; other printable keys still go to the entry box.
      if ((event.key === 'Enter' || event.key === ' ') && handlesOwnKeys(event.target)) return;
      if (event.key.length === 1 && !composer.current) {
        // Typed while the page is still opening (right after declaring): kept in the draft the entry box starts from.
        event.preventDefault();
        setDraft(id, (useUiStore.getState().drafts[id] ?? '') + event.key);
        return;
      }
      if (event.key.length === 1 || event.key === 'Enter') refocus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialogOpen, refocus, id]);

  // When a dialog closes, back to the control that opened it if it asked for that, else to the entry box.
  const incidentDialog = useUiStore((s) => s.incidentDialog);
  const returnFocus = useRef<string | null>(null);
  useEffect(() => {
    if (incidentDialog) returnFocus.current = incidentDialog.returnFocus ?? null;
  }, [incidentDialog]);
  useEffect(() => {
    if (dialogOpen) return;
    const back = returnFocus.current ? document.getElementById(returnFocus.current) : null;
    returnFocus.current = null;
    if (back) back.focus();
    else refocus();
  }, [dialogOpen, refocus]);

  if (view === undefined || actor === undefined) {
    return <p className="page-status">{t('timeline.loading')}</p>;
  }
  if (view === null) return <NotFound />;
  const incident = view.summary;

  return (
    <section ref={page} className="incident-page" aria-labelledby="incident-title" tabIndex={-1}>
      <IncidentHeader incident={incident} actor={actor} onDone={refocus} />
      <IncidentViews incidentId={id} current={current} />
      {current === 'timeline' && (
        // "Has this happened before?" beside the timeline, not above it: the timeline keeps the screen's height.
        <div className="timeline-view">
          <TimelineList key={query} incidentId={id} initialTotal={view.timelineCount} actor={actor} filter={parseTimelineFilter(query)} />
          <SimilarIncidents incident={incident} />
        </div>
      )}
      {current === 'hypotheses' && <HypothesisBoard incidentId={id} actor={actor} />}
      {current === 'people' && <RolesPanel incidentId={id} actor={actor} endedAt={incidentEndedAt(incident)} />}
      {current === 'comms' && <CommsPad incident={incident} actor={actor} />}
      {current === 'review' && <PostmortemView incident={incident} actor={actor} />}
      {current === 'checklists' && <ChecklistPanel incident={incident} actor={actor} readOnly={!actor} />}
      {actor ? (
        <EntryComposer ref={composer} incidentId={id} actor={actor} onEscape={focusPage} />
      ) : (
        <div className="composer needs-name" role="alert">
          <p>{t('profile.required')}</p>
          <button type="button" className="button primary" onClick={openProfile} autoFocus>
            {t('profile.noName')}
          </button>
        </div>
      )}
      {wallOpen && <WallDialog incidentId={id} title={incident.title} />}
      {amending && actor && <AmendEntryDialog entryId={amending.entryId} mode={amending.mode} actor={actor} />}
    </section>
  );
}
