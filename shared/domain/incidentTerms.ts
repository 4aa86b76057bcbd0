/**
 * The words an incident is described by: its kind, status and tier, and the
 * shape of a tag. Kept apart from the events so settings (runbook conditions)
 * can name them without importing the event schemas that import the settings.
 */
export const INCIDENT_KINDS = ['service', 'security'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

/** normal -> major -> continuity (service continuity / disaster recovery). */
export const TIERS = ['normal', 'major', 'continuity'] as const;
export type Tier = (typeof TIERS)[number];

/** A tag: lower-case letters, digits and dashes, so "Database" and "database" are one tag. */
export const TAG_REGEX = /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}-]{0,39}$/u;
