/**
 * The organisation's settings, folded from their own stream. Each setting is a
 * register: a console that has never seen a change uses the default, and two
 * concurrent edits stay visible as a conflict until someone keeps one.
 */
import {
  COMMS_DEFAULTS,
  DEFAULT_ROLES,
  DEFAULT_RUNBOOKS,
  DEFAULT_SCENARIOS,
  DEFAULT_SERVICE_LEVELS,
  DEFAULT_SERVICES,
  SETTING_NAMES,
  type OrganisationSettings,
  type SettingName,
} from './catalogues';
import { compareEvents, type DomainEvent } from './events';
import type { OnCallLevel, Roster, Rotation, Shift } from './oncall';
import { DEFAULT_PRIORITY_MATRIX } from './priority';
import { emptyRegister, readRegister, writeRegister, type Register } from './register';

/** The latest fetch by the hub of a roster's subscribed calendar. */
export type FetchedCalendar = {
  /** The fetch's event, in the log's order (`compareEvents`). */
  hlc: string;
  deviceId: string;
  deviceSeq: number;
  at: string;
  url: string;
  outcome: 'fetched' | 'failed';
  shifts: Shift[];
  detail: string;
};

export type OrganisationState = { [S in SettingName]: Register<OrganisationSettings[S]> } & {
  /** The latest fetch of each, by `calendarKey`. Absent in states stored before calendars were subscribed to. */
  calendars?: Record<string, FetchedCalendar>;
  /** The latest fetch of each that read its shifts: a fetch that failed since leaves them standing. */
  calendarShifts?: Record<string, FetchedCalendar>;
};

export const calendarKey = (roster: string, level: OnCallLevel) => `${roster}/${level}`;

export const DEFAULT_SETTINGS: OrganisationSettings = {
  roles: DEFAULT_ROLES,
  priorityMatrix: DEFAULT_PRIORITY_MATRIX,
  serviceLevels: DEFAULT_SERVICE_LEVELS,
  services: DEFAULT_SERVICES,
  ...COMMS_DEFAULTS,
  integrations: [],
  contacts: [],
  rosters: [],
  runbooks: DEFAULT_RUNBOOKS,
  scenarios: DEFAULT_SCENARIOS,
};

export function emptyOrganisation(): OrganisationState {
  return Object.fromEntries(SETTING_NAMES.map((name) => [name, emptyRegister()])) as unknown as OrganisationState;
}

export function applyOrganisationEvent(state: OrganisationState, event: DomainEvent): OrganisationState {
  if (event.type === 'organisation.calendarFetched') {
    const { roster, level, url, outcome, shifts, detail } = event.payload;
    const key = calendarKey(roster, level);
    const { hlc, deviceId, deviceSeq } = event;
    const fetch: FetchedCalendar = { hlc, deviceId, deviceSeq, at: event.occurredAt, url, outcome, shifts, detail };
    // The latest fetch stands, whatever order the events arrive in.
    const later = (known: FetchedCalendar | undefined) => !known || compareEvents(known, fetch) < 0;
    const calendars = later(state.calendars?.[key]) ? { ...state.calendars, [key]: fetch } : state.calendars;
    const calendarShifts = outcome === 'fetched' && later(state.calendarShifts?.[key]) ? { ...state.calendarShifts, [key]: fetch } : state.calendarShifts;
    return calendars === state.calendars && calendarShifts === state.calendarShifts ? state : { ...state, calendars, calendarShifts };
  }
  if (event.type !== 'organisation.settingChanged') return state;
  const { setting, value, prev } = event.payload;
  // A state persisted before a setting existed has no register for it yet.
  const register = (state[setting] ?? emptyRegister()) as Register<unknown>;
  const next = writeRegister(register, { id: event.id, hlc: event.hlc, deviceId: event.deviceId, value, prev, at: event.occurredAt });
  return next === register ? state : { ...state, [setting]: next };
}

export function foldOrganisation(events: Iterable<DomainEvent>): OrganisationState {
  let state = emptyOrganisation();
  for (const event of events) state = applyOrganisationEvent(state, event);
  return state;
}

export type OrganisationView = {
  settings: OrganisationSettings;
  /** What a new write of each setting must name as replaced. */
  heads: Record<SettingName, string[]>;
  /** Settings two consoles changed at once, with every live value, best first. */
  conflicts: Partial<{ [S in SettingName]: { id: string; value: OrganisationSettings[S] }[] }>;
  /**
   * Every role id the catalogue has ever held (the defaults and any write,
   * replaced or not), sorted. Rosters of existing incidents still name removed
   * roles by id, so a new role must never take one of these.
   */
  usedRoleIds: string[];
  /** The hub's latest fetch of each subscribed calendar, by `calendarKey`. */
  calendars: Record<string, FetchedCalendar>;
};

export function viewOrganisation(state: OrganisationState): OrganisationView {
  const settings = { ...DEFAULT_SETTINGS };
  const heads = {} as Record<SettingName, string[]>;
  const conflicts: Record<string, { id: string; value: unknown }[]> = {};
  for (const name of SETTING_NAMES) {
    const read = readRegister<unknown>((state[name] ?? emptyRegister()) as Register<unknown>);
    heads[name] = read ? read.heads.map((h) => h.id) : [];
    if (!read) continue;
    (settings as Record<SettingName, unknown>)[name] = read.value;
    if (read.heads.length > 1) conflicts[name] = read.heads.map((h) => ({ id: h.id, value: h.value }));
  }
  settings.rosters = settings.rosters.map((roster) => withFetchedShifts(roster, state.calendarShifts ?? {}));
  const usedRoleIds = new Set(DEFAULT_ROLES.map((r) => r.id));
  for (const write of Object.values(state.roles.writes)) for (const role of write.value) usedRoleIds.add(role.id);
  return { settings, heads, conflicts: conflicts as OrganisationView['conflicts'], usedRoleIds: [...usedRoleIds].sort(), calendars: state.calendars ?? {} };
}

/** A roster whose subscribed calendars the hub fetched: their shifts as last fetched from the address it names now. */
function withFetchedShifts(roster: Roster, calendars: Record<string, FetchedCalendar>): Roster {
  const fetched = (level: OnCallLevel, rotation: Rotation): Rotation => {
    if (rotation.kind !== 'calendar' || !rotation.url) return rotation;
    const latest = calendars[calendarKey(roster.id, level)];
    return latest && latest.url === rotation.url ? { ...rotation, shifts: latest.shifts } : rotation;
  };
  const primary = fetched('primary', roster.primary);
  const secondary = roster.secondary && fetched('secondary', roster.secondary);
  return primary === roster.primary && secondary === roster.secondary ? roster : { ...roster, primary, secondary };
}
