/**
 * The runbooks form: what Settings holds while someone edits runbooks, and its
 * validation into catalogue messages. A step waits for others by their row
 * keys, so steps can be added, moved and removed before any has an id.
 */
import type { TemplateLanguage } from '@shared/domain/comms';
import type { IncidentKind, Status, Tier } from '@shared/domain/incidentTerms';
import type { Priority } from '@shared/domain/priority';
import { RUNBOOK_LIMITS, runbookSlot, stepsProblem, type Runbook, type RunbookStep } from '@shared/domain/runbooks';
import { parseTags } from '@shared/domain/tags';
import { LIMITS, cleanMultiline, hasForbiddenControlChars, parseList } from '@shared/domain/text';
import { isWebhookUrl } from '@shared/domain/links';

import { formatNumber, t } from '../../i18n/i18n';
import { FORM_ERROR, checkLine, done, idFromName, newRowKey, type FieldErrors, type Validated } from './settingsForms';

/** 'any': the runbook's text for every language without its own. */
export type RunbookLanguage = TemplateLanguage | 'any';

export type StepRow = { key: string; id: string | null; text: string; role: string; link: string; after: string[] };
export type RunbookRow = {
  key: string;
  /** null until saved: it gets one from its title. Versions of one runbook in other languages share it. */
  id: string | null;
  language: RunbookLanguage;
  title: string;
  auto: boolean;
  kinds: IncidentKind[];
  priorities: Priority[];
  tiers: Tier[];
  statuses: Status[];
  /** As typed: comma-separated. */
  services: string;
  tags: string;
  steps: StepRow[];
};

const stepKey = (runbookKey: string, id: string) => `${runbookKey}-step-${id}`;
export const runbookRowKey = (r: Pick<Runbook, 'id' | 'language'>) => `runbook-${r.id}-${r.language ?? 'any'}`;

export function runbooksToForm(runbooks: readonly Runbook[]): RunbookRow[] {
  return runbooks.map((r) => {
    const key = runbookRowKey(r);
    return {
      key,
      id: r.id,
      language: r.language ?? 'any',
      title: r.title,
      auto: r.auto,
      kinds: [...r.conditions.kinds],
      priorities: [...r.conditions.priorities],
      tiers: [...r.conditions.tiers],
      statuses: [...r.conditions.statuses],
      services: r.conditions.services.join(', '),
      tags: r.conditions.tags.join(', '),
      steps: r.steps.map((s) => ({ key: stepKey(key, s.id), id: s.id, text: s.text, role: s.role ?? '', link: s.link ?? '', after: s.after.map((a) => stepKey(key, a)) })),
    };
  });
}

export const newStepRow = (): StepRow => ({ key: newRowKey('step'), id: null, text: '', role: '', link: '', after: [] });

export function newRunbookRow(): RunbookRow {
  return { key: newRowKey('runbook'), id: null, language: 'any', title: '', auto: true, kinds: [], priorities: [], tiers: [], statuses: [], services: '', tags: '', steps: [newStepRow()] };
}

/** The same runbook in another language: its conditions and steps copied, to be translated. */
export function translatedRow(row: RunbookRow, language: RunbookLanguage): RunbookRow {
  const key = newRowKey('runbook');
  const keys = new Map(row.steps.map((s) => [s.key, newRowKey('step')]));
  return {
    ...row,
    key,
    language,
    steps: row.steps.map((s) => ({ ...s, key: keys.get(s.key)!, after: s.after.flatMap((a) => (keys.has(a) ? [keys.get(a)!] : [])) })),
  };
}

export const stepFieldKey = (step: Pick<StepRow, 'key'>, field: 'text' | 'link') => `${step.key}-${field}`;
export const runbookFieldKey = (row: Pick<RunbookRow, 'key'>, field: 'title' | 'services' | 'tags' | 'steps') => `${row.key}-${field}`;

function checkStepText(raw: string): string | undefined {
  if (hasForbiddenControlChars(raw)) return t('settings.error.controlChars');
  const text = cleanMultiline(raw);
  if (!text) return t('settings.runbooks.error.stepRequired');
  if (text.length > RUNBOOK_LIMITS.stepText) return t('settings.error.tooLong', { max: formatNumber(RUNBOOK_LIMITS.stepText), length: formatNumber(text.length) });
  return undefined;
}

/** A runbook's content in one fixed order, whatever order its fields were written in, without its version. */
function content(r: Runbook): string {
  const { kinds, priorities, tiers, statuses, services, tags } = r.conditions;
  const steps = r.steps.map((s) => [s.id, s.text, s.role ?? '', s.link ?? '', s.after]);
  return JSON.stringify([r.id, r.language ?? '', r.title, r.auto, kinds, priorities, tiers, statuses, services, tags, steps]);
}
const sameContent = (a: Runbook, b: Runbook) => content(a) === content(b);

/**
 * `saved`: the runbooks as saved now. A runbook whose content differs from its
 * saved one gets the next version; one left alone keeps its own, so an
 * attached checklist's version still names what it was copied from.
 */
export function validateRunbooks(rows: readonly RunbookRow[], saved: readonly Runbook[]): Validated<Runbook[]> {
  const errors: FieldErrors = {};
  const taken = new Set<string>([...saved.map((r) => r.id), ...rows.flatMap((r) => (r.id ? [r.id] : []))]);
  const slots = new Set<string>();
  const runbooks: Runbook[] = [];
  for (const row of rows) {
    const title = checkLine(row.title, RUNBOOK_LIMITS.title, 'settings.runbooks.error.titleRequired');
    if (title.error) errors[runbookFieldKey(row, 'title')] = title.error;
    const services = parseList(row.services);
    if (services.length > RUNBOOK_LIMITS.services) errors[runbookFieldKey(row, 'services')] = t('settings.runbooks.error.tooManyServices', { max: RUNBOOK_LIMITS.services });
    else if (services.some((s) => s.length > LIMITS.serviceName)) errors[runbookFieldKey(row, 'services')] = t('settings.runbooks.error.serviceTooLong', { max: LIMITS.serviceName });
    const tags = parseTags(row.tags);
    if (tags.problem) {
      errors[runbookFieldKey(row, 'tags')] =
        tags.problem.kind === 'invalid' ? t('settings.runbooks.error.badTag', { tag: tags.problem.tag }) : t('settings.runbooks.error.tooManyTags', { max: tags.problem.max });
    }
    const id = row.id ?? idFromName(title.text, taken, 'runbook');
    taken.add(id);

    // Steps: new ones get ids of their own; waits name steps by key until here.
    const stepIds = new Map<string, string>();
    const stepTaken = new Set(row.steps.flatMap((s) => (s.id ? [s.id] : [])));
    for (const step of row.steps) {
      const stepId = step.id ?? idFromName('step', stepTaken, 'step');
      stepTaken.add(stepId);
      stepIds.set(step.key, stepId);
    }
    const steps: RunbookStep[] = row.steps.map((step) => {
      const textError = checkStepText(step.text);
      if (textError) errors[stepFieldKey(step, 'text')] = textError;
      const link = step.link.trim();
      if (link && !isWebhookUrl(link)) errors[stepFieldKey(step, 'link')] = t('settings.runbooks.error.badLink');
      const after = step.after.flatMap((k) => (stepIds.has(k) && k !== step.key ? [stepIds.get(k)!] : []));
      return { id: stepIds.get(step.key)!, text: cleanMultiline(step.text), ...(step.role ? { role: step.role } : {}), ...(link ? { link } : {}), after };
    });
    if (steps.length === 0) errors[runbookFieldKey(row, 'steps')] = t('settings.runbooks.error.noSteps');
    else if (steps.length > RUNBOOK_LIMITS.steps) errors[runbookFieldKey(row, 'steps')] = t('settings.runbooks.error.tooManySteps', { max: RUNBOOK_LIMITS.steps });
    else if (stepsProblem(steps)) errors[runbookFieldKey(row, 'steps')] = t('settings.runbooks.error.stepsWaitOnEachOther');

    const language = row.language === 'any' ? undefined : row.language;
    const slot = runbookSlot({ id, language });
    if (slots.has(slot) && !errors[FORM_ERROR]) errors[FORM_ERROR] = t('settings.runbooks.error.duplicateLanguage', { title: title.text });
    slots.add(slot);
    const runbook: Runbook = {
      id,
      ...(language ? { language } : {}),
      title: title.text,
      auto: row.auto,
      conditions: { kinds: row.kinds, priorities: row.priorities, tiers: row.tiers, statuses: row.statuses, services, tags: tags.tags },
      steps,
      version: 1,
    };
    const before = saved.find((r) => runbookSlot(r) === slot);
    // A version moved to another language counts on from its runbook's highest, never back to 1.
    const highest = saved.filter((r) => r.id === id).reduce((max, r) => Math.max(max, r.version), 0);
    runbooks.push({ ...runbook, version: !before ? highest + 1 : sameContent(before, runbook) ? before.version : before.version + 1 });
  }
  if (rows.length > RUNBOOK_LIMITS.runbooks) errors[FORM_ERROR] = t('settings.runbooks.error.tooMany', { max: RUNBOOK_LIMITS.runbooks });
  return done(runbooks, errors);
}
