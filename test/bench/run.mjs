// `npm run bench`: measures the console in headless Chromium with disk-backed IndexedDB
// and prints figures. Not a test: nothing here passes or fails on time.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from '@playwright/test';

import { reportAlerts } from './alerts.mjs';
import { reportDrills } from './drills.mjs';
import { reportMetrics } from './metrics.mjs';
import { reportSearch } from './search.mjs';
import { bootstrapOnce, reportSync } from './sync.mjs';
import { reportWall } from './wall.mjs';
import { ms, percentile } from './stats.mjs';

const benchRoot = fileURLToPath(new URL('../../dist/bench/', import.meta.url));
const chromiumPath = process.env.WARROOM_CHROMIUM ?? '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const LOG_SAMPLES = Number(process.env.BENCH_LOG_SAMPLES ?? 60);
const OPEN_ENTRIES = Number(process.env.BENCH_OPEN_ENTRIES ?? 100_000);

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

function serve(root = benchRoot) {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const file = path.join(root, url.pathname === '/' ? 'index.html' : path.normalize(url.pathname));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    try {
      await stat(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}


async function withBrowser(base, fn) {
  const profile = await mkdtemp(path.join(tmpdir(), 'warroom-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args,
    viewport: { width: 1920, height: 1080 },
    baseURL: base,
  });
  try {
    return await fn(context);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function openBenchPage(context) {
  const page = await context.newPage();
  page.on('crash', () => console.error('The page crashed'));
  page.on('pageerror', (error) => console.error('Page error:', error.message));
  await page.goto('/');
  await page.waitForFunction(() => 'warroomBench' in window);
  await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
  return page;
}

/** Keypress (Enter) to the entry being painted on the timeline, with `existing` entries already logged. */
async function benchLogging(context, existing) {
  const page = await openBenchPage(context);
  const id = await page.evaluate(async (n) => {
    await window.warroomBench.setProfile('Bench Scribe');
    return window.warroomBench.seedIncident(n);
  }, existing);
  await page.goto(`/#/incidents/${encodeURIComponent(id)}`);
  await page.locator('.timeline-row').first().waitFor();
  const box = page.getByRole('textbox', { name: 'Log entry' });
  await box.focus();
  const samples = [];
  for (let i = 0; i < LOG_SAMPLES; i++) {
    const text = `bench entry ${i} ${Math.random().toString(36).slice(2)}`;
    await box.fill(text);
    // Arm the measurement in the page first, then press Enter, then collect it.
    await page.evaluate((expected) => {
      window.__logged = new Promise((resolve) => {
        let t0 = 0;
        let seen = false;
        let shown = 0;
        window.addEventListener('keydown', (e) => e.key === 'Enter' && (t0 = performance.now()), { capture: true, once: true });
        // First on the timeline as being saved, then as the log's own row; each timed to the frame that paints it.
        const found = (rows) => [...document.querySelectorAll(rows)].some((el) => el.textContent === expected);
        const observer = new MutationObserver(() => {
          if (!t0) return;
          if (!seen && found('.timeline-row .row-text')) {
            seen = true;
            requestAnimationFrame(() => (shown = performance.now() - t0));
          }
          if (!found('.timeline-row[data-event-id] .row-text')) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve({ shown, total: performance.now() - t0, write: (window.__lastCommit ?? t0) - t0 }));
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
    }, text);
    await page.keyboard.press('Enter');
    // A sample that never shows up is a bug to report, not a reason to hang.
    const measured = page.evaluate(() =>
      Promise.race([window.__logged, new Promise((resolve) => setTimeout(() => resolve(Number.NaN), 5000))]),
    );
    samples.push(await measured);
  }
  await page.close();
  const missing = samples.filter(Number.isNaN).length;
  if (missing) console.log(`  ${missing} of ${samples.length} entries never appeared on the timeline within 5 s`);
  return samples.filter((v) => typeof v === 'object');
}

/** Navigation to the first timeline row painted, for an incident with `entries` entries. */
async function benchOpening(context, entries) {
  const page = await openBenchPage(context);
  const seedStart = Date.now();
  const id = await page.evaluate((n) => window.warroomBench.seedIncident(n), entries);
  const seedMs = Date.now() - seedStart;
  await page.close();

  const runs = [];
  for (let i = 0; i < 3; i++) {
    const fresh = await context.newPage();
    await fresh.addInitScript(() => {
      // Every task that held the page's thread for 50 ms or more: while one runs, keys typed wait.
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, ms: e.duration })))).observe({
        type: 'longtask',
        buffered: true,
      });
      window.__firstRow = new Promise((resolve) => {
        const check = () => {
          if (document.querySelector('.timeline-row.entry')) {
            requestAnimationFrame(() => resolve(performance.now()));
            return true;
          }
          return false;
        };
        const observer = new MutationObserver(() => check() && observer.disconnect());
        document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }));
      });
    });
    await fresh.goto(`/#/incidents/${encodeURIComponent(id)}`);
    const firstPaint = await fresh.evaluate(() => window.__firstRow);
    const rendered = await fresh.locator('li.timeline-item').count();
    // The three seconds after the first rows: what the page still does once it looks ready.
    await fresh.waitForTimeout(3000);
    const blocked = await fresh.evaluate((after) => {
      const later = window.__longTasks.filter((task) => task.start + task.ms > after);
      return { total: later.reduce((sum, task) => sum + task.ms, 0), longest: Math.max(0, ...later.map((task) => task.ms)) };
    }, firstPaint);
    // Jump to the middle of the timeline and time until its rows are painted.
    const scrollMs = await fresh.evaluate(
      (total) =>
        new Promise((resolve) => {
          const region = document.querySelector('.timeline-scroll');
          const t0 = performance.now();
          region.scrollTop = region.scrollHeight / 2;
          const wait = () => {
            const rows = [...document.querySelectorAll('li.timeline-item')];
            const loaded = rows.length > 0 && rows.every((li) => li.querySelector('.row-text'));
            const mid = rows.some((li) => Number(li.dataset.index) > total / 4);
            if (loaded && mid) requestAnimationFrame(() => resolve(performance.now() - t0));
            else setTimeout(wait, 5);
          };
          wait();
        }),
      entries,
    );
    const renderedAfterScroll = await fresh.locator('li.timeline-item').count();
    runs.push({ firstPaint, rendered, scrollMs, renderedAfterScroll, blocked });
    await fresh.close();
  }
  return { seedMs, runs };
}

/** `BENCH_ONLY=workspace,logging` runs just those parts (startup, logging, open, workspace, comms, rebuild, sync, wall, metrics, search, scaling, alerts, drills). */
const ONLY = process.env.BENCH_ONLY?.split(',').map((part) => part.trim());
const want = (part) => !ONLY || ONLY.includes(part);

const WORKSPACE_SAMPLES = Number(process.env.BENCH_WORKSPACE_SAMPLES ?? 30);

/**
 * Arms a timer in the page: starts at the next trusted `startEvent` (capture phase),
 * stops on the first animation frame after `done()` holds. Resolves NaN after 5 s.
 */
async function armInteraction(page, startEvent, doneSource, arg) {
  await page.evaluate(
    ([startEvent, doneSource, arg]) => {
      const done = new Function('arg', doneSource);
      window.__interaction = Promise.race([
        new Promise((resolve) => {
          let t0 = 0;
          window.addEventListener(startEvent, () => (t0 = performance.now()), { capture: true, once: true });
          const observer = new MutationObserver(() => {
            if (!t0 || !done(arg)) return;
            observer.disconnect();
            requestAnimationFrame(() => resolve({ total: performance.now() - t0, write: (window.__lastCommit ?? t0) - t0 }));
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
        }),
        new Promise((resolve) => setTimeout(() => resolve(Number.NaN), 5000)),
      ]);
    },
    [startEvent, doneSource, arg],
  );
}

/** Board and roster at 200 hypotheses and 100 participants: a keyboard move and an engagement step, to painted. */
async function benchWorkspace(context) {
  const page = await openBenchPage(context);
  const id = await page.evaluate(async () => {
    await window.warroomBench.setProfile('Bench Commander');
    const incident = await window.warroomBench.seedIncident(100);
    await window.warroomBench.seedWorkspace(incident, 200, 100);
    return incident;
  });

  await page.goto(`/#/incidents/${encodeURIComponent(id)}/hypotheses`);
  const proposed = page.locator('section.hypothesis-column[data-status="proposed"] article');
  await proposed.first().waitFor();
  const cardsOnBoard = await page.locator('article.hypothesis-card').count();
  const moves = [];
  for (let i = 0; i < WORKSPACE_SAMPLES && (await proposed.count()) > 0; i++) {
    const card = proposed.first();
    const hypothesisId = await card.getAttribute('data-hypothesis-id');
    await card.focus();
    await armInteraction(
      page,
      'keydown',
      'return !!document.querySelector(`section.hypothesis-column[data-status="testing"] article[data-hypothesis-id="${arg}"]`);',
      hypothesisId,
    );
    await page.keyboard.press('Alt+ArrowRight');
    moves.push(await page.evaluate(() => window.__interaction));
  }

  await page.goto(`/#/incidents/${encodeURIComponent(id)}/people`);
  const joinButtons = page.getByRole('button', { name: /^Record that .* joined$/ });
  await joinButtons.first().waitFor();
  const peopleRows = await page.locator('table tbody tr').count();
  const steps = [];
  for (let i = 0; i < WORKSPACE_SAMPLES && (await joinButtons.count()) > 0; i++) {
    const button = joinButtons.first();
    const label = await button.getAttribute('aria-label');
    await armInteraction(page, 'click', 'return ![...document.querySelectorAll("button")].some((b) => b.getAttribute("aria-label") === arg);', label);
    await button.click();
    steps.push(await page.evaluate(() => window.__interaction));
  }
  await page.close();
  return { cardsOnBoard, peopleRows, moves, steps };
}

async function benchRebuild(context) {
  const page = await openBenchPage(context);
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await page.evaluate(() => window.warroomBench.rebuild()));
  await page.close();
  return runs;
}

/** 1,000 messages: rendered from a template, queued, then delivered by the worker to a real receiver on localhost. */
async function benchComms(context, count) {
  let received = 0;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200).end('ok');
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${receiver.address().port}/hooks/bench`;
  const page = await openBenchPage(context);
  // The Node side posts, as the desktop shell's main process does.
  await page.exposeFunction('__benchPost', async (request) => {
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual' });
    await response.arrayBuffer();
    return { status: 'responded', code: response.status, detail: response.statusText };
  });
  const incidentId = await page.evaluate(() => window.warroomBench.seedIncident(10));
  // The wall route: the console's own delivery worker is off there, so the benchmark's worker is alone.
  await page.evaluate((id) => (window.location.hash = `#/wall/${encodeURIComponent(id)}`), incidentId);
  const result = await page.evaluate(([id, n, u]) => window.warroomBench.comms(id, n, u), [incidentId, count, url]);
  await page.close();
  receiver.close();
  return { ...result, received };
}

async function reportComms(context) {
  const count = 1000;
  const r = await benchComms(context, count);
  console.log(`Communications: ${count.toLocaleString('en')} update messages to a webhook (a real HTTP receiver on localhost)`);
  console.log(`  render from the template (placeholders + Slack body): ${ms(r.renderMs)} in all, ${ms(r.renderMs / count)} each`);
  console.log(`  queue (one event each, written and projected): ${ms(r.queueMs)} in all, ${ms(r.queueMs / count)} each`);
  console.log(`  deliver (mark in flight, post, record the outcome): ${ms(r.deliverMs)} in all, ${ms(r.deliverMs / count)} each`);
  console.log(`  ${r.delivered} delivered, ${r.posted} posts, ${r.received} received\n`);
}

async function reportLogging(context) {
  const samples = await benchLogging(context, 10_000);
  const shown = samples.map((v) => v.shown);
  const totals = samples.map((v) => v.total);
  const writes = samples.map((v) => v.write);
  const repaints = samples.map((v) => v.total - v.write);
  console.log(`Log one entry, 10,000 entries already in the incident, ${samples.length} samples`);
  console.log(`  Enter -> on the timeline (as saving): p50 ${ms(percentile(shown, 50))}   p95 ${ms(percentile(shown, 95))}   max ${ms(Math.max(...shown))}   (target p95 < 25 ms)`);
  console.log(`  Enter -> the log's own row painted: p50 ${ms(percentile(totals, 50))}   p95 ${ms(percentile(totals, 95))}   max ${ms(Math.max(...totals))}`);
  console.log(`    of which Enter -> the write committed (strict durability): p50 ${ms(percentile(writes, 50))}   p95 ${ms(percentile(writes, 95))} · commit -> painted: p50 ${ms(percentile(repaints, 50))}   p95 ${ms(percentile(repaints, 95))}\n`);
}

async function reportOpening(context) {
  const open = await benchOpening(context, OPEN_ENTRIES);
  console.log(`Open an incident with ${OPEN_ENTRIES.toLocaleString('en')} timeline entries (seeded in ${(open.seedMs / 1000).toFixed(1)} s)`);
  for (const run of open.runs) {
    console.log(
      `  first timeline paint ${ms(run.firstPaint)} after navigation · ${run.rendered} rows rendered · jump to middle painted in ${ms(run.scrollMs)} (${run.renderedAfterScroll} rows rendered) · the page's thread blocked over the next 3 s: ${ms(run.blocked.total)} in all, longest ${ms(run.blocked.longest)}`,
    );
  }
  console.log('  (target first rows < 1,000 ms; only visible rows rendered; no long block after)\n');
}

async function reportWorkspace(context) {
  const workspace = await benchWorkspace(context);
  for (const [name, samples, what] of [
    ['Hypothesis board', workspace.moves, `Alt+→ moves a card to the next column, painted (${workspace.cardsOnBoard} cards on the board)`],
    ['Roles and people', workspace.steps, `"Joined" clicked, the row painted with its new step (${workspace.peopleRows} people in the table)`],
  ]) {
    const valid = samples.filter((v) => typeof v === 'object');
    const missing = samples.length - valid.length;
    console.log(`${name}: ${what}, ${valid.length} samples${missing ? `, ${missing} never painted within 5 s` : ''}`);
    if (!valid.length) continue;
    const totals = valid.map((v) => v.total);
    const writes = valid.map((v) => v.write);
    console.log(`  p50 ${ms(percentile(totals, 50))}   p95 ${ms(percentile(totals, 95))}   max ${ms(Math.max(...totals))}   (target p95 < 50 ms)`);
    console.log(`  of which the write, to its commit: p50 ${ms(percentile(writes, 50))}   p95 ${ms(percentile(writes, 95))}\n`);
  }
}

async function reportRebuild(context) {
  const rebuild = await benchRebuild(context);
  console.log(`Rebuild all projections from the log (${rebuild[0].events.toLocaleString('en')} events)`);
  console.log(`  ${rebuild.map((r) => ms(r.ms)).join(' · ')}   (target < 1,000 ms)`);
}

/** `BENCH_SCALING=10000,50000,100000`: the sizes the scaling part measures. */
const SCALING_SIZES = (process.env.BENCH_SCALING ?? '10000,50000,100000').split(',').map(Number).filter((v) => v > 0);

/** How opening an incident, rebuilding the projections and bootstrapping grow with the log: a fresh profile for each size. */
async function reportScaling() {
  const rows = [];
  for (const size of SCALING_SIZES) {
    const { open, rebuild } = await withBrowser(base, async (context) => ({ open: await benchOpening(context, size), rebuild: await benchRebuild(context) }));
    const bootstrap = await bootstrapOnce(size, { base, withBrowser, openBenchPage });
    rows.push({
      size,
      open: percentile(open.runs.map((run) => run.firstPaint), 50),
      rebuild: percentile(rebuild.map((run) => run.ms), 50),
      bootstrap,
    });
  }
  const n = (v) => v.toLocaleString('en');
  console.log('Scaling: one incident of N entries (fresh profile per size); open = first rows after navigation (median of 3), rebuild = all projections (median of 3), bootstrap = a fresh console joins a hub holding N events (one run)');
  for (const row of rows) {
    console.log(
      `  ${n(row.size).padStart(7)} events: open ${ms(row.open)} · rebuild ${ms(row.rebuild)} (${ms((row.rebuild / row.size) * 1000)} per 1,000) · bootstrap ${ms(row.bootstrap)} (${ms((row.bootstrap / row.size) * 1000)} per 1,000)`,
    );
  }
  if (rows.length > 1) {
    const [first, last] = [rows[0], rows[rows.length - 1]];
    const times = (key) => `×${(last[key] / first[key]).toFixed(1)}`;
    console.log(
      `  from ${n(first.size)} to ${n(last.size)} events (×${(last.size / first.size).toFixed(0)}): open ${times('open')} · rebuild ${times('rebuild')} · bootstrap ${times('bootstrap')}   (target: no worse than linear, at most ×${(last.size / first.size).toFixed(0)})\n`,
    );
  }
}

/** The JavaScript a fresh page of the console as shipped (dist/renderer, no bench hooks) loads before the incident list shows. */
async function reportStartup() {
  const shipped = await serve(fileURLToPath(new URL('../../dist/renderer/', import.meta.url)));
  const shippedBase = `http://127.0.0.1:${shipped.address().port}/`;
  await withBrowser(shippedBase, async (context) => {
    const page = await context.newPage();
    const scripts = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push({ url: response.url(), bytes: (await response.body()).length });
    });
    await page.goto('/');
    await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
    await page.waitForLoadState('networkidle');
    const total = scripts.reduce((sum, script) => sum + script.bytes, 0);
    const files = scripts.map((script) => `${path.basename(new URL(script.url).pathname)} ${(script.bytes / 1024).toFixed(0)} KiB`);
    console.log(`Start-up JavaScript (a fresh page to the incident list): ${(total / 1024).toFixed(0)} KiB in ${scripts.length} files (${files.join(', ')})   (target < 600 KiB)`);
    await page.close();
    // The floor under the incident list's cold start (the search part's figure, with 1,000 incidents held): the same with none.
    const starts = [];
    for (let i = 0; i < 3; i++) {
      const fresh = await context.newPage();
      await fresh.goto('/');
      await fresh.getByRole('heading', { name: 'No incidents yet' }).waitFor();
      starts.push(await fresh.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))));
      await fresh.close();
    }
    console.log(`  an empty console, cold start (a new page) -> its list painted: ${starts.map((start) => `${start.toFixed(0)} ms`).join(' · ')}\n`);
  }).finally(() => shipped.close());
}

const PARTS = {
  startup: reportStartup,
  logging: reportLogging,
  open: reportOpening,
  // A fresh profile of its own: notices about the incidents of earlier parts would cover the roster's buttons.
  workspace: () => withBrowser(base, reportWorkspace),
  comms: reportComms,
  rebuild: reportRebuild,
  // Its own hubs (child processes) and its own fresh profiles: consoles that join must start empty.
  sync: () => reportSync({ base, withBrowser, openBenchPage }),
  // A fresh profile of its own: the wall shows every open incident, and only its own should be open.
  wall: () => reportWall({ base, withBrowser, openBenchPage }),
  // A fresh profile of its own: the dashboard counts every incident held, and only the past incidents should be.
  metrics: () => reportMetrics({ base, withBrowser, openBenchPage }),
  // A fresh profile of its own: only the past incidents are searched.
  search: () => reportSearch({ base, withBrowser, openBenchPage }),
  // Fresh profiles and hubs of its own, one per size.
  scaling: reportScaling,
  // The built hub program and a fresh profile of its own: the inbox should hold only the benchmark's alerts.
  alerts: () => reportAlerts({ base, withBrowser, openBenchPage }),
  // A fresh profile of its own: a drill that plays for twenty seconds.
  drills: () => reportDrills({ base, withBrowser, openBenchPage }),
};

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}/`;
console.log(`Warroom benchmarks · headless Chromium (${chromiumPath}), disk-backed IndexedDB, 1920x1080\n`);
// A part that fails says why, and the others still report; the run then ends with a failure.
const failed = [];
try {
  await withBrowser(base, async (context) => {
    for (const [part, report] of Object.entries(PARTS)) {
      if (!want(part)) continue;
      try {
        await report(context);
      } catch (error) {
        failed.push(part);
        console.log(`\n${part}: FAILED, no figures: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      }
    }
  });
} finally {
  server.close();
}
if (failed.length) {
  console.log(`Parts that failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
