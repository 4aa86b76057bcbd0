import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { COMMANDER_ROLE } from '@shared/domain/catalogues';
import { wallRoute } from '@shared/platform/wallRoute';

import { changeStatus, changeTier, declareIncident, logEntry, type DeclareInput } from '../../db/commands';
import type { WarroomDatabase } from '../../db/database';
import { attachGroup } from '../../db/alertCommands';
import { ingestEvents, openDatabase } from '../../db/eventStore';
import { changeSetting } from '../../db/organisation';
import { moveHypothesis, proposeHypothesis } from '../../db/hypothesisCommands';
import { assignRole } from '../../db/rosterCommands';
import { formatTime } from '../../i18n/i18n';
import { publishSyncStatus } from '../../sync/syncStatus';
import { RECONNECT_GRACE_MS } from './wallFreshness';
import { declareInput } from '../../testing/fixtures';
import { alertDraft, hubWithAlerts } from '../../testing/hubAlerts';
import { freshDatabase, renderConsole } from '../../testing/renderConsole';

const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
/** Anything a person could reach with Tab or a pointer: a wall has none of it. */
const INTERACTIVE = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable]';

// Each test drives the whole console through many steps: on two busy cores that takes longer than the default allows.
const SLOW = { timeout: 30_000 };

afterEach(() => {
  publishSyncStatus({ state: 'off' });
  vi.useRealTimers();
});

/**
 * Stops the clock at `at`: only `Date` is faked (fake-indexeddb needs the real
 * timers), so the wall's one-second tick still runs and reads this time.
 */
function stopClockAt(at: number) {
  vi.useFakeTimers({ toFake: ['Date'], now: at });
}

/** Moves the stopped clock on, then waits for the wall's next tick to read it. */
async function moveClockTo(at: number, until: () => void) {
  vi.setSystemTime(at);
  await waitFor(until);
}

async function openFresh(): Promise<WarroomDatabase> {
  const db = freshDatabase();
  await openDatabase(db);
  return db;
}

/** A clock for writes that moves on a second each read, starting a while before the wall is shown. */
function writeClock(start = T0 - 30 * 60_000) {
  let now = start;
  return () => (now += 1000);
}

function showWall(db: WarroomDatabase, hash: string) {
  window.location.hash = hash;
  return renderConsole(db);
}

const incidentScreen = (title: string) => screen.findByRole('article', { name: `Wall screen, read-only: ${title}` });
const footer = () => screen.getByRole('contentinfo');
const timelineTexts = (screenEl: HTMLElement) =>
  [...within(within(screenEl).getByRole('region', { name: 'Latest on the timeline' })).getAllByRole('listitem')].map(
    (item) => item.querySelector('.wall-item-text')?.textContent,
  );
/** A role's row: its name and who holds it. */
const roleRow = (screenEl: HTMLElement, role: string) => within(screenEl).getByText(role, { selector: '.wall-role-name' }).closest('li')!;

describe('the wall of one incident', SLOW, () => {
  async function busyIncident() {
    const db = await openFresh();
    const now = writeClock();
    const id = await declareIncident(db, { ...declareInput, services: ['payments', 'checkout'] }, now);
    await changeTier(db, { incidentId: id, tier: 'major', reason: 'Card payments failing everywhere', decidedBy: 'Ada', actor: 'Ada' }, now);
    await assignRole(db, { incidentId: id, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' }, now);
    const draft = (statement: string) => ({ statement, owner: 'Bo', action: 'Roll back', expectation: 'Errors stop', timeBox: '20' });
    const tested = await proposeHypothesis(db, { incidentId: id, actor: 'Ada', draft: draft('The 14:02 config push broke DNS') }, now);
    await moveHypothesis(db, { hypothesisId: tested, to: 'testing', actor: 'Ada' }, now);
    const refuted = await proposeHypothesis(db, { incidentId: id, actor: 'Ada', draft: draft('Disk full on the database') }, now);
    await moveHypothesis(db, { hypothesisId: refuted, to: 'refuted', actor: 'Ada' }, now);
    await proposeHypothesis(db, { incidentId: id, actor: 'Ada', draft: draft('Certificate expired') }, now);
    await logEntry(db, { incidentId: id, kind: 'observation', text: 'Error rate at 40%', actor: 'Ada' }, now);
    await logEntry(db, { incidentId: id, kind: 'action', text: 'Rolled back the config push', actor: 'Bo' }, now);
    return { db, id, now };
  }

  it('shows the incident in words: title, priority, tier, status, roles, hypotheses and the newest entries', async () => {
    const { db, id } = await busyIncident();
    showWall(db, wallRoute(id));
    const wall = await incidentScreen('Payments down');

    const heading = within(wall).getByRole('banner');
    expect(within(heading).getByRole('heading', { level: 1, name: 'Payments down' })).toBeInTheDocument();
    for (const words of ['P1 · Critical', 'Major incident', 'Investigating']) expect(within(heading).getByText(words)).toBeInTheDocument();
    expect(heading).toHaveTextContent('Affected: payments, checkout');

    expect(roleRow(wall, 'Incident commander')).toHaveTextContent('Ana');
    expect(roleRow(wall, 'Scribe')).toHaveTextContent('Vacant');
    // A many-seat role nobody holds is not worth a line on the wall.
    expect(within(wall).queryByText('Subject-matter expert')).toBeNull();

    const hypotheses = within(wall).getByRole('region', { name: 'Hypotheses · 2' });
    const cards = within(hypotheses).getAllByRole('listitem');
    expect(cards.map((card) => card.querySelector('.wall-item-text')?.textContent)).toEqual(['The 14:02 config push broke DNS', 'Certificate expired']);
    expect(cards[0]).toHaveTextContent('Testing');
    expect(cards[0]).toHaveTextContent('Owner: Bo');
    expect(within(wall).queryByText('Disk full on the database')).toBeNull();

    const entries = timelineTexts(wall);
    expect(entries.slice(0, 2)).toEqual(['Rolled back the config push', 'Error rate at 40%']);
    // Changes to the incident read as sentences, like the console's timeline.
    expect(entries.length).toBeGreaterThan(2);
  });

  it('follows the log: an entry written through the real command appears without a remount', async () => {
    const { db, id } = await busyIncident();
    showWall(db, wallRoute(id));
    const wall = await incidentScreen('Payments down');
    const title = within(wall).getByRole('heading', { level: 1 });

    await act(() => logEntry(db, { incidentId: id, kind: 'decision', text: 'Fail over to the second acquirer', actor: 'Ana' }));
    await waitFor(() => expect(timelineTexts(wall)[0]).toBe('Fail over to the second acquirer'));
    expect(within(wall).getByRole('heading', { level: 1 })).toBe(title);
    expect(screen.getByRole('article', { name: 'Wall screen, read-only: Payments down' })).toBe(wall);
  });

  it('shows hostile text as text', async () => {
    const db = await openFresh();
    const id = await declareIncident(db, declareInput, writeClock());
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script><a href="javascript:alert(1)">click</a>';
    await logEntry(db, { incidentId: id, kind: 'note', text: hostile, actor: '<b>Mallory</b>' }, writeClock(T0 - 60_000));
    const { container } = showWall(db, wallRoute(id));
    const wall = await incidentScreen('Payments down');

    expect(timelineTexts(wall)[0]).toBe(hostile);
    expect(within(wall).getByText('<b>Mallory</b>')).toBeInTheDocument();
    expect(container.querySelector('img, script, b, a')).toBeNull();
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('has nothing to focus or press', async () => {
    const { db, id } = await busyIncident();
    const { container } = showWall(db, wallRoute(id, { zones: ['UTC'], rotateSeconds: 20 }));
    await incidentScreen('Payments down');
    expect(container.querySelectorAll(INTERACTIVE)).toHaveLength(0);
  });

  it('leaves out the zones its address got wrong, and names them in the footer', async () => {
    const db = await openFresh();
    const id = await declareIncident(db, declareInput, writeClock());
    showWall(db, `${wallRoute(id)}?zones=Mars/Olympus,Europe/Copenhagen,<script>,Europe/../etc`);
    await incidentScreen('Payments down');

    expect(footer()).toHaveTextContent('Left out: Mars/Olympus, <script>, Europe/../etc');
    const clocks = within(within(footer()).getByRole('list', { name: 'Clocks' })).getAllByRole('listitem');
    expect(clocks).toHaveLength(2);
    expect(clocks[0]).toHaveTextContent('Local');
    expect(clocks[1]).toHaveTextContent(/^Copenhagen \(GMT\+\d\)\d\d:\d\d:\d\d$/);
    expect(footer()).not.toHaveTextContent('Olympus (');
  });

  it('says "Not found" for an incident this console does not hold', async () => {
    const db = await openFresh();
    showWall(db, wallRoute('zzzzzzzz99:1'));
    expect(await screen.findByText('This incident is not on this console.')).toBeInTheDocument();
  });
});

describe('the wall footer: whether the picture is live', SLOW, () => {
  it('is live when synced, stale from the last live moment once the link is lost, and says so when sync stopped', async () => {
    const db = await openFresh();
    const id = await declareIncident(db, declareInput, writeClock());
    stopClockAt(T0);
    showWall(db, wallRoute(id));
    await incidentScreen('Payments down');
    const status = within(footer()).getByRole('status');
    // A console that does not sync is its own source of truth.
    expect(status).toHaveTextContent('● This console');

    act(() => publishSyncStatus({ state: 'synced', at: T0 }));
    expect(status).toHaveTextContent('✓ Live');
    expect(status).not.toHaveTextContent('Not live');

    // A reconnect is a blip until it outlasts the grace; then the screen is stale since it was last live.
    act(() => publishSyncStatus({ state: 'connecting' }));
    expect(status).toHaveTextContent('✓ Live');
    await moveClockTo(T0 + RECONNECT_GRACE_MS, () => expect(status).toHaveTextContent(`⚠ Not live since ${formatTime(new Date(T0))}`));
    expect(status).toHaveTextContent('What you see may be out of date.');
    expect(status).not.toHaveTextContent('✓ Live');
    expect(footer()).toHaveClass('stale');

    // The hub's own idea of when the link dropped does not move the last live moment.
    act(() => publishSyncStatus({ state: 'offline', since: T0 + 20_000 }));
    expect(status).toHaveTextContent(`⚠ Not live since ${formatTime(new Date(T0))}`);

    act(() => publishSyncStatus({ state: 'refused', code: 'unauthorized', message: 'Join code revoked' }));
    expect(status).toHaveTextContent('⚠ Not live: sync stopped');

    act(() => publishSyncStatus({ state: 'syncing', toSend: 0, toReceive: 12 }));
    expect(status).toHaveTextContent('✓ Live');
    expect(footer()).not.toHaveClass('stale');
  });

  it('going offline makes it stale at once, since the moment it was last live', async () => {
    const db = await openFresh();
    const id = await declareIncident(db, declareInput, writeClock());
    stopClockAt(T0);
    publishSyncStatus({ state: 'synced', at: T0 });
    showWall(db, wallRoute(id));
    await incidentScreen('Payments down');
    const status = within(footer()).getByRole('status');
    await moveClockTo(T0 + 3 * 60_000, () => expect(footer()).toHaveTextContent(formatTime(new Date(T0 + 3 * 60_000))));
    expect(status).toHaveTextContent('✓ Live');

    act(() => publishSyncStatus({ state: 'offline', since: T0 - 10 * 60_000 }));
    expect(status).toHaveTextContent(`⚠ Not live since ${formatTime(new Date(T0 + 3 * 60_000))}`);
  });

  it('offline from the start is stale since the connection ended', async () => {
    const db = await openFresh();
    const id = await declareIncident(db, declareInput, writeClock());
    const droppedAt = T0 - 5 * 60_000;
    publishSyncStatus({ state: 'offline', since: droppedAt });
    showWall(db, wallRoute(id));
    await incidentScreen('Payments down');
    expect(within(footer()).getByRole('status')).toHaveTextContent(`⚠ Not live since ${formatTime(new Date(droppedAt))}`);
  });
});

describe('the overview wall', SLOW, () => {
  const incident = (title: string, impact: DeclareInput['impact']): DeclareInput => ({ ...declareInput, title, impact });

  async function openIncidents() {
    const db = await openFresh();
    const now = writeClock();
    const search = await declareIncident(db, incident('Search degraded', 'department'), now);
    const payments = await declareIncident(db, incident('Payments down', 'organisation'), now);
    const old = await declareIncident(db, incident('Old outage', 'organisation'), now);
    await changeStatus(db, old, 'resolved', 'Ada', now);
    await assignRole(db, { incidentId: payments, role: COMMANDER_ROLE, person: 'Ana', actor: 'Ada' }, now);
    const draft = (statement: string) => ({ statement, owner: 'Bo', action: '', expectation: '', timeBox: '20' });
    await proposeHypothesis(db, { incidentId: payments, actor: 'Ada', draft: draft('Acquirer outage') }, now);
    for (const statement of ['Index rebuild', 'Cache cold', 'Shard down']) await proposeHypothesis(db, { incidentId: search, actor: 'Ada', draft: draft(statement) }, now);
    return { db, payments };
  }

  const overviewScreen = () => screen.findByRole('article', { name: 'Wall screen, read-only: open incidents' });
  const tiles = () => within(screen.getByRole('list', { name: 'Open incidents, most urgent first' })).getAllByRole('listitem');

  it('tiles every open incident, most urgent first, and has nothing to focus', async () => {
    const { db } = await openIncidents();
    const { container } = showWall(db, wallRoute(null, { zones: [], rotateSeconds: 0 }));
    const overview = await overviewScreen();
    expect(within(overview).getByRole('heading', { level: 1, name: 'Open incidents' })).toBeInTheDocument();
    expect(overview).toHaveTextContent('2 open');
    expect(tiles().map((tile) => within(tile).getByRole('heading', { level: 2 }).textContent)).toEqual(['Payments down', 'Search degraded']);
    expect(tiles()[0]).toHaveTextContent('P1 · Critical');
    expect(tiles()[0]).toHaveTextContent('Commander: Ana');
    expect(tiles()[1]).toHaveTextContent('P2 · High');
    expect(tiles()[1]).toHaveTextContent('No commander');
    expect(screen.queryByText('Old outage')).toBeNull();
    // Rotation off: no position in the footer.
    expect(footer()).not.toHaveTextContent(/\d of \d/);
    expect(container.querySelectorAll(INTERACTIVE)).toHaveLength(0);
  });

  it('shows firing alert groups in a lane beside the tiles, most severe first, saying who has them', async () => {
    const { db, payments } = await openIncidents();
    const { author: hub, log } = await hubWithAlerts(async (author) => {
      await author.append('room', [alertDraft('a', { title: 'Disk filling on db-2', severity: 'warning', service: 'Orders DB' })]);
      await author.append('room', [alertDraft('b', { title: 'Acquirer timeouts' })]);
    });
    await ingestEvents(db, await log());
    await attachGroup(db, `${hub.deviceId}:2`, payments, 'Ada');
    showWall(db, wallRoute(null, { zones: [], rotateSeconds: 0 }));
    const lane = await screen.findByRole('complementary', { name: 'Alerts · 2 firing' });
    const groups = within(lane).getAllByRole('listitem');
    expect(groups.map((g) => within(g).getByRole('heading', { level: 3 }).textContent)).toEqual(['Acquirer timeouts', 'Disk filling on db-2']);
    expect(groups[0]).toHaveTextContent('Critical');
    expect(groups[0]).toHaveTextContent('In an incident');
    expect(groups[1]).toHaveTextContent('Nobody on it yet');
  });

  it('shows who is on call for each roster in a lane of its own, and until when', async () => {
    const { db } = await openIncidents();
    const weekly = { kind: 'cycle' as const, startsOn: '2020-01-06', handOff: '09:00', lengthDays: 7 };
    await changeSetting(
      db,
      'rosters',
      [{ id: 'payments', name: 'Payments <b>on call</b>', team: '', services: [], timeZone: 'UTC', primary: { ...weekly, people: ['Ada'] }, secondary: { ...weekly, people: ['Eve'] }, overrides: [] }],
      'Ada',
    );
    const { container } = showWall(db, wallRoute(null, { zones: [], rotateSeconds: 0 }));
    const lane = await screen.findByRole('complementary', { name: 'On call' });
    const roster = within(lane).getByRole('listitem');
    expect(within(roster).getByRole('heading', { level: 3 })).toHaveTextContent('Payments <b>on call</b>');
    expect(roster).toHaveTextContent(/Primary: Ada until/);
    expect(roster).toHaveTextContent(/Secondary: Eve until/);
    expect(container.querySelectorAll(INTERACTIVE)).toHaveLength(0);
  });

  it('rotates to each incident after the set seconds, and drops an incident resolved while it is shown', async () => {
    const { db, payments } = await openIncidents();
    stopClockAt(T0);
    showWall(db, wallRoute(null, { zones: [], rotateSeconds: 5 }));
    await overviewScreen();
    expect(footer()).toHaveTextContent('1 of 3 · next in 5 s');

    await moveClockTo(T0 + 5000, () => expect(footer()).toHaveTextContent('2 of 3'));
    const shown = await incidentScreen('Payments down');
    expect(shown).toBeVisible();
    expect(screen.queryByRole('article', { name: 'Wall screen, read-only: open incidents' })).toBeNull();
    expect(footer()).toHaveTextContent('2 of 3 · next in 5 s');
    // The next incident is ready, out of sight and out of the accessibility tree.
    expect(screen.queryByRole('article', { name: 'Wall screen, read-only: Search degraded' })).toBeNull();
    await waitFor(() => expect(document.querySelector('.wall-slot[hidden]')).toHaveTextContent('Search degraded'));
    // Two incidents on the page at once: each panel is still named by its own heading.
    const ids = [...document.querySelectorAll('[id]')].map((el) => el.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(within(shown).getByRole('region', { name: 'Hypotheses · 1' })).toBeInTheDocument();

    await act(() => changeStatus(db, payments, 'resolved', 'Ana'));
    await overviewScreen();
    expect(screen.queryByRole('article', { name: 'Wall screen, read-only: Payments down' })).toBeNull();
    expect(footer()).toHaveTextContent(/1 of 2 · next in \d s/);
    expect(tiles()).toHaveLength(1);

    await moveClockTo(T0 + 10_000, () => expect(footer()).toHaveTextContent('2 of 2'));
    expect(await incidentScreen('Search degraded')).toBeVisible();

    await moveClockTo(T0 + 15_000, () => expect(footer()).toHaveTextContent('1 of 2'));
    expect(await overviewScreen()).toBeVisible();
  });

  it('names a rotation its address got wrong and keeps the default', async () => {
    const db = await openFresh();
    await declareIncident(db, declareInput, writeClock());
    showWall(db, '#/wall?rotate=1e9&zones=UTC');
    await overviewScreen();
    expect(footer()).toHaveTextContent('Left out: 1e9');
    expect(footer()).toHaveTextContent(/1 of 2 · next in 20 s/);
  });
});
