/**
 * Alerts from monitoring (DOMAIN.md, "Before the room fills"). The hub takes
 * each notification in through an integration and writes it to the log as
 * `alert.received`; the same alert (one integration, one dedup key) repeats
 * until it is resolved. Alerts for the same service within a window form an
 * alert group, which people acknowledge, silence, declare an incident from or
 * attach to one. This file holds the words, the limits and the fold that every
 * console and the hub share.
 */
import { z } from 'zod';

import { ID_REGEX } from './comms';
import type { Impact, Urgency } from './priority';
import { hasForbiddenControlChars, nameKey } from './text';

export const ALERT_ACTIONS = ['trigger', 'acknowledge', 'resolve'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

/** PagerDuty's four; every source's severity is mapped onto them (`severityOf`). Most severe first. */
export const ALERT_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_FORMATS = ['alertmanager', 'grafana', 'pagerduty', 'generic'] as const;
export type AlertFormat = (typeof ALERT_FORMATS)[number];

export const ALERT_LINK_KINDS = ['generator', 'dashboard', 'runbook', 'silence', 'other'] as const;
export type AlertLinkKind = (typeof ALERT_LINK_KINDS)[number];

export const ALERT_LIMITS = {
  /** As PagerDuty allows. */
  dedupKey: 255,
  title: 300,
  service: 100,
  labels: 40,
  labelName: 100,
  labelValue: 500,
  links: 10,
  linkHref: 2_000,
  linkText: 200,
  integrationName: 60,
  integrations: 50,
  /** A request body the hub reads at most (PagerDuty's own limit is 512 KB). */
  bodyBytes: 512 * 1024,
  /** Alerts one Alertmanager or Grafana notification may carry. */
  alertsPerNotification: 500,
} as const;

/** A group takes a new alert for its service while one of its alerts fires, or until this long after its last notification. */
export const ALERT_GROUP_WINDOW_MS = 15 * 60_000;

const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !hasForbiddenControlChars(s), 'must not contain control characters');
const line = (max: number) => text(max).refine((s) => s.trim().length > 0, 'must not be empty');
const idSchema = z.string().regex(ID_REGEX, 'must be an id');

/** Only web addresses: a `javascript:` or `data:` link from a sender is never kept. */
export function isWebLink(href: string): boolean {
  // Most fields a sender leaves out are empty: no parse (and no exception) for them.
  if (href.length > ALERT_LIMITS.linkHref || !/^https?:/i.test(href)) return false;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export const alertLabelSchema = z.strictObject({ name: line(ALERT_LIMITS.labelName), value: text(ALERT_LIMITS.labelValue) });
export const alertLinkSchema = z.strictObject({
  kind: z.enum(ALERT_LINK_KINDS),
  href: z.string().refine(isWebLink, 'must be an http(s) address'),
  text: text(ALERT_LIMITS.linkText),
});
export type AlertLabel = z.infer<typeof alertLabelSchema>;
export type AlertLink = z.infer<typeof alertLinkSchema>;

/** One notification about one alert, in the words every source is mapped to. */
export const alertNoticeSchema = z.strictObject({
  action: z.enum(ALERT_ACTIONS),
  dedupKey: line(ALERT_LIMITS.dedupKey),
  title: line(ALERT_LIMITS.title),
  severity: z.enum(ALERT_SEVERITIES),
  /** As the source names it; empty: the source did not say. */
  service: text(ALERT_LIMITS.service),
  labels: z.array(alertLabelSchema).max(ALERT_LIMITS.labels),
  links: z.array(alertLinkSchema).max(ALERT_LIMITS.links),
  /** When the source says the alert began (ISO instant); empty: it did not say. */
  startedAt: z.string(),
});
export type AlertNotice = z.infer<typeof alertNoticeSchema>;

// ---- Integrations ------------------------------------------------------------

/** Generic JSON: where in the body each field is, as dot paths ("alert.id", "items.0.name"). */
const pathSchema = z.string().max(200).regex(/^$|^[A-Za-z0-9_$@-]+(\.[A-Za-z0-9_$@-]+)*$/, 'must be a dot path (alert.id)');
export const genericPathsSchema = z.strictObject({
  dedupKey: pathSchema.refine((p) => p !== '', 'must say where the dedup key is'),
  title: pathSchema.refine((p) => p !== '', 'must say where the title is'),
  severity: pathSchema,
  service: pathSchema,
  /** A value here of "resolved", "resolve", "ok" or "inactive" resolves the alert. */
  status: pathSchema,
  link: pathSchema,
});
export type GenericPaths = z.infer<typeof genericPathsSchema>;

/** Which new alert groups a rule takes: of these severities (any when empty) and these services (any when empty); off when both are empty. */
export const alertRuleSchema = z.strictObject({
  severities: z.array(z.enum(ALERT_SEVERITIES)).max(ALERT_SEVERITIES.length),
  services: z.array(line(ALERT_LIMITS.service)).max(50),
});
export type AlertRule = z.infer<typeof alertRuleSchema>;
export const NO_RULE: AlertRule = { severities: [], services: [] };

export function ruleIsOn(rule: AlertRule): boolean {
  return rule.severities.length > 0 || rule.services.length > 0;
}

/** Whether a rule that is on takes a group of this severity and service. */
export function ruleTakes(rule: AlertRule, severity: AlertSeverity, service: string): boolean {
  if (!ruleIsOn(rule)) return false;
  const key = nameKey(service);
  return (rule.severities.length === 0 || rule.severities.includes(severity)) && (rule.services.length === 0 || rule.services.some((s) => nameKey(s) === key));
}

/** What a group's severity suggests for an incident declared from it, before the service's criticality says more. */
export const SUGGESTED_BY_SEVERITY: Record<AlertSeverity, { impact: Impact; urgency: Urgency }> = {
  critical: { impact: 'organisation', urgency: 'missionCritical' },
  error: { impact: 'department', urgency: 'supporting' },
  warning: { impact: 'individual', urgency: 'supporting' },
  info: { impact: 'individual', urgency: 'internal' },
};

export const integrationSchema = z.strictObject({
  id: idSchema,
  name: line(ALERT_LIMITS.integrationName),
  format: z.enum(ALERT_FORMATS),
  /** SHA-256 of the key, hex: the key itself is shown once, to whoever made it, and kept nowhere. */
  keyHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a key hash'),
  /** The key's last four characters, so people can tell keys apart. */
  keyHint: z.string().regex(/^[a-z0-9]{4}$/, 'must be four characters of the key'),
  /** Revoked: every request with its key is refused from then on. */
  revoked: z.boolean(),
  /** Which label names the service (Alertmanager, Grafana); empty: "service". */
  serviceLabel: text(ALERT_LIMITS.labelName),
  /** The service when a notification names none (a PagerDuty integration belongs to one service). */
  service: text(ALERT_LIMITS.service),
  generic: genericPathsSchema.optional(),
  /** New groups that declare an incident by themselves (off by default), and those that should page someone. */
  rules: z.strictObject({ declare: alertRuleSchema, page: alertRuleSchema }).optional(),
});
export type Integration = z.infer<typeof integrationSchema>;

export const integrationsSchema = z
  .array(integrationSchema)
  .max(ALERT_LIMITS.integrations)
  .refine((list) => new Set(list.map((i) => i.id)).size === list.length, 'integration ids must be unique')
  .refine((list) => list.every((i) => i.format !== 'generic' || i.generic !== undefined), 'a generic integration must say where its fields are');

export const DEFAULT_SERVICE_LABEL = 'service';

// ---- What the fold keeps ------------------------------------------------------

export type AlertState = {
  /** `integration/dedupKey`: one alert, however often it is sent. */
  key: string;
  integration: string;
  integrationName: string;
  dedupKey: string;
  title: string;
  severity: AlertSeverity;
  service: string;
  labels: AlertLabel[];
  links: AlertLink[];
  status: 'firing' | 'resolved';
  /** The source said someone acknowledged it there (PagerDuty's acknowledge). */
  acknowledgedAtSource: boolean;
  /** Notifications received for it, resolutions included. */
  count: number;
  /** When it began, as the source said, or when it was first received. */
  firstAt: string;
  lastAt: string;
  /** The order (`orderOf`) of the notification that last set its state: the latest wins, whatever order a console folds in. */
  latest: string;
};

export type GroupAction = { by: string; at: string; reason: string; order: string };

/** Plain data (no Map), so a console keeps it as a row as it is. */
export type AlertGroupState = {
  /** The id of the event whose alert opened it. */
  id: string;
  /** As the alert that opened it named it; empty: none, or that alert is not here yet. */
  service: string;
  /** The key of the alert that opened it (`alertKey`); empty until its event is here. */
  opener: string;
  alerts: Record<string, AlertState>;
  firstAt: string;
  lastAt: string;
  acknowledged: GroupAction | null;
  silenced: (GroupAction & { until: string }) | null;
  /** The incident it was declared as or attached to. */
  incident: { id: string; at: string; order: string } | null;
};

export const alertKey = (integration: string, dedupKey: string) => `${integration}/${dedupKey}`;

/** Two services are one whatever their case or spacing, as everywhere else. */
export const serviceKey = (service: string) => nameKey(service);

export function mostSevere(severities: Iterable<AlertSeverity>): AlertSeverity | null {
  let best: number | null = null;
  for (const s of severities) {
    const rank = ALERT_SEVERITIES.indexOf(s);
    if (best === null || rank < best) best = rank;
  }
  return best === null ? null : ALERT_SEVERITIES[best]!;
}

export function firingCount(group: AlertGroupState): number {
  let n = 0;
  for (const alert of Object.values(group.alerts)) if (alert.status === 'firing') n++;
  return n;
}

/**
 * Whether a new alert for the group's service joins it at `now`: while any of
 * its alerts fires, or within the window after its last notification.
 */
export function isLiveGroup(group: AlertGroupState, now: number): boolean {
  return firingCount(group) > 0 || Date.parse(group.lastAt) + ALERT_GROUP_WINDOW_MS > now;
}
