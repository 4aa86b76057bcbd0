import { Dexie, type EntityTable, type Table } from 'dexie';

import { newDeviceId } from '@shared/domain/ids';

import type { Amendment } from '@shared/domain/timeline';
import { ensureIdentity } from './identity';
import { DATABASE_NAME, PROJECTION_VERSION, SCHEMA_VERSIONS } from './schema';
import type {
  AlertGroupRow,
  ActionItemRow,
  ChecklistsRow,
  DeliveryRow,
  DeviceMeta,
  DrillRow,
  HypothesisRow,
  IncidentFactsRow,
  IncidentRow,
  MessageRow,
  MetaRow,
  OutboxRow,
  PostmortemRow,
  QuarantineRow,
  RefusedRow,
  RosterRow,
  StoredEvent,
} from './types';

export class WarroomDatabase extends Dexie {
  events!: EntityTable<StoredEvent, 'id'>;
  outbox!: Table<OutboxRow, [string, number]>;
  incidents!: EntityTable<IncidentRow, 'id'>;
  amendments!: EntityTable<Amendment, 'targetId'>;
  hypotheses!: EntityTable<HypothesisRow, 'id'>;
  rosters!: EntityTable<RosterRow, 'incidentId'>;
  messages!: EntityTable<MessageRow, 'id'>;
  deliveries!: EntityTable<DeliveryRow, 'messageId'>;
  meta!: Table<MetaRow, string>;
  refused!: EntityTable<RefusedRow, 'id'>;
  quarantine!: EntityTable<QuarantineRow, 'key'>;
  postmortems!: EntityTable<PostmortemRow, 'incidentId'>;
  actionItems!: EntityTable<ActionItemRow, 'id'>;
  incidentFacts!: EntityTable<IncidentFactsRow, 'incidentId'>;
  alertGroups!: EntityTable<AlertGroupRow, 'id'>;
  checklists!: EntityTable<ChecklistsRow, 'incidentId'>;
  drills!: EntityTable<DrillRow, 'incidentId'>;
  /** The hub's clock minus this console's (hubClock.ts): belongs to this database, not to the page. */
  hubClockOffsetMs = 0;

  constructor(name: string = DATABASE_NAME) {
    // Strict durability: a logged entry must survive the tab or the app being killed a moment later.
    super(name, { chromeTransactionDurability: 'strict' });
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
    this.on('populate', (tx) => {
      const device: DeviceMeta = {
        key: 'device',
        deviceId: newDeviceId((bytes) => crypto.getRandomValues(bytes)),
        seq: 0,
        hlc: null,
      };
      tx.table('meta').add(device);
      tx.table('meta').add({ key: 'projections', version: PROJECTION_VERSION });
    });
    // The key pair is made before anything else reads or writes (WebCrypto cannot run inside a transaction).
    this.on('ready', (vipDb) => ensureIdentity(vipDb as WarroomDatabase));
  }

  async device(): Promise<DeviceMeta> {
    const device = await this.meta.get('device');
    if (!device || device.key !== 'device') throw new Error('This console has no device identity: its database is damaged.');
    return device;
  }
}
