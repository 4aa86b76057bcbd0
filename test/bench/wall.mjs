// The `wall` part of `npm run bench` (BENCH_ONLY=wall): the wall screens with many open incidents,
// updated by the console in another page of the same browser, as the desktop app's wall window is
// by its console window (one database, Dexie's cross-window change notices). Prints figures;
// nothing here passes or fails on time.
import { availableParallelism, loadavg } from 'node:os';
import { ms, n, percentile, spread } from './stats.mjs';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const INCIDENTS = env('BENCH_WALL_INCIDENTS', 20);
const ENTRIES = env('BENCH_WALL_ENTRIES', 100_000);
/** Counted updates per figure; a few more before them warm the code paths up. */
const SAMPLES = env('BENCH_WALL_SAMPLES', 60);
/** Updates timed again with the wall's read traced beside it, to split the time. */
const SPLIT_SAMPLES = env('BENCH_WALL_SPLIT_SAMPLES', 30);
const WARM_UP = 5;
const FIRST_RENDER_RUNS = 3;
const QUERY_RUNS = 30;

const OVERVIEW = '/#/wall?rotate=0';
const incidentWall = (id) => `/#/wall/${encodeURIComponent(id)}`;

const pause = (msToWait) => new Promise((resolve) => setTimeout(resolve, msToWait));

/** One device per incident, so each incident's id (`<device>:1`) is its own. Ids match DEVICE_ID_REGEX. */

/** Navigation to the wall painted: every tile of the overview, or the newest entry of one incident. */
async function firstRender(context, url, tiles) {
  const page = await context.newPage();
  await page.addInitScript((expectedTiles) => {
    window.__wallFirstPaint = new Promise((resolve) => {
      const painted = () =>
        expectedTiles > 0 ? document.querySelectorAll('.wall-tile').length >= expectedTiles : document.querySelector('.wall-entry') !== null;
      const observer = new MutationObserver(() => {
        if (!painted()) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now()));
      });
      document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }));
    });
  }, tiles);
  await page.goto(url);
  const at = await page.evaluate(() => window.__wallFirstPaint);
  await page.close();
  return at;
}

/** A wall page, open and painted, with the bench hooks loaded. */
async function openWall(context, url, ready) {
  const page = await context.newPage();
  page.on('crash', () => console.error('The wall page crashed'));
  page.on('pageerror', (error) => console.error('Wall page error:', error.message));
  await page.goto(url);
  await page.waitForFunction(() => 'warroomBench' in window);
  await page.locator(ready).first().waitFor();
  return page;
}

/**
 * Arms a watch in the wall page: resolves on the first animation frame after the change is in the
 * DOM, with that time, the time the DOM changed and the time the change notice (Dexie's
 * storagemutated) last reached the page, all wall-clock. Resolves null after 5 s.
 *
 * The overview shows nothing of a timeline entry itself (its tiles carry priority, status, clocks,
 * commander and updates), so its sign of a change is the footer's "Updated HH:mm:ss", which is
 * rewritten in the same render as the tiles whenever the overview's query yields new data.
 */
async function armWatch(page, watch, expected) {
  await page.evaluate(
    ([watch, expected]) => {
      const wallNow = () => performance.timeOrigin + performance.now();
      const updated = () => document.querySelector('.wall-freshness > span:last-child')?.textContent ?? null;
      const before = updated();
      const changed =
        watch === 'overview'
          ? () => updated() !== before
          : () => [...document.querySelectorAll('.wall-entry .wall-item-text')].some((el) => el.textContent === expected);
      // Set by the bench hooks on every change notice, local or from another window.
      window.__lastCommit = undefined;
      window.__wallPainted = Promise.race([
        new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (!changed()) return;
            observer.disconnect();
            const changedAt = wallNow();
            const noticed = window.__lastCommit;
            const noticedAt = noticed === undefined ? Number.NaN : performance.timeOrigin + noticed;
            requestAnimationFrame(() => resolve({ paintedAt: wallNow(), changedAt, noticedAt }));
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        }),
        new Promise((resolve) => setTimeout(() => resolve(null), 5000)),
      ]);
    },
    [watch, expected],
  );
}

/** Resolves once the wall's clock has ticked, so its next data change stamps a new "Updated" second. */
async function nextTick(page) {
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const clock = () => document.querySelector('.wall-zone-time')?.textContent;
        const before = clock();
        const observer = new MutationObserver(() => {
          if (clock() === before) return;
          observer.disconnect();
          resolve();
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        setTimeout(resolve, 3000);
      }),
  );
}

/**
 * `count` entries logged through the real command by `writer` (the wall page itself, or the
 * console in another page), each timed from its commit to the wall having painted it. With
 * `traced`, the wall page's traced reads (traceWallReads) split each sample further.
 */
async function measureUpdates({ wall, writer, watch, incidentFor, count = SAMPLES, traced = false }) {
  const samples = [];
  let missing = 0;
  for (let i = -WARM_UP; i < count; i++) {
    if (watch === 'overview') await nextTick(wall);
    // Anywhere in the wall's one-second clock cycle: the tick's own re-render is part of the picture.
    await pause(Math.random() * 1000);
    const incidentId = incidentFor(i);
    const text = `Wall sample ${i}: checkout-api errors back under 1% on node ${i} ${Math.random().toString(36).slice(2, 8)}`;
    await armWatch(wall, watch, text);
    const logged = await writer.evaluate(([id, entry]) => window.warroomBench.logEntry(id, entry), [incidentId, text]);
    const seen = await wall.evaluate(() => window.__wallPainted);
    const reads = traced ? await wall.evaluate(() => window.warroomBench.wallReadTrace()) : [];
    if (i < 0) continue;
    if (!seen) {
      missing++;
      continue;
    }
    // The traced read the notice started (the last to start before the wall changed), beside the
    // wall's own: it queues behind the wall's, so it ends a little later and the render figure errs low.
    const read = reads.filter((r) => r.startedAt <= seen.changedAt).at(-1);
    samples.push({
      command: logged.committedAt - logged.startedAt,
      total: seen.paintedAt - logged.committedAt,
      notice: seen.noticedAt - logged.committedAt,
      afterNotice: seen.paintedAt - seen.noticedAt,
      readDone: read ? read.endedAt - seen.noticedAt : Number.NaN,
      read: read ? read.endedAt - read.startedAt : Number.NaN,
      render: read ? seen.changedAt - read.endedAt : Number.NaN,
      frame: seen.paintedAt - seen.changedAt,
    });
  }
  return { samples, missing };
}

function printUpdates(title, { samples, missing }, sameWindow) {
  console.log(`${title}, ${samples.length} samples${missing ? `, ${missing} never painted within 5 s` : ''}`);
  if (!samples.length) return;
  const of = (key) => samples.map((s) => s[key]).filter((v) => !Number.isNaN(v));
  console.log(`  ${spread(of('total'))}   (target p95 < 100 ms)`);
  if (sameWindow) {
    console.log(`  (the command itself, to its commit: p50 ${ms(percentile(of('command'), 50))})`);
    return;
  }
  if (!of('notice').length) return;
  console.log(`  commit -> change notice in the wall page (BroadcastChannel): ${spread(of('notice'))}`);
  console.log(`  notice -> painted (the wall's read, render and frame): ${spread(of('afterNotice'))}`);
}

/** Where the time after the notice goes, from a pass with the wall's read traced beside the wall's own. */
function printSplit({ samples, missing }) {
  const of = (key) => samples.map((s) => s[key]).filter((v) => !Number.isNaN(v));
  const split = of('readDone');
  console.log(
    `  where it goes (${samples.length} more updates, the wall's read traced in a liveQuery beside the wall's own${missing ? `; ${missing} never painted` : ''}; total ${spread(of('total'))}):`,
  );
  if (!split.length) {
    console.log('    (no traced read started before the wall changed)');
    return;
  }
  console.log(`    notice -> read done: ${spread(split)}   (the read itself: ${spread(of('read'))})`);
  console.log(`    read done -> DOM changed (React render and commit): ${spread(of('render'))}`);
  console.log(`    DOM changed -> next animation frame (style, layout, paint): ${spread(of('frame'))}`);
}

export async function reportWall({ base, withBrowser, openBenchPage }) {
  const perIncident = Math.round(ENTRIES / INCIDENTS);
  // The overview shows at most 20 tiles (MAX_TILES) and counts the rest.
  const tiles = Math.min(INCIDENTS, 20);
  // A profile of its own: the other parts' incidents would be open on this wall too.
  await withBrowser(base, async (context) => {
    const consolePage = await openBenchPage(context);
    const seedStart = Date.now();
    const ids = await consolePage.evaluate(
      async ([count, entries]) => {
        await window.warroomBench.setProfile('Bench Scribe');
        const seeded = [];
        // Each incident written by a device of its own (seedIncident makes a new key each time).
        for (let i = 0; i < count; i++) seeded.push(await window.warroomBench.seedIncident(entries));
        return seeded;
      },
      [INCIDENTS, perIncident],
    );
    const seedMs = Date.now() - seedStart;
    const watched = ids[0];

    console.log(`(wall part: ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(1)} after seeding: figures move with what else the machine runs)`);
    console.log(
      `Wall: ${INCIDENTS} open incidents, ${n(perIncident * INCIDENTS)} timeline entries in all (${n(perIncident)} each), seeded in ${(seedMs / 1000).toFixed(1)} s`,
    );
    const overviewFirst = [];
    const incidentFirst = [];
    for (let i = 0; i < FIRST_RENDER_RUNS; i++) overviewFirst.push(await firstRender(context, OVERVIEW, tiles));
    for (let i = 0; i < FIRST_RENDER_RUNS; i++) incidentFirst.push(await firstRender(context, incidentWall(watched), 0));
    console.log(`  first render, overview (${tiles} tiles painted): ${overviewFirst.map(ms).join(' · ')} after navigation`);
    console.log(`  first render, one incident (its newest entries painted): ${incidentFirst.map(ms).join(' · ')} after navigation\n`);

    // The overview, written to by the console in another page; every incident in turn.
    const overview = await openWall(context, OVERVIEW, '.wall-tile');
    const visibility = await overview.evaluate(() => document.visibilityState);
    if (visibility !== 'visible') console.log(`  (the wall page is ${visibility}: its animation frames may be throttled)`);
    const overviewCross = await measureUpdates({ wall: overview, writer: consolePage, watch: 'overview', incidentFor: (i) => ids[(i + ids.length) % ids.length] });
    printUpdates(`Overview update (${OVERVIEW}): the console logs an entry in another page, the wall's footer "Updated" repainted`, overviewCross, false);
    const overviewSame = await measureUpdates({ wall: overview, writer: overview, watch: 'overview', incidentFor: (i) => ids[(i + ids.length) % ids.length] });
    printUpdates('  the same, logged in the wall page itself (no cross-window notice)', overviewSame, true);
    await overview.evaluate(() => window.warroomBench.traceWallReads(null));
    printSplit(
      await measureUpdates({ wall: overview, writer: consolePage, watch: 'overview', incidentFor: (i) => ids[(i + ids.length) % ids.length], count: SPLIT_SAMPLES, traced: true }),
    );
    console.log('');

    const single = await openWall(context, incidentWall(watched), '.wall-entry');
    const incidentCross = await measureUpdates({ wall: single, writer: consolePage, watch: 'incident', incidentFor: () => watched });
    printUpdates(`Incident wall update (#/wall/<id>, ${n(perIncident)} entries): the console logs an entry in another page, its text painted on the wall`, incidentCross, false);
    const incidentSame = await measureUpdates({ wall: single, writer: single, watch: 'incident', incidentFor: () => watched });
    printUpdates('  the same, logged in the wall page itself (no cross-window notice)', incidentSame, true);
    await single.evaluate((id) => window.warroomBench.traceWallReads(id), watched);
    printSplit(await measureUpdates({ wall: single, writer: consolePage, watch: 'incident', incidentFor: () => watched, count: SPLIT_SAMPLES, traced: true }));

    const reads = await single.evaluate(([id, runs]) => window.warroomBench.wallQueryTimes(id, runs), [watched, QUERY_RUNS]);
    console.log(`\nThe wall's reads alone, in the wall page, ${QUERY_RUNS} runs each, outside a liveQuery (no live-query cache: a first read)`);
    console.log(`  overview (${INCIDENTS} incidents): ${spread(reads.overview)}`);
    console.log(`  one incident: ${spread(reads.incident)}`);

    console.log(`(load average ${loadavg()[0].toFixed(1)} at the end of the wall part)\n`);
    await Promise.all([overview.close(), single.close(), consolePage.close()]);
  });
}
