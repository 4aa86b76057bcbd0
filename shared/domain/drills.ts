/**
 * Drills: a scenario declares an exercise incident and plays scripted injects
 * at their offsets (an alert fires, a role-player logs an entry, a message
 * arrives, a service goes down). The scenario is copied into the incident
 * when the drill starts, and each inject's time is the start plus its offset,
 * so a drill replays the same whenever and however often the console looks.
 */
import { z } from 'zod';

import { ALERT_SEVERITIES } from './alerts';
import { ID_REGEX } from './comms';
import { INCIDENT_KINDS } from './incidentTerms';
import { IMPACTS, URGENCIES } from './priority';
import { LIMITS, hasForbiddenControlChars, nameKey } from './text';

/** What every message of an exercise starts with, in every language: the marker exercises use the world over. */
export const EXERCISE_PREFIX = '[EXERCISE]';

/** `totalChars`: every scenario together travels as one settings event, which must fit a sync frame with room to spare. */
export const SCENARIO_LIMITS = { scenarios: 50, injects: 200, title: 200, text: 4_000, offsetSeconds: 24 * 60 * 60, totalChars: 2_000_000 } as const;

const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasForbiddenControlChars(s), 'must not contain control characters');
const line = (max: number) => text(max).refine((s) => s.trim().length > 0 && !/[\n\t]/.test(s), 'must be one non-empty line');
const required = (max: number) => text(max).refine((s) => s.trim().length > 0, 'must not be empty');
const idSchema = z.string().regex(ID_REGEX, 'must be an id (lower-case letters, digits, -)');

export const INJECT_KINDS = ['alert', 'entry', 'message', 'serviceDown'] as const;
export type InjectKind = (typeof INJECT_KINDS)[number];

const at = { id: idSchema, offsetSeconds: z.number().int('must be whole seconds').min(0).max(SCENARIO_LIMITS.offsetSeconds) };

export const injectSchema = z.discriminatedUnion('kind', [
  /** Monitoring fires: shown on the timeline as the alert would read. */
  z.strictObject({ ...at, kind: z.literal('alert'), title: line(SCENARIO_LIMITS.title), service: text(LIMITS.serviceName), severity: z.enum(ALERT_SEVERITIES) }),
  /** A role-player logs an entry, in their own name. */
  z.strictObject({ ...at, kind: z.literal('entry'), from: line(LIMITS.personName), text: required(SCENARIO_LIMITS.text) }),
  /** A message reaches the room from an audience (an executive asks, a customer complains). */
  z.strictObject({ ...at, kind: z.literal('message'), audience: idSchema, from: line(LIMITS.personName), text: required(SCENARIO_LIMITS.text) }),
  /** A service of the catalogue goes down: it joins the incident's affected services. */
  z.strictObject({ ...at, kind: z.literal('serviceDown'), service: line(LIMITS.serviceName) }),
]);
export type Inject = z.infer<typeof injectSchema>;

export const injectsSchema = z
  .array(injectSchema)
  .max(SCENARIO_LIMITS.injects, `must list at most ${SCENARIO_LIMITS.injects} injects`)
  .superRefine((injects, ctx) => {
    const problem = injectOrderProblem(injects);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const scenarioSchema = z.strictObject({
  id: idSchema,
  title: line(SCENARIO_LIMITS.title),
  /** What the exercise is for and what the players are told beforehand. */
  briefing: text(SCENARIO_LIMITS.text),
  /** The exercise incident declared when the drill starts. */
  incident: z.strictObject({
    title: line(LIMITS.title),
    kind: z.enum(INCIDENT_KINDS),
    services: z.array(line(LIMITS.serviceName)).max(LIMITS.services),
    impact: z.enum(IMPACTS),
    urgency: z.enum(URGENCIES),
  }),
  injects: injectsSchema,
  /** Counts the scenario's edits; a drill names the version it played. */
  version: z.number().int().min(1).max(1_000_000),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const scenariosSchema = z
  .array(scenarioSchema)
  .max(SCENARIO_LIMITS.scenarios, `must list at most ${SCENARIO_LIMITS.scenarios} scenarios`)
  .refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'scenario ids must be unique')
  .refine((list) => JSON.stringify(list).length <= SCENARIO_LIMITS.totalChars, `all scenarios together must be at most ${SCENARIO_LIMITS.totalChars} characters`);

/** Injects must be listed in the order they play, each with an id of its own: a script read top to bottom is the script that runs. */
export function injectOrderProblem(injects: readonly Pick<Inject, 'id' | 'offsetSeconds'>[]): string | null {
  const ids = new Set<string>();
  for (let i = 0; i < injects.length; i++) {
    const inject = injects[i]!;
    if (ids.has(inject.id)) return `inject ${inject.id} is listed twice`;
    ids.add(inject.id);
    const before = injects[i - 1];
    if (before && inject.offsetSeconds < before.offsetSeconds) return `inject ${inject.id} plays before ${before.id}, listed above it: list injects in the order they play`;
  }
  return null;
}

/** What a scenario names that the organisation's settings do not hold: said when it is imported or started, with the reason. */
export type ScenarioProblem = { kind: 'unknownService'; inject: string | null; service: string } | { kind: 'unknownAudience'; inject: string; audience: string };

export function scenarioProblems(scenario: Scenario, settings: { services: readonly { name: string }[]; audiences: readonly { id: string }[] }): ScenarioProblem[] {
  const services = new Set(settings.services.map((s) => nameKey(s.name)));
  const audiences = new Set(settings.audiences.map((a) => a.id));
  const problems: ScenarioProblem[] = [];
  for (const service of scenario.incident.services) if (!services.has(nameKey(service))) problems.push({ kind: 'unknownService', inject: null, service });
  for (const inject of scenario.injects) {
    if ((inject.kind === 'serviceDown' || (inject.kind === 'alert' && inject.service)) && !services.has(nameKey(inject.service))) {
      problems.push({ kind: 'unknownService', inject: inject.id, service: inject.service });
    }
    if (inject.kind === 'message' && !audiences.has(inject.audience)) problems.push({ kind: 'unknownAudience', inject: inject.id, audience: inject.audience });
  }
  return problems;
}

/** When an inject plays: the drill's start plus its offset, to the millisecond. */
export function injectAt(startedAt: string, inject: Pick<Inject, 'offsetSeconds'>): string {
  return new Date(Date.parse(startedAt) + inject.offsetSeconds * 1000).toISOString();
}

/** The injects due by `nowMs` and not played yet, in script order. */
export function dueInjects(drill: { startedAt: string; injects: readonly Inject[] }, played: ReadonlySet<string>, nowMs: number): Inject[] {
  return drill.injects.filter((inject) => !played.has(inject.id) && Date.parse(injectAt(drill.startedAt, inject)) <= nowMs);
}

/** When the next inject falls due after everything played: null when none is left. */
export function nextInjectAt(drill: { startedAt: string; injects: readonly Inject[] }, played: ReadonlySet<string>): number | null {
  const next = drill.injects.find((inject) => !played.has(inject.id));
  return next ? Date.parse(injectAt(drill.startedAt, next)) : null;
}

const MARKED = /^\s*\[exercise\]/i;

/**
 * A message as an exercise sends it: marked once, at the start of what is read first (the subject if
 * there is one, else the text), however the writer already marked it.
 */
export function exerciseMessage(message: { subject: string; text: string }): { subject: string; text: string } {
  if (MARKED.test(message.subject) || MARKED.test(message.text)) return message;
  if (message.subject.trim()) return { ...message, subject: `${EXERCISE_PREFIX} ${message.subject}` };
  return { ...message, text: `${EXERCISE_PREFIX} ${message.text}` };
}
