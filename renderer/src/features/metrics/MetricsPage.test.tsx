import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { incidentLog, T0, type IncidentLog, type LogOptions } from '@shared/domain/metrics/testing/incidentLog';
import { TestAuthor } from '@shared/sync/testing/testAuthor';

import { DatabaseProvider } from '../../app/DatabaseContext';
import type { WarroomDatabase } from '../../db/database';
import { ingestEvents } from '../../db/eventStore';
import { setLocale } from '../../i18n/locale';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';
import { IncidentMetricsCard } from './IncidentMetricsCard';

const DAY = 24 * 60 * 60_000;

let devices = 0;
/** Each incident's log is written by a console of its own. */
const authors = new WeakMap<IncidentLog, TestAuthor>();
function logOf(day: number, options: Omit<LogOptions, 'deviceId' | 'declaredAt'>, build: (log: IncidentLog) => void): IncidentLog {
  devices += 1;
  const author = new TestAuthor(40 + devices);
  const log = incidentLog({ ...options, deviceId: author.deviceId, declaredAt: T0 + day * DAY });
  authors.set(log, author);
  build(log);
  return log;
}

/** The log's events as they travel: signed by the console that wrote them. */
function signed(log: IncidentLog) {
  const author = authors.get(log)!;
  return log.events.map((event) => author.sign(event));
}

/**
 * Three incidents in March 2026: a DNS outage (P1, acknowledged at 4 min, resolved at 60, reopened once),
 * a VPN security incident (P2, resolved at 30, its impact began 15 min before), and a DNS drill (resolved at 10).
 */
async function seed(db: WarroomDatabase) {
  const dns = logOf(0, { services: ['dns'], priority: 'P1', title: 'DNS down' }, (log) => {
    log.tags(['network']);
    log.assign('commander', ['Ana'], 4);
    log.step('Bo', 'joined', 5);
    log.step('Bo', 'released', 25);
    log.status('resolved', 20);
    log.status('investigating', 30);
    log.status('resolved', 60);
  });
  const vpn = logOf(10, { services: ['vpn'], priority: 'P2', kind: 'security', title: 'VPN refused' }, (log) => {
    log.tags(['auth']);
    log.impactStarted(-15);
    log.assign('commander', ['Cy'], 2);
    const steps = [
      { id: 'evidence', text: 'Preserve evidence', after: [] },
      { id: 'accounts', text: 'Disable accounts', after: [] },
    ];
    log.event('checklist.attached', 1, { runbook: 'security', version: 1, title: 'Security incident', steps, trigger: 'conditions' });
    log.event('checklist.stepMarked', 9, { runbook: 'security', title: 'Security incident', step: 'evidence', about: 'Preserve evidence', state: 'done', reason: '' });
    log.status('monitoring', 10);
    log.status('resolved', 30);
  });
  const drill = logOf(20, { services: ['dns'], priority: 'P1', drill: true, title: 'DNS drill' }, (log) => {
    log.assign('commander', ['Dee'], 1);
    log.status('resolved', 10);
  });
  const result = await ingestEvents(db, [...signed(dns), ...signed(vpn), ...signed(drill)]);
  expect(result.rejected).toEqual([]);
  return { dns, vpn, drill };
}

async function openMetrics(hash = '#/metrics') {
  const db = freshDatabase();
  const logs = await seed(db);
  window.location.hash = hash;
  const view = renderConsole(db);
  await screen.findByRole('heading', { level: 1, name: 'Metrics' });
  await screen.findByRole('article', { name: /MTTR/ });
  return { ...view, logs };
}

const card = (name: RegExp | string) => screen.getByRole('article', { name });
/** A card's large figure, with its qualifier ("Mean 45 min"). */
const valueOf = (article: HTMLElement) => article.querySelector('.metric-value')!.textContent;
/** How many incidents the dashboard counts: the page's own status line. */
const countLine = () => within(screen.getByRole('region', { name: 'Metrics' })).getByRole('status');
const hashParams = () => new URLSearchParams(window.location.hash.split('?')[1] ?? '');

describe('the metrics dashboard', () => {
  it('shows each time over the incidents, drills left out, with n of N and what it measures', { timeout: 30_000 }, async () => {
    await openMetrics();
    expect(countLine()).toHaveTextContent('2 incidents · 1 drill left out');

    const ttr = card(/MTTR/);
    // DNS resolved (for good) at 60 min, VPN at 30: mean and median 45 min.
    expect(valueOf(ttr)).toBe('Mean 45 min');
    expect(within(ttr).getByText('Median 45 min')).toBeInTheDocument();
    expect(within(ttr).getByText('Known for 2 of 2')).toBeInTheDocument();
    expect(ttr).toHaveAccessibleDescription('From the declaration to when it was last resolved (or closed) and stayed so.');

    // Only the VPN incident knows when its impact began.
    expect(within(card(/MTTD/)).getByText('Known for 1 of 2')).toBeInTheDocument();
    expect(within(card(/MTTD/)).getByText('Median 15 min')).toBeInTheDocument();
    // Nobody filled every required role: time to engage is not known.
    expect(within(card(/MTTE/)).getByText('Known for 0 of 2')).toBeInTheDocument();
    expect(valueOf(card(/MTTE/))).toBe('Not known');
    expect(valueOf(card('Reopened'))).toBe('1 of 2');
    expect(within(card('Reopened')).getByText('1 reopening in all')).toBeInTheDocument();

    // The people figures: Bo joined at 5 and was released at 25.
    expect(valueOf(card('Mean time to release (MTTI)'))).toBe('20 min');

    // The VPN incident's checklist: one step of two done, 8 minutes after attaching.
    const checklists = screen.getByRole('table', { name: 'Checklists' });
    const row = within(checklists).getByRole('row', { name: /^Security incident/ });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1', '1 of 2', '0', '8 min', '8 min']);
  });

  it('includes drills when asked, and keeps the choice in the address', { timeout: 30_000 }, async () => {
    const { user } = await openMetrics();
    await user.click(screen.getByRole('checkbox', { name: 'Include drills' }));
    await waitFor(() => expect(countLine()).toHaveTextContent('3 incidents · Drills included'));
    expect(hashParams().get('drills')).toBe('1');
    expect(screen.getByRole('checkbox', { name: 'Include drills' })).toBeChecked();
    // (60 + 30 + 10) / 3 minutes.
    expect(valueOf(card(/MTTR/))).toBe('Mean 33 min');
    expect(within(card(/MTTR/)).getByText('Known for 3 of 3')).toBeInTheDocument();
  });

  it('filters by service, priority, kind and tag, and clears them again', { timeout: 30_000 }, async () => {
    const { user } = await openMetrics();
    await user.selectOptions(screen.getByLabelText('Service'), 'vpn');
    await waitFor(() => expect(countLine()).toHaveTextContent('1 incident'));
    expect(hashParams().getAll('service')).toEqual(['vpn']);
    expect(within(card(/MTTR/)).getByText('Median 30 min')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Service'), '');
    await user.click(screen.getByRole('checkbox', { name: 'P1 · Critical' }));
    await waitFor(() => expect(hashParams().getAll('priority')).toEqual(['P1']));
    expect(within(card(/MTTR/)).getByText('Median 1 h')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Kind'), 'security');
    expect(await screen.findByText('No incidents match these filters')).toBeInTheDocument();
    expect(countLine()).toHaveTextContent('0 incidents');

    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(window.location.hash).toBe('#/metrics'));
    await user.selectOptions(screen.getByLabelText('Tag'), 'auth');
    await waitFor(() => expect(countLine()).toHaveTextContent('1 incident'));
    expect(screen.getByRole('checkbox', { name: 'P1 · Critical' })).not.toBeChecked();
  });

  it('takes a date range by day of detection', { timeout: 30_000 }, async () => {
    const { user } = await openMetrics();
    const from = screen.getByLabelText('Detected from');
    await user.type(from, '2026-03-05');
    await waitFor(() => expect(hashParams().get('from')).toBe('2026-03-05'));
    expect(countLine()).toHaveTextContent('1 incident · 1 drill left out');
    await user.type(screen.getByLabelText('Detected until'), '2026-03-06');
    expect(await screen.findByText('No incidents match these filters')).toBeInTheDocument();
  });

  it('opens a linked view as it was linked', { timeout: 30_000 }, async () => {
    await openMetrics('#/metrics?priority=P2&metric=tta');
    expect(screen.getByRole('checkbox', { name: 'P2 · High' })).toBeChecked();
    expect(screen.getByLabelText('Time shown by service and by priority')).toHaveValue('tta');
    expect(countLine()).toHaveTextContent('1 incident');
    expect(screen.getByText('Mean time to acknowledge per priority, as each incident stands now.')).toBeInTheDocument();
  });

  it('gives every chart’s figures as a table, and MTBF by service', { timeout: 30_000 }, async () => {
    const { user } = await openMetrics('#/metrics?drills=1');
    const byService = screen.getByRole('table', { name: 'Times by service' });
    const rows = within(byService).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('rowheader')[0]!.textContent)).toEqual(['dns', 'vpn']);
    // dns: DNS down (60) and the drill (10); 2 incidents, one reopened.
    expect(within(rows[0]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(
      expect.arrayContaining(['2', '1', '35 min (median 35 min, 2 of 2)']),
    );
    const byPriority = screen.getByRole('table', { name: 'Times by priority' });
    expect(within(byPriority).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['P1 · Critical', 'P2 · High']);

    const trend = screen.getByRole('table', { name: 'Mean times by period of detection' });
    expect(within(trend).getByRole('columnheader', { name: 'Week from' })).toBeInTheDocument();
    expect(within(trend).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['2 Mar 2026', '9 Mar 2026', '16 Mar 2026']);

    // The tables are there for screen readers; sighted people open them on request.
    const show = screen.getAllByRole('button', { name: 'Show as a table' })[0]!;
    expect(document.getElementById(show.getAttribute('aria-controls')!)).toHaveClass('visually-hidden');
    await user.click(show);
    expect(show).toHaveAccessibleName('Hide the table');
    expect(document.getElementById(show.getAttribute('aria-controls')!)).not.toHaveClass('visually-hidden');

    // DNS down resolved at T0+60 min; the drill is not a failure. One DNS incident: no gap to measure.
    const mtbf = screen.getByRole('table', { name: 'Mean time between failures' });
    const dnsRow = within(mtbf).getByRole('rowheader', { name: 'dns' }).closest('tr')!;
    expect(within(dnsRow).getAllByRole('cell').map((c) => c.textContent)).toEqual(['2', 'Not known', '0']);
  });

  it('speaks Danish, numbers and durations included', { timeout: 30_000 }, async () => {
    setLocale('da');
    const db = freshDatabase();
    await seed(db);
    window.location.hash = '#/metrics?drills=1';
    renderConsole(db);
    await screen.findByRole('heading', { level: 1, name: 'Målinger' });
    const ttr = await screen.findByRole('article', { name: /MTTR/ });
    expect(valueOf(ttr)).toBe('Gennemsnit 33 min');
    expect(within(ttr).getByText('Kendt for 3 af 3')).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Målinger' })).getByRole('status')).toHaveTextContent('3 hændelser · Øvelser medregnet');
  });

  it('says so when there are no incidents at all', { timeout: 30_000 }, async () => {
    window.location.hash = '#/metrics';
    renderConsole();
    expect(await screen.findByText('No incidents yet')).toBeInTheDocument();
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
  });

  it('follows the log: a new incident, and a change to one already counted', { timeout: 30_000 }, async () => {
    const { db, logs } = await openMetrics();
    expect(within(card(/MTTR/)).getByText('Known for 2 of 2')).toBeInTheDocument();
    const late = logOf(25, { services: ['edge'] }, (log) => log.status('resolved', 120));
    await ingestEvents(db, signed(late));
    await waitFor(() => expect(within(card(/MTTR/)).getByText('Known for 3 of 3')).toBeInTheDocument());

    // The VPN incident is reopened: no longer resolved.
    logs.vpn.status('investigating', 45);
    await ingestEvents(db, signed(logs.vpn).slice(-1));
    await waitFor(() => expect(within(card(/MTTR/)).getByText('Known for 2 of 3')).toBeInTheDocument());
    expect(valueOf(card('Reopened'))).toBe('2 of 3');
  });
});

describe('IncidentMetricsCard', () => {
  it('shows one incident’s own times, reopenings and cadence', { timeout: 30_000 }, async () => {
    const db = freshDatabase();
    const { dns, vpn } = await seed(db);
    render(
      <DatabaseProvider db={db}>
        <IncidentMetricsCard incidentId={dns.id} />
        <IncidentMetricsCard incidentId={vpn.id} level={3} />
      </DatabaseProvider>,
    );
    const [dnsCard, vpnCard] = await screen.findAllByRole('region', { name: 'Times for this incident' });
    await waitFor(() => expect(within(dnsCard!).getByText('TTR', { exact: false }).closest('div')).toHaveTextContent('1 h'));
    const value = (region: HTMLElement, term: RegExp | string) => within(region).getByText(term).closest('div')!.querySelector('dd')!.textContent;
    expect(value(dnsCard!, /Time to acknowledge/)).toBe('4 min');
    expect(value(dnsCard!, /Time to detect/)).toBe('Not known');
    expect(value(dnsCard!, 'Reopened')).toBe('Once');
    // No update was sent: from detection to resolution, 60 minutes, against the default 30 for P1 (and 15 for customers).
    expect(value(dnsCard!, 'Update cadence')).toMatch(/^⚠ Late/);
    expect(value(vpnCard!, /Time to detect/)).toBe('15 min');
    expect(value(vpnCard!, 'Reopened')).toBe('Never');
    expect(within(vpnCard!).getByRole('heading', { level: 3 })).toBeInTheDocument();
  });

  it('waits for the declaration', { timeout: 30_000 }, async () => {
    const db = freshDatabase();
    render(
      <DatabaseProvider db={db}>
        <IncidentMetricsCard incidentId="zzzzzzzz99:1" />
      </DatabaseProvider>,
    );
    expect(await screen.findByText('The times appear once the declaration is on this console.')).toBeInTheDocument();
  });
});
