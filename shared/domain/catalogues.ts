/**
 * An organisation's settings: the role catalogue, the priority matrix, the
 * service levels per priority and the service catalogue. Each has a schema
 * (every boundary validates with it) and a default a new console starts from.
 */
import { integrationsSchema, type Integration } from './alerts';
import { contactsSchema, rostersSchema, type Contact, type Roster } from './oncall';
import { z } from 'zod';

import { DEFAULT_TEMPLATES } from '../comms/defaultTemplates';
import { DEFAULT_RUNBOOKS } from '../runbooks/defaultRunbooks';
import { DEFAULT_SCENARIOS } from '../runbooks/defaultScenarios';
import {
  DEFAULT_AUDIENCES,
  DEFAULT_BRIDGES,
  DEFAULT_CHANNELS,
  audiencesSchema,
  bridgesSchema,
  channelsSchema,
  templatesSchema,
  type Audience,
  type Bridges,
  type Channels,
  type Template,
} from './comms';
import { continuityPlanSchema } from './continuity';
import { scenariosSchema, type Scenario } from './drills';
import { runbooksSchema, type Runbook } from './runbooks';
import { IMPACTS, PRIORITIES, URGENCIES, type Priority, type PriorityMatrix, type Urgency } from './priority';
import { LIMITS, hasForbiddenControlChars, nameKey } from './text';

const line = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasForbiddenControlChars(s), 'must not contain control characters')
    .refine((s) => s.trim().length > 0, 'must not be empty');

// ---- Roles -----------------------------------------------------------------

/** The role every incident must have someone in; its name may be edited, its id may not. */
export const COMMANDER_ROLE = 'commander';
export const ROLE_ID_REGEX = /^[a-z][a-z0-9-]{0,39}$/;
export const ROLE_SEATS = ['one', 'many'] as const;
export type RoleSeats = (typeof ROLE_SEATS)[number];

export const roleSchema = z.strictObject({
  id: z.string().regex(ROLE_ID_REGEX, 'must be a role id (lower-case letters, digits, -)'),
  name: line(LIMITS.roleName),
  /** 'one': a seat a single person holds and hands over; 'many': several people at once (experts). */
  seats: z.enum(ROLE_SEATS),
  /** The room counts as engaged once the commander and every required role are held (time to engage). */
  required: z.boolean().optional(),
});
export type Role = z.infer<typeof roleSchema>;

export const roleCatalogueSchema = z
  .array(roleSchema)
  .min(1, 'must list at least the incident commander')
  .max(LIMITS.roles, `must list at most ${LIMITS.roles} roles`)
  .refine((roles) => new Set(roles.map((r) => r.id)).size === roles.length, 'role ids must be unique')
  .refine(
    (roles) => new Set(roles.map((r) => nameKey(r.name))).size === roles.length,
    'role names must be unique',
  )
  .refine((roles) => roles.some((r) => r.id === COMMANDER_ROLE && r.seats === 'one'), {
    message: 'must keep the incident commander, held by one person',
  });

/** The Incident Command System roles (see DOMAIN.md). Names here are the catalogue's data, edited per organisation. */
export const DEFAULT_ROLES: Role[] = [
  { id: COMMANDER_ROLE, name: 'Incident commander', seats: 'one', required: true },
  { id: 'deputy', name: 'Deputy commander', seats: 'one' },
  { id: 'scribe', name: 'Scribe', seats: 'one', required: true },
  { id: 'communications', name: 'Communications lead', seats: 'one', required: true },
  { id: 'operations', name: 'Operations lead', seats: 'one' },
  { id: 'expert', name: 'Subject-matter expert', seats: 'many' },
  { id: 'business', name: 'Business liaison', seats: 'one' },
  { id: 'security', name: 'Security lead', seats: 'one' },
];

// ---- Priority matrix -------------------------------------------------------

const priorityEnum = z.enum(PRIORITIES);
const urgencyRow = z.strictObject(
  Object.fromEntries(URGENCIES.map((u) => [u, priorityEnum])) as Record<(typeof URGENCIES)[number], typeof priorityEnum>,
);
/** Every impact x urgency cell must hold a priority: a gap is refused, never guessed. */
export const priorityMatrixSchema = z.strictObject(
  Object.fromEntries(IMPACTS.map((i) => [i, urgencyRow])) as Record<(typeof IMPACTS)[number], typeof urgencyRow>,
) as unknown as z.ZodType<PriorityMatrix>;

// ---- Service levels --------------------------------------------------------

export const MAX_TO_MAJOR_MINUTES = 7 * 24 * 60;
export const MAX_TO_CONTINUITY_MINUTES = 30 * 24 * 60;
export const MAX_WARN_MINUTES = 24 * 60;

const minutes = (max: number) => z.number().int('must be whole minutes').min(1, 'must be at least 1 minute').max(max, `must be at most ${max} minutes`);

export const serviceLevelSchema = z
  .strictObject({
    /** How long a normal incident of this priority may run before it must become major; null: no clock. */
    toMajorMinutes: minutes(MAX_TO_MAJOR_MINUTES).nullable(),
    /** How long a major incident of this priority may run before continuity must be decided; null: no clock. */
    toContinuityMinutes: minutes(MAX_TO_CONTINUITY_MINUTES).nullable(),
    /** How long before a deadline the console warns. */
    warnMinutes: z.number().int('must be whole minutes').min(0, 'must not be negative').max(MAX_WARN_MINUTES),
  })
  .refine((l) => l.toMajorMinutes === null || l.warnMinutes < l.toMajorMinutes, {
    message: 'the warning must come before the deadline',
    path: ['warnMinutes'],
  })
  .refine((l) => l.toContinuityMinutes === null || l.warnMinutes < l.toContinuityMinutes, {
    message: 'the warning must come before the deadline',
    path: ['warnMinutes'],
  });
export type ServiceLevel = z.infer<typeof serviceLevelSchema>;
export type ServiceLevels = Record<Priority, ServiceLevel>;

export const serviceLevelsSchema = z.strictObject(
  Object.fromEntries(PRIORITIES.map((p) => [p, serviceLevelSchema])) as Record<Priority, typeof serviceLevelSchema>,
) as unknown as z.ZodType<ServiceLevels>;

export const DEFAULT_SERVICE_LEVELS: ServiceLevels = {
  P1: { toMajorMinutes: 15, toContinuityMinutes: 120, warnMinutes: 5 },
  P2: { toMajorMinutes: 60, toContinuityMinutes: 480, warnMinutes: 10 },
  P3: { toMajorMinutes: 240, toContinuityMinutes: 1440, warnMinutes: 30 },
  P4: { toMajorMinutes: 1440, toContinuityMinutes: null, warnMinutes: 60 },
  P5: { toMajorMinutes: null, toContinuityMinutes: null, warnMinutes: 60 },
};

// ---- Service catalogue -----------------------------------------------------

/** How a service is brought back when it cannot be repaired in time. */
export const CONTINUITY_STRATEGIES = ['rebuild', 'cold', 'warm', 'hot'] as const;
export type ContinuityStrategy = (typeof CONTINUITY_STRATEGIES)[number];

export const serviceSchema = z.strictObject({
  name: line(LIMITS.serviceName),
  /** Criticality is the urgency an incident on this service starts from. */
  criticality: z.enum(URGENCIES),
  owner: line(LIMITS.personName),
  continuity: z.enum(CONTINUITY_STRATEGIES),
  /** How the service is brought back, written down; absent: no plan yet. */
  plan: continuityPlanSchema.optional(),
});
export type Service = z.infer<typeof serviceSchema>;

export const serviceCatalogueSchema = z
  .array(serviceSchema)
  .max(LIMITS.catalogueServices, `must list at most ${LIMITS.catalogueServices} services`)
  .refine(
    (services) => new Set(services.map((s) => nameKey(s.name))).size === services.length,
    'service names must be unique',
  );

export const DEFAULT_SERVICES: Service[] = [];

/** The urgency affected services suggest: the most critical among those the catalogue knows; null if it knows none. */
export function urgencyForServices(names: readonly string[], catalogue: readonly Service[]): Urgency | null {
  const wanted = new Set(names.map(nameKey));
  const known = catalogue.filter((s) => wanted.has(nameKey(s.name)));
  if (known.length === 0) return null;
  return URGENCIES.find((u) => known.some((s) => s.criticality === u)) ?? null;
}

// ---- All settings ----------------------------------------------------------

export type OrganisationSettings = {
  roles: Role[];
  priorityMatrix: PriorityMatrix;
  serviceLevels: ServiceLevels;
  services: Service[];
  audiences: Audience[];
  templates: Template[];
  channels: Channels;
  bridges: Bridges;
  /** Where alerts come in from: one integration a monitoring source, each with its own key. */
  integrations: Integration[];
  /** People and how to reach them (e-mail, a phone for SMS, a push topic). */
  contacts: Contact[];
  /** Who is on call for which services, in turns or by an imported calendar. */
  rosters: Roster[];
  /** Checklists for kinds of incident, attached when an incident meets their conditions. */
  runbooks: Runbook[];
  /** Scripted exercises: an incident to declare and the injects to play in it. */
  scenarios: Scenario[];
};
export type SettingName = keyof OrganisationSettings;
export const SETTING_NAMES: SettingName[] = ['roles', 'priorityMatrix', 'serviceLevels', 'services', 'audiences', 'templates', 'channels', 'bridges', 'integrations', 'contacts', 'rosters', 'runbooks', 'scenarios'];

export const settingSchemas: { [S in SettingName]: z.ZodType<OrganisationSettings[S]> } = {
  roles: roleCatalogueSchema,
  priorityMatrix: priorityMatrixSchema,
  serviceLevels: serviceLevelsSchema,
  services: serviceCatalogueSchema,
  audiences: audiencesSchema,
  templates: templatesSchema,
  channels: channelsSchema,
  bridges: bridgesSchema,
  integrations: integrationsSchema,
  contacts: contactsSchema,
  rosters: rostersSchema,
  runbooks: runbooksSchema,
  scenarios: scenariosSchema,
};

export { DEFAULT_RUNBOOKS, DEFAULT_SCENARIOS };
export const COMMS_DEFAULTS = { audiences: DEFAULT_AUDIENCES, templates: DEFAULT_TEMPLATES, channels: DEFAULT_CHANNELS, bridges: DEFAULT_BRIDGES };
