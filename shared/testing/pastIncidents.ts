/**
 * A deterministic history of resolved incidents for benchmarks and tests of
 * what is read after the fact (search, metrics, post-mortems): declarations,
 * roles, engagement, entries (some backdated), hypotheses, status changes
 * (some reopened), messages, key marks, post-mortem sections and action
 * items, over a span of two years. Same options, same events. Receivers take
 * them only signed by their author: `signedPastIncidentEvents` writes them
 * under a signer's own device id, chained and sealed.
 */
import { CURRENT_VERSION, type DomainEvent, type EntryKind, type EventType, type PayloadOf } from '../domain/events';
import { encodeHlc } from '../domain/hlc';
import type { Impact, Priority, Urgency } from '../domain/priority';
import { bytesToHex } from '@noble/hashes/utils.js';

import { ZERO_LINK, contentHash, nextLink, sealLink, webCryptoSigner, type Signer, type TravellingEvent } from '../sync/chain';

export type PastIncidentOptions = {
  incidents: number;
  entriesPerIncident: number;
  seed?: number;
  deviceId?: string;
  /** The last incident is declared some days before this instant (ms). */
  until?: number;
};

type Scenario = {
  title: string;
  services: string[];
  tags: string[];
  symptoms: string[];
  causes: string[];
  fixes: string[];
};

const SCENARIOS: Scenario[] = [
  {
    title: 'Checkout payments failing',
    services: ['checkout', 'payments'],
    tags: ['payments', 'third-party'],
    symptoms: ['card authorisations time out', 'payment provider returns 502', 'basket totals not saved', 'checkout error rate climbing'],
    causes: ['payment provider certificate expired', 'connection pool to the payment gateway exhausted', 'retry storm against the provider'],
    fixes: ['failed over to the secondary acquirer', 'raised the gateway pool size and restarted checkout-api', 'enabled the circuit breaker'],
  },
  {
    title: 'DNS resolution failures',
    services: ['dns', 'edge'],
    tags: ['dns', 'network'],
    symptoms: ['SERVFAIL from the internal resolvers', 'lookups for api.example.net time out', 'pods cannot resolve service names'],
    causes: ['zone transfer stalled after the registrar change', 'resolver cache poisoned by a bad forwarder', 'TTL of 5 seconds overloaded the resolvers'],
    fixes: ['rolled back the forwarder configuration', 'flushed resolver caches and raised the TTL', 'pointed clients at the secondary resolvers'],
  },
  {
    title: 'Login slow for all users',
    services: ['identity', 'login'],
    tags: ['auth', 'latency'],
    symptoms: ['login p99 above 8 seconds', 'SSO redirects loop', 'token refresh fails with 401'],
    causes: ['LDAP replica lagging behind the primary', 'session store Redis evicting keys under memory pressure', 'clock skew on the token signer'],
    fixes: ['pinned identity to the healthy replica', 'scaled the session store and set maxmemory policy', 'resynced NTP on the signer hosts'],
  },
  {
    title: 'Database replication lag',
    services: ['orders-db', 'orders'],
    tags: ['database', 'postgres'],
    symptoms: ['replica lag over 900 seconds', 'order history shows stale data', 'write latency on the primary doubled'],
    causes: ['long-running vacuum blocked replication', 'disk on the replica filled with WAL', 'an unindexed query scanned the orders table'],
    fixes: ['cancelled the vacuum and rescheduled it', 'extended the replica volume and cleared WAL', 'added the missing index and killed the query'],
  },
  {
    title: 'Search results empty',
    services: ['search', 'catalogue'],
    tags: ['search', 'elasticsearch'],
    symptoms: ['search returns zero hits for common products', 'indexing queue backing up', 'cluster health red'],
    causes: ['index alias pointed at an empty index after reindex', 'shard allocation disabled during maintenance', 'mapping change rejected documents'],
    fixes: ['repointed the alias to the previous index', 're-enabled shard allocation', 'reverted the mapping and replayed the queue'],
  },
  {
    title: 'Mobile app crashes on launch',
    services: ['mobile-api', 'notifications'],
    tags: ['mobile', 'release'],
    symptoms: ['crash rate on Android 14 at 30 percent', 'app store reviews mention crash on start', 'feature flag service returns malformed JSON'],
    causes: ['feature flag payload exceeded the client parser limit', 'new release shipped without a migration', 'push token endpoint changed format'],
    fixes: ['rolled back the flag payload', 'paused the staged rollout and shipped a hotfix', 'restored the old endpoint contract'],
  },
  {
    title: 'Email delivery delayed',
    services: ['email', 'notifications'],
    tags: ['email', 'queue'],
    symptoms: ['outbound mail queue at 200k messages', 'password reset mails arrive hours late', 'provider rate limits our sender'],
    causes: ['a marketing batch flooded the transactional queue', 'SPF record lost in the DNS migration', 'worker pods crash-looping on a bad template'],
    fixes: ['split transactional and bulk queues', 'restored the SPF record', 'fixed the template and drained the queue'],
  },
  {
    title: 'Storage cluster degraded',
    services: ['storage', 'backups'],
    tags: ['storage', 'hardware'],
    symptoms: ['object store latency above 2 seconds', 'two OSDs down in rack 4', 'backup jobs failing with timeouts'],
    causes: ['failed top-of-rack switch in rack 4', 'firmware bug on the new disks', 'rebalance saturated the cluster network'],
    fixes: ['moved traffic off rack 4 and replaced the switch', 'pinned firmware to the previous version', 'throttled the rebalance'],
  },
  {
    title: 'VPN unavailable for staff',
    services: ['vpn', 'identity'],
    tags: ['network', 'remote-access'],
    symptoms: ['staff cannot connect to the VPN', 'MFA push not arriving', 'VPN concentrator CPU at 100 percent'],
    causes: ['licence limit reached on the concentrator', 'MFA provider outage', 'certificate chain missing an intermediate'],
    fixes: ['added temporary licences', 'switched MFA to TOTP fallback', 'installed the intermediate certificate'],
  },
  {
    title: 'Ransomware alert on file servers',
    services: ['file-servers', 'backups'],
    tags: ['security', 'malware'],
    symptoms: ['EDR flags mass file renames on fs-02', 'files with .lock extension appear', 'unusual SMB traffic from a laptop'],
    causes: ['phishing mail ran a macro on a finance laptop', 'exposed RDP on a test server', 'compromised service account'],
    fixes: ['isolated the laptop and restored shares from snapshots', 'closed RDP and rotated credentials', 'disabled the service account and reset secrets'],
  },
];

const GENERIC = [
  'checked the dashboards',
  'paged the on-call engineer',
  'error budget burning fast',
  'customer support reports more tickets',
  'rollback prepared but not started',
  'status page updated',
  'waiting for the vendor to call back',
  'graphs show a step change at the deploy',
  'load balancer health checks flapping',
  'no change after the restart',
  'traffic shifted to the other region',
  'latency back under the SLO',
];

const PEOPLE = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Margaret Hamilton', 'Linus Torvalds', 'Barbara Liskov', 'Ken Thompson', 'Radia Perlman', 'Dennis Ritchie', 'Frances Allen'];
const KINDS: EntryKind[] = ['note', 'action', 'decision', 'observation'];
const PRIORITIES: { priority: Priority; impact: Impact; urgency: Urgency }[] = [
  { priority: 'P1', impact: 'organisation', urgency: 'missionCritical' },
  { priority: 'P2', impact: 'department', urgency: 'missionCritical' },
  { priority: 'P3', impact: 'department', urgency: 'supporting' },
  { priority: 'P4', impact: 'individual', urgency: 'internal' },
];
const AUDIENCES = [
  { id: 'technical', name: 'Technical bridge' },
  { id: 'executives', name: 'Executives' },
  { id: 'users', name: 'Impacted users (status page)' },
];

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** mulberry32: small, fast and good enough for spreading test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pastIncidentEvents(options: PastIncidentOptions): DomainEvent[] {
  const rand = random(options.seed ?? 1);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const deviceId = options.deviceId ?? 'pastincidents001';
  const until = options.until ?? Date.UTC(2026, 10, 1);
  const span = 730 * DAY;
  const events: DomainEvent[] = [];
  let seq = 0;
  let counter = 0;

  const emit = <T extends EventType>(incidentId: string | null, type: T, at: number, actor: string, payload: PayloadOf<T>): DomainEvent => {
    seq += 1;
    counter = (counter + 1) % 1000;
    const id = `${deviceId}:${seq}`;
    const event = {
      id,
      incidentId: incidentId ?? id,
      type,
      v: CURRENT_VERSION[type],
      // Written a little after it happened, in the order generated.
      hlc: encodeHlc({ ms: at + 1000, counter }),
      deviceId,
      deviceSeq: seq,
      actor,
      occurredAt: new Date(at).toISOString(),
      payload,
    } as DomainEvent;
    events.push(event);
    return event;
  };

  for (let n = 0; n < options.incidents; n++) {
    const scenario = SCENARIOS[n % SCENARIOS.length]!;
    const level = PRIORITIES[Math.floor(rand() * rand() * PRIORITIES.length)]!;
    const declaredAt = until - span + Math.floor((span * (n + rand() * 0.5)) / Math.max(1, options.incidents)) - 7 * DAY;
    const commander = pick(PEOPLE);
    const scribe = pick(PEOPLE);
    const drill = rand() < 0.05;
    const declared = emit(null, 'incident.declared', declaredAt, scribe, {
      title: `${scenario.title} (${n + 1})`,
      kind: scenario.tags.includes('security') ? 'security' : 'service',
      services: scenario.services.slice(0, 1 + Math.floor(rand() * scenario.services.length)),
      impact: level.impact,
      urgency: level.urgency,
      priority: level.priority,
      tier: 'normal',
      declaredBy: scribe,
      drill,
    });
    const id = declared.id;
    const duration = (30 + Math.floor(rand() * 300)) * MINUTE;
    const at = (fraction: number) => declaredAt + Math.floor(duration * fraction);
    const cause = pick(scenario.causes);
    const fix = pick(scenario.fixes);

    emit(id, 'incident.fieldChanged', at(0.01), scribe, { field: 'tags', value: scenario.tags, prev: [] });
    if (rand() < 0.5) {
      const started = declaredAt - (5 + Math.floor(rand() * 40)) * MINUTE;
      emit(id, 'incident.fieldChanged', at(0.02), scribe, { field: 'impactStarted', value: new Date(started).toISOString(), prev: [] });
    }
    emit(id, 'role.assigned', at(0.02), commander, { role: 'commander', roleName: 'Incident commander', holders: [commander], previousHolders: [], prev: [] });
    emit(id, 'role.assigned', at(0.03), commander, { role: 'scribe', roleName: 'Scribe', holders: [scribe], previousHolders: [], prev: [] });
    if (rand() < 0.85) {
      const lead = pick(PEOPLE);
      emit(id, 'role.assigned', at(0.06 + rand() * 0.1), commander, { role: 'communications', roleName: 'Communications lead', holders: [lead], previousHolders: [], prev: [] });
    }
    const responders = PEOPLE.filter(() => rand() < 0.4).slice(0, 5);
    for (const person of responders) {
      emit(id, 'participant.engaged', at(0.01), commander, { person, step: 'paged' });
      if (rand() < 0.85) emit(id, 'participant.engaged', at(0.03 + rand() * 0.05), person, { person, step: 'acknowledged' });
      if (rand() < 0.7) emit(id, 'participant.engaged', at(0.05 + rand() * 0.1), person, { person, step: 'joined' });
      if (rand() < 0.6) emit(id, 'participant.engaged', at(0.3 + rand() * 0.6), commander, { person, step: 'released', reason: 'Not needed for this failure' });
    }

    const entryIds: string[] = [];
    for (let i = 0; i < options.entriesPerIncident; i++) {
      const text =
        i % 5 === 0
          ? `${pick(scenario.symptoms)}; ${pick(GENERIC)} (host ${scenario.services[0]}-${(i % 17) + 1})`
          : i % 7 === 0
            ? `Suspect ${pick(scenario.causes)}`
            : `${pick(GENERIC)}, ${pick(scenario.symptoms)} at ${(i % 97) + 1}%`;
      // One entry in twenty was written down after the fact, about something before the declaration.
      const when = i % 20 === 3 ? declaredAt - (1 + (i % 30)) * MINUTE : at((i + 1) / (options.entriesPerIncident + 2));
      entryIds.push(emit(id, 'timeline.entryLogged', when, scribe, { kind: KINDS[i % KINDS.length]!, text }).id);
    }
    for (const target of entryIds.filter((_, i) => i % 40 === 1).slice(0, 4)) {
      emit(id, 'timeline.entryMarked', at(0.95), scribe, { target, key: true, prev: [] });
    }

    const hypotheses = [...scenario.causes].sort(() => rand() - 0.5).slice(0, 2 + Math.floor(rand() * 2));
    if (!hypotheses.includes(cause)) hypotheses[0] = cause;
    for (const statement of hypotheses) {
      const owner = pick(PEOPLE);
      const proposed = emit(id, 'hypothesis.proposed', at(0.1 + rand() * 0.2), owner, {
        statement,
        owner,
        probe: { action: `Check whether ${statement}`, expectation: 'Errors stop when it is put right', timeBoxMinutes: 20 },
      });
      const verdict = statement === cause ? 'confirmed' : 'refuted';
      emit(id, 'hypothesis.changed', at(0.4 + rand() * 0.2), owner, {
        target: proposed.id,
        about: statement,
        field: 'status',
        value: verdict,
        prev: [proposed.id],
        reason: verdict === 'confirmed' ? `Confirmed: ${fix}` : 'No change when tested',
      });
    }

    for (const audience of AUDIENCES) {
      const updates = 1 + Math.floor(rand() * 5);
      for (let u = 0; u < updates; u++) {
        emit(id, 'message.sent', at((u + 0.5) / (updates + 0.5)), commander, {
          audience: audience.id,
          audienceName: audience.name,
          phase: u === 0 ? 'initial' : 'update',
          subject: `${scenario.title}: update ${u + 1}`,
          text: `We are working on ${scenario.title.toLowerCase()}. ${pick(scenario.symptoms)}.`,
          channel: audience.id === 'users' ? 'statusPage' : 'clipboard',
        });
      }
    }

    let lastStatus = id;
    const status = (value: 'identified' | 'monitoring' | 'resolved' | 'closed' | 'investigating', fraction: number) => {
      lastStatus = emit(id, 'incident.fieldChanged', at(fraction), commander, { field: 'status', value, prev: [lastStatus] }).id;
    };
    status('identified', 0.5);
    status('monitoring', 0.75);
    status('resolved', 0.9);
    if (rand() < 0.1) {
      status('investigating', 0.93);
      status('resolved', 1);
    }
    status('closed', 1.2);

    emit(id, 'postmortem.sectionEdited', at(1.5), commander, { section: 'summary', text: `${scenario.title}: ${pick(scenario.symptoms)}. ${fix}.`, prev: [] });
    emit(id, 'postmortem.sectionEdited', at(1.5), commander, { section: 'rootCause', text: `The root cause was that the ${cause}.`, prev: [] });
    emit(id, 'postmortem.sectionEdited', at(1.5), commander, { section: 'wentWell', text: `We ${fix} quickly once the cause was confirmed.`, prev: [] });
    const items = 1 + Math.floor(rand() * 3);
    for (let a = 0; a < items; a++) {
      emit(id, 'actionItem.added', at(1.6), commander, {
        title: `Prevent: ${cause} (${a + 1})`,
        owner: pick(PEOPLE),
        due: new Date(declaredAt + (14 + a * 7) * DAY).toISOString().slice(0, 10),
      });
    }
  }
  return events;
}

/**
 * Events of the signer's own device (ids `deviceId:seq`, seq 1, 2… in this
 * order), each with the link before it, and a seal on every `sealEvery`-th
 * one and on the last. With `sealEvery` 1 any subset can be sent on its own,
 * in any order; larger values cost fewer signatures for batches sent in order
 * (a batch must end at a seal).
 */
export async function signEvents<T extends DomainEvent>(events: readonly T[], signer: Signer, sealEvery = 1): Promise<(T & Pick<TravellingEvent, 'chain' | 'seal'>)[]> {
  let link = ZERO_LINK;
  const signed: (T & Pick<TravellingEvent, 'chain' | 'seal'>)[] = [];
  for (const [i, event] of events.entries()) {
    if (event.deviceId !== signer.deviceId || event.deviceSeq !== i + 1) throw new Error(`${event.id} is not event ${i + 1} of ${signer.deviceId}`);
    const chain = link;
    link = nextLink(chain, contentHash(event));
    const sealed = (i + 1) % sealEvery === 0 || i === events.length - 1;
    signed.push({ ...event, chain, ...(sealed ? { seal: await sealLink(signer, event.deviceSeq, link) } : {}) });
  }
  return signed;
}

/** The history written by the signer's device, every event sealed (see `signEvents`). Same options and key, same events. */
export function signedPastIncidentEvents(options: Omit<PastIncidentOptions, 'deviceId'>, signer: Signer, sealEvery = 1) {
  return signEvents(pastIncidentEvents({ ...options, deviceId: signer.deviceId }), signer, sealEvery);
}

// Node 20 and the browsers the console runs in have WebCrypto's Ed25519; shared code is compiled without their types.
type KeyMaker = {
  generateKey(algorithm: { name: 'Ed25519' }, extractable: boolean, usages: string[]): Promise<{ publicKey: unknown; privateKey: unknown }>;
  exportKey(format: 'raw', key: unknown): Promise<ArrayBuffer>;
};

/** A new device with a WebCrypto key pair (its private key not extractable), to write generated histories as. */
export async function newSigner(): Promise<Signer> {
  const subtle = (globalThis as unknown as { crypto: { subtle: KeyMaker } }).crypto.subtle;
  const pair = await subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
  return webCryptoSigner(bytesToHex(new Uint8Array(await subtle.exportKey('raw', pair.publicKey))), pair.privateKey);
}
