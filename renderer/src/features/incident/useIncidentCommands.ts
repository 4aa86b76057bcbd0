/**
 * What can be done on an incident's page, as commands: its actions and views,
 * and, from the live data, a status to set, each role to assign and each
 * audience to write to. Registered once the incident is shown.
 */
import { useMemo, type RefObject } from 'react';

import { STATUSES, isFinalStatus } from '@shared/domain/events';
import type { IncidentSummary } from '@shared/domain/incident';

import { useDatabase } from '../../app/DatabaseContext';
import { INCIDENT_VIEWS, incidentViewRoute, navigate, type IncidentView } from '../../app/router';
import { requestCommand, useCommands, type Command } from '../../commands/registry';
import { proposeCommandId, writeDraftCommandId } from '../../commands/viewCommands';
import { changeStatus } from '../../db/commands';
import { lastEntryId } from '../../db/queries';
import { markEntry } from '../../db/postmortemCommands';
import { audienceName, roleName } from '../../i18n/defaultNames';
import { t } from '../../i18n/i18n';
import { usePlatform } from '../../platform/PlatformContext';
import { selectAudience } from '../../state/commsDrafts';
import { openIncidentDialog, openPalette, openWallDialog, startAmend, type AmendMode } from '../../state/uiStore';
import { TIER_CHORD, viewChord, WALL_CHORD } from '../../ui/shortcuts';
import { exportToFile } from '../exchange/incidentFiles';
import { openRolesDialog } from '../roles/rolesRequest';
import { useOrganisation } from '../../ui/useOrganisation';

type Options = {
  /** Undefined while the page is still opening: nothing is registered, so keys typed then reach the entry box. */
  incident: IncidentSummary | undefined;
  actor: string;
  composer: RefObject<HTMLTextAreaElement | null>;
};

export function useIncidentCommands({ incident, actor, composer }: Options): void {
  const db = useDatabase();
  const platform = usePlatform();
  const organisation = useOrganisation();

  const commands = useMemo((): Command[] => {
    if (!incident) return [];
    const id = incident.id;
    const show = (view: IncidentView) => navigate(incidentViewRoute(id, view));
    // Writing needs a name on record: without one the page asks for it instead of offering these.
    const named = () => actor !== '';
    const amendLast = async (mode: AmendMode) => {
      const last = await lastEntryId(db, id);
      if (last) startAmend(last, mode);
    };
    const roles = organisation?.settings.roles ?? [];
    const audiences = organisation?.settings.audiences ?? [];

    return [
      { id: 'incident.entryBox', label: { key: 'palette.cmd.entryBox' }, group: 'incident', keys: [{ key: 'l' }], when: named, run: () => composer.current?.focus() },
      { id: 'incident.priority', label: { key: 'palette.cmd.priority' }, group: 'incident', keys: [{ key: 'p' }], run: () => openIncidentDialog({ kind: 'priority' }) },
      { id: 'incident.tier', label: { key: 'palette.cmd.tier' }, group: 'incident', keys: [{ key: 'e' }, TIER_CHORD], run: () => openIncidentDialog({ kind: 'tier' }) },
      { id: 'incident.wall', label: { key: 'palette.cmd.wall' }, group: 'incident', keys: [{ key: 'w' }, WALL_CHORD], run: openWallDialog },
      { id: 'incident.export', label: { key: 'palette.cmd.export' }, group: 'incident', keys: [{ key: 'x' }], run: () => exportToFile(db, platform, id) },
      { id: 'checklists.attach', label: { key: 'palette.cmd.attachRunbook' }, group: 'incident', keys: [{ key: 'a' }], when: named, run: () => openIncidentDialog({ kind: 'attachRunbook' }) },
      { id: 'incident.bridges', label: { key: 'palette.cmd.bridges' }, group: 'incident', keys: [{ key: 'b' }], when: named, run: () => openIncidentDialog({ kind: 'bridges' }) },
      // The last entry is the one a scribe most often needs to fix or flag, straight after logging it.
      { id: 'timeline.correctLast', label: { key: 'palette.cmd.correctLast' }, group: 'incident', when: named, run: () => amendLast('correct') },
      { id: 'timeline.strikeLast', label: { key: 'palette.cmd.strikeLast' }, group: 'incident', when: named, run: () => amendLast('strike') },
      {
        id: 'timeline.markLastKey',
        label: { key: 'palette.cmd.markLastKey' },
        group: 'incident',
        keys: [{ key: 'k' }],
        when: named,
        run: async () => {
          const last = await lastEntryId(db, id);
          if (last) await markEntry(db, { incidentId: id, targetId: last, key: true, actor });
        },
      },
      ...INCIDENT_VIEWS.map(
        (view, index): Command => ({
          id: `incident.view.${view}`,
          label: { key: `palette.cmd.view.${view}` },
          group: 'views',
          keys: [{ key: String(index + 1) }, viewChord(index)],
          run: () => show(view),
        }),
      ),
      ...STATUSES.filter((status) => status !== incident.status).map(
        (status): Command => ({
          id: `incident.setStatus.${status}`,
          label: { key: 'palette.cmd.setStatus', values: { status: t(`status.${status}`) } },
          group: 'status',
          when: named,
          // Resolving and closing ask first, for the note that says why.
          run: () => (isFinalStatus(status) ? openIncidentDialog({ kind: 'status', status }) : changeStatus(db, id, status, actor)),
        }),
      ),
      {
        id: 'hypotheses.propose',
        label: { key: 'palette.cmd.propose' },
        group: 'hypotheses',
        keys: [{ key: 'h' }],
        when: named,
        run: () => {
          show('hypotheses');
          requestCommand(proposeCommandId(id));
        },
      },
      {
        id: 'people.assign',
        label: { key: 'palette.cmd.assignRole' },
        group: 'people',
        keys: [{ key: 'r' }],
        when: named,
        run: () => {
          show('people');
          openPalette({ scope: 'assignRole' });
        },
      },
      {
        id: 'people.page',
        label: { key: 'palette.cmd.page' },
        group: 'people',
        keys: [{ key: 'g' }],
        when: named,
        run: () => {
          show('people');
          openRolesDialog(id, { kind: 'page' });
        },
      },
      ...roles.map(
        (role): Command => ({
          id: `people.assign.${role.id}`,
          label: { key: 'palette.cmd.assignRoleTo', values: { role: roleName(role) } },
          group: 'assignRole',
          when: named,
          run: () => {
            show('people');
            openRolesDialog(id, { kind: 'assign', role: role.id });
          },
        }),
      ),
      {
        id: 'comms.draft',
        label: { key: 'palette.cmd.draft' },
        group: 'comms',
        keys: [{ key: 'm' }],
        run: () => {
          show('comms');
          requestCommand(writeDraftCommandId(id));
        },
      },
      ...audiences.map(
        (audience): Command => ({
          id: `comms.draft.${audience.id}`,
          label: { key: 'palette.cmd.draftTo', values: { audience: audienceName(audience) } },
          group: 'comms',
          run: () => {
            selectAudience(id, audience.id);
            show('comms');
            requestCommand(writeDraftCommandId(id));
          },
        }),
      ),
    ];
  }, [incident, actor, composer, db, platform, organisation]);

  useCommands(commands);
}
