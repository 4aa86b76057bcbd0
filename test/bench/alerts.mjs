// The alert intake under load: the built hub program takes 10,000 Alertmanager notifications for 500
// distinct alerts from 3 senders at once, first with its consoles away (they catch up when they return),
// then again for 500 other alerts while a console on the same machine shows its alert inbox.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ms, n, percentile } from './stats.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NOTIFICATIONS = Number(process.env.BENCH_ALERT_NOTIFICATIONS ?? 10_000);
const ALERTS = Number(process.env.BENCH_ALERTS ?? 500);
const SENDERS = 3;
/** Requests each sender keeps in flight: Alertmanager sends one notification per group at a time, many groups at once. */
const IN_FLIGHT = 4;
const SERVICES = 25;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** The built hub, as an operator runs it, with the alert rate per key raised past what the benchmark sends. */
async function startHub() {
  const dir = await mkdtemp(path.join(tmpdir(), 'warroom-bench-alerts-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['dist/hub/cli.js', '--data', path.join(dir, 'hub.sqlite'), '--port', String(port), '--host', '127.0.0.1', '--log-format', 'json', '--alert-requests-per-second', '100000'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const joinCode = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The hub did not start:\n${output}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        if (!line.startsWith('{')) continue;
        const record = JSON.parse(line);
        if (record.msg === 'ready' && record.joinCode) {
          clearTimeout(timer);
          resolve(record.joinCode);
        }
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`The hub exited (${code}):\n${output}`)));
  });
  return {
    port,
    joinCode,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One Alertmanager notification about alert `i`, as the documentation's example with its own fingerprint and service. */
function notification(example, i, status) {
  const [alert] = example.alerts;
  const startsAt = new Date(Date.now() - 5 * 60_000).toISOString();
  return JSON.stringify({
    ...example,
    status,
    alerts: [
      {
        ...alert,
        status,
        startsAt,
        endsAt: status === 'resolved' ? new Date().toISOString() : alert.endsAt,
        fingerprint: `bench${String(i).padStart(6, '0')}`,
        labels: { ...alert.labels, job: `service-${i % SERVICES}`, alertname: `BenchAlert${i}` },
        annotations: { summary: `Bench alert ${i}` },
      },
    ],
  });
}

/**
 * The order notifications are sent in: each alert's first notification spread evenly over the run, the
 * others repeats (one in seven a resolution) of alerts that have fired already, picked by a fixed sequence.
 * Alerts are numbered from `first`.
 */
function schedule(first) {
  const sends = [];
  const every = NOTIFICATIONS / ALERTS;
  let fired = 0;
  let seed = 7;
  for (let k = 0; k < NOTIFICATIONS; k++) {
    if (fired < ALERTS && k >= fired * every) {
      sends.push({ alert: first + fired++, status: 'firing', first: true });
      continue;
    }
    seed = (seed * 1103515245 + 12345) % 2147483648;
    sends.push({ alert: first + (seed % fired), status: k % 7 === 6 ? 'resolved' : 'firing', first: false });
  }
  return sends;
}

/** A sender's connection: Node's own HTTP client, kept alive, as a monitoring system's would be. */
const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS * IN_FLIGHT });
function post(url, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Posts every notification of `sends` from the senders at once: how fast they were taken, and how each was answered. */
async function storm(url, example, sends) {
  const posted = new Map();
  const answers = new Map();
  let next = 0;
  const started = Date.now();
  const sender = async () => {
    for (;;) {
      const i = next++;
      if (i >= sends.length) return;
      const send = sends[i];
      const body = notification(example, send.alert, send.status);
      if (send.first) posted.set(`Bench alert ${send.alert}`, Date.now());
      const status = await post(url, body);
      answers.set(status, (answers.get(status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: SENDERS * IN_FLIGHT }, sender));
  return { perSecond: sends.length / ((Date.now() - started) / 1000), posted, answers };
}

/** The hub's count of notices by outcome (new, repeat, ignored), from its metrics. */
async function hubMetrics(port) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return (outcome) => Number(new RegExp(`warroom_hub_alert_notices_total\\{outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
}

/** Notifications the hub stored: every new alert and every repeat, once its held repeats are written. */
async function storedNotifications(port) {
  const counted = await hubMetrics(port);
  return counted('new') + counted('repeat');
}

/** When the console held `stored` notifications (null: not within 60 s). */
async function heldAll(page, stored) {
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    if ((await page.evaluate(() => window.warroomBench.alertTotals())).notifications >= stored) return Date.now();
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/** Notes when each alert's title is first painted in the inbox. */
async function watchInbox(page) {
  await page.evaluate(() => {
    window.__alertSeen = new Map();
    const scan = () => {
      // The wall clock, as the benchmark's own: both run on this machine.
      const at = Date.now();
      for (const el of document.querySelectorAll('.alert-line strong')) {
        const title = el.textContent;
        if (!window.__alertSeen.has(title)) window.__alertSeen.set(title, at);
      }
    };
    new MutationObserver(() => requestAnimationFrame(scan)).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

export async function reportAlerts({ base, withBrowser, openBenchPage }) {
  const example = JSON.parse(await readFile(path.join(ROOT, 'shared/alerts/examples/alertmanager-firing.json'), 'utf8'));
  const hub = await startHub();
  try {
    await withBrowser(base, async (context) => {
      const page = await openBenchPage(context);
      await page.evaluate(() => window.warroomBench.setProfile('Bench NOC'));
      await page.getByRole('link', { name: /^Sync:/ }).click();
      await page.getByLabel('Hub address').fill(`127.0.0.1:${hub.port}`);
      await page.getByLabel('Join code').fill(hub.joinCode);
      await page.getByRole('button', { name: 'Join' }).click();
      await page.getByRole('link', { name: /^Sync: Synced/ }).waitFor({ timeout: 30_000 });

      await page.goto(`${base}#/settings`);
      const section = page.getByRole('region', { name: 'Alert integrations' });
      await section.getByLabel('Name', { exact: true }).fill('Prometheus (bench)');
      await section.getByLabel('Label that names the service').fill('job');
      await section.getByRole('button', { name: 'Make the integration and its key' }).click();
      const key = await page.getByTestId('integration-key').textContent();
      await page.getByRole('button', { name: 'I have copied it' }).click();
      await page.getByRole('link', { name: /^Sync: Synced/ }).waitFor({ timeout: 30_000 });
      const url = `http://127.0.0.1:${hub.port}/alerts/${key}`;
      // The hub hears of the integration once the console's push is stored: wait for a key it knows.
      for (let tries = 0; ; tries++) {
        const status = await post(url, notification(example, 2 * ALERTS, 'resolved'));
        if (status === 202) break;
        if (tries > 100) throw new Error(`The hub never took the integration's key (${status})`);
        await new Promise((r) => setTimeout(r, 100));
      }

      // The room's consoles are away (offline, or not yet started): the hub takes the storm alone.
      await page.goto('about:blank');
      const alone = await storm(url, example, schedule(0));
      const back = Date.now();
      await page.goto(`${base}#/alerts`);
      await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
      const caughtUp = await heldAll(page, await storedNotifications(hub.port));
      const afterAlone = await page.evaluate(() => window.warroomBench.alertTotals());

      // A console watches the inbox while a storm of as many other alerts comes in: it shares the machine's two cores.
      await watchInbox(page);
      const watched = await storm(url, example, schedule(ALERTS));
      // Every alert painted in the inbox, or 60 s; then every notification held, or 60 s more.
      await page.waitForFunction((count) => window.__alertSeen.size >= count, ALERTS, { timeout: 60_000, polling: 200 }).catch(() => {});
      await heldAll(page, await storedNotifications(hub.port));
      const seen = new Map(await page.evaluate(() => [...window.__alertSeen]));
      const delays = [...watched.posted].flatMap(([title, at]) => (seen.has(title) ? [seen.get(title) - at] : []));
      const held = await page.evaluate(() => window.warroomBench.alertTotals());
      const metrics = await hubMetrics(hub.port);
      const answers = (result) => [...result.answers].map(([status, count]) => `${status}: ${n(count)}`).join(', ');

      console.log(
        `Alerts: twice ${n(NOTIFICATIONS)} Alertmanager notifications for ${n(ALERTS)} alerts over ${SERVICES} services, ${SENDERS} senders with ${IN_FLIGHT} requests in flight each, to the built hub (SQLite)`,
      );
      console.log(`  the hub alone, its consoles away: accepted ${n(alone.perSecond)} notifications/s (target ≥ 2,000/s) · answers ${answers(alone)}`);
      console.log(
        `    a console back: holds all ${n(afterAlone.notifications)} notifications of ${n(afterAlone.alerts)} alerts ${ms(caughtUp ? caughtUp - back : NaN)} after it opened (target: exactly ${n(ALERTS)} alerts)`,
      );
      console.log(`  with a console watching its inbox on the same two cores: accepted ${n(watched.perSecond)} notifications/s · answers ${answers(watched)}`);
      console.log(
        `    POST of an alert's first notification -> the alert in the inbox: p50 ${ms(percentile(delays, 50))}  p95 ${ms(percentile(delays, 95))}  max ${ms(Math.max(...delays))} (target p95 < 1 s; ${delays.length} of ${ALERTS} seen)`,
      );
      console.log(
        `  stored: the hub counted ${n(metrics('new'))} new alerts and ${n(metrics('repeat'))} repeats (${n(metrics('ignored'))} ignored); the console holds ${n(held.alerts)} alerts in ${n(held.groups)} groups, ${n(held.notifications)} notifications, the second storm's in ${n(held.events - afterAlone.events)} events (target: exactly ${n(2 * ALERTS)} alerts)\n`,
      );
      await page.close();
    });
  } finally {
    agent.destroy();
    await hub.stop();
  }
}
