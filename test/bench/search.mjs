// The `search` part of `npm run bench` (BENCH_ONLY=search): "has this happened before?" over many
// past incidents (shared/testing/pastIncidents.ts, ingested as a sync would). Times building the
// window's index, ~200 varied queries against it, the similar-incidents ranking, and the search page from a
// query entered to its results painted. Prints figures; nothing here passes or fails on time.
import { availableParallelism, loadavg } from 'node:os';
import { ms, n, spread } from './stats.mjs';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const INCIDENTS = env('BENCH_SEARCH_INCIDENTS', 1_000);
const ENTRIES = env('BENCH_SEARCH_ENTRIES', 200);
const PAGE_SAMPLES = env('BENCH_SEARCH_PAGE_SAMPLES', 40);
const WARM_UP = 10;

const pause = (msToWait) => new Promise((resolve) => setTimeout(resolve, msToWait));

/** Words from the generated incidents, common and rare, so queries find many, few or nothing. */
const COMMON = ['dashboards', 'latency', 'checkout', 'certificate', 'restart', 'vendor', 'rollback', 'status', 'tickets', 'region', 'deploy', 'error', 'suspect', 'percent', 'host'];
const RARE = ['servfail', 'vacuum', 'alias', 'macro', 'osds', 'ntp', 'spf', 'maxmemory', 'firmware', 'intermediate', 'ransomware', 'concentrator', 'acquirer', 'forwarder', 'rebalance'];
const PAIRS = [
  'connection pool', 'replica lag', 'payment provider', 'shard allocation', 'mfa push', 'zone transfer', 'feature flag',
  'disk wal', 'rack 4', 'token signer', 'circuit breaker', 'queue backing', 'crash rate', 'health checks', 'error budget',
];
const PREFIXES = ['certif', 'repl', 'dashb', 'vac', 'rollb', 'failo', 'throt', 'evic', 'concen', 'mainten', 'pay', 'reso', 'ld', 'sess', 'quer'];
const TYPOS = ['replicaton', 'certficate', 'dashbaords', 'concentratr', 'maintenence', 'firmwear', 'throttled', 'resolvrs'];
const MISSES = ['zebra', 'kubernetes quantum', 'xyzzy', 'mainframe tape', 'blockchain', 'teleport', 'volcano ash'];
const FILTERED = [
  { text: 'latency', filters: { services: ['login'] } },
  { text: 'certificate', filters: { priorities: ['P1'] } },
  { text: 'queue', filters: { declaredFrom: '2025-06-01T00:00:00.000Z', declaredBefore: '2026-01-01T00:00:00.000Z' } },
  { text: 'timeout', filters: { tags: ['network'] } },
  { text: 'restart', filters: { status: 'resolved' } },
  { text: '', filters: { services: ['dns'] } },
  { text: 'disk', filters: { services: ['storage'], priorities: ['P1', 'P2'] } },
  { text: 'rollback', filters: { includeDrills: true } },
  { text: 'vpn', filters: { tags: ['remote-access'], status: 'resolved' } },
  { text: '', filters: { priorities: ['P1'], declaredFrom: '2026-01-01T00:00:00.000Z' } },
];

/** About 200 queries: every kind, several times, in a mixed order. */
function queries() {
  const kinds = [
    ['one common word', COMMON.map((text) => ({ text }))],
    ['one rare word', RARE.map((text) => ({ text }))],
    ['two words', PAIRS.map((text) => ({ text }))],
    ['prefix (unfinished last word)', PREFIXES.map((text) => ({ text }))],
    ['typo in a long word', TYPOS.map((text) => ({ text }))],
    ['no hits', MISSES.map((text) => ({ text }))],
    ['with filters', FILTERED],
    ['three words', PAIRS.map((pair, i) => ({ text: `${COMMON[i % COMMON.length]} ${pair}` }))],
  ];
  const all = [];
  for (let round = 0; all.length < 200; round++) {
    for (const [kind, list] of kinds) {
      const query = list[round % list.length];
      all.push({ kind, ...query });
    }
  }
  return all;
}

/** What the search page's route looks like for filters (the subset the page's filters can express). */
function hashFor(filters = {}) {
  const params = new URLSearchParams();
  if (filters.services?.[0]) params.set('service', filters.services[0]);
  if (filters.tags?.[0]) params.set('tag', filters.tags[0]);
  for (const priority of filters.priorities ?? []) params.append('priority', priority);
  if (filters.status) params.set('status', filters.status);
  if (filters.includeDrills) params.set('drills', '1');
  const query = params.toString();
  return query ? `#/search?${query}` : '#/search';
}

/**
 * A query entered into the empty search box (one input event: the last keystroke of a word, or a paste)
 * to the page showing that query's results. Null when the page already showed them before.
 */
async function inputToResults(page, query) {
  const filters = query.filters ?? {};
  await page.evaluate((hash) => (window.location.hash = hash), hashFor(filters));
  const box = page.getByRole('searchbox', { name: 'Words to find' });
  await box.waitFor();
  await box.fill('');
  await box.focus();
  await pause(300);
  const expected = await page.evaluate((q) => window.warroomBench.searchExpect(q), { text: query.text, filters });
  const armed = await page.evaluate((expect) => {
    const countText = expect.total === 1 ? '1 incident found' : `${expect.total.toLocaleString('en-GB')} incidents found`;
    const shown = () => {
      if (expect.total === 0) return document.querySelector('.search-empty') !== null;
      const count = document.querySelector('.search-count')?.textContent;
      const first = document.querySelector('.search-result-link')?.textContent;
      return count === countText && first === expect.first;
    };
    if (shown()) return false;
    window.__searchPainted = Promise.race([
      new Promise((resolve) => {
        let t0 = 0;
        window.addEventListener('input', () => (t0 = performance.now()), { capture: true, once: true });
        const observer = new MutationObserver(() => {
          if (!t0 || !shown()) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      }),
      new Promise((resolve) => setTimeout(() => resolve(Number.NaN), 5000)),
    ]);
    return true;
  }, expected);
  if (!armed) return null;
  await page.keyboard.insertText(query.text);
  return page.evaluate(() => window.__searchPainted);
}

export async function reportSearch({ base, withBrowser, openBenchPage }) {
  // A profile of its own: only the past incidents are searched.
  await withBrowser(base, async (context) => {
    const page = await openBenchPage(context);
    const seeded = await page.evaluate(([incidents, entries]) => window.warroomBench.seedPastIncidents(incidents, entries), [INCIDENTS, ENTRIES]);
    console.log(`(search part: ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(1)} after seeding: figures move with what else the machine runs)`);
    console.log(
      `Search: ${n(INCIDENTS)} past incidents, ${n(INCIDENTS * ENTRIES)} timeline entries (${n(seeded.events)} events in all), seeded in ${(seeded.ms / 1000).toFixed(1)} s`,
    );

    // The database has just taken 240,000 events: let it settle, as it would have long before anyone searched.
    await pause(10_000);
    const build = await page.evaluate(() => window.warroomBench.searchBuild());
    console.log(
      `  build the window's index on first use: ${ms(build.buildMs)} for ${n(build.incidents)} incidents, ${n(build.entries)} entries, in ${build.pages} pages with a pause between them`,
    );
    console.log(`    of which indexing ${ms(build.buildIndexMs)}; the rest is reading from IndexedDB and the pauses`);
    console.log(`    the same work again without pauses: read from IndexedDB ${ms(build.readMs)}, index ${ms(build.indexMs)}`);

    const all = queries();
    await page.evaluate((warm) => window.warroomBench.searchTimes(warm), all.slice(0, WARM_UP));
    const timed = await page.evaluate((list) => window.warroomBench.searchTimes(list), all);
    console.log(`\n  ${all.length} queries, from the call to results ready (every match counted, the first 20 described with snippets and resolution):`);
    console.log(`    all: ${spread(timed.map((t) => t.ms))}   (target p95 < 100 ms)`);
    const kinds = [...new Set(all.map((q) => q.kind))];
    for (const kind of kinds) {
      const of = all.map((q, i) => ({ q, t: timed[i] })).filter(({ q }) => q.kind === kind);
      const found = of.map(({ t }) => t.total);
      console.log(`    ${kind.padEnd(30)} ${spread(of.map(({ t }) => t.ms))}   (${n(Math.min(...found))}–${n(Math.max(...found))} incidents found)`);
    }

    const similar = await page.evaluate(() => window.warroomBench.similarTimes(50));
    console.log(`\n  Similar incidents for an open incident (the panel beside its timeline), 50 incidents taken as open:`);
    console.log(`    ${spread(similar.map((s) => s.ms))}   (${n(Math.min(...similar.map((s) => s.found)))}–${n(Math.max(...similar.map((s) => s.found)))} shown)`);

    // The page's own index is the search worker's: built on the page's first use, off the page's thread.
    const shownAt = await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
      window.location.hash = '#/search';
      return performance.now();
    });
    await page.getByRole('searchbox', { name: 'Words to find' }).waitFor();
    await page.locator('.search-indexing').waitFor({ state: 'detached', timeout: 300_000 });
    const worker = await page.evaluate((t0) => ({ ms: performance.now() - t0, blocks: window.__longTasks }), shownAt);
    console.log(
      `\n  The search worker's build, as the search page meets it (page shown -> indexing done): ${ms(worker.ms)}; the page's thread meanwhile blocked ${ms(worker.blocks.reduce((a, b) => a + b, 0))} in all, longest ${ms(Math.max(0, ...worker.blocks))}`,
    );
    // The page's filters speak in calendar days: queries with instants in them are left to the figures above.
    const typed = all.filter((q) => q.text.length > 1 && !q.filters?.declaredFrom && !q.filters?.declaredBefore).slice(0, PAGE_SAMPLES + 3);
    const samples = [];
    for (const query of typed) samples.push(await inputToResults(page, query));
    const counted = samples.slice(3).filter((v) => v !== null);
    const missing = counted.filter(Number.isNaN).length;
    const painted = counted.filter((v) => !Number.isNaN(v));
    console.log(`\n  Search page: a query entered into the empty box (one input event) -> its results painted, ${painted.length} samples${missing ? `, ${missing} never painted within 5 s` : ''}`);
    if (painted.length) console.log(`    ${spread(painted)}   (target p95 < 100 ms)\n`);
    await page.close();

    // The incident list as a console holding these past incidents meets it on a cold start.
    const starts = [];
    for (let i = 0; i < 3; i++) {
      const fresh = await context.newPage();
      const t0 = Date.now();
      await fresh.goto('/');
      await fresh.locator('.incident-table tbody tr').first().waitFor();
      const painted = await fresh.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
      starts.push({ painted, rows: await fresh.locator('.incident-table tbody tr').count(), wall: Date.now() - t0 });
      await fresh.close();
    }
    console.log(`  Incident list, cold start (a new page) -> its rows painted, ${n(INCIDENTS)} past incidents held:`);
    console.log(`    ${starts.map((start) => `${ms(start.painted)} (${n(start.rows)} rows rendered)`).join(' · ')}   (target < 500 ms)\n`);
  });
}
