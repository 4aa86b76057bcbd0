/**
 * For tests: an incident told as events, the way a console would have written
 * them (one device, a clock moving forward a minute per step), so search is
 * tested against the real folds.
 */
import { CURRENT_VERSION, type DomainEvent, type EventType, type HypothesisStatus, type PayloadOf, type PostmortemSection, type Status } from '../domain/events';
import { encodeHlc } from '../domain/hlc';
import type { Impact, Priority, Urgency } from '../domain/priority';

export type StoryStart = {
  device: string;
  title: string;
  services: string[];
  declaredAt: string;
  priority?: Priority;
  drill?: boolean;
};

const MINUTE = 60_000;

export class IncidentStory {
  readonly events: DomainEvent[] = [];
  readonly id: string;
  private seq = 0;
  private clock: number;
  private readonly device: string;
  private statusHeads: string[] = [];
  private tagHeads: string[] = [];

  constructor(start: StoryStart) {
    this.device = start.device;
    this.clock = Date.parse(start.declaredAt);
    this.id = `${start.device}:1`;
    const priority = start.priority ?? 'P2';
    const { impact, urgency } = PRIORITY_PARTS[priority];
    const declared = this.emit('incident.declared', {
      title: start.title,
      kind: 'service',
      services: start.services,
      impact,
      urgency,
      priority,
      tier: 'normal',
      declaredBy: 'Ada Lovelace',
      drill: start.drill ?? false,
    });
    this.statusHeads = [declared.id];
  }

  /** Logs an entry; returns its id. */
  entry(text: string, kind: 'note' | 'action' | 'decision' | 'observation' = 'note'): string {
    return this.emit('timeline.entryLogged', { kind, text }).id;
  }

  correct(entryId: string, text: string): this {
    this.emit('timeline.entryCorrected', { target: entryId, kind: 'note', text, prev: [entryId] });
    return this;
  }

  strike(entryId: string, reason: string): this {
    this.emit('timeline.entryStruck', { target: entryId, reason });
    return this;
  }

  /** Proposes a hypothesis, moves it to `status`, and records evidence if given; returns its id. */
  hypothesis(statement: string, status: HypothesisStatus = 'proposed', evidence?: string): string {
    const proposed = this.emit('hypothesis.proposed', {
      statement,
      owner: 'Grace Hopper',
      probe: { action: 'Check it', expectation: 'We will see', timeBoxMinutes: 15 },
    });
    if (status !== 'proposed') {
      this.emit('hypothesis.changed', { target: proposed.id, about: statement, field: 'status', value: status, prev: [proposed.id] });
    }
    if (evidence) this.emit('hypothesis.evidenceAdded', { target: proposed.id, about: statement, stance: 'for', text: evidence });
    return proposed.id;
  }

  status(value: Status): this {
    const event = this.emit('incident.fieldChanged', { field: 'status', value, prev: this.statusHeads });
    this.statusHeads = [event.id];
    return this;
  }

  tags(value: string[]): this {
    const event = this.emit('incident.fieldChanged', { field: 'tags', value, prev: this.tagHeads });
    this.tagHeads = [event.id];
    return this;
  }

  postmortem(section: PostmortemSection, text: string): this {
    this.emit('postmortem.sectionEdited', { section, text, prev: [] });
    return this;
  }

  actionItem(title: string): this {
    this.emit('actionItem.added', { title, owner: 'Grace Hopper', due: '' });
    return this;
  }

  /** Moves the story's clock on (it moves a minute per event by itself). */
  wait(minutes: number): this {
    this.clock += minutes * MINUTE;
    return this;
  }

  private emit<T extends EventType>(type: T, payload: PayloadOf<T>): DomainEvent {
    this.seq += 1;
    const at = this.clock;
    this.clock += MINUTE;
    const event = {
      id: `${this.device}:${this.seq}`,
      incidentId: this.id,
      type,
      v: CURRENT_VERSION[type],
      hlc: encodeHlc({ ms: at, counter: 0 }),
      deviceId: this.device,
      deviceSeq: this.seq,
      actor: 'Ada Lovelace',
      occurredAt: new Date(at).toISOString(),
      payload,
    } as DomainEvent;
    this.events.push(event);
    return event;
  }
}

const PRIORITY_PARTS: Record<Priority, { impact: Impact; urgency: Urgency }> = {
  P1: { impact: 'organisation', urgency: 'missionCritical' },
  P2: { impact: 'organisation', urgency: 'supporting' },
  P3: { impact: 'organisation', urgency: 'internal' },
  P4: { impact: 'department', urgency: 'internal' },
  P5: { impact: 'individual', urgency: 'internal' },
};
