/**
 * Who is on call (DOMAIN.md, "Before the room fills"): the organisation's
 * people and how to reach them, and its on-call rosters. A roster belongs to a
 * team and answers for services; its primary rotation (and, if it has one, its
 * secondary) is either a cycle, where people take turns for a number of days
 * each and hand over at a time of day in the roster's time zone, or a calendar
 * of shifts imported from iCalendar. Overrides put someone else on call for a
 * while. Everything here is a pure function of the settings and an instant,
 * so every console answers "who is on call at 03:00 on Saturday" offline, and
 * every console answers the same, whatever zone its own clock is set to.
 */
import { z } from 'zod';

import { ID_REGEX } from './comms';
import { instantSchema, isDay } from './instants';
import { emailSchema } from './links';
import { PAGE_METHODS, type PageMethod } from './pages';
import { LIMITS, hasForbiddenControlChars, nameKey } from './text';
import { isTimeZone } from './timeZone';
import { instantOfWallTime, wallTimeOf } from './zonedTime';

export const ONCALL_LIMITS = {
  people: 500,
  rosters: 50,
  rosterName: 60,
  calendarUrl: 2000,
  team: 60,
  rotationPeople: 50,
  /** A shift at most four weeks long; a cycle of weekly shifts is the common case. */
  lengthDays: 28,
  shifts: 1_000,
  overrides: 200,
  reason: 200,
  source: 300,
  pushTopic: 64,
} as const;

/** The primary is paged first; the secondary when the primary does not answer. */
export const ONCALL_LEVELS = ['primary', 'secondary'] as const;
export type OnCallLevel = (typeof ONCALL_LEVELS)[number];

const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasForbiddenControlChars(s), 'must not contain control characters');
/** One line: a name never carries a line break (a calendar feed writes names into its lines). */
const line = (max: number) =>
  text(max)
    .refine((s) => !/[\n\t]/.test(s), 'must be on one line')
    .refine((s) => s.trim().length > 0, 'must not be empty');
const personName = line(LIMITS.personName);
const unique = <T>(list: readonly T[], key: (item: T) => string) => new Set(list.map(key)).size === list.length;

// ---- People and how to reach them ---------------------------------------------

/** A phone number an SMS gateway can dial: digits, with the country code after a +. */
export const PHONE_REGEX = /^\+[1-9][0-9]{6,14}$/;
/** A topic on a push server (ntfy): what the person's phone subscribes to. */
export const PUSH_TOPIC_REGEX = /^[A-Za-z0-9_-]{1,64}$/;

export const contactSchema = z.strictObject({
  name: personName,
  /** Empty: not reachable this way. */
  email: z.union([z.literal(''), emailSchema]),
  phone: z.union([z.literal(''), z.string().regex(PHONE_REGEX, 'must be a phone number with its country code (+4512345678)')]),
  pushTopic: z.union([z.literal(''), z.string().regex(PUSH_TOPIC_REGEX, 'must be a push topic: letters, digits, - and _')]),
});
export type Contact = z.infer<typeof contactSchema>;

export const contactsSchema = z
  .array(contactSchema)
  .max(ONCALL_LIMITS.people)
  .refine((people) => unique(people, (p) => nameKey(p.name)), 'names must be unique');

/** Where a way of paging reaches the person: their push topic, phone or e-mail address; empty when they have none. */
export function contactAddress(contact: Contact, method: PageMethod): string {
  return method === 'push' ? contact.pushTopic : method === 'sms' ? contact.phone : contact.email;
}

/** The ways a person can be reached, in the order they are tried. */
export function contactMethods(contact: Contact | undefined): PageMethod[] {
  return contact ? PAGE_METHODS.filter((method) => contactAddress(contact, method) !== '') : [];
}

export function contactOf(people: readonly Contact[], name: string): Contact | undefined {
  const key = nameKey(name);
  return people.find((p) => nameKey(p.name) === key);
}

// ---- Rosters ------------------------------------------------------------------

/** "09:00": a time of day on the 24-hour clock. */
export const TIME_OF_DAY_REGEX = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

const cycleSchema = z.strictObject({
  kind: z.literal('cycle'),
  /** In the order they take their turns. */
  people: z.array(personName).min(1, 'must name at least one person').max(ONCALL_LIMITS.rotationPeople),
  /** The day the first person's first shift begins, in the roster's time zone. */
  startsOn: z.string().refine(isDay, 'must be a date (YYYY-MM-DD)'),
  /** When one shift hands over to the next, in the roster's time zone. */
  handOff: z.string().regex(TIME_OF_DAY_REGEX, 'must be a time of day (09:00)'),
  lengthDays: z.number().int().min(1).max(ONCALL_LIMITS.lengthDays),
});
export type Cycle = z.infer<typeof cycleSchema>;

const endsAfterItBegins = (s: { from: string; to: string }) => s.from < s.to;
const SPAN_ERROR = { message: 'must end after it begins', path: ['to'] };

export const shiftSchema = z.strictObject({ person: personName, from: instantSchema, to: instantSchema }).refine(endsAfterItBegins, SPAN_ERROR);
export type Shift = z.infer<typeof shiftSchema>;

/** A calendar's address the hub can subscribe to: http(s), or webcal (read as https). */
export function isCalendarUrl(value: string): boolean {
  if (value.length > ONCALL_LIMITS.calendarUrl || hasForbiddenControlChars(value)) return false;
  try {
    return ['http:', 'https:', 'webcal:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const calendarSchema = z.strictObject({
  kind: z.literal('calendar'),
  shifts: z.array(shiftSchema).max(ONCALL_LIMITS.shifts),
  /** Where the shifts came from (a file's name, a calendar's address), for people to tell. */
  source: text(ONCALL_LIMITS.source),
  /** A calendar the hub subscribes to: its shifts, as the hub last fetched them, stand in for `shifts`. */
  url: z.union([z.literal(''), z.string().refine(isCalendarUrl, 'must be a calendar address (https://, http:// or webcal://)')]).optional(),
});
export type Calendar = z.infer<typeof calendarSchema>;

export const rotationSchema = z.discriminatedUnion('kind', [cycleSchema, calendarSchema]);
export type Rotation = z.infer<typeof rotationSchema>;

/** Minutes a page waits for an acknowledgement before the next level is paged. */
export const MAX_ESCALATION_MINUTES = 24 * 60;

/**
 * When nobody answers: the secondary is paged after `secondaryAfter` minutes
 * without an acknowledgement, then each further step after its own minutes
 * (the manager, say); the whole is repeated `repeats` times.
 */
export const escalationSchema = z.strictObject({
  secondaryAfter: z.number().int().min(1).max(MAX_ESCALATION_MINUTES),
  then: z.array(z.strictObject({ person: personName, after: z.number().int().min(1).max(MAX_ESCALATION_MINUTES) })).max(5),
  repeats: z.number().int().min(0).max(3),
});
export type Escalation = z.infer<typeof escalationSchema>;

export const overrideSchema = z
  .strictObject({ level: z.enum(ONCALL_LEVELS), person: personName, from: instantSchema, to: instantSchema, reason: text(ONCALL_LIMITS.reason) })
  .refine(endsAfterItBegins, SPAN_ERROR);
export type Override = z.infer<typeof overrideSchema>;

export const rosterSchema = z.strictObject({
  id: z.string().regex(ID_REGEX, 'must be an id'),
  name: line(ONCALL_LIMITS.rosterName),
  team: text(ONCALL_LIMITS.team).refine((s) => !/[\n\t]/.test(s), 'must be on one line'),
  /** The services it answers for, as the service catalogue names them. */
  services: z.array(line(LIMITS.serviceName)).max(LIMITS.services),
  timeZone: z.string().refine(isTimeZone, 'must be a time zone this computer knows (Europe/Copenhagen)'),
  primary: rotationSchema,
  secondary: rotationSchema.nullable(),
  overrides: z.array(overrideSchema).max(ONCALL_LIMITS.overrides),
  /** What happens when nobody answers a page; absent: only the primary is paged. */
  escalation: escalationSchema.optional(),
  /** Its calendar feed on the hub (/oncall/<key>.ics): the key's SHA-256 and last four characters; the key is shown once. */
  feed: z.strictObject({ keyHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a key hash'), keyHint: z.string().regex(/^[a-z0-9]{4}$/, 'must be four characters of the key') }).optional(),
});
export type Roster = z.infer<typeof rosterSchema>;

export const rostersSchema = z
  .array(rosterSchema)
  .max(ONCALL_LIMITS.rosters)
  .refine((rosters) => unique(rosters, (r) => r.id), 'roster ids must be unique')
  .refine((rosters) => unique(rosters, (r) => nameKey(r.name)), 'roster names must be unique');

/** How far ahead an imported calendar's shifts are read: an import is a snapshot, taken again to see further. */
export const IMPORT_DAYS = 90;

/** What an import reads: shifts from `from` until `to`, and the zone of times that name none. */
export type ImportWindow = { from: number; to: number; zone: string };

/** The window an import reads: from a day ago, for `IMPORT_DAYS`. */
export function importWindow(now: number, zone: string): ImportWindow {
  return { from: now - 86_400_000, to: now + IMPORT_DAYS * 86_400_000, zone };
}

// ---- Who is on call -------------------------------------------------------------

/** Someone on call at one level of a roster, from when until when (ms since the epoch). */
export type OnCall = { level: OnCallLevel; person: string; from: number; to: number; override: boolean };

const DAY_MS = 86_400_000;

/** The instant shift `k` of a cycle begins: its day and hand-off time in the zone, daylight saving included. */
function cycleStart(cycle: Cycle, zone: string, k: number): number {
  const [y, m, d] = cycle.startsOn.split('-').map(Number) as [number, number, number];
  const [hh, mm] = cycle.handOff.split(':').map(Number) as [number, number];
  return instantOfWallTime({ year: y, month: m, day: d + k * cycle.lengthDays, hour: hh, minute: mm, second: 0 }, zone);
}

function onCycle(cycle: Cycle, zone: string, at: number): Omit<OnCall, 'level' | 'override'> | null {
  const local = wallTimeOf(at, zone);
  const [y, m, d] = cycle.startsOn.split('-').map(Number) as [number, number, number];
  const days = Math.round((Date.UTC(local.year, local.month - 1, local.day) - Date.UTC(y, m - 1, d)) / DAY_MS);
  let k = Math.floor(days / cycle.lengthDays);
  // The day's hand-off may still be ahead, or (across a change of clocks) already behind.
  while (cycleStart(cycle, zone, k) > at) k -= 1;
  while (cycleStart(cycle, zone, k + 1) <= at) k += 1;
  if (k < 0) return null;
  return { person: cycle.people[k % cycle.people.length]!, from: cycleStart(cycle, zone, k), to: cycleStart(cycle, zone, k + 1) };
}

/** The span covering `at` that began last: a later override or shift wins over an earlier one. */
function latestCovering<T extends { from: string; to: string }>(spans: readonly T[], at: number): T | null {
  let best: T | null = null;
  for (const span of spans) {
    if (Date.parse(span.from) <= at && at < Date.parse(span.to) && (!best || span.from > best.from)) best = span;
  }
  return best;
}

function onRotation(rotation: Rotation, zone: string, at: number): Omit<OnCall, 'level' | 'override'> | null {
  if (rotation.kind === 'cycle') return onCycle(rotation, zone, at);
  const shift = latestCovering(rotation.shifts, at);
  return shift && { person: shift.person, from: resumedAt(Date.parse(shift.from), rotation.shifts, at), to: endsAt(Date.parse(shift.to), rotation.shifts, at) };
}

/** When a turn that would end at `to` ends: earlier, where a later span begins within it and takes over. */
function endsAt(to: number, later: readonly { from: string }[], at: number): number {
  let end = to;
  for (const span of later) {
    const from = Date.parse(span.from);
    if (from > at && from < end) end = from;
  }
  return end;
}

/** When a turn from `from` resumed: after the last of `spans` that began within it and ended by `at`. */
function resumedAt(from: number, spans: readonly { from: string; to: string }[], at: number): number {
  let resumed = from;
  for (const span of spans) {
    const end = Date.parse(span.to);
    if (Date.parse(span.from) > from && end <= at && end > resumed) resumed = end;
  }
  return resumed;
}

/** Who is on call at one level of the roster at `at`: an override if one covers it, else the rotation's turn. */
export function onCallAt(roster: Roster, level: OnCallLevel, at: number): OnCall | null {
  const rotation = level === 'primary' ? roster.primary : roster.secondary;
  const overrides = roster.overrides.filter((o) => o.level === level);
  const override = latestCovering(overrides, at);
  if (override) return { level, person: override.person, from: resumedAt(Date.parse(override.from), overrides, at), to: endsAt(Date.parse(override.to), overrides, at), override: true };
  if (!rotation) return null;
  const turn = onRotation(rotation, roster.timeZone, at);
  if (!turn) return null;
  // The turn ends early where an override begins within it, and resumes where one ended.
  return { level, person: turn.person, from: resumedAt(turn.from, overrides, at), to: endsAt(turn.to, overrides, at), override: false };
}

/** Everyone on call in the roster at `at`, primary first. */
export function onCallNow(roster: Roster, at: number): OnCall[] {
  return ONCALL_LEVELS.flatMap((level) => onCallAt(roster, level, at) ?? []);
}

/** Who takes over from `current` when its turn ends (null: nobody is scheduled then). */
export function nextOnCall(roster: Roster, current: OnCall): OnCall | null {
  return onCallAt(roster, current.level, current.to);
}

/** Imported shifts that run out within `withinMs` of `at` (or have): each calendar's source and when its last shift ends. */
export function shiftsRunningOut(roster: Roster, at: number, withinMs: number): { level: OnCallLevel; source: string; endsAt: number }[] {
  return ONCALL_LEVELS.flatMap((level) => {
    const rotation = level === 'primary' ? roster.primary : roster.secondary;
    if (rotation?.kind !== 'calendar') return [];
    const endsAt = Math.max(...rotation.shifts.map((s) => Date.parse(s.to)), 0);
    return endsAt < at + withinMs ? [{ level, source: rotation.source, endsAt }] : [];
  });
}

/** One step of an escalation: whom it pages, and how many minutes after the first page. */
export type EscalationStep = { person: string; level: OnCallLevel | 'named'; atMinute: number };

/**
 * Who would be paged, and when, for a page at `at` that nobody answers: the
 * primary at once, then the roster's escalation, each step its minutes after
 * the one before, repeated as it says. A level with nobody on call is left out.
 */
export function escalationPlan(roster: Roster, at: number): EscalationStep[] {
  const primary = onCallAt(roster, 'primary', at);
  const round: { person: string; level: EscalationStep['level']; after: number }[] = primary ? [{ person: primary.person, level: 'primary', after: 0 }] : [];
  const escalation = roster.escalation;
  if (escalation) {
    const secondary = onCallAt(roster, 'secondary', at);
    if (secondary) round.push({ person: secondary.person, level: 'secondary', after: escalation.secondaryAfter });
    for (const step of escalation.then) round.push({ person: step.person, level: 'named', after: step.after });
  }
  const steps: EscalationStep[] = [];
  let minute = 0;
  for (let pass = 0; pass <= (escalation?.repeats ?? 0); pass++) {
    for (const [i, step] of round.entries()) {
      // A repeat starts over from the primary, as long after the last page as the secondary waits after the first.
      if (i > 0) minute += step.after;
      else if (pass > 0) minute += escalation!.secondaryAfter;
      steps.push({ person: step.person, level: step.level, atMinute: minute });
    }
  }
  return steps;
}

/** The rosters that answer for a service, as the service catalogue names it. */
export function rostersForService(rosters: readonly Roster[], service: string): Roster[] {
  const key = nameKey(service);
  return rosters.filter((r) => r.services.some((s) => nameKey(s) === key));
}

/** Each turn at one level from `from` until `to`, for a calendar feed; at most `max` of them. */
export function turnsBetween(roster: Roster, level: OnCallLevel, from: number, to: number, max = 500): OnCall[] {
  const turns: OnCall[] = [];
  let at = from;
  while (at < to && turns.length < max) {
    const turn = onCallAt(roster, level, at);
    if (turn) {
      turns.push(turn);
      at = turn.to;
      continue;
    }
    // Nobody now: move to the next moment someone might be.
    const next = nextStart(roster, level, at);
    if (next === null || next >= to) break;
    at = next;
  }
  return turns;
}

/** The next instant after `at` a shift, a cycle's first turn or an override at the level begins. */
function nextStart(roster: Roster, level: OnCallLevel, at: number): number | null {
  const rotation = level === 'primary' ? roster.primary : roster.secondary;
  const starts: number[] = roster.overrides.filter((o) => o.level === level).map((o) => Date.parse(o.from));
  if (rotation?.kind === 'calendar') starts.push(...rotation.shifts.map((s) => Date.parse(s.from)));
  if (rotation?.kind === 'cycle') starts.push(cycleStart(rotation, roster.timeZone, 0));
  const later = starts.filter((s) => s > at);
  return later.length ? Math.min(...later) : null;
}
