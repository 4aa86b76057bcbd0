/**
 * The on-call settings' forms: people and how to reach them, and one roster
 * at a time. Pure, so every rule is tested plainly; the settings' schemas
 * still have the last word when the value is written.
 */
import {
  MAX_ESCALATION_MINUTES,
  ONCALL_LIMITS,
  PHONE_REGEX,
  PUSH_TOPIC_REGEX,
  TIME_OF_DAY_REGEX,
  isCalendarUrl,
  type Contact,
  type Escalation,
  type Override,
  type Roster,
  type Rotation,
  type Shift,
} from '@shared/domain/oncall';
import { isDay } from '@shared/domain/instants';
import { EMAIL } from '@shared/domain/links';
import { LIMITS, hasForbiddenControlChars, nameKey, parseList } from '@shared/domain/text';
import { isTimeZone } from '@shared/domain/timeZone';

import { formatNumber, t } from '../../i18n/i18n';
import { FORM_ERROR, checkLine, done, idFromName, newRowKey, type FieldErrors, type Validated } from './settingsForms';

// ---- People ------------------------------------------------------------------------

export type ContactRow = { key: string } & Contact;

export const contactsToForm = (people: readonly Contact[]): ContactRow[] => people.map((p, i) => ({ key: `person-${i}`, ...p }));
export const newContactRow = (): ContactRow => ({ key: newRowKey('person'), name: '', email: '', phone: '', pushTopic: '' });

/** A phone number as people type it ("+45 12 34 56 78"), as a gateway dials it. */
export const phoneOf = (typed: string) => typed.replace(/[\s().-]/g, '');

export function validateContacts(rows: readonly ContactRow[]): Validated<Contact[]> {
  const errors: FieldErrors = {};
  const names = new Map<string, string>();
  const people: Contact[] = [];
  for (const row of rows) {
    const name = checkLine(row.name, LIMITS.personName, 'settings.error.personRequired');
    if (name.error) errors[`${row.key}-name`] = name.error;
    else if (names.has(nameKey(name.text))) errors[`${row.key}-name`] = t('settings.contacts.duplicate', { name: names.get(nameKey(name.text))! });
    else names.set(nameKey(name.text), name.text);
    const email = row.email.trim();
    if (email && !EMAIL.test(email)) errors[`${row.key}-email`] = t('settings.contacts.badEmail');
    const phone = phoneOf(row.phone);
    if (phone && !PHONE_REGEX.test(phone)) errors[`${row.key}-phone`] = t('settings.contacts.badPhone');
    const pushTopic = row.pushTopic.trim();
    if (pushTopic && !PUSH_TOPIC_REGEX.test(pushTopic)) errors[`${row.key}-pushTopic`] = t('settings.contacts.badTopic');
    people.push({ name: name.text, email, phone, pushTopic });
  }
  if (rows.length > ONCALL_LIMITS.people) errors[FORM_ERROR] = t('settings.contacts.tooMany', { max: formatNumber(ONCALL_LIMITS.people) });
  return done(people, errors);
}

// ---- A roster --------------------------------------------------------------------

/** A rotation as its form holds it: a cycle's people one per line; an imported calendar's shifts as read. */
export type RotationForm = {
  kind: Rotation['kind'];
  people: string;
  startsOn: string;
  handOff: string;
  lengthDays: string;
  shifts: Shift[];
  source: string;
  /** A calendar the hub subscribes to; empty: the shifts imported are all there is. */
  url: string;
};

export type RosterForm = {
  /** Null for a roster added in the form: it gets one, from its name, when saved. */
  id: string | null;
  name: string;
  team: string;
  services: string;
  timeZone: string;
  primary: RotationForm;
  hasSecondary: boolean;
  secondary: RotationForm;
  /** Kept as they are: overrides are made on the on-call page. */
  overrides: Override[];
  escalates: boolean;
  secondaryAfter: string;
  /** The first step after the secondary (the manager, say); further ones, made elsewhere, are kept as they are. */
  thenPerson: string;
  thenAfter: string;
  thenRest: Escalation['then'];
  repeats: string;
};

export const newRotationForm = (startsOn: string): RotationForm => ({ kind: 'cycle', people: '', startsOn, handOff: '09:00', lengthDays: '7', shifts: [], source: '', url: '' });

function rotationToForm(rotation: Rotation, startsOn: string): RotationForm {
  if (rotation.kind === 'calendar') return { ...newRotationForm(startsOn), kind: 'calendar', shifts: rotation.shifts, source: rotation.source, url: rotation.url ?? '' };
  return { ...newRotationForm(rotation.startsOn), people: rotation.people.join('\n'), handOff: rotation.handOff, lengthDays: String(rotation.lengthDays) };
}

export function rosterToForm(roster: Roster | null, today: string, timeZone: string): RosterForm {
  if (!roster) {
    return { id: null, name: '', team: '', services: '', timeZone, primary: newRotationForm(today), hasSecondary: false, secondary: newRotationForm(today), overrides: [], ...escalationToForm(undefined) };
  }
  return {
    id: roster.id,
    name: roster.name,
    team: roster.team,
    services: roster.services.join(', '),
    timeZone: roster.timeZone,
    primary: rotationToForm(roster.primary, today),
    hasSecondary: roster.secondary !== null,
    secondary: roster.secondary ? rotationToForm(roster.secondary, today) : newRotationForm(today),
    overrides: roster.overrides,
    ...escalationToForm(roster.escalation),
  };
}

function escalationToForm(escalation: Escalation | undefined) {
  const [first, ...rest] = escalation?.then ?? [];
  return {
    escalates: escalation !== undefined,
    secondaryAfter: String(escalation?.secondaryAfter ?? 5),
    thenPerson: first?.person ?? '',
    thenAfter: String(first?.after ?? 10),
    thenRest: rest,
    repeats: String(escalation?.repeats ?? 0),
  };
}

function validateEscalation(form: RosterForm, errors: FieldErrors): Escalation | undefined {
  if (!form.escalates) return undefined;
  const minutes = (field: 'secondaryAfter' | 'thenAfter') => {
    const value = Number(form[field]);
    if (!Number.isInteger(value) || value < 1 || value > MAX_ESCALATION_MINUTES) errors[field] = t('settings.rosters.badMinutes', { max: formatNumber(MAX_ESCALATION_MINUTES) });
    return value;
  };
  const secondaryAfter = minutes('secondaryAfter');
  const then = [...form.thenRest];
  if (form.thenPerson.trim()) {
    const person = checkLine(form.thenPerson, LIMITS.personName, 'settings.error.personRequired');
    if (person.error) errors.thenPerson = person.error;
    then.unshift({ person: person.text, after: minutes('thenAfter') });
  }
  return { secondaryAfter, then, repeats: Math.min(3, Math.max(0, Number(form.repeats) || 0)) };
}

/** People typed one per line (or separated by commas), each once. */
export const peopleOf = (typed: string) => parseList(typed);

function validateRotation(form: RotationForm, prefix: string, errors: FieldErrors): Rotation {
  if (form.kind === 'calendar') {
    const url = form.url.trim();
    if (url && !isCalendarUrl(url)) errors[`${prefix}-url`] = t('settings.rosters.badCalendarUrl');
    // A subscribed calendar's shifts come from the hub; one imported from a file must have some.
    if (form.shifts.length === 0 && !url) errors[`${prefix}-shifts`] = t('settings.rosters.noShifts');
    const source = (url && !form.source ? url : form.source).slice(0, ONCALL_LIMITS.source);
    return { kind: 'calendar', shifts: form.shifts, source, ...(url ? { url } : {}) };
  }
  const people = peopleOf(form.people);
  if (people.length === 0) errors[`${prefix}-people`] = t('settings.rosters.noPeople');
  else if (people.length > ONCALL_LIMITS.rotationPeople) errors[`${prefix}-people`] = t('settings.rosters.tooManyPeople', { max: formatNumber(ONCALL_LIMITS.rotationPeople) });
  else if (people.some((p) => hasForbiddenControlChars(p) || p.length > LIMITS.personName)) errors[`${prefix}-people`] = t('settings.error.controlChars');
  if (!isDay(form.startsOn)) errors[`${prefix}-startsOn`] = t('settings.rosters.badDay');
  if (!TIME_OF_DAY_REGEX.test(form.handOff)) errors[`${prefix}-handOff`] = t('settings.rosters.badTime');
  const lengthDays = Number(form.lengthDays);
  if (!Number.isInteger(lengthDays) || lengthDays < 1 || lengthDays > ONCALL_LIMITS.lengthDays) {
    errors[`${prefix}-lengthDays`] = t('settings.rosters.badLength', { max: formatNumber(ONCALL_LIMITS.lengthDays) });
  }
  return { kind: 'cycle', people, startsOn: form.startsOn, handOff: form.handOff, lengthDays };
}

/** The roster the form describes; `others` are the rosters besides it, whose names and ids it must not take. */
export function validateRoster(form: RosterForm, others: readonly Roster[]): Validated<Roster> {
  const errors: FieldErrors = {};
  const name = checkLine(form.name, ONCALL_LIMITS.rosterName, 'settings.rosters.nameRequired');
  if (name.error) errors.name = name.error;
  else if (others.some((r) => nameKey(r.name) === nameKey(name.text))) errors.name = t('settings.rosters.duplicate', { name: name.text });
  const team = form.team.trim() === '' ? { text: '' } : checkLine(form.team, ONCALL_LIMITS.team, 'settings.rosters.nameRequired');
  if (team.error) errors.team = team.error;
  const services = parseList(form.services);
  if (services.length > LIMITS.services || services.some((s) => s.length > LIMITS.serviceName || hasForbiddenControlChars(s))) {
    errors.services = t('settings.rosters.badServices', { max: formatNumber(LIMITS.services) });
  }
  if (!isTimeZone(form.timeZone.trim())) errors.timeZone = t('settings.rosters.badZone');
  const primary = validateRotation(form.primary, 'primary', errors);
  const secondary = form.hasSecondary ? validateRotation(form.secondary, 'secondary', errors) : null;
  if (others.length >= ONCALL_LIMITS.rosters && form.id === null) errors[FORM_ERROR] = t('settings.rosters.tooMany', { max: formatNumber(ONCALL_LIMITS.rosters) });
  const escalation = validateEscalation(form, errors);
  const id = form.id ?? idFromName(name.text, new Set(others.map((r) => r.id)), 'roster');
  const roster: Roster = { id, name: name.text, team: team.text, services, timeZone: form.timeZone.trim(), primary, secondary, overrides: form.overrides, ...(escalation ? { escalation } : {}) };
  return done(roster, errors);
}
