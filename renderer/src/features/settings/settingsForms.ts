/**
 * The settings forms: what each section holds while someone edits it, and its
 * validation into catalogue messages. Pure, so every rule is tested plainly;
 * the setting's schema still has the last word when the value is written.
 */
import {
  COMMANDER_ROLE,
  MAX_TO_CONTINUITY_MINUTES,
  MAX_TO_MAJOR_MINUTES,
  MAX_WARN_MINUTES,
  ROLE_ID_REGEX,
  type ContinuityStrategy,
  type Role,
  type RoleSeats,
  type Service,
  type ServiceLevel,
  type ServiceLevels,
} from '@shared/domain/catalogues';
import type { ContinuityPlan } from '@shared/domain/continuity';
import { IMPACTS, PRIORITIES, URGENCIES, type Impact, type Priority, type PriorityMatrix, type Urgency } from '@shared/domain/priority';
import { LIMITS, cleanLine, hasForbiddenControlChars, nameKey } from '@shared/domain/text';

import type { MessageKey } from '../../i18n/en';
import { formatNumber, t } from '../../i18n/i18n';

/** Messages by field key; a key is also the tail of the field's element id. */
export type FieldErrors = Record<string, string>;
/** The key of an error that belongs to the whole section rather than one field. */
export const FORM_ERROR = 'form';
export type Validated<T> = { value: T; errors: null } | { value: null; errors: FieldErrors };

export const done = <T>(value: T, errors: FieldErrors): Validated<T> =>
  Object.keys(errors).length ? { value: null, errors } : { value, errors: null };

let rowCounter = 0;
/** A key for a row added in the form: stable while it is edited, safe in an element id. */
export function newRowKey(prefix: string): string {
  rowCounter += 1;
  // '_' never appears in a role id, so a new row's key cannot meet a saved role's.
  return `${prefix}_new${rowCounter}`;
}

/** One line of text typed by a person: refused (not silently altered) when it hides control characters. */
export function checkLine(raw: string, max: number, required: MessageKey): { text: string; error?: string } {
  if (hasForbiddenControlChars(raw)) return { text: raw, error: t('settings.error.controlChars') };
  const text = cleanLine(raw);
  if (!text) return { text, error: t(required) };
  if (text.length > max) return { text, error: t('settings.error.tooLong', { max: formatNumber(max), length: formatNumber(text.length) }) };
  return { text };
}

// ---- Roles -----------------------------------------------------------------

/** id is null for a role added in the form: it gets one, from its name, when saved. */
export type RoleRow = { key: string; id: string | null; name: string; seats: RoleSeats; required: boolean };

export const rolesToForm = (roles: readonly Role[]): RoleRow[] =>
  roles.map((r) => ({ key: `role-${r.id}`, id: r.id, name: r.name, seats: r.seats, required: r.id === COMMANDER_ROLE || r.required === true }));

export const newRoleRow = (): RoleRow => ({ key: newRowKey('role'), id: null, name: '', seats: 'one', required: false });

const ROLE_ID_MAX = 40;

/**
 * A role id from its name: a lower-case slug, never one in `taken`. Pass every
 * id the catalogue has ever held (`OrganisationView.usedRoleIds`): rosters name
 * roles by id, so a reused id would hand a new role a removed one's holders.
 */
export function roleIdFor(name: string, taken: ReadonlySet<string>): string {
  return idFromName(name, taken, 'role');
}

/** A lower-case slug of `name` (ROLE_ID_REGEX), never one in `taken`; `fallback` when the name has no letters. */
export function idFromName(name: string, taken: ReadonlySet<string>, fallback: string): string {
  let slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, ROLE_ID_MAX)
    .replace(/-+$/, '');
  if (!slug) slug = fallback;
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${slug.slice(0, ROLE_ID_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate) && ROLE_ID_REGEX.test(candidate)) return candidate;
  }
}

/** `usedIds`: every role id the catalogue has ever held, removed ones included, which a new role must not take. */
export function validateRoles(rows: readonly RoleRow[], usedIds: readonly string[]): Validated<Role[]> {
  const errors: FieldErrors = {};
  const names = new Map<string, string>();
  const taken = new Set<string>([...usedIds, ...rows.flatMap((r) => (r.id ? [r.id] : []))]);
  const roles: Role[] = [];
  for (const row of rows) {
    const { text, error } = checkLine(row.name, LIMITS.roleName, 'settings.error.roleNameRequired');
    const key = `${row.key}-name`;
    if (error) errors[key] = error;
    else if (names.has(nameKey(text))) errors[key] = t('settings.error.duplicateRole', { name: names.get(nameKey(text))! });
    else names.set(nameKey(text), text);
    const id = row.id ?? roleIdFor(text, taken);
    taken.add(id);
    // The commander's seat is never shared, and always needed, whatever the form says.
    const commander = id === COMMANDER_ROLE;
    roles.push({ id, name: text, seats: commander ? 'one' : row.seats, ...(commander || row.required ? { required: true } : {}) });
  }
  if (rows.length > LIMITS.roles) errors[FORM_ERROR] = t('settings.error.tooManyRoles', { max: LIMITS.roles });
  else if (!rows.some((r) => r.id === COMMANDER_ROLE)) errors[FORM_ERROR] = t('settings.error.commanderMissing');
  return done(roles, errors);
}

// ---- Priority matrix -------------------------------------------------------

/** '' is a cell left empty: possible to make, refused on save. */
export type MatrixForm = Record<Impact, Record<Urgency, Priority | ''>>;

export const matrixToForm = (matrix: PriorityMatrix): MatrixForm =>
  Object.fromEntries(IMPACTS.map((i) => [i, { ...matrix[i] }])) as MatrixForm;

export const matrixCellKey = (impact: Impact, urgency: Urgency) => `${impact}-${urgency}`;

export function validateMatrix(form: MatrixForm): Validated<PriorityMatrix> {
  const errors: FieldErrors = {};
  for (const impact of IMPACTS) {
    for (const urgency of URGENCIES) {
      const cell = form[impact][urgency];
      if (!PRIORITIES.includes(cell as Priority)) {
        errors[matrixCellKey(impact, urgency)] = t('settings.error.matrixGap', { impact: t(`impact.${impact}`), urgency: t(`urgency.${urgency}`) });
      }
    }
  }
  return done(form as PriorityMatrix, errors);
}

// ---- Service levels --------------------------------------------------------

export const LEVEL_FIELDS = ['toMajor', 'toContinuity', 'warn'] as const;
export type LevelField = (typeof LEVEL_FIELDS)[number];
/** Minutes as typed: '' for a deadline means no clock. */
export type LevelsForm = Record<Priority, Record<LevelField, string>>;

const minutesText = (m: number | null) => (m === null ? '' : String(m));

export const levelsToForm = (levels: ServiceLevels): LevelsForm =>
  Object.fromEntries(
    PRIORITIES.map((p) => [
      p,
      { toMajor: minutesText(levels[p].toMajorMinutes), toContinuity: minutesText(levels[p].toContinuityMinutes), warn: String(levels[p].warnMinutes) },
    ]),
  ) as LevelsForm;

export const levelKey = (priority: Priority, field: LevelField) => `${priority}-${field}`;

type Parsed = { minutes: number | null; error?: string };

function parseMinutes(raw: string, { min, max, optional }: { min: number; max: number; optional: boolean }): Parsed {
  const text = raw.trim();
  if (!text) return optional ? { minutes: null } : { minutes: null, error: t('settings.error.warnRequired') };
  if (!/^\d+$/.test(text)) return { minutes: null, error: t('settings.error.wholeMinutes') };
  const minutes = Number(text);
  if (minutes < min) return { minutes: null, error: t('settings.error.minMinutes') };
  if (minutes > max) return { minutes: null, error: t('settings.error.maxMinutes', { max: formatNumber(max), duration: formatMinutes(max) }) };
  return { minutes };
}

export function validateLevels(form: LevelsForm): Validated<ServiceLevels> {
  const errors: FieldErrors = {};
  const levels = {} as Record<Priority, ServiceLevel>;
  for (const p of PRIORITIES) {
    const toMajor = parseMinutes(form[p].toMajor, { min: 1, max: MAX_TO_MAJOR_MINUTES, optional: true });
    const toContinuity = parseMinutes(form[p].toContinuity, { min: 1, max: MAX_TO_CONTINUITY_MINUTES, optional: true });
    const warn = parseMinutes(form[p].warn, { min: 0, max: MAX_WARN_MINUTES, optional: false });
    if (toMajor.error) errors[levelKey(p, 'toMajor')] = toMajor.error;
    if (toContinuity.error) errors[levelKey(p, 'toContinuity')] = toContinuity.error;
    if (warn.error) errors[levelKey(p, 'warn')] = warn.error;
    const deadlines = [toMajor.minutes, toContinuity.minutes].filter((m): m is number => m !== null);
    const earliest = deadlines.length ? Math.min(...deadlines) : null;
    if (!warn.error && warn.minutes !== null && earliest !== null && warn.minutes >= earliest) {
      errors[levelKey(p, 'warn')] = t('settings.error.warnAfterDeadline', { deadline: formatNumber(earliest) });
    }
    levels[p] = { toMajorMinutes: toMajor.minutes, toContinuityMinutes: toContinuity.minutes, warnMinutes: warn.minutes ?? 0 };
  }
  return done(levels, errors);
}

/** Minutes in words a person reads at a glance: "2 h 30 min", "1 d". */
export function formatMinutes(total: number): string {
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts = [
    days ? t('settings.duration.days', { n: days }) : '',
    hours ? t('settings.duration.hours', { n: hours }) : '',
    minutes || total === 0 ? t('settings.duration.minutes', { n: minutes }) : '',
  ];
  return parts.filter(Boolean).join(' ');
}

// ---- Service catalogue -----------------------------------------------------

/** `plan` is edited in a dialog of its own, which checks it before it reaches the row. */
export type ServiceRow = { key: string; name: string; criticality: Urgency; owner: string; continuity: ContinuityStrategy; plan?: ContinuityPlan };

export const servicesToForm = (services: readonly Service[]): ServiceRow[] =>
  services.map((s, i) => ({ key: `service-${i}`, ...s }));

export const newServiceRow = (): ServiceRow => ({ key: newRowKey('service'), name: '', criticality: 'supporting', owner: '', continuity: 'rebuild' });

export function validateServices(rows: readonly ServiceRow[]): Validated<Service[]> {
  const errors: FieldErrors = {};
  const names = new Map<string, string>();
  const services: Service[] = [];
  for (const row of rows) {
    const name = checkLine(row.name, LIMITS.serviceName, 'settings.error.serviceNameRequired');
    const owner = checkLine(row.owner, LIMITS.personName, 'settings.error.ownerRequired');
    const nameField = `${row.key}-name`;
    if (name.error) errors[nameField] = name.error;
    else if (names.has(nameKey(name.text))) errors[nameField] = t('settings.error.duplicateService', { name: names.get(nameKey(name.text))! });
    else names.set(nameKey(name.text), name.text);
    if (owner.error) errors[`${row.key}-owner`] = owner.error;
    services.push({ name: name.text, criticality: row.criticality, owner: owner.text, continuity: row.continuity, ...(row.plan ? { plan: row.plan } : {}) });
  }
  if (rows.length > LIMITS.catalogueServices) {
    errors[FORM_ERROR] = t('settings.error.tooManyServices', { max: formatNumber(LIMITS.catalogueServices) });
  }
  return done(services, errors);
}
