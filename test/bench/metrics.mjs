// The `metrics` part of `npm run bench` (BENCH_ONLY=metrics): the metrics dashboard over many past
// incidents (shared/testing/pastIncidents.ts, ingested as a sync would). Prints figures; nothing
// here passes or fails on time.
import { availableParallelism, loadavg } from 'node:os';
import { ms, n, spread } from './stats.mjs';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const INCIDENTS = env('BENCH_METRICS_INCIDENTS', 1_000);
const ENTRIES = env('BENCH_METRICS_ENTRIES', 20);
const QUERY_RUNS = env('BENCH_METRICS_RUNS', 30);
const FIRST_PAINT_RUNS = 3;
const FILTER_RUNS = 10;

const DASHBOARD = '/#/metrics';


/**
 * Navigation to the dashboard painted, after navigation start: its heading (the console is open,
 * the figures not yet read), its headline figures, and its trend chart's lines (recharts draws
 * once it has measured its box).
 */
async function firstPaint(context) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const painted = (selector) =>
      new Promise((resolve) => {
        const check = () => {
          if (!document.querySelector(selector)) return false;
          requestAnimationFrame(() => resolve(performance.now()));
          return true;
        };
        document.addEventListener('DOMContentLoaded', () => {
          if (check()) return;
          const observer = new MutationObserver(() => check() && observer.disconnect());
          observer.observe(document.body, { childList: true, subtree: true });
        });
      });
    window.__metricsPainted = Promise.all([
      painted('#metrics-heading'),
      painted('.metrics-headline .metric-value'),
      painted('.metrics-chart .recharts-line-curve'),
    ]);
  });
  await page.goto(DASHBOARD);
  const [heading, figures, chart] = await page.evaluate(() => window.__metricsPainted);
  await page.close();
  return { heading, figures, chart };
}

/** A filter changed (a new address, as the filter controls set it) to the dashboard repainted with the new count. */
async function filterChange(page, query) {
  return page.evaluate(async (hash) => {
    const count = () => document.querySelector('.metrics-count')?.textContent;
    const before = count();
    const done = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (count() === before) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now()));
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      setTimeout(() => resolve(Number.NaN), 5000);
    });
    const t0 = performance.now();
    window.location.hash = hash;
    return (await done) - t0;
  }, query);
}

export async function reportMetrics({ base, withBrowser, openBenchPage }) {
  // A profile of its own: only the past incidents count.
  await withBrowser(base, async (context) => {
    const page = await openBenchPage(context);
    const seeded = await page.evaluate(([incidents, entries]) => window.warroomBench.seedPastIncidents(incidents, entries), [INCIDENTS, ENTRIES]);
    console.log(`(metrics part: ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(1)} after seeding: figures move with what else the machine runs)`);
    console.log(
      `Metrics: ${n(INCIDENTS)} past incidents (${n(ENTRIES)} entries each, ${n(seeded.events)} events), ingested in ${(seeded.ms / 1000).toFixed(1)} s`,
    );

    const times = await page.evaluate((runs) => window.warroomBench.metricsTimes(runs), QUERY_RUNS);
    console.log(`  the dashboard's figures, no filter, ${QUERY_RUNS} runs outside a liveQuery (${n(times.incidents)} incidents):`);
    console.log(`    read and compute: ${spread(times.total)}   (target < 500 ms)`);
    console.log(`    of which reading the facts rows and settings: ${spread(times.read)}`);
    console.log(`    of which computing every incident's metrics and the aggregates: ${spread(times.compute)}`);
    await page.close();

    const paints = [];
    for (let i = 0; i < FIRST_PAINT_RUNS; i++) paints.push(await firstPaint(context));
    console.log(`  first paint of ${DASHBOARD}, after navigation:`);
    console.log(`    the page's heading (console open, nothing read yet): ${paints.map((p) => ms(p.heading)).join(' · ')}`);
    console.log(`    the headline figures: ${paints.map((p) => ms(p.figures)).join(' · ')}`);
    console.log(`    the trend chart's lines: ${paints.map((p) => ms(p.chart)).join(' · ')}`);

    const dashboard = await context.newPage();
    await dashboard.goto(DASHBOARD);
    await dashboard.locator('.metrics-headline').waitFor();
    const samples = [];
    for (let i = 0; i < FILTER_RUNS; i++) {
      samples.push(await filterChange(dashboard, '#/metrics?priority=P1'));
      samples.push(await filterChange(dashboard, '#/metrics'));
    }
    const missing = samples.filter(Number.isNaN).length;
    console.log(`  a filter changed to the dashboard repainted (${samples.length} changes${missing ? `, ${missing} never repainted within 5 s` : ''}): ${spread(samples.filter((v) => !Number.isNaN(v)))}`);
    console.log(`(load average ${loadavg()[0].toFixed(1)} at the end of the metrics part)\n`);
    await dashboard.close();
  });
}
