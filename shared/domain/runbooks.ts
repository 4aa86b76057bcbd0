/**
 * Runbooks: the organisation's checklists for kinds of incident. Each has
 * conditions on the incident (kind, priority, tier, status, services, tags)
 * and ordered steps; when an incident meets a runbook's conditions, the
 * runbook attaches itself to it as a checklist. Runbooks are versioned like
 * message templates and written per language, one id standing for all of a
 * runbook's languages.
 */
import { z } from 'zod';

import { ID_REGEX, TEMPLATE_LANGUAGES, type TemplateLanguage } from './comms';
import { INCIDENT_KINDS, STATUSES, TAG_REGEX, TIERS, type IncidentKind, type Status, type Tier } from './incidentTerms';
import { isWebhookUrl } from './links';
import { IMPACTS, PRIORITIES, URGENCIES, type Priority, type PriorityMatrix } from './priority';
import { LIMITS, hasForbiddenControlChars, nameKey } from './text';

export const RUNBOOK_LIMITS = {
  runbooks: 100,
  title: 200,
  steps: 50,
  stepText: 4_000,
  link: 2_000,
  services: LIMITS.services,
  tags: LIMITS.tags,
} as const;

const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasForbiddenControlChars(s), 'must not contain control characters');
const line = (max: number) => text(max).refine((s) => s.trim().length > 0 && !/[\n\t]/.test(s), 'must be one non-empty line');
const idSchema = z.string().regex(ID_REGEX, 'must be an id (lower-case letters, digits, -)');
const unique = <T extends z.ZodTypeAny>(item: T, max: number, key: (v: z.infer<T>) => string = String) =>
  z
    .array(item)
    .max(max, `must list at most ${max}`)
    .refine((list) => new Set(list.map(key)).size === list.length, 'must not list anything twice');

/** Which incidents a runbook is for. Each list left empty matches any incident; every list given must match. */
export const conditionsSchema = z.strictObject({
  kinds: unique(z.enum(INCIDENT_KINDS), INCIDENT_KINDS.length),
  priorities: unique(z.enum(PRIORITIES), PRIORITIES.length),
  tiers: unique(z.enum(TIERS), TIERS.length),
  statuses: unique(z.enum(STATUSES), STATUSES.length),
  /** Any of the incident's services. */
  services: unique(line(LIMITS.serviceName), RUNBOOK_LIMITS.services, nameKey),
  /** Any of the incident's tags. */
  tags: unique(z.string().regex(TAG_REGEX, 'must be a tag (lower-case letters, digits, -)'), RUNBOOK_LIMITS.tags),
});
export type RunbookConditions = z.infer<typeof conditionsSchema>;

export const NO_CONDITIONS: RunbookConditions = { kinds: [], priorities: [], tiers: [], statuses: [], services: [], tags: [] };

export const runbookStepSchema = z.strictObject({
  id: idSchema,
  /** Markdown, shown rendered and inert: no raw HTML, links only to web and mail addresses. */
  text: text(RUNBOOK_LIMITS.stepText).refine((s) => s.trim().length > 0, 'must not be empty'),
  /** The role that owns the step; absent: whoever is free. */
  role: z.string().regex(ID_REGEX, 'must be a role id').optional(),
  /** Where to do it or read more. */
  link: z.string().max(RUNBOOK_LIMITS.link).refine(isWebhookUrl, 'must be an http or https address').optional(),
  /** Steps that must be done (or skipped) before this one. */
  after: unique(idSchema, RUNBOOK_LIMITS.steps),
});
export type RunbookStep = z.infer<typeof runbookStepSchema>;

export const runbookStepsSchema = z
  .array(runbookStepSchema)
  .min(1, 'must have at least one step')
  .max(RUNBOOK_LIMITS.steps, `must have at most ${RUNBOOK_LIMITS.steps} steps`)
  .superRefine((steps, ctx) => {
    const problem = stepsProblem(steps);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const runbookSchema = z.strictObject({
  id: idSchema,
  /** Absent: the runbook's text for every language without one of its own. */
  language: z.enum(TEMPLATE_LANGUAGES).optional(),
  title: line(RUNBOOK_LIMITS.title),
  /** Attaches itself when the conditions hold; false: only attached by hand. */
  auto: z.boolean(),
  conditions: conditionsSchema,
  steps: runbookStepsSchema,
  /** Counts the runbook's edits; an attached checklist names the version it was made from. */
  version: z.number().int().min(1).max(1_000_000),
});
export type Runbook = z.infer<typeof runbookSchema>;

export const runbookSlot = (r: Pick<Runbook, 'id' | 'language'>) => `${r.id}/${r.language ?? ''}`;

export const runbooksSchema = z
  .array(runbookSchema)
  .max(RUNBOOK_LIMITS.runbooks, `must list at most ${RUNBOOK_LIMITS.runbooks} runbooks`)
  .refine((list) => new Set(list.map(runbookSlot)).size === list.length, 'must hold one runbook per id and language');

/** Why a runbook's steps cannot be worked through: a step id twice, an unknown step to wait for, or steps waiting on each other. */
export function stepsProblem(steps: readonly Pick<RunbookStep, 'id' | 'after'>[]): string | null {
  const ids = new Set(steps.map((s) => s.id));
  if (ids.size !== steps.length) return 'step ids must be unique';
  for (const step of steps) {
    for (const before of step.after) {
      if (before === step.id) return `step ${step.id} waits for itself`;
      if (!ids.has(before)) return `step ${step.id} waits for a step that does not exist: ${before}`;
    }
  }
  // Steps whose waits are all met are done in turn; any left over wait on each other.
  const done = new Set<string>();
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const step of steps) {
      if (!done.has(step.id) && step.after.every((b) => done.has(b))) {
        done.add(step.id);
        progressed = true;
      }
    }
  }
  const stuck = steps.filter((s) => !done.has(s.id)).map((s) => s.id);
  return stuck.length ? `steps wait on each other: ${stuck.join(', ')}` : null;
}

/** What of an incident a runbook's conditions read. */
export type ConditionSubject = { kind: IncidentKind; priority: Priority; tier: Tier; status: Status; services: readonly string[]; tags: readonly string[] };

export function conditionsMatch(conditions: RunbookConditions, incident: ConditionSubject): boolean {
  const within = <T>(allowed: readonly T[], value: T) => allowed.length === 0 || allowed.includes(value);
  const anyOf = (allowed: readonly string[], values: readonly string[], key: (s: string) => string) => {
    if (allowed.length === 0) return true;
    const wanted = new Set(allowed.map(key));
    return values.some((v) => wanted.has(key(v)));
  };
  return (
    within(conditions.kinds, incident.kind) &&
    within(conditions.priorities, incident.priority) &&
    within(conditions.tiers, incident.tier) &&
    within(conditions.statuses, incident.status) &&
    anyOf(conditions.services, incident.services, nameKey) &&
    anyOf(conditions.tags, incident.tags, (s) => s)
  );
}

/** The runbook of an id in a language: its own text in that language, else the one without a language, else any. */
export function runbookIn(runbooks: readonly Runbook[], id: string, language: TemplateLanguage): Runbook | null {
  const variants = runbooks.filter((r) => r.id === id);
  return variants.find((r) => r.language === language) ?? variants.find((r) => r.language === undefined) ?? variants[0] ?? null;
}

/** One runbook per id, each in the language asked for, in the order the settings list them. */
export function runbooksIn(runbooks: readonly Runbook[], language: TemplateLanguage): Runbook[] {
  const ids = [...new Set(runbooks.map((r) => r.id))];
  return ids.map((id) => runbookIn(runbooks, id, language)!);
}

/**
 * The version of a runbook whose `auto` and conditions decide when it attaches: the one for every
 * language, else the first listed. Every console decides alike, whatever language it speaks.
 */
export function deciding(runbooks: readonly Runbook[], id: string): Runbook | null {
  const variants = runbooks.filter((r) => r.id === id);
  return variants.find((r) => r.language === undefined) ?? variants[0] ?? null;
}

/** The runbooks that attach themselves to an incident now (automatic, matching, not attached already), each in the language asked for. */
export function runbooksDue(runbooks: readonly Runbook[], language: TemplateLanguage, incident: ConditionSubject, attached: ReadonlySet<string>): Runbook[] {
  return runbooksIn(runbooks, language).filter((r) => {
    const rule = deciding(runbooks, r.id)!;
    return rule.auto && !attached.has(r.id) && conditionsMatch(rule.conditions, incident);
  });
}

/** Why a runbook's conditions cannot match as the settings stand: said in Settings, never refused. */
export type ConditionWarning =
  | { kind: 'priorityNeverGiven'; priorities: Priority[] }
  | { kind: 'unknownServices'; services: string[] };

export function conditionWarnings(conditions: RunbookConditions, settings: { priorityMatrix: PriorityMatrix; services: readonly { name: string }[] }): ConditionWarning[] {
  const warnings: ConditionWarning[] = [];
  const given = new Set(IMPACTS.flatMap((i) => URGENCIES.map((u) => settings.priorityMatrix[i][u])));
  if (conditions.priorities.length > 0 && conditions.priorities.every((p) => !given.has(p))) {
    warnings.push({ kind: 'priorityNeverGiven', priorities: [...conditions.priorities] });
  }
  const known = new Set(settings.services.map((s) => nameKey(s.name)));
  const unknown = conditions.services.filter((s) => !known.has(nameKey(s)));
  if (unknown.length > 0 && unknown.length === conditions.services.length) warnings.push({ kind: 'unknownServices', services: unknown });
  return warnings;
}
