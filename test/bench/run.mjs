// `npm run bench`: measures the console in headless Chromium with disk-backed IndexedDB
// and prints figures. Not a test: nothing here passes or fails on time.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from '@playwright/test';

const root = fileURLToPath(new URL('../../dist/bench/', import.meta.url));
const chromiumPath = process.env.WARROOM_CHROMIUM ?? '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const LOG_SAMPLES = Number(process.env.BENCH_LOG_SAMPLES ?? 60);
const OPEN_ENTRIES = Number(process.env.BENCH_OPEN_ENTRIES ?? 100_000);

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

function serve() {
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

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (v) => `${v.toFixed(1)} ms`;

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
        window.addEventListener('keydown', (e) => e.key === 'Enter' && (t0 = performance.now()), { capture: true, once: true });
        const found = () => [...document.querySelectorAll('.row-text')].some((el) => el.textContent === expected);
        const observer = new MutationObserver(() => {
          if (!t0 || !found()) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
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
  return samples.filter((v) => !Number.isNaN(v));
}

/** Navigation to the first timeline row painted, for an incident with `entries` entries. */
async function benchOpening(context, entries) {
  const page = await openBenchPage(context);
  const seedStart = Date.now();
  const id = await page.evaluate((n) => window.warroomBench.seedIncident(n, 'benchopen00001'), entries);
  const seedMs = Date.now() - seedStart;
  await page.close();

  const runs = [];
  for (let i = 0; i < 3; i++) {
    const fresh = await context.newPage();
    await fresh.addInitScript(() => {
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
    runs.push({ firstPaint, rendered, scrollMs, renderedAfterScroll });
    await fresh.close();
  }
  return { seedMs, runs };
}

async function benchRebuild(context) {
  const page = await openBenchPage(context);
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await page.evaluate(() => window.warroomBench.rebuild()));
  await page.close();
  return runs;
}

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}/`;
console.log(`Warroom benchmarks · headless Chromium (${chromiumPath}), disk-backed IndexedDB, 1920x1080\n`);
try {
  await withBrowser(base, async (context) => {
    const samples = await benchLogging(context, 10_000);
    console.log(`Log one entry (Enter -> painted), 10,000 entries already in the incident, ${samples.length} samples`);
    console.log(`  p50 ${ms(percentile(samples, 50))}   p95 ${ms(percentile(samples, 95))}   max ${ms(Math.max(...samples))}   (target p95 < 50 ms)\n`);

    const open = await benchOpening(context, OPEN_ENTRIES);
    console.log(`Open an incident with ${OPEN_ENTRIES.toLocaleString('en')} timeline entries (seeded in ${(open.seedMs / 1000).toFixed(1)} s)`);
    for (const run of open.runs) {
      console.log(
        `  first timeline paint ${ms(run.firstPaint)} after navigation · ${run.rendered} rows rendered · jump to middle painted in ${ms(run.scrollMs)} (${run.renderedAfterScroll} rows rendered)`,
      );
    }
    console.log('  (target first paint < 1,500 ms; only visible rows rendered)\n');

    const rebuild = await benchRebuild(context);
    console.log(`Rebuild all projections from the log (${rebuild[0].events.toLocaleString('en')} events)`);
    console.log(`  ${rebuild.map((r) => ms(r.ms)).join(' · ')}   (target < 3,000 ms)`);
  });
} finally {
  server.close();
}
