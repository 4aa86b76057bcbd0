import { describe, expect, it } from 'vitest';

import type { Integration } from '../domain/alerts';
import alertmanagerFiring from './examples/alertmanager-firing.json';
import alertmanagerResolved from './examples/alertmanager-resolved.json';
import grafanaFiring from './examples/grafana-firing.json';
import pagerdutyAcknowledge from './examples/pagerduty-acknowledge.json';
import pagerdutyResolve from './examples/pagerduty-resolve.json';
import pagerdutyTrigger from './examples/pagerduty-trigger.json';
import { readNotification, severityOf, type NotificationResult } from './formats';

const integration = (format: Integration['format'], patch: Partial<Integration> = {}): Integration => ({
  id: 'prom',
  name: 'Prometheus',
  format,
  keyHash: '0'.repeat(64),
  keyHint: 'abcd',
  revoked: false,
  serviceLabel: '',
  service: '',
  ...patch,
});

/** Each example's own time, or shortly after: the examples are years old. */
const at = (iso: string) => ({ now: Date.parse(iso), newDedupKey: () => 'made-up-key' });

function notices(result: NotificationResult) {
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  return result.notices;
}

describe('Alertmanager webhook, version 4 (the documented sample)', () => {
  it('reads a firing alert: fingerprint as dedup key, summary as title, severity label, source link, start time', () => {
    const [notice, ...rest] = notices(readNotification(integration('alertmanager', { serviceLabel: 'job' }), alertmanagerFiring, at('2023-02-06T13:20:00Z')));
    expect(rest).toEqual([]);
    expect(notice).toEqual({
      action: 'trigger',
      dedupKey: '1a30ba71cca2921f',
      title: 'BlackBox Probe Failure: https://server.example.org',
      severity: 'critical',
      service: 'http_checks',
      labels: [
        { name: 'alertname', value: 'ProbeFailure' },
        { name: 'instance', value: 'https://server.example.org' },
        { name: 'job', value: 'http_checks' },
        { name: 'monitor', value: 'master' },
        { name: 'severity', value: 'critical' },
      ],
      links: [{ kind: 'generator', href: expect.stringMatching(/^http:\/\/prometheus\.example\.org:9090\/graph\?/), text: 'Source' }],
      startedAt: '2023-02-06T13:08:45.828Z',
    });
  });

  it('reads the same alert resolved, with the same dedup key', () => {
    const [notice] = notices(readNotification(integration('alertmanager'), alertmanagerResolved, at('2023-02-06T13:20:00Z')));
    expect(notice).toMatchObject({ action: 'resolve', dedupKey: '1a30ba71cca2921f', service: '' });
  });

  it('falls back on a hash of the labels for a sender without fingerprints: the same labels, the same key', () => {
    const { fingerprint: _, ...alert } = alertmanagerFiring.alerts[0]!;
    const again = { ...alert, labels: { ...alert.labels } };
    const one = notices(readNotification(integration('alertmanager'), { ...alertmanagerFiring, alerts: [alert] }, at('2023-02-06T13:20:00Z')))[0]!;
    const two = notices(readNotification(integration('alertmanager'), { ...alertmanagerFiring, alerts: [again] }, at('2023-02-06T13:20:00Z')))[0]!;
    expect(one.dedupKey).toMatch(/^[0-9a-f]{16}$/);
    expect(two.dedupKey).toBe(one.dedupKey);
  });
});

describe('Grafana alerting webhook (the documented example)', () => {
  it('reads each alert with its runbook and silence links; empty dashboard links are left out', () => {
    const [memory, cpu] = notices(readNotification(integration('grafana', { serviceLabel: 'team' }), grafanaFiring, at('2021-10-12T08:00:00Z')));
    expect(memory).toMatchObject({
      action: 'trigger',
      dedupKey: 'c6eadffa33fcdf37',
      title: 'This alert was triggered for zone us-1',
      severity: 'warning',
      service: 'blue',
      startedAt: '2021-10-12T07:51:03.157Z',
    });
    expect(memory!.links.map((l) => l.kind)).toEqual(['generator', 'runbook', 'silence']);
    expect(cpu).toMatchObject({ dedupKey: 'bc97ff14869b13e3', startedAt: '2021-10-12T07:56:03.157Z' });
  });
});

describe('PagerDuty Events API v2 (the documented examples)', () => {
  it('reads a trigger: dedup key, summary, severity, component as the service, details and links', () => {
    const [notice] = notices(readNotification(integration('pagerduty'), pagerdutyTrigger, at('2015-07-17T09:00:00Z')));
    expect(notice).toMatchObject({
      action: 'trigger',
      dedupKey: 'samplekeyhere',
      title: 'Example alert on host1.example.com',
      severity: 'info',
      service: 'postgres',
      startedAt: '2015-07-17T08:42:58.315Z',
    });
    expect(notice!.labels).toContainEqual({ name: 'ping time', value: '1500ms' });
    expect(notice!.labels).toContainEqual({ name: 'load avg', value: '0.75' });
    expect(notice!.links).toEqual([
      { kind: 'generator', href: 'https://monitoring.example.com', text: 'Sample Monitoring Service' },
      { kind: 'other', href: 'https://example.com/', text: 'Link text' },
    ]);
  });

  it("names the integration's own service before the component", () => {
    const [notice] = notices(readNotification(integration('pagerduty', { service: 'Payments' }), pagerdutyTrigger, at('2015-07-17T09:00:00Z')));
    expect(notice!.service).toBe('Payments');
  });

  it('reads acknowledge and resolve by their dedup key', () => {
    expect(notices(readNotification(integration('pagerduty'), pagerdutyAcknowledge, at('2015-07-17T09:00:00Z')))[0]).toMatchObject({ action: 'acknowledge', dedupKey: expect.any(String) });
    expect(notices(readNotification(integration('pagerduty'), pagerdutyResolve, at('2015-07-17T09:00:00Z')))[0]).toMatchObject({ action: 'resolve', dedupKey: 'dedupkeyhere' });
  });

  it('makes up a dedup key for a trigger without one, and refuses a resolve without one', () => {
    const { dedup_key: _, ...trigger } = pagerdutyTrigger;
    expect(notices(readNotification(integration('pagerduty'), trigger, at('2015-07-17T09:00:00Z')))[0]!.dedupKey).toBe('made-up-key');
    const { dedup_key: __, ...resolve } = pagerdutyResolve;
    expect(readNotification(integration('pagerduty'), resolve, at('2015-07-17T09:00:00Z'))).toEqual({ ok: false, error: expect.stringContaining('dedup_key') });
  });
});

describe('generic JSON', () => {
  const generic = integration('generic', { generic: { dedupKey: 'check.id', title: 'check.name', severity: 'level', service: 'svc', status: 'state', link: 'url' } });

  it('reads the fields where the integration says they are', () => {
    const body = { check: { id: 42, name: 'Disk full on db-1' }, level: 'HIGH', svc: 'Orders DB', state: 'alerting', url: 'https://nagios.local/db-1' };
    expect(notices(readNotification(generic, body, at('2026-12-07T10:00:00Z')))[0]).toMatchObject({
      action: 'trigger',
      dedupKey: '42',
      title: 'Disk full on db-1',
      severity: 'error',
      service: 'Orders DB',
      links: [{ kind: 'other', href: 'https://nagios.local/db-1', text: '' }],
    });
    expect(notices(readNotification(generic, { ...body, state: 'OK' }, at('2026-12-07T10:00:00Z')))[0]!.action).toBe('resolve');
  });

  it('refuses a body without the dedup key or the title, saying which path', () => {
    expect(readNotification(generic, { check: { name: 'x' } }, at('2026-12-07T10:00:00Z'))).toEqual({ ok: false, error: expect.stringContaining('check.id') });
    expect(readNotification(generic, [1, 2], at('2026-12-07T10:00:00Z'))).toEqual({ ok: false, error: 'must be a JSON object' });
  });
});

describe('bad and hostile input', () => {
  const am = (alert: Record<string, unknown>) => ({ ...alertmanagerFiring, alerts: [{ ...alertmanagerFiring.alerts[0], ...alert }] });
  const now = at('2023-02-06T13:20:00Z');

  it('refuses what is not the format, with the reason', () => {
    expect(readNotification(integration('alertmanager'), { hello: 'world' }, now)).toMatchObject({ ok: false, error: expect.stringContaining('alerts') });
    expect(readNotification(integration('alertmanager'), { ...alertmanagerFiring, alerts: [] }, now)).toMatchObject({ ok: false, error: expect.stringContaining('at least one alert') });
    expect(readNotification(integration('pagerduty'), { event_action: 'explode' }, now)).toMatchObject({ ok: false });
    expect(readNotification(integration('alertmanager'), null, now)).toMatchObject({ ok: false });
  });

  it('refuses a start a year before or an hour after the hub’s clock, and a time that is no time', () => {
    expect(readNotification(integration('alertmanager'), am({ startsAt: '2021-01-01T00:00:00Z' }), now)).toEqual({ ok: false, error: expect.stringContaining('more than a year before') });
    expect(readNotification(integration('alertmanager'), am({ startsAt: '2023-02-06T15:00:00Z' }), now)).toEqual({ ok: false, error: expect.stringContaining('ahead of the hub') });
    expect(readNotification(integration('alertmanager'), am({ startsAt: 'yesterday' }), now)).toEqual({ ok: false, error: expect.stringContaining('RFC 3339') });
  });

  it('keeps hostile text as text: control characters cleaned, script links dropped, megabytes trimmed to the limits', () => {
    const [notice] = notices(
      readNotification(
        integration('alertmanager', { serviceLabel: 'svc' }),
        am({
          labels: { alertname: 'x', svc: '<img src=x onerror=alert(1)>', ['k'.repeat(5000)]: 'v', huge: 'y'.repeat(1_000_000), bell: 'a\u0007b\u202Ec' },
          annotations: { summary: '=HYPERLINK("http://evil")\u0000<script>alert(1)</script>', runbook_url: 'javascript:alert(1)' },
          generatorURL: 'data:text/html,<script>alert(1)</script>',
        }),
        now,
      ),
    );
    expect(notice!.title).toBe('=HYPERLINK("http://evil")<script>alert(1)</script>');
    expect(notice!.service).toBe('<img src=x onerror=alert(1)>');
    expect(notice!.links).toEqual([]);
    expect(notice!.labels.find((l) => l.name === 'bell')!.value).toBe('abc');
    expect(notice!.labels.find((l) => l.name === 'huge')!.value).toHaveLength(500);
    expect(notice!.labels.every((l) => l.name.length <= 100)).toBe(true);
  });
});

describe('severity words', () => {
  it("maps each source's words onto PagerDuty's four, and an unknown one to warning", () => {
    expect(['critical', 'P1', 'page', 'high', 'Warning', 'low', 'info', 'whatever', undefined].map(severityOf)).toEqual([
      'critical',
      'critical',
      'critical',
      'error',
      'warning',
      'info',
      'info',
      'warning',
      'warning',
    ]);
  });
});
