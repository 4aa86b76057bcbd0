/** Alerts as a hub writes them (sealed by its own author), for tests of what a console does with them. */
import { ALERT_ACTOR } from '@shared/alerts/intake';
import { ORGANISATION_STREAM } from '@shared/domain/events';
import { HubAuthor, newHubSigner, type HubDraft } from '@shared/sync/hubAuthor';
import { MemoryHubStore } from '@shared/sync/memoryHubStore';

/** An Alertmanager alert as the hub writes it: critical, for Payments, opening a group of its own unless `group` says otherwise. */
export function alertDraft(dedupKey: string, payload: Record<string, unknown> = {}, at: number = Date.now()): HubDraft {
  return {
    incidentId: ORGANISATION_STREAM,
    type: 'alert.received',
    actor: ALERT_ACTOR,
    occurredAt: new Date(at).toISOString(),
    payload: {
      integration: 'prom',
      integrationName: 'Prometheus',
      format: 'alertmanager',
      action: 'trigger',
      dedupKey,
      title: `Probe failure ${dedupKey}`,
      severity: 'critical',
      service: 'Payments',
      labels: [],
      links: [],
      startedAt: '',
      group: '',
      repeats: 1,
      changed: true,
      ...payload,
    },
  };
}

/** A hub's space with what `write` wrote through a hub author; `log(after)` is what a console pulls. */
export async function hubWithAlerts(write: (author: HubAuthor) => Promise<unknown>, now: () => number = Date.now) {
  const store = new MemoryHubStore();
  await store.createSpace({ id: 'room', name: 'Room', secret: 'ab'.repeat(32), joinCode: 'ABCD-EFGH-JKLM', epoch: 'e1' });
  const author = new HubAuthor(store, await newHubSigner(), now);
  await write(author);
  const log = async (after = 0) => (await store.page('room', after, 10_000)).events.map((e) => e.event);
  return { store, author, log };
}
