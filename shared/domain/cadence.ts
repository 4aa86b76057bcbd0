/**
 * Update cadence: each audience hears from the war room every so many minutes
 * while an incident is open. The clock runs from the last message the audience
 * got (or was queued for), or from the declaration before the first.
 */
import type { Audience, Phase } from './comms';
import type { Status } from './events';
import { countsForCadence, type MessageView } from './messages';
import { byText } from './order';
import type { Priority } from './priority';

export type CadenceIncident = { priority: Priority; status: Status; declaredAt: string };

export type Cadence =
  /** No clock: the audience hears as needed, or the incident is over. */
  | { state: 'off'; lastAt: string | null }
  | { state: 'due'; lastAt: string | null; dueAt: string; remainingMs: number; intervalMinutes: number }
  | { state: 'late'; lastAt: string | null; dueAt: string; lateByMs: number; intervalMinutes: number };

const MINUTE = 60_000;

export function isOver(status: Status): boolean {
  return status === 'resolved' || status === 'closed';
}

/** `messages` may hold any audience's; only this audience's count. */
export function audienceCadence(audience: Audience, incident: CadenceIncident, messages: readonly MessageView[], now: number): Cadence {
  const last = lastMessageFor(audience.id, messages);
  const lastAt = last?.at ?? null;
  const interval = audience.cadence[incident.priority];
  if (interval === null || isOver(incident.status)) return { state: 'off', lastAt };
  const due = Date.parse(lastAt ?? incident.declaredAt) + interval * MINUTE;
  const dueAt = new Date(due).toISOString();
  return now > due
    ? { state: 'late', lastAt, dueAt, lateByMs: now - due, intervalMinutes: interval }
    : { state: 'due', lastAt, dueAt, remainingMs: due - now, intervalMinutes: interval };
}

export function lastMessageFor(audienceId: string, messages: readonly MessageView[]): MessageView | null {
  let last: MessageView | null = null;
  for (const m of messages) {
    if (m.audience !== audienceId || !countsForCadence(m)) continue;
    if (!last || m.at > last.at) last = m;
  }
  return last;
}

/**
 * The phase a new message to an audience most likely is: the first one is the
 * initial notice; once the incident is over, the all-clear, then follow-ups.
 */
export function suggestedPhase(audienceId: string, status: Status, messages: readonly MessageView[]): Phase {
  const told = messages.filter((m) => m.audience === audienceId && countsForCadence(m));
  if (isOver(status)) return told.some((m) => m.phase === 'resolved') ? 'followUp' : 'resolved';
  return told.length === 0 ? 'initial' : 'update';
}

/** When the audience should next hear, counted from a message sent now; null when it hears as needed. */
export function nextUpdateAt(audience: Audience, priority: Priority, now: number): string | null {
  const interval = audience.cadence[priority];
  return interval === null ? null : new Date(now + interval * MINUTE).toISOString();
}

export type DueUpdate = { audience: Audience; cadence: Exclude<Cadence, { state: 'off' }> };

/** The audiences still owed an update, the one due (or overdue) soonest first; audiences heard as needed are left out. */
export function dueUpdates(audiences: readonly Audience[], incident: CadenceIncident, messages: readonly MessageView[], now: number): DueUpdate[] {
  const due: DueUpdate[] = [];
  for (const audience of audiences) {
    const cadence = audienceCadence(audience, incident, messages, now);
    if (cadence.state !== 'off') due.push({ audience, cadence });
  }
  return due.sort((a, b) => byText(a.cadence.dueAt, b.cadence.dueAt));
}
