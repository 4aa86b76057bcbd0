/**
 * The console's one IndexedDB database. Versions are only ever added, never
 * edited: each new version states its stores and the upgrade that carries
 * existing data forward.
 */
import type { Transaction } from 'dexie';

import { parseEventId } from '@shared/domain/ids';

import type { IncidentRow } from './types';

export type SchemaVersion = {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
};

export const DATABASE_NAME = 'warroom';

export const SCHEMA_VERSIONS: SchemaVersion[] = [
  {
    version: 1,
    stores: {
      // The log. `tl` (timeline key) is set only on events shown on the timeline, so only they enter that index.
      events: '&id, [incidentId+tl], type',
      // Local events not yet acknowledged by a sync peer.
      outbox: '&id',
      // Projections, rebuildable from the log.
      incidents: '&id, declaredAt',
      amendments: '&targetId, incidentId',
      // Device identity, counters, projection version, local profile.
      meta: '&key',
    },
  },
  {
    version: 2,
    stores: {
      // Every event of one incident, in clock order: what an export writes and a sync peer asks for.
      events: '&id, [incidentId+tl], [incidentId+hlc], type',
    },
  },
  {
    version: 3,
    stores: {
      // The war-room workspace's projections: one row per hypothesis, one roster (roles and engagement) per incident.
      hypotheses: '&id, incidentId',
      rosters: '&incidentId',
    },
  },
  {
    version: 4,
    stores: {
      // The communications record (a projection), and this console's own delivery attempts (not one: never rebuilt).
      messages: '&id, incidentId, state',
      deliveries: '&messageId',
    },
  },
  {
    version: 5,
    stores: {
      // Each device's events in its own order: what a sync peer lacks is a range of this index.
      events: '&id, [incidentId+tl], [incidentId+hlc], type, [deviceId+deviceSeq]',
      // Events a hub refused for good, kept aside with its reason (they stay in the log here).
      refused: '&id',
    },
  },
  {
    version: 6,
    stores: {
      // After the incident: the post-mortem's written sections, and action items tracked across incidents.
      postmortems: '&incidentId',
      actionItems: '&id, incidentId, status',
      // What the metrics need of each incident, folded as events arrive so the dashboard reads one row per incident.
      incidentFacts: '&incidentId',
      // Rows with a field in conflict carry `conflicted: 1` (absent otherwise), so the sync indicator counts through a small index.
      incidents: '&id, declaredAt, conflicted',
      hypotheses: '&id, incidentId, conflicted',
    },
  },
  {
    version: 7,
    stores: {
      // Events taken in but not kept in the log (refused, unstorable, not applicable, or another content under a known id).
      // Keyed by arrival, as one id may be set aside more than once; `at` orders the list and prunes the oldest.
      quarantine: '++key, id, at',
    },
  },
  {
    version: 8,
    stores: {
      // Without the `type` index nothing read: every index is written with each of the log's events, and a bootstrap writes tens of thousands.
      events: '&id, [incidentId+tl], [incidentId+hlc], [deviceId+deviceSeq]',
    },
  },
  {
    // IndexedDB cannot change a store's key: the outbox moves aside here and comes back keyed anew in the next version.
    version: 9,
    stores: { outbox: null, outboxMoving: '[deviceId+deviceSeq]' },
    upgrade: async (tx) => {
      const rows = (await tx.table<{ id: string; queuedAt: number }>('outbox').toArray()).flatMap((row) => {
        const named = parseEventId(row.id);
        return named ? [{ ...named, id: row.id, queuedAt: row.queuedAt }] : [];
      });
      await tx.table('outboxMoving').bulkAdd(rows);
    },
  },
  {
    version: 10,
    stores: {
      // Keyed by device and sequence number, so an acknowledged run leaves it as one key range, not one delete per event.
      outbox: '[deviceId+deviceSeq]',
      outboxMoving: null,
    },
    upgrade: async (tx) => {
      await tx.table('outbox').bulkAdd(await tx.table('outboxMoving').toArray());
    },
  },
  {
    version: 11,
    stores: {
      // The list reads open incidents and a page of past ones, and the watchers open ones only: each row
      // carries the whole folded state, and reading a thousand of them took a second at every start.
      incidents: '&id, declaredAt, conflicted, open, [pastRank+declaredAt]',
    },
    // Written out here, not shared with the projection: an upgrade must do what it did when it shipped.
    upgrade: async (tx) => {
      await tx
        .table<IncidentRow>('incidents')
        .toCollection()
        .modify((row) => {
          const status = row.summary?.status;
          if (status === undefined) return;
          if (status === 'resolved' || status === 'closed') row.pastRank = status === 'resolved' ? 1 : 0;
          else row.open = 1;
        });
    },
  },
  {
    version: 12,
    stores: {
      // Alert groups from monitoring, folded from alert events; the inbox reads the firing ones.
      alertGroups: '&id, firing, lastAt',
    },
  },
  {
    version: 13,
    stores: {
      // Each incident's checklists from runbooks, with every step's latest mark.
      checklists: '&incidentId',
    },
  },
  {
    version: 14,
    stores: {
      // Each exercise incident's drill: the scenario it plays and the injects played.
      drills: '&incidentId',
    },
  },
];

/**
 * Version of the fold that produced the projections. Bump it whenever the fold
 * changes: projections are then rebuilt from the log on next open.
 */
export const PROJECTION_VERSION = 7;
