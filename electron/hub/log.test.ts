import { describe, expect, it } from 'vitest';

import { createLog, lineLog } from './log';

const AT = new Date(Date.UTC(2026, 11, 6, 21, 0, 0));
const HOSTILE = 'evil\n{"level":"error","msg":"forged"}\r\u0007\u001b[31m "quoted" <script>';

function collect(minimum: Parameters<typeof createLog>[0]['minimum'], format: 'json' | 'text') {
  const lines: string[] = [];
  const log = createLog({ minimum, format, write: (line) => lines.push(line), now: () => AT });
  return { log, lines };
}

describe('hub log', () => {
  it('writes one JSON object a line with the time, level, message and fields, leaving out undefined fields', () => {
    const { log, lines } = collect('info', 'json');
    log('info', 'console connected', { peer: '127.0.0.1:5000', space: 's1', device: undefined, events: 3, ok: true });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ time: AT.toISOString(), level: 'info', msg: 'console connected', peer: '127.0.0.1:5000', space: 's1', events: 3, ok: true });
  });

  it('keeps records at the level asked for and above', () => {
    const { log, lines } = collect('warn', 'json');
    for (const level of ['debug', 'info', 'warn', 'error'] as const) log(level, level);
    expect(lines.map((line) => JSON.parse(line).level)).toEqual(['warn', 'error']);
  });

  it('keeps what a peer sent on its one line, whatever it holds, in both formats', () => {
    for (const format of ['json', 'text'] as const) {
      const { log, lines } = collect('debug', format);
      log('warn', HOSTILE, { reason: HOSTILE });
      expect(lines).toHaveLength(1);
      for (const control of ['\n', '\r', '\u0007', '\u001b']) expect(lines[0]).not.toContain(control);
      if (format === 'json') expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: HOSTILE, reason: HOSTILE });
      else expect(lines[0]).toContain(`reason=${JSON.stringify(HOSTILE)}`);
    }
  });

  it('reads as a sentence on a terminal: time, level, message, then key=value', () => {
    const { log, lines } = collect('info', 'text');
    log('warn', 'refused a request', { peer: '127.0.0.1:5000', code: 'unauthorized', reason: 'Say hello first.' });
    expect(lines).toEqual([`${AT.toISOString()} WARN  refused a request peer=127.0.0.1:5000 code=unauthorized reason="Say hello first."`]);
  });

  it('gives the desktop app plain lines without a time of their own, and no debug records', () => {
    const lines: string[] = [];
    const log = lineLog((line) => lines.push(line));
    log('debug', 'push answered', { events: 1 });
    log('warn', 'refused a connection', { reason: 'tooManyConnections' });
    expect(lines).toEqual(['WARN  refused a connection reason=tooManyConnections']);
  });
});
