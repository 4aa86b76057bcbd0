/**
 * The domain's events: the only way anything changes. Each is validated with a
 * schema at every boundary; each type carries a version and older versions are
 * upcast on read. Events of a type or version this build does not know are
 * kept and passed on (see `parseEvent`), never dropped.
 */
import { z } from 'zod';

import { ALERT_FORMATS, ALERT_LIMITS, ALERT_SEVERITIES, alertNoticeSchema, integrationsSchema } from './alerts';
import { ROLE_ID_REGEX, settingSchemas } from './catalogues';
import { COMMS_LIMITS, ID_REGEX, LOCAL_CHANNELS, PHASES, TEMPLATE_LANGUAGES, WEBHOOK_FORMATS } from './comms';
import { isHlc } from './hlc';
import { DEVICE_ID_REGEX, EVENT_ID_REGEX } from './ids';
import { instantSchema, isDay } from './instants';
import { ONCALL_LEVELS, ONCALL_LIMITS, isCalendarUrl, shiftSchema } from './oncall';
import { PAGE_LIMITS, PAGE_METHODS } from './pages';
import { emailSchema, isJoinLink } from './links';
import { DEFAULT_PRIORITY_MATRIX, IMPACTS, PRIORITIES, URGENCIES, priorityOf, type Impact, type Urgency } from './priority';
import { SCENARIO_LIMITS, injectSchema, injectsSchema } from './drills';
import { RUNBOOK_LIMITS, runbookStepsSchema } from './runbooks';
import { LIMITS, hasForbiddenControlChars } from './text';

import { INCIDENT_KINDS, STATUSES, TAG_REGEX, TIERS, type Status } from './incidentTerms';

export { DAY_REGEX, EARLIEST_OCCURRED_AT, instantSchema, isDay } from './instants';
export { INCIDENT_KINDS, STATUSES, TAG_REGEX, TIERS, type IncidentKind, type Status, type Tier } from './incidentTerms';

/** Resolved and closed end an incident's active life; the others are still being worked. */
export const FINAL_STATUSES = ['resolved', 'closed'] as const;
export type FinalStatus = (typeof FINAL_STATUSES)[number];

export function isFinalStatus(status: Status): status is FinalStatus {
  return (FINAL_STATUSES as readonly Status[]).includes(status);
}

export function isOpenStatus(status: Status): boolean {
  return !isFinalStatus(status);
}

export const ENTRY_KINDS = ['note', 'action', 'decision', 'observation'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const HYPOTHESIS_STATUSES = ['proposed', 'testing', 'confirmed', 'refuted', 'parked'] as const;
export type HypothesisStatus = (typeof HYPOTHESIS_STATUSES)[number];
export const EVIDENCE_STANCES = ['for', 'against'] as const;
export type EvidenceStance = (typeof EVIDENCE_STANCES)[number];
/** Probe, sense, respond: what worked is amplified, what did not is dampened. */
export const EXPERIMENT_RESPONSES = ['amplified', 'dampened'] as const;
export type ExperimentResponse = (typeof EXPERIMENT_RESPONSES)[number];
export const MAX_TIME_BOX_MINUTES = 24 * 60;

/** The post-mortem's written sections; the rest of it is drawn from the log. */
export const POSTMORTEM_SECTIONS = ['summary', 'impact', 'rootCause', 'contributingFactors', 'wentWell', 'wentBadly'] as const;
export type PostmortemSection = (typeof POSTMORTEM_SECTIONS)[number];
export const ACTION_ITEM_STATUSES = ['open', 'inProgress', 'done', 'dropped'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** How a checklist came to an incident: its runbook's conditions held, or someone attached it by hand. */
export const CHECKLIST_TRIGGERS = ['conditions', 'hand'] as const;
export type ChecklistTrigger = (typeof CHECKLIST_TRIGGERS)[number];
export const STEP_STATES = ['done', 'skipped', 'open'] as const;
export type StepState = (typeof STEP_STATES)[number];
/** A step as a timeline record names it: its text's first line, cut to this length. */
export const CHECKLIST_ABOUT_MAX = 300;

export const ENGAGEMENT_STEPS = ['paged', 'acknowledged', 'joined', 'released'] as const;
export type EngagementStep = (typeof ENGAGEMENT_STEPS)[number];

/**
 * The stream organisation-wide settings live in. Every other event belongs to
 * an incident, whose id is the id of the event that declared it.
 */
export const ORGANISATION_STREAM = 'organisation';

const HEX_64 = /^[0-9a-f]{64}$/;

const eventIdSchema = z.string().regex(EVENT_ID_REGEX, 'must be an event id (device:sequence)');
const sealSchema = z.strictObject({ key: z.string().regex(HEX_64, 'must be a public key'), sig: z.string().regex(/^[0-9a-f]{128}$/, 'must be a signature') });
/** Enough for any gap between an event and its author's next seal (shared/sync/chain.ts): consoles seal at least every 100 events. */
export const WITNESS_MAX_HASHES = 1000;
const storedText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasForbiddenControlChars(s), 'must not contain control characters');
const requiredLine = (max: number) => storedText(max).refine((s) => s.trim().length > 0, 'must not be empty');

const prevSchema = z.array(eventIdSchema).max(100);
/** A calendar day that exists, or empty: not set. */
const daySchema = z
  .string()
  .refine((s) => s === '' || isDay(s), 'must be a date (YYYY-MM-DD) or empty');
const tagsSchema = z
  .array(z.string().regex(TAG_REGEX, 'must be a tag (lower-case letters, digits, -)'))
  .max(LIMITS.tags)
  .refine((tags) => new Set(tags).size === tags.length, 'tags must be unique');

const titleSchema = requiredLine(LIMITS.title);
const servicesSchema = z.array(requiredLine(LIMITS.serviceName)).max(LIMITS.services);
const kindSchema = z.enum(INCIDENT_KINDS);
const impactSchema = z.enum(IMPACTS);
const urgencySchema = z.enum(URGENCIES);
const prioritySchema = z.enum(PRIORITIES);
const statusSchema = z.enum(STATUSES);
const tierSchema = z.enum(TIERS);
const entryKindSchema = z.enum(ENTRY_KINDS);
const entryTextSchema = requiredLine(LIMITS.entryText);
const personSchema = requiredLine(LIMITS.personName);
const hypothesisStatementSchema = requiredLine(LIMITS.hypothesis);
const probeSchema = z.strictObject({
  /** What we do to test it. May be empty while the hypothesis is only proposed. */
  action: storedText(LIMITS.probeText),
  /** What we expect to see if it holds. */
  expectation: storedText(LIMITS.probeText),
  timeBoxMinutes: z.number().int('must be whole minutes').min(1).max(MAX_TIME_BOX_MINUTES),
});
const hypothesisTarget = {
  target: eventIdSchema,
  /** The hypothesis as it read when this was done: the record stays readable on its own. */
  about: hypothesisStatementSchema,
};
const holdersSchema = z.array(personSchema).max(LIMITS.holders);
/** A bridge's join link for this incident; empty: the organisation's standing bridge. */
const bridgeLinkSchema = z.string().refine((s) => s === '' || isJoinLink(s), 'must be a meeting or phone link, or empty');
const commsIdSchema = z.string().regex(ID_REGEX, 'must be an id');
/** What was said, to whom: the record stays readable on its own when settings change later. */
const messageRecord = {
  audience: commsIdSchema,
  audienceName: requiredLine(COMMS_LIMITS.audienceName),
  phase: z.enum(PHASES),
  subject: storedText(COMMS_LIMITS.subject),
  text: requiredLine(COMMS_LIMITS.body),
  /** The template it was written from, as it read then; absent when written from scratch. */
  template: z.strictObject({ version: z.number().int().min(1).max(1_000_000) }).optional(),
};
/** An outcome names its message, and what it was, so the record reads on its own. */
const messageTarget = { target: eventIdSchema, audienceName: requiredLine(COMMS_LIMITS.audienceName), phase: z.enum(PHASES) };
const attemptsSchema = z.number().int().min(0).max(1_000);
/** A change names its action item, and what it was called then, so the record reads on its own. */
const actionTarget = { target: eventIdSchema, about: requiredLine(LIMITS.actionTitle) };

export const payloadSchemas = {
  'incident.declared': z.strictObject({
    title: titleSchema,
    kind: kindSchema,
    services: servicesSchema,
    impact: impactSchema,
    urgency: urgencySchema,
    /** As the organisation's matrix gave it when declared: a later edit of the matrix does not rewrite history. */
    priority: prioritySchema,
    tier: tierSchema,
    declaredBy: personSchema,
    drill: z.boolean(),
  }),
  'incident.fieldChanged': z.discriminatedUnion('field', [
    z.strictObject({ field: z.literal('title'), value: titleSchema, prev: prevSchema }),
    z.strictObject({ field: z.literal('kind'), value: kindSchema, prev: prevSchema }),
    z.strictObject({ field: z.literal('services'), value: servicesSchema, prev: prevSchema }),
    z.strictObject({ field: z.literal('impact'), value: impactSchema, prev: prevSchema }),
    z.strictObject({ field: z.literal('urgency'), value: urgencySchema, prev: prevSchema }),
    z.strictObject({ field: z.literal('priority'), value: prioritySchema, prev: prevSchema }),
    z.strictObject({
      field: z.literal('status'),
      value: statusSchema,
      prev: prevSchema,
      note: storedText(LIMITS.reason).optional(),
    }),
    /** When service is expected back, in the room's own words ("14:30 UTC", "within the hour"); empty: unknown. */
    z.strictObject({ field: z.literal('eta'), value: storedText(COMMS_LIMITS.eta), prev: prevSchema }),
    z.strictObject({ field: z.literal('technicalBridge'), value: bridgeLinkSchema, prev: prevSchema }),
    z.strictObject({ field: z.literal('businessBridge'), value: bridgeLinkSchema, prev: prevSchema }),
    z.strictObject({ field: z.literal('tags'), value: tagsSchema, prev: prevSchema }),
    /** When the impact began, if before it was detected (the declaration); empty: not known. Feeds time to detect. */
    z.strictObject({ field: z.literal('impactStarted'), value: z.union([z.literal(''), instantSchema]), prev: prevSchema }),
  ]),
  'timeline.entryLogged': z.strictObject({ kind: entryKindSchema, text: entryTextSchema }),
  'timeline.entryCorrected': z.strictObject({
    target: eventIdSchema,
    kind: entryKindSchema,
    text: entryTextSchema,
    prev: prevSchema.min(1),
  }),
  'timeline.entryStruck': z.strictObject({ target: eventIdSchema, reason: requiredLine(LIMITS.reason) }),
  /** The scribe marks an entry as a key event (or unmarks it): the post-mortem's timeline leads with these. */
  'timeline.entryMarked': z.strictObject({ target: eventIdSchema, key: z.boolean(), prev: prevSchema }),
  /** Escalation or de-escalation between tiers: a person decides, with a reason; never the console by itself. */
  'incident.tierChanged': z.strictObject({
    tier: tierSchema,
    reason: requiredLine(LIMITS.reason),
    decidedBy: personSchema,
    prev: prevSchema,
  }),

  'hypothesis.proposed': z.strictObject({ statement: hypothesisStatementSchema, owner: personSchema, probe: probeSchema }),
  'hypothesis.changed': z.discriminatedUnion('field', [
    z.strictObject({ ...hypothesisTarget, field: z.literal('statement'), value: hypothesisStatementSchema, prev: prevSchema }),
    z.strictObject({ ...hypothesisTarget, field: z.literal('owner'), value: personSchema, prev: prevSchema }),
    z.strictObject({ ...hypothesisTarget, field: z.literal('probe'), value: probeSchema, prev: prevSchema }),
    z.strictObject({
      ...hypothesisTarget,
      field: z.literal('status'),
      value: z.enum(HYPOTHESIS_STATUSES),
      prev: prevSchema,
      reason: storedText(LIMITS.reason).optional(),
    }),
  ]),
  'hypothesis.evidenceAdded': z
    .strictObject({
      ...hypothesisTarget,
      stance: z.enum(EVIDENCE_STANCES),
      text: storedText(LIMITS.evidenceText),
      /** A timeline entry that shows it. */
      entry: eventIdSchema.optional(),
    })
    .refine((p) => p.text.trim().length > 0 || p.entry !== undefined, { message: 'needs text or an entry', path: ['text'] }),
  'hypothesis.experimentRecorded': z.strictObject({
    ...hypothesisTarget,
    result: requiredLine(LIMITS.evidenceText),
    response: z.enum(EXPERIMENT_RESPONSES),
  }),

  /** Who holds a role now. `previousHolders` is what the writer saw, so a handover reads on its own. */
  'role.assigned': z.strictObject({
    role: z.string().regex(ROLE_ID_REGEX, 'must be a role id'),
    roleName: requiredLine(LIMITS.roleName),
    holders: holdersSchema,
    previousHolders: holdersSchema,
    prev: prevSchema,
  }),
  'participant.engaged': z.discriminatedUnion('step', [
    z.strictObject({ person: personSchema, step: z.enum(['paged', 'acknowledged', 'joined']) }),
    z.strictObject({ person: personSchema, step: z.literal('released'), reason: requiredLine(LIMITS.reason) }),
  ]),

  /**
   * The hub's account of one page to one person by one way of reaching them: handed to the push server, SMS
   * gateway or mail relay, or not, and why. `cycle` is the person's engagement cycle on the incident it belongs
   * to; `wave` 0 is the page itself, each later one an escalation that paged them again.
   */
  'page.sent': z.strictObject({
    person: personSchema,
    cycle: z.number().int().min(1).max(10_000),
    wave: z.number().int().min(0).max(PAGE_LIMITS.waves),
    method: z.enum(PAGE_METHODS),
    outcome: z.enum(['sent', 'failed']),
    attempts: attemptsSchema,
    detail: storedText(LIMITS.reason),
    /** The gateway's own name for the message, when it gave one: its delivery report names it. */
    ref: storedText(200).optional(),
  }),
  /** The gateway reported that a page it took reached the phone, or could not. */
  'page.delivered': z.strictObject({
    person: personSchema,
    cycle: z.number().int().min(1).max(10_000),
    wave: z.number().int().min(0).max(PAGE_LIMITS.waves),
    method: z.enum(PAGE_METHODS),
    outcome: z.enum(['delivered', 'undelivered']),
    detail: storedText(LIMITS.reason),
  }),
  /**
   * Nobody answered a page in time: the hub pages the next step of the roster's escalation. `origin` is the
   * person first paged (in their engagement cycle `originCycle`); `to` is paged now (in cycle `toCycle`, wave `wave`).
   */
  'page.escalated': z.strictObject({
    origin: personSchema,
    originCycle: z.number().int().min(1).max(10_000),
    roster: z.string().regex(ID_REGEX, 'must be an id'),
    rosterName: requiredLine(ONCALL_LIMITS.rosterName),
    step: z.number().int().min(1).max(PAGE_LIMITS.steps),
    to: personSchema,
    toCycle: z.number().int().min(1).max(10_000),
    wave: z.number().int().min(0).max(PAGE_LIMITS.waves),
    /** Minutes since the first page without an acknowledgement. */
    waited: z.number().int().min(0).max(100_000),
  }),

  /**
   * A runbook became a checklist on the incident: by its conditions, or by someone's choice. The steps are
   * copied as the runbook read then, so later edits of the runbook change no checklist already attached. An
   * incident holds one checklist per runbook: of two attachments, the earlier in the log's order stands.
   */
  'checklist.attached': z.strictObject({
    runbook: commsIdSchema,
    version: z.number().int().min(1).max(1_000_000),
    language: z.enum(TEMPLATE_LANGUAGES).optional(),
    title: requiredLine(RUNBOOK_LIMITS.title),
    steps: runbookStepsSchema,
    trigger: z.enum(CHECKLIST_TRIGGERS),
  }),
  /** A checklist step done, skipped with a reason, or opened again. The latest mark of a step stands. */
  'checklist.stepMarked': z
    .strictObject({
      runbook: commsIdSchema,
      /** The checklist's and the step's words then, so the record reads on its own. */
      title: requiredLine(RUNBOOK_LIMITS.title),
      step: commsIdSchema,
      about: requiredLine(CHECKLIST_ABOUT_MAX),
      state: z.enum(STEP_STATES),
      reason: storedText(LIMITS.reason),
    })
    .refine((p) => p.state !== 'skipped' || p.reason.trim().length > 0, { message: 'a skipped step needs a reason', path: ['reason'] }),

  /**
   * An exercise began from a scenario: its injects are copied here, so the drill plays as the scenario read
   * then. Each inject plays at the drill's start (this event's occurredAt) plus its offset.
   */
  'drill.started': z.strictObject({
    scenario: commsIdSchema,
    version: z.number().int().min(1).max(1_000_000),
    title: requiredLine(SCENARIO_LIMITS.title),
    injects: injectsSchema,
  }),
  /** An inject of the drill played: what it was, as scripted. Its occurredAt is its scripted time. */
  'drill.injected': z.strictObject({ inject: injectSchema }),

  /** A message handed over on the spot: copied, opened as a mail draft, saved as a status page. */
  'message.sent': z.strictObject({
    ...messageRecord,
    channel: z.enum(LOCAL_CHANNELS),
    /** For e-mail: who the draft was addressed to. */
    recipients: z.array(emailSchema).max(COMMS_LIMITS.recipients).optional(),
  }),
  /** A message for a network channel: queued until a delivery says it arrived. Never "sent" before that. */
  'message.queued': z.strictObject({
    ...messageRecord,
    channel: z.literal('webhook'),
    webhook: z.strictObject({ id: commsIdSchema, name: requiredLine(COMMS_LIMITS.webhookName), format: z.enum(WEBHOOK_FORMATS) }),
  }),
  /** The receiver took it (`status` is its HTTP answer), or a person confirmed it arrived (`status` null). */
  'message.delivered': z.strictObject({
    ...messageTarget,
    attempts: attemptsSchema,
    status: z.number().int().min(100).max(599).nullable(),
    confirmedBy: personSchema.optional(),
  }),
  /** Delivery stopped: refused by the receiver, or it gave up after its retries. A person may queue it again. */
  'message.deliveryFailed': z.strictObject({
    ...messageTarget,
    attempts: attemptsSchema,
    reason: requiredLine(LIMITS.reason),
    status: z.number().int().min(100).max(599).nullable(),
  }),
  'message.requeued': z.strictObject(messageTarget),
  'message.cancelled': z.strictObject({ ...messageTarget, reason: storedText(LIMITS.reason) }),

  /** A written section of the blameless post-mortem, replacing the versions the writer saw. */
  'postmortem.sectionEdited': z.strictObject({
    section: z.enum(POSTMORTEM_SECTIONS),
    text: storedText(LIMITS.postmortemSection),
    prev: prevSchema,
  }),
  /** A follow-up the post-mortem commits to. It stays tracked after the incident is closed. */
  'actionItem.added': z.strictObject({
    title: requiredLine(LIMITS.actionTitle),
    owner: storedText(LIMITS.personName),
    due: daySchema,
  }),
  'actionItem.changed': z.discriminatedUnion('field', [
    z.strictObject({ ...actionTarget, field: z.literal('title'), value: requiredLine(LIMITS.actionTitle), prev: prevSchema }),
    z.strictObject({ ...actionTarget, field: z.literal('owner'), value: storedText(LIMITS.personName), prev: prevSchema }),
    z.strictObject({ ...actionTarget, field: z.literal('due'), value: daySchema, prev: prevSchema }),
    z.strictObject({ ...actionTarget, field: z.literal('status'), value: z.enum(ACTION_ITEM_STATUSES), prev: prevSchema }),
  ]),

  /**
   * A notification from monitoring, taken in by the hub through an integration and written by the hub itself.
   * In the organisation's stream, or in an incident's once its group is attached to one.
   */
  'alert.received': z.strictObject({
    integration: commsIdSchema,
    integrationName: requiredLine(ALERT_LIMITS.integrationName),
    format: z.enum(ALERT_FORMATS),
    // The notice as the hub read it from the source (shared/alerts/formats.ts).
    ...alertNoticeSchema.shape,
    /** When the source says the alert began; empty: it did not say. */
    startedAt: z.union([z.literal(''), instantSchema]),
    /** The group it joins; empty: it opens a group of its own, named by this event's id. */
    group: z.union([z.literal(''), eventIdSchema]),
    /** The notifications it stands for: this one, and the repeats the hub held since the alert's last event. */
    repeats: z.number().int().min(1).max(1_000_000),
    /** Whether it changed what the alert is (new, fired again, resolved, acknowledged, of another severity), not only repeated it. */
    changed: z.boolean(),
  }),
  /** Someone took an alert group on: it stays in the inbox, no longer waiting for anyone. */
  'alert.groupAcknowledged': z.strictObject({ group: eventIdSchema, about: requiredLine(ALERT_LIMITS.title), reason: storedText(LIMITS.reason) }),
  /** Someone silenced an alert group until a time: its notifications are still recorded, but it leaves the inbox. */
  'alert.groupSilenced': z.strictObject({ group: eventIdSchema, about: requiredLine(ALERT_LIMITS.title), reason: requiredLine(LIMITS.reason), until: instantSchema }),
  /** An alert group became part of an incident (declared from it, or attached to it): in that incident's stream. */
  'alert.groupAttached': z.strictObject({
    group: eventIdSchema,
    about: requiredLine(ALERT_LIMITS.title),
    service: storedText(ALERT_LIMITS.service),
    severity: z.enum(ALERT_SEVERITIES),
    alerts: z.number().int().min(1).max(1_000_000),
    /** When its earliest alert began: the incident was detected then at the latest. */
    firstAt: instantSchema,
  }),

  /**
   * The hub fetched a roster's subscribed calendar (or could not): the shifts it read stand in for the
   * rotation's own while its address is still the one fetched.
   */
  'organisation.calendarFetched': z.strictObject({
    roster: z.string().regex(ID_REGEX, 'must be an id'),
    level: z.enum(ONCALL_LEVELS),
    url: z.string().refine(isCalendarUrl, 'must be a calendar address'),
    outcome: z.enum(['fetched', 'failed']),
    shifts: z.array(shiftSchema).max(ONCALL_LIMITS.shifts),
    detail: storedText(LIMITS.reason),
  }),

  'organisation.settingChanged': z.discriminatedUnion('setting', [
    z.strictObject({ setting: z.literal('roles'), value: settingSchemas.roles, prev: prevSchema }),
    z.strictObject({ setting: z.literal('priorityMatrix'), value: settingSchemas.priorityMatrix, prev: prevSchema }),
    z.strictObject({ setting: z.literal('serviceLevels'), value: settingSchemas.serviceLevels, prev: prevSchema }),
    z.strictObject({ setting: z.literal('services'), value: settingSchemas.services, prev: prevSchema }),
    z.strictObject({ setting: z.literal('audiences'), value: settingSchemas.audiences, prev: prevSchema }),
    z.strictObject({ setting: z.literal('templates'), value: settingSchemas.templates, prev: prevSchema }),
    z.strictObject({ setting: z.literal('channels'), value: settingSchemas.channels, prev: prevSchema }),
    z.strictObject({ setting: z.literal('bridges'), value: settingSchemas.bridges, prev: prevSchema }),
    z.strictObject({ setting: z.literal('integrations'), value: integrationsSchema, prev: prevSchema }),
    z.strictObject({ setting: z.literal('contacts'), value: settingSchemas.contacts, prev: prevSchema }),
    z.strictObject({ setting: z.literal('rosters'), value: settingSchemas.rosters, prev: prevSchema }),
    z.strictObject({ setting: z.literal('runbooks'), value: settingSchemas.runbooks, prev: prevSchema }),
    z.strictObject({ setting: z.literal('scenarios'), value: settingSchemas.scenarios, prev: prevSchema }),
  ]),
} as const;

export type EventType = keyof typeof payloadSchemas;
export type PayloadOf<T extends EventType> = z.infer<(typeof payloadSchemas)[T]>;

/** The version this build writes for each type. Bump it and add an upcaster when a payload changes. */
export const CURRENT_VERSION: Record<EventType, number> = {
  'incident.declared': 2,
  'incident.fieldChanged': 2,
  'timeline.entryLogged': 1,
  'timeline.entryCorrected': 1,
  'timeline.entryStruck': 1,
  'timeline.entryMarked': 1,
  'incident.tierChanged': 1,
  'hypothesis.proposed': 1,
  'hypothesis.changed': 1,
  'hypothesis.evidenceAdded': 1,
  'hypothesis.experimentRecorded': 1,
  'role.assigned': 1,
  'participant.engaged': 1,
  'page.sent': 2,
  'page.delivered': 1,
  'page.escalated': 1,
  'checklist.attached': 1,
  'checklist.stepMarked': 1,
  'drill.started': 1,
  'drill.injected': 1,
  'message.sent': 1,
  'message.queued': 1,
  'message.delivered': 1,
  'message.deliveryFailed': 1,
  'message.requeued': 1,
  'message.cancelled': 1,
  'postmortem.sectionEdited': 1,
  'actionItem.added': 1,
  'actionItem.changed': 1,
  'alert.received': 2,
  'alert.groupAcknowledged': 1,
  'alert.groupSilenced': 1,
  'alert.groupAttached': 1,
  'organisation.settingChanged': 7,
  'organisation.calendarFetched': 1,
};

/** upcasters[type][v] turns a payload of version v into version v + 1. */
type Upcaster = (payload: unknown) => unknown;
const UPCASTERS: Partial<Record<EventType, Record<number, Upcaster>>> = {
  'organisation.settingChanged': {
    // v2 templates may name their language; v3 roles may be marked required; v4 adds the alert integrations;
    // v5 the people to reach and the on-call rosters; v6 a roster's calendar the hub subscribes to; v7 the runbooks, the services' continuity plans, the drill scenarios and the audiences safe for exercises.
    // Every older payload reads the same in the newer version; each bump makes consoles from before it keep
    // such changes for later instead of refusing them as malformed.
    1: (payload) => payload,
    2: (payload) => payload,
    3: (payload) => payload,
    4: (payload) => payload,
    5: (payload) => payload,
    6: (payload) => payload,
  },
  'page.sent': {
    // v2 may carry the gateway's reference for the message; every v1 payload reads the same.
    1: (payload) => payload,
  },
  'alert.received': {
    // v2 counts the repeats the hub held and says whether the notice changed the alert: a v1 event was one notification, shown.
    1: (payload) => (typeof payload === 'object' && payload !== null ? { ...payload, repeats: 1, changed: true } : payload),
  },
  'incident.fieldChanged': {
    // v2 adds the tags and impactStarted fields; every v1 payload reads the same.
    1: (payload) => payload,
  },
  'incident.declared': {
    // v1 had no recorded priority or tier: the only matrix then was the default one, and every incident started normal.
    1: (payload) => {
      if (typeof payload !== 'object' || payload === null) return payload;
      const p = payload as { impact?: Impact; urgency?: Urgency };
      const known = IMPACTS.includes(p.impact as Impact) && URGENCIES.includes(p.urgency as Urgency);
      const priority = known ? priorityOf(p.impact!, p.urgency!, DEFAULT_PRIORITY_MATRIX) : undefined;
      return { ...payload, priority, tier: 'normal' };
    },
  },
};

/** Event types that belong to the organisation's stream rather than to an incident. */
export function isOrganisationType(type: EventType): boolean {
  return type.startsWith('organisation.');
}

/** Which streams a type may be in: the organisation's, an incident's, or either (an alert goes where its group is). */
function allowedStreams(type: EventType): 'organisation' | 'incident' | 'either' {
  if (isOrganisationType(type) || type === 'alert.groupAcknowledged' || type === 'alert.groupSilenced') return 'organisation';
  if (type === 'alert.received') return 'either';
  return 'incident';
}

export const envelopeSchema = z
  .strictObject({
    id: eventIdSchema,
    /** The stream: an incident's id, or the organisation's. */
    incidentId: z.union([eventIdSchema, z.literal(ORGANISATION_STREAM)]),
    type: z.string().min(1).max(100),
    v: z.number().int().min(1).max(1000),
    hlc: z.string().refine(isHlc, 'must be a clock value'),
    deviceId: z.string().regex(DEVICE_ID_REGEX, 'must be a device id'),
    deviceSeq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    actor: requiredLine(LIMITS.personName),
    occurredAt: instantSchema,
    payload: z.unknown(),
    /** Authorship, outside the content (shared/sync/chain.ts): the link before this event in its author's chain. */
    chain: z.string().regex(HEX_64, 'must be a chain link (64 hex digits)').optional(),
    /** Its author's signature over the link this event reaches. */
    seal: sealSchema.optional(),
    /** Where the event's own seal is missing: the hashes of its author's next events up to one it sealed, and that seal. */
    witness: z.strictObject({ hashes: z.array(z.string().regex(HEX_64, 'must be a content hash')).min(1).max(WITNESS_MAX_HASHES), seal: sealSchema }).optional(),
  })
  .refine((e) => e.id === `${e.deviceId}:${e.deviceSeq}`, {
    message: 'id must be deviceId:deviceSeq',
    path: ['id'],
  });

export type Envelope = z.infer<typeof envelopeSchema>;

export type DomainEvent = {
  [T in EventType]: Omit<Envelope, 'type' | 'payload'> & { type: T; payload: PayloadOf<T> };
}[EventType];

export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

export type ParseResult =
  | { status: 'valid'; event: DomainEvent }
  /** Well-formed, but of a type or version newer than this build: keep it, pass it on. */
  | { status: 'unknown'; envelope: Envelope }
  | { status: 'invalid'; error: string };

function isEventType(type: string): type is EventType {
  return Object.hasOwn(payloadSchemas, type);
}

export function parseEvent(raw: unknown): ParseResult {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) return { status: 'invalid', error: describeIssues(envelope.error) };
  const e = envelope.data;
  if (!isEventType(e.type) || e.v > CURRENT_VERSION[e.type]) return { status: 'unknown', envelope: e };
  const allowed = allowedStreams(e.type);
  if (allowed !== 'either' && (allowed === 'organisation') !== (e.incidentId === ORGANISATION_STREAM)) {
    return { status: 'invalid', error: `${e.type} does not belong in stream ${e.incidentId}` };
  }

  let payload = e.payload;
  for (let v = e.v; v < CURRENT_VERSION[e.type]; v++) {
    const up = UPCASTERS[e.type]?.[v];
    if (!up) return { status: 'invalid', error: `${e.type} v${v} cannot be read by this version` };
    payload = up(payload);
  }
  const parsed = payloadSchemas[e.type].safeParse(payload);
  if (!parsed.success) return { status: 'invalid', error: `${e.type}: ${describeIssues(parsed.error)}` };
  return {
    status: 'valid',
    event: { ...e, v: CURRENT_VERSION[e.type], payload: parsed.data } as DomainEvent,
  };
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Total, deterministic order of events: clock, then device, then the device's own sequence. */
export function compareEvents(
  a: Pick<Envelope, 'hlc' | 'deviceId' | 'deviceSeq'>,
  b: Pick<Envelope, 'hlc' | 'deviceId' | 'deviceSeq'>,
): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.deviceId !== b.deviceId) return a.deviceId < b.deviceId ? -1 : 1;
  return a.deviceSeq - b.deviceSeq;
}
