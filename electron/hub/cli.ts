/**
 * The sync hub without the desktop app: `node dist/hub/cli.js` once built
 * (`npm run hub` in a checkout). Embedded SQLite by
 * default; PostgreSQL when DATABASE_URL is set, so several hub processes can
 * run behind one load balancer. It delivers the spaces' outbound webhook
 * messages unless told not to.
 */
import { randomFillSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import type { WebhookRequest } from '../../shared/platform/bridge';
import type { HubStore, SpaceRecord } from '../../shared/sync/hubStore';
import { PROTOCOL } from '../../shared/sync/protocol';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../shared/sync/rateLimiter';
import { postWebhook } from '../outbound/webhook';
import { fetchCalendar } from '../outbound/calendarFetch';
import { ALLOW_LIST_ENV, parseAllowList } from '../outbound/destinations';
import { ALERTS_PATH, DEFAULT_ALERT_LIMITS } from './alertRoute';
import { LOG_FORMATS, LOG_LEVELS, createLog, isLogFormat, isLogLevel, messageOf, type Log, type LogFormat, type LogLevel } from './log';
import { METRICS_PATH } from './metrics';
import { PAGING_FLAGS, PAGING_USAGE, describePaging, parsePagingConfig, pagingTransports, type PagingConfig } from './paging/pagingConfig';
import { DEFAULT_QUOTAS, type HubQuotas } from './quotas';
import { SYNC_PATH, startHub, type RunningHub } from './server';
import { DEFAULT_SPACE_NAME, ensureSpace } from './spaces';

export const DEFAULT_PORT = 4848;
export const DEFAULT_HOST = '0.0.0.0';
export const DEFAULT_DATA_FILE = 'warroom-hub.sqlite';

export const TEXT = {
  usage: `Warroom sync hub

Usage: node dist/hub/cli.js [options]      (in a checkout: npm run hub -- [options])

  --data <file>       SQLite file (default ./${DEFAULT_DATA_FILE}; env HUB_DATA)
  --port <n>          port to listen on (default ${DEFAULT_PORT}; env PORT)
  --host <address>    address to listen on (default ${DEFAULT_HOST}; env HOST)
  --space <name>      name of the space this hub serves (default "${DEFAULT_SPACE_NAME}"; env HUB_SPACE)
  --tls-cert <file>   PEM certificate: serve wss:// (env HUB_TLS_CERT)
  --tls-key <file>    PEM private key for --tls-cert (env HUB_TLS_KEY)
  --no-delivery       do not post the webhook messages consoles queue (env HUB_DELIVERY=off)
  --allow-webhook-to <range|address[:port]|host[:port]>
                      also post webhooks there, though private or local (repeatable;
                      env ${ALLOW_LIST_ENV}, comma-separated). Otherwise public addresses only.
  --no-alerts         take no alerts in at ${ALERTS_PATH}<key> (env HUB_ALERTS=off)
  --log-level <level>  ${LOG_LEVELS.join(', ')} (default info; env HUB_LOG_LEVEL)
  --log-format <format>  text for a terminal, json for a log collector: one JSON object a line
                      (default text; env HUB_LOG_FORMAT)
  --metrics-token <token>  other machines read ${METRICS_PATH} with "Authorization: Bearer <token>";
                      without one, only this machine reads it (env HUB_METRICS_TOKEN)
  -h, --help          show this help

Limits (each refusal tells the console why):
  --max-connections <n>               connections in all (default ${DEFAULT_QUOTAS.connections}; env HUB_MAX_CONNECTIONS)
  --max-connections-per-address <n>   from one address (default ${DEFAULT_QUOTAS.connectionsPerAddress}; env HUB_MAX_CONNECTIONS_PER_ADDRESS)
  --join-attempts <n>                 joins and refused hellos from one address before each must wait,
                                      the wait doubling each time (default ${DEFAULT_QUOTAS.joinAttempts}; env HUB_JOIN_ATTEMPTS)
  --join-backoff-seconds <n>          the first wait (default ${DEFAULT_QUOTAS.joinBackoffMs / 1000}; env HUB_JOIN_BACKOFF_SECONDS)
  --max-stored-mb <n>                 event data one device may store (default ${DEFAULT_QUOTAS.storedBytesPerDevice / 1024 / 1024}; env HUB_MAX_STORED_MB)
  --max-events-per-second <n>         events one device may push (default ${DEFAULT_RATE_LIMITS.eventsPerSecond}; env HUB_MAX_EVENTS_PER_SECOND)
  --max-requests-per-second <n>       requests one device may make (default ${DEFAULT_RATE_LIMITS.requestsPerSecond}; env HUB_MAX_REQUESTS_PER_SECOND)
  --alert-requests-per-second <n>     alert notifications one integration key may send, in bursts of ten times as many
                                      (default ${DEFAULT_ALERT_LIMITS.requestsPerSecond}; env HUB_ALERT_REQUESTS_PER_SECOND)

Devices (with the same --data or DATABASE_URL, and --space):
  npm run hub -- devices list                  devices of the space, when each joined and was last seen
  npm run hub -- devices remove <device-id>    its token stops working at once; its events stay
  npm run hub -- devices rotate-join-code      the old code stops working; joined devices keep syncing

${PAGING_USAGE}

DATABASE_URL=postgres://... stores everything in PostgreSQL instead of SQLite;
every hub process pointed at the same database serves the same spaces.`,
  starting: 'Starting the Warroom sync hub…',
  ready: 'Warroom sync hub is running.',
  space: 'Space',
  joinCode: 'Join code',
  joinHint: 'Give this code to the consoles that should sync through this hub.',
  newSpace: '(new space)',
  storage: 'Storage',
  sqlite: (file: string) => `SQLite ${file}`,
  postgres: (where: string) => `PostgreSQL ${where}`,
  addresses: 'Consoles connect to',
  health: 'Health check',
  metrics: 'Metrics',
  metricsOpen: 'from other machines with the bearer token',
  metricsLocal: 'from this machine only (--metrics-token opens them to others)',
  alerts: 'Alerts',
  alertsOn: (where: string) => `taken in at ${where}<integration key>`,
  alertsOff: 'not taken in (--no-alerts)',
  paging: 'Pages',
  delivery: 'Messages',
  delivering: 'delivered by this hub (webhooks)',
  notDelivering: 'not delivered by this hub (--no-delivery)',
  allowing: (entries: readonly string[]) => `webhooks may also go to ${entries.join(', ')}`,
  protocol: `Protocols ${PROTOCOL.min}–${PROTOCOL.max}`,
  stopHint: 'Press Ctrl+C to stop.',
  stopping: (signal: string) => `${signal}: stopping the hub (finishing requests in progress)…`,
  stopped: 'Hub stopped.',
  forced: 'Stopping at once.',
  badPort: (value: string) => `--port must be a number from 0 to 65535, not "${value}".`,
  tlsPair: '--tls-cert and --tls-key go together: give both or neither.',
  badLimit: (flag: string, value: string) => `${flag} must be a whole number above 0, not "${value}".`,
  badLogLevel: (value: string) => `--log-level must be one of ${LOG_LEVELS.join(', ')}, not "${value}".`,
  badLogFormat: (value: string) => `--log-format must be one of ${LOG_FORMATS.join(', ')}, not "${value}".`,
  shortToken: '--metrics-token must be at least 16 characters: it is all that stands between the metrics and the network.',
  failed: (message: string) => `The hub could not start: ${message}`,
} as const;

export type CliConfig = {
  help: boolean;
  port: number;
  host: string;
  spaceName: string;
  storage: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  tls: { certFile: string; keyFile: string } | null;
  /** Whether the hub posts the webhook messages consoles queue. */
  delivery: boolean;
  /** Whether the hub takes alerts in, and at what rate per integration key. */
  alerts: RateLimits | null;
  /** Private or local destinations the operator allows webhooks to (checked entries of --allow-webhook-to and WARROOM_WEBHOOK_ALLOW). */
  webhookAllow: string[];
  quotas: HubQuotas;
  limits: RateLimits;
  logLevel: LogLevel;
  logFormat: LogFormat;
  metricsToken: string | null;
  /** How the hub sends pages; null: it sends none. */
  paging: PagingConfig | null;
};

/** Each limit's flag, its environment variable, and where its value goes. */
/** The built hub's event worker, beside cli.js (scripts/build-hub.mjs); run from source, the hub examines events on its own thread. */
const BUILT_EXAMINE_WORKER = ((url) => (existsSync(fileURLToPath(url)) ? url : undefined))(new URL('./examineWorker.js', import.meta.url));

const LIMIT_FLAGS = [
  { flag: 'max-connections', env: 'HUB_MAX_CONNECTIONS', set: (c: CliConfig, n: number) => (c.quotas.connections = n) },
  { flag: 'max-connections-per-address', env: 'HUB_MAX_CONNECTIONS_PER_ADDRESS', set: (c: CliConfig, n: number) => (c.quotas.connectionsPerAddress = n) },
  { flag: 'join-attempts', env: 'HUB_JOIN_ATTEMPTS', set: (c: CliConfig, n: number) => (c.quotas.joinAttempts = n) },
  { flag: 'join-backoff-seconds', env: 'HUB_JOIN_BACKOFF_SECONDS', set: (c: CliConfig, n: number) => (c.quotas.joinBackoffMs = n * 1000) },
  { flag: 'max-stored-mb', env: 'HUB_MAX_STORED_MB', set: (c: CliConfig, n: number) => (c.quotas.storedBytesPerDevice = n * 1024 * 1024) },
  { flag: 'max-events-per-second', env: 'HUB_MAX_EVENTS_PER_SECOND', set: (c: CliConfig, n: number) => (c.limits.eventsPerSecond = n) },
  { flag: 'max-requests-per-second', env: 'HUB_MAX_REQUESTS_PER_SECOND', set: (c: CliConfig, n: number) => (c.limits.requestsPerSecond = n) },
  {
    flag: 'alert-requests-per-second',
    env: 'HUB_ALERT_REQUESTS_PER_SECOND',
    set: (c: CliConfig, n: number) => {
      if (c.alerts) c.alerts = { ...c.alerts, requestsPerSecond: n, requestBurst: n * 10 };
    },
  },
] as const;

type Env = Record<string, string | undefined>;

/** Flags win over the environment, which wins over the defaults. Throws with a message for the person at the terminal. */
export function parseCliArgs(argv: readonly string[], env: Env, cwd: string): CliConfig {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      space: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'no-delivery': { type: 'boolean' },
      'no-alerts': { type: 'boolean' },
      'alert-requests-per-second': { type: 'string' },
      'allow-webhook-to': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
      'max-connections': { type: 'string' },
      'max-connections-per-address': { type: 'string' },
      'join-attempts': { type: 'string' },
      'join-backoff-seconds': { type: 'string' },
      'max-stored-mb': { type: 'string' },
      'max-events-per-second': { type: 'string' },
      'max-requests-per-second': { type: 'string' },
      'log-level': { type: 'string' },
      'log-format': { type: 'string' },
      'metrics-token': { type: 'string' },
      ...PAGING_FLAGS,
    },
    strict: true,
    allowPositionals: false,
  });
  const portText = values.port ?? env.PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(TEXT.badPort(portText));
  const certFile = values['tls-cert'] ?? env.HUB_TLS_CERT;
  const keyFile = values['tls-key'] ?? env.HUB_TLS_KEY;
  if (!certFile !== !keyFile) throw new Error(TEXT.tlsPair);
  const databaseUrl = env.DATABASE_URL?.trim();
  const deliveryOff = values['no-delivery'] === true || /^(off|0|false|no)$/i.test(env.HUB_DELIVERY?.trim() ?? '');
  const alertsOff = values['no-alerts'] === true || /^(off|0|false|no)$/i.test(env.HUB_ALERTS?.trim() ?? '');
  const logLevel = (values['log-level'] ?? env.HUB_LOG_LEVEL ?? 'info').trim();
  if (!isLogLevel(logLevel)) throw new Error(TEXT.badLogLevel(logLevel));
  const logFormat = (values['log-format'] ?? env.HUB_LOG_FORMAT ?? 'text').trim();
  if (!isLogFormat(logFormat)) throw new Error(TEXT.badLogFormat(logFormat));
  const metricsToken = (values['metrics-token'] ?? env.HUB_METRICS_TOKEN ?? '').trim();
  if (metricsToken && metricsToken.length < 16) throw new Error(TEXT.shortToken);
  const config: CliConfig = {
    help: values.help ?? false,
    port,
    host: values.host ?? env.HOST ?? DEFAULT_HOST,
    spaceName: values.space ?? env.HUB_SPACE ?? DEFAULT_SPACE_NAME,
    storage: databaseUrl
      ? { kind: 'postgres', url: databaseUrl }
      : { kind: 'sqlite', file: resolve(cwd, values.data ?? env.HUB_DATA ?? DEFAULT_DATA_FILE) },
    tls: certFile && keyFile ? { certFile: resolve(cwd, certFile), keyFile: resolve(cwd, keyFile) } : null,
    delivery: !deliveryOff,
    alerts: alertsOff ? null : { ...DEFAULT_ALERT_LIMITS },
    webhookAllow: [...parseAllowList([...(values['allow-webhook-to'] ?? []), ...(env[ALLOW_LIST_ENV] ?? '').split(',')]).entries],
    quotas: { ...DEFAULT_QUOTAS },
    limits: { ...DEFAULT_RATE_LIMITS },
    logLevel,
    logFormat,
    metricsToken: metricsToken || null,
    paging: parsePagingConfig(values, env),
  };
  for (const { flag, env: name, set } of LIMIT_FLAGS) {
    const text = values[flag] ?? env[name];
    if (typeof text !== 'string') continue;
    if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(TEXT.badLimit(`--${flag}`, text));
    set(config, Number(text));
  }
  return config;
}

/** Addresses only this machine reaches: plain ws:// there is safe (e.g. behind a TLS-terminating proxy on the same machine). */
function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/** What the hub shouts when it listens without TLS where other machines reach it; null when it does not. */
export function plainTextWarning(host: string): string | null {
  if (isLoopback(host)) return null;
  const rule = '!'.repeat(78);
  return [
    rule,
    `WARNING: this hub serves plain ws:// on ${host}, where other machines can reach it.`,
    'Join codes, device tokens and every event cross the network in clear: anyone on',
    'that network can read them, and join the space with a join code it overheard.',
    'Serve wss:// with --tls-cert and --tls-key, put the hub behind a TLS-terminating',
    'proxy and listen on 127.0.0.1 (--host 127.0.0.1), or use it only on a network you trust.',
    rule,
  ].join('\n');
}

/** Where a database URL points, without its password. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return '(DATABASE_URL)';
  }
}

/** The hub's addresses a console on the LAN can reach: every external IPv4 address when listening on all of them. */
export function connectAddresses(host: string, port: number, secure: boolean): string[] {
  const scheme = secure ? 'wss' : 'ws';
  const hosts =
    host === '0.0.0.0' || host === '::'
      ? [
          ...Object.values(networkInterfaces())
            .flat()
            .filter((i) => i && i.family === 'IPv4' && !i.internal)
            .map((i) => i!.address),
          '127.0.0.1',
        ]
      : [host.includes(':') ? `[${host}]` : host];
  return hosts.map((h) => `${scheme}://${h}:${port}${SYNC_PATH}`);
}

export async function openStore(config: Pick<CliConfig, 'storage'>, log: (line: string) => void): Promise<HubStore> {
  if (config.storage.kind === 'postgres') {
    const { PostgresHubStore } = await import('./postgresStore');
    return PostgresHubStore.open(config.storage.url, { log });
  }
  const [{ default: Database }, { SqliteHubStore }] = await Promise.all([import('better-sqlite3'), import('./sqliteStore')]);
  return new SqliteHubStore(new Database(config.storage.file));
}

function banner(config: CliConfig, hub: RunningHub, space: SpaceRecord, created: boolean): string {
  const secure = config.tls !== null;
  const [first, ...rest] = connectAddresses(config.host, hub.port, secure);
  const pad = (label: string) => `  ${label.padEnd(20)}`;
  const health = `${secure ? 'https' : 'http'}://${first!.split('://')[1]!.split('/')[0]}/health`;
  return [
    '',
    TEXT.ready,
    '',
    `${pad(TEXT.space)}${space.name}${created ? ` ${TEXT.newSpace}` : ''}`,
    `${pad(TEXT.joinCode)}${space.joinCode}`,
    `  ${TEXT.joinHint}`,
    '',
    `${pad(TEXT.addresses)}${first}`,
    ...rest.map((address) => `${pad('')}${address}`),
    `${pad(TEXT.health)}${health}`,
    `${pad(TEXT.metrics)}${health.replace(/\/health$/, METRICS_PATH)} ${config.metricsToken ? TEXT.metricsOpen : TEXT.metricsLocal}`,
    `${pad(TEXT.storage)}${storageLabel(config)}`,
    `${pad(TEXT.alerts)}${config.alerts ? TEXT.alertsOn(health.replace(/\/health$/, ALERTS_PATH)) : TEXT.alertsOff}`,
    `${pad(TEXT.delivery)}${hub.delivers ? TEXT.delivering : TEXT.notDelivering}`,
    `${pad(TEXT.paging)}${describePaging(config.paging)}`,
    ...(hub.delivers && config.webhookAllow.length ? [`${pad('')}${TEXT.allowing(config.webhookAllow)}`] : []),
    `  ${TEXT.protocol} · hub ${hub.hubId}`,
    '',
    TEXT.stopHint,
    '',
  ].join('\n');
}

/** Where the hub keeps its data, as the banner and the ready record name it (never a database password). */
function storageLabel(config: Pick<CliConfig, 'storage'>): string {
  return config.storage.kind === 'postgres' ? TEXT.postgres(describeDatabase(config.storage.url)) : TEXT.sqlite(config.storage.file);
}

/** The banner's facts as one log record's fields. */
function readyFields(config: CliConfig, hub: RunningHub, space: SpaceRecord, created: boolean): Parameters<Log>[2] {
  const addresses = connectAddresses(config.host, hub.port, config.tls !== null);
  return {
    space: space.name,
    spaceId: space.id,
    newSpace: created,
    joinCode: space.joinCode,
    url: addresses[0],
    addresses: addresses.join(' '),
    storage: storageLabel(config),
    delivery: hub.delivers,
    paging: describePaging(config.paging),
    metrics: config.metricsToken ? 'token' : 'local',
    protocol: `${PROTOCOL.min}-${PROTOCOL.max}`,
    hubId: hub.hubId,
  };
}

export async function main(argv: readonly string[], env: Env): Promise<void> {
  if (argv[0] === 'devices') {
    const { runDevices } = await import('./devicesCommand');
    process.exitCode = await runDevices(argv.slice(1), env, process.cwd(), (line) => console.log(line));
    return;
  }
  let config: CliConfig;
  try {
    config = parseCliArgs(argv, env, process.cwd());
  } catch (error) {
    console.error(messageOf(error));
    console.error(`\n${TEXT.usage}`);
    process.exitCode = 2;
    return;
  }
  if (config.help) {
    console.log(TEXT.usage);
    return;
  }

  const log = createLog({ minimum: config.logLevel, format: config.logFormat, write: (line) => process.stdout.write(`${line}\n`) });
  const json = config.logFormat === 'json';
  // A terminal gets the hub's own words; a log collector gets the same as records.
  const announce = (text: string, message: string, fields?: Parameters<Log>[2]) => (json ? log('info', message, fields) : console.log(text));
  announce(TEXT.starting, 'starting');
  let store: HubStore | null = null;
  let closeTransports = () => {};
  let hub: RunningHub;
  let space: { space: SpaceRecord; created: boolean };
  try {
    store = await openStore(config, (line) => log('warn', line));
    space = await ensureSpace(store, { name: config.spaceName }, (bytes) => randomFillSync(bytes));
    const tls = config.tls ? { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } : undefined;
    const allow = parseAllowList(config.webhookAllow);
    const delivery = config.delivery ? { post: (request: WebhookRequest) => postWebhook(request, { allow }) } : false;
    const paging = config.paging && pagingTransports(config.paging);
    if (paging) closeTransports = paging.close;
    hub = await startHub({
      store,
      port: config.port,
      host: config.host,
      ...(tls ? { tls } : {}),
      log,
      delivery,
      alerts: config.alerts ? { limits: config.alerts } : false,
      quotas: config.quotas,
      limits: config.limits,
      ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
      calendars: { fetchCalendar: (url: string) => fetchCalendar(url, { allow }) },
      ...(paging && config.paging
        ? {
            paging: {
              transports: paging.transports,
              ...(config.paging.linkUrl ? { publicUrl: config.paging.linkUrl } : {}),
              ...(config.paging.replyKey ? { replyKey: config.paging.replyKey } : {}),
            },
          }
        : {}),
      ...(BUILT_EXAMINE_WORKER ? { examineWorker: BUILT_EXAMINE_WORKER } : {}),
    });
  } catch (error) {
    const message = TEXT.failed(messageOf(error));
    if (json) log('error', message);
    else console.error(message);
    await store?.close().catch(() => {});
    closeTransports();
    process.exitCode = 1;
    return;
  }
  // Listening for the signals before saying it is ready: a stop sent the moment the banner shows is a clean stop.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      announce(TEXT.forced, 'stopping at once');
      process.exit(1);
    }
    stopping = true;
    announce(TEXT.stopping(signal), 'stopping', { signal });
    void hub
      .close()
      .then(() => (closeTransports(), store!.close()))
      .then(
        () => {
          announce(TEXT.stopped, 'stopped');
          process.exit(0);
        },
        (error: unknown) => {
          if (json) log('error', 'could not stop cleanly', { error: messageOf(error) });
          else console.error(messageOf(error));
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  if (json) log('info', 'ready', readyFields(config, hub, space.space, space.created));
  else console.log(banner(config, hub, space.space, space.created));
  // On stderr as well as after the banner: logs and terminals show it where errors go.
  const warning = config.tls ? null : plainTextWarning(config.host);
  if (warning) {
    console.error(`\n${warning}\n`);
    if (json) log('warn', 'plain ws:// where other machines reach it: serve wss:// (--tls-cert, --tls-key) or listen on 127.0.0.1 behind a TLS proxy', { host: config.host });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void main(process.argv.slice(2), process.env);
}
