/**
 * The hub's log: one record a line, at a level, with fields. JSON lines for
 * a log collector (`--log-format json`), or readable text for a terminal.
 * Whatever a peer sent that reaches a field is escaped by JSON or quoted, so
 * no console can forge a log line.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;
export type Log = (level: LogLevel, message: string, fields?: LogFields) => void;

export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const isLogLevel = (value: string): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value);
export const isLogFormat = (value: string): value is LogFormat => (LOG_FORMATS as readonly string[]).includes(value);

/** A log that drops nothing and writes nowhere: the default where nobody listens. */
export const silentLog: Log = () => {};

/** Keeps records at `minimum` and above, written as `format` lines; `stamped: false` leaves out the time (the writer adds its own). */
export function createLog(options: { minimum: LogLevel; format: LogFormat; write: (line: string) => void; now?: () => Date; stamped?: boolean }): Log {
  const rank = LOG_LEVELS.indexOf(options.minimum);
  const now = options.now ?? (() => new Date());
  return (level, message, fields = {}) => {
    if (LOG_LEVELS.indexOf(level) < rank) return;
    const time = now().toISOString();
    const defined = Object.entries(fields).filter(([, value]) => value !== undefined);
    if (options.format === 'json') {
      options.write(JSON.stringify({ time, level, msg: message, ...Object.fromEntries(defined) }));
      return;
    }
    const pairs = defined.map(([key, value]) => `${key}=${typeof value === 'string' && !/^[\w.:/@-]+$/.test(value) ? JSON.stringify(value) : String(value)}`);
    options.write([...(options.stamped === false ? [] : [time]), level.toUpperCase().padEnd(5), JSON.stringify(message).slice(1, -1), ...pairs].join(' '));
  };
}

/** A log over one that takes plain lines (the desktop app's own): the level and fields in the line. */
export function lineLog(write: (line: string) => void): Log {
  return createLog({ minimum: 'info', format: 'text', write, stamped: false });
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
