/**
 * What monitoring sends, read into alert notices (shared/domain/alerts.ts).
 * Each format is checked with a schema of its own documentation's shape
 * (examples/SOURCES.md): Prometheus Alertmanager's webhook (version 4),
 * Grafana's (the same with a few more links), PagerDuty's Events API v2, and
 * any JSON whose fields an integration names by path. What a sender may
 * rightly send long or odd (a label value, a title) is trimmed to the limits
 * and cleaned; what makes no sense (no alerts, a missing dedup key, a time a
 * year away) is refused with the reason, and nothing of it is kept.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';

import {
  ALERT_LIMITS,
  DEFAULT_SERVICE_LABEL,
  isWebLink,
  type AlertAction,
  type AlertLabel,
  type AlertLink,
  type AlertLinkKind,
  type AlertNotice,
  type AlertSeverity,
  type Integration,
} from '../domain/alerts';
import { describeIssues } from '../domain/events';
import { cleanLine } from '../domain/text';

/** How far from the hub's clock a sender's time may be: monitoring clocks drift, but not by a year. */
export const ALERT_TIME_BOUNDS = { pastMs: 365 * 24 * 3_600_000, futureMs: 3_600_000 } as const;

export type NotificationResult = { ok: true; notices: AlertNotice[] } | { ok: false; error: string };

export type ReadOptions = {
  now: number;
  /** A dedup key for a PagerDuty trigger that brings none (PagerDuty makes one up and answers with it). */
  newDedupKey: () => string;
};

const stringMap = z.record(z.string(), z.string());
const amAlertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: stringMap,
  annotations: stringMap.optional(),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
  // Grafana's.
  silenceURL: z.string().optional(),
  dashboardURL: z.string().optional(),
  panelURL: z.string().optional(),
});
const amSchema = z.object({
  version: z.string(),
  status: z.enum(['firing', 'resolved']),
  alerts: z.array(amAlertSchema).min(1, 'must hold at least one alert').max(ALERT_LIMITS.alertsPerNotification),
  groupKey: z.string().optional(),
  externalURL: z.string().optional(),
});

const pdSchema = z
  .object({
    routing_key: z.string().optional(),
    event_action: z.enum(['trigger', 'acknowledge', 'resolve']),
    dedup_key: z.string().max(ALERT_LIMITS.dedupKey).optional(),
    payload: z
      .object({
        summary: z.string().min(1).max(1024),
        source: z.string().min(1),
        severity: z.enum(['critical', 'error', 'warning', 'info']),
        timestamp: z.string().optional(),
        component: z.string().optional(),
        group: z.string().optional(),
        class: z.string().optional(),
        custom_details: z.unknown().optional(),
      })
      .optional(),
    links: z.array(z.object({ href: z.string(), text: z.string().optional() })).max(50).optional(),
    images: z.array(z.object({ src: z.string(), href: z.string().optional(), alt: z.string().optional() })).max(50).optional(),
    client: z.string().optional(),
    client_url: z.string().optional(),
  })
  .refine((e) => e.event_action !== 'trigger' || e.payload !== undefined, { message: 'a trigger needs a payload', path: ['payload'] })
  .refine((e) => e.event_action === 'trigger' || (e.dedup_key ?? '').trim() !== '', { message: 'an acknowledge or resolve needs the dedup_key of its alert', path: ['dedup_key'] });

/** Reads one request's body as the integration's format says. */
export function readNotification(integration: Integration, body: unknown, options: ReadOptions): NotificationResult {
  try {
    switch (integration.format) {
      case 'alertmanager':
      case 'grafana':
        return readAlertmanager(integration, body, options);
      case 'pagerduty':
        return readPagerDuty(integration, body, options);
      case 'generic':
        return readGeneric(integration, body, options);
    }
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.message };
    throw error;
  }
}

class Refusal extends Error {}

function parsed<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new Refusal(describeIssues(result.error));
  return result.data;
}

function readAlertmanager(integration: Integration, body: unknown, options: ReadOptions): NotificationResult {
  const notification = parsed(amSchema, body);
  const label = integration.serviceLabel || DEFAULT_SERVICE_LABEL;
  const notices = notification.alerts.map((alert): AlertNotice => {
    const annotations = alert.annotations ?? {};
    const links: AlertLink[] = [];
    addLink(links, 'generator', alert.generatorURL, 'Source');
    addLink(links, 'runbook', annotations.runbook_url, 'Runbook');
    addLink(links, 'dashboard', alert.dashboardURL, 'Dashboard');
    addLink(links, 'dashboard', alert.panelURL, 'Panel');
    addLink(links, 'dashboard', annotations.dashboard_url ?? annotations.dashboard, 'Dashboard');
    addLink(links, 'silence', alert.silenceURL, 'Silence');
    return {
      action: alert.status === 'firing' ? 'trigger' : 'resolve',
      // Alertmanager 0.19 and later send the fingerprint; before that, an alert is its labels.
      dedupKey: limitLine(alert.fingerprint || fingerprintOf(alert.labels), ALERT_LIMITS.dedupKey),
      title: titleOf(annotations.summary, annotations.title, alert.labels.alertname),
      severity: severityOf(alert.labels.severity ?? alert.labels.priority),
      service: limitLine(alert.labels[label] ?? integration.service, ALERT_LIMITS.service),
      labels: labelsOf(Object.entries(alert.labels)),
      links,
      startedAt: timeOf(alert.startsAt, 'startsAt', options.now),
    };
  });
  return { ok: true, notices };
}

function readPagerDuty(integration: Integration, body: unknown, options: ReadOptions): NotificationResult {
  const event = parsed(pdSchema, body);
  const payload = event.payload;
  const dedupKey = limitLine(event.dedup_key ?? '', ALERT_LIMITS.dedupKey) || options.newDedupKey();
  const links: AlertLink[] = [];
  addLink(links, 'generator', event.client_url, event.client ?? 'Source');
  for (const link of event.links ?? []) addLink(links, 'other', link.href, link.text ?? '');
  for (const image of event.images ?? []) addLink(links, 'other', image.href ?? image.src, image.alt ?? '');
  const details = payload?.custom_details;
  const detailLabels = typeof details === 'object' && details !== null && !Array.isArray(details) ? Object.entries(details as Record<string, unknown>) : [];
  const notice: AlertNotice = {
    action: event.event_action as AlertAction,
    dedupKey,
    // An acknowledgement or resolution says nothing of the alert but its key; the fold keeps what its trigger said.
    title: titleOf(payload?.summary, dedupKey),
    severity: payload?.severity ?? 'info',
    service: limitLine(integration.service || payload?.component || '', ALERT_LIMITS.service),
    labels: labelsOf([
      ['source', payload?.source],
      ['component', payload?.component],
      ['group', payload?.group],
      ['class', payload?.class],
      ...detailLabels,
    ]),
    links,
    startedAt: timeOf(payload?.timestamp, 'payload.timestamp', options.now),
  };
  return { ok: true, notices: [notice] };
}

const RESOLVED_WORDS = new Set(['resolved', 'resolve', 'ok', 'inactive', 'normal', 'closed', 'recovered']);

function readGeneric(integration: Integration, body: unknown, _options: ReadOptions): NotificationResult {
  const paths = integration.generic;
  if (!paths) throw new Refusal('this integration does not say where its fields are');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Refusal('must be a JSON object');
  const dedupKey = scalarAt(body, paths.dedupKey);
  if (!dedupKey) throw new Refusal(`${paths.dedupKey}: must hold the alert's dedup key`);
  const title = scalarAt(body, paths.title);
  if (!title) throw new Refusal(`${paths.title}: must hold the alert's title`);
  const status = paths.status ? scalarAt(body, paths.status).toLowerCase() : '';
  const links: AlertLink[] = [];
  if (paths.link) addLink(links, 'other', scalarAt(body, paths.link), '');
  const notice: AlertNotice = {
    action: RESOLVED_WORDS.has(status) ? 'resolve' : 'trigger',
    dedupKey: limitLine(dedupKey, ALERT_LIMITS.dedupKey),
    title: titleOf(title),
    severity: severityOf(paths.severity ? scalarAt(body, paths.severity) : undefined),
    service: limitLine((paths.service ? scalarAt(body, paths.service) : '') || integration.service, ALERT_LIMITS.service),
    labels: labelsOf(Object.entries(body)),
    links,
    startedAt: '',
  };
  return { ok: true, notices: [notice] };
}

// ---- Pieces ----------------------------------------------------------------

/** The value at a dot path, as text when it is a string, number or boolean; else empty. */
function scalarAt(body: object, path: string): string {
  let value: unknown = body;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return '';
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? cleanLine(String(value)) : '';
}

const SEVERITY_WORDS: Record<string, AlertSeverity> = {
  critical: 'critical', crit: 'critical', fatal: 'critical', emergency: 'critical', disaster: 'critical', page: 'critical', p1: 'critical', sev1: 'critical',
  error: 'error', err: 'error', high: 'error', major: 'error', p2: 'error', sev2: 'error',
  warning: 'warning', warn: 'warning', medium: 'warning', minor: 'warning', average: 'warning', p3: 'warning', sev3: 'warning',
  info: 'info', informational: 'info', information: 'info', low: 'info', notice: 'info', none: 'info', p4: 'info', p5: 'info', sev4: 'info',
};

/** A source's own word for severity, on PagerDuty's scale; one it does not know is a warning. */
export function severityOf(word: string | undefined): AlertSeverity {
  return SEVERITY_WORDS[(word ?? '').trim().toLowerCase()] ?? 'warning';
}

function limitLine(text: string, max: number): string {
  const line = cleanLine(text);
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

function titleOf(...candidates: (string | undefined)[]): string {
  for (const candidate of candidates) {
    const line = limitLine(candidate ?? '', ALERT_LIMITS.title);
    if (line) return line;
  }
  return 'Alert';
}

function labelsOf(entries: readonly (readonly [string, unknown])[]): AlertLabel[] {
  const labels: AlertLabel[] = [];
  for (const [rawName, rawValue] of entries) {
    if (typeof rawValue !== 'string' && typeof rawValue !== 'number' && typeof rawValue !== 'boolean') continue;
    const name = limitLine(rawName, ALERT_LIMITS.labelName);
    if (!name) continue;
    labels.push({ name, value: limitLine(String(rawValue), ALERT_LIMITS.labelValue) });
  }
  labels.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return labels.slice(0, ALERT_LIMITS.labels);
}

function addLink(links: AlertLink[], kind: AlertLinkKind, href: string | undefined, text: string): void {
  const address = (href ?? '').trim();
  if (links.length >= ALERT_LIMITS.links || !isWebLink(address) || links.some((link) => link.href === address)) return;
  links.push({ kind, href: address, text: limitLine(text, ALERT_LIMITS.linkText) });
}

/** Alertmanager's own fingerprint is a hash of the labels; this is one of the same kind for senders without it. */
function fingerprintOf(labels: Record<string, string>): string {
  const text = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${labels[name]}`)
    .join('\n');
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 16);
}

/** Alertmanager's "not set" time. */
const ZERO_TIME = /^0001-01-01T00:00:00/;

/** A sender's time as an ISO instant, or empty when it gave none; refused when it is far from the hub's clock. */
function timeOf(text: string | undefined, field: string, now: number): string {
  if (!text || ZERO_TIME.test(text)) return '';
  // PagerDuty's own example writes the offset without a colon (+0000).
  const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (!Number.isFinite(ms)) throw new Refusal(`${field}: must be a date and time (RFC 3339)`);
  if (ms > now + ALERT_TIME_BOUNDS.futureMs) throw new Refusal(`${field}: ${text} is more than an hour ahead of the hub's clock`);
  if (ms < now - ALERT_TIME_BOUNDS.pastMs) throw new Refusal(`${field}: ${text} is more than a year before the hub's clock`);
  return new Date(ms).toISOString();
}
