import { describe, expect, it } from 'vitest';

import { isTimeZone } from '../domain/timeZone';
import { DEFAULT_ROTATE_SECONDS, DEFAULT_WALL_OPTIONS, parseWallQuery, wallOptionsSchema, wallRoute, type WallOptions } from './wallRoute';

/** The path and query of a route, as the console's router splits them. */
function split(route: string): { path: string; query: string } {
  const [path = '', query = ''] = route.replace(/^#/, '').split('?', 2);
  return { path, query };
}

const none = { badZones: [], badRotate: null };

describe('time zones', () => {
  it.each(['UTC', 'Europe/Copenhagen', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'Asia/Kolkata'])('accepts %s', (zone) => {
    expect(isTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Olympus', 'Europe/../etc', "' OR 1=1", '', '../UTC', 'UTC/', '<script>', 'Europe/Copenhagen\n', 'javascript:alert(1)', 'x'.repeat(80)])(
    'refuses %j',
    (zone) => {
      expect(isTimeZone(zone)).toBe(false);
    },
  );
});

describe('wallRoute and parseWallQuery', () => {
  it('a single incident with no options is its path alone', () => {
    expect(wallRoute('aaaaaaaa01:1')).toBe('#/wall/aaaaaaaa01%3A1');
    expect(wallRoute(null)).toBe('#/wall');
    expect(parseWallQuery('')).toEqual({ options: DEFAULT_WALL_OPTIONS, problems: none });
  });

  it.each<[string | null, WallOptions]>([
    ['aaaaaaaa01:1', { zones: ['Europe/Copenhagen', 'UTC'], rotateSeconds: DEFAULT_ROTATE_SECONDS }],
    [null, { zones: ['America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'Asia/Kolkata'], rotateSeconds: 45 }],
    [null, { zones: [], rotateSeconds: 0 }],
    [null, { zones: ['UTC'], rotateSeconds: DEFAULT_ROTATE_SECONDS }],
  ])('round-trips the options of %s', (incidentId, options) => {
    const { path, query } = split(wallRoute(incidentId, options));
    expect(path).toBe(incidentId === null ? '/wall' : `/wall/${encodeURIComponent(incidentId)}`);
    expect(decodeURIComponent(path.slice('/wall/'.length))).toBe(incidentId ?? '');
    expect(parseWallQuery(query)).toEqual({ options, problems: none });
  });

  it('writes a rotation only for the overview, where it means something', () => {
    expect(wallRoute('aaaaaaaa01:1', { zones: [], rotateSeconds: 60 })).toBe('#/wall/aaaaaaaa01%3A1');
    expect(wallRoute(null, { zones: [], rotateSeconds: 60 })).toBe('#/wall?rotate=60');
  });

  it('reads the options in any order, beside parameters it does not know', () => {
    expect(parseWallQuery('?lang=da&rotate=30&zones=UTC,Europe%2FCopenhagen')).toEqual({
      options: { zones: ['UTC', 'Europe/Copenhagen'], rotateSeconds: 30 },
      problems: none,
    });
  });
});

describe('hostile wall queries', () => {
  const hostile = [
    'zones=<script>alert(1)</script>',
    'zones=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    'zones=%E0%A4%A',
    'rotate=%E0%A4%A',
    'zones=Europe/../etc,Mars/Olympus',
    `zones=${Array.from({ length: 10 }, () => 'UTC').join(',')}`,
    'rotate=-1',
    'rotate=1e9',
    'rotate=abc',
    'rotate=',
    'zones=&rotate',
    '&&&==&',
    `zones=${'A'.repeat(100_000)}`,
    `rotate=${'9'.repeat(100_000)}`,
    'zones=,,, ,',
  ];

  it.each(hostile.map((query) => [query.slice(0, 60), query]))('never throws and keeps every option within its limits: %s', (_label, query) => {
    const { options, problems } = parseWallQuery(query);
    expect(wallOptionsSchema.safeParse(options).success).toBe(true);
    for (const bad of problems.badZones) expect(bad.length).toBeLessThanOrEqual(40);
    expect((problems.badRotate ?? '').length).toBeLessThanOrEqual(12);
  });

  it('leaves a script-ish zone out and names it', () => {
    expect(parseWallQuery('zones=<script>,UTC')).toEqual({ options: { zones: ['UTC'], rotateSeconds: DEFAULT_ROTATE_SECONDS }, problems: { badZones: ['<script>'], badRotate: null } });
  });

  it('leaves unknown and path-like zones out and names them, keeping the good ones in order', () => {
    expect(parseWallQuery('zones=Mars/Olympus,Europe/Copenhagen,Europe/../etc,UTC')).toEqual({
      options: { zones: ['Europe/Copenhagen', 'UTC'], rotateSeconds: DEFAULT_ROTATE_SECONDS },
      problems: { badZones: ['Mars/Olympus', 'Europe/../etc'], badRotate: null },
    });
  });

  it('names text that is not decodable rather than dropping it silently', () => {
    const zones = parseWallQuery('zones=UTC,%E0%A4%A');
    expect(zones.options.zones).toEqual(['UTC']);
    expect(zones.problems.badZones).toEqual(['%E0%A4%A']);
    const rotate = parseWallQuery('rotate=%E0%A4%A');
    expect(rotate.options.rotateSeconds).toBe(DEFAULT_ROTATE_SECONDS);
    expect(rotate.problems.badRotate).toBe('%E0%A4%A');
  });

  it('shows each zone once', () => {
    expect(parseWallQuery(`zones=${Array.from({ length: 10 }, () => 'UTC').join(',')},Europe/Copenhagen,UTC`)).toEqual({
      options: { zones: ['UTC', 'Europe/Copenhagen'], rotateSeconds: DEFAULT_ROTATE_SECONDS },
      problems: none,
    });
  });

  it('shows at most three clocks and names the first few zones beyond them', () => {
    const asked = ['UTC', 'Europe/Copenhagen', 'Asia/Kolkata', 'America/New_York', 'Australia/Sydney', 'Europe/London', 'Asia/Tokyo', 'Africa/Lagos', 'America/Sao_Paulo', 'Pacific/Auckland'];
    const { options, problems } = parseWallQuery(`zones=${asked.join(',')}`);
    expect(options.zones).toEqual(asked.slice(0, 3));
    expect(problems.badZones).toEqual(asked.slice(3, 8));
  });

  it('names at most five problems however many the address holds', () => {
    const { problems } = parseWallQuery(`zones=${Array.from({ length: 5000 }, (_, i) => `Nowhere/Zone${i}`).join(',')}`);
    expect(problems.badZones).toEqual(['Nowhere/Zone0', 'Nowhere/Zone1', 'Nowhere/Zone2', 'Nowhere/Zone3', 'Nowhere/Zone4']);
  });

  it.each([
    ['-1', '-1'],
    ['1e9', '1e9'],
    ['abc', 'abc'],
    ['4', '4'],
    ['3601', '3601'],
    ['99999999999999', '999999999999'],
    ['2.5', '2.5'],
  ])('refuses rotate=%s, keeps the default and names it', (rotate, named) => {
    expect(parseWallQuery(`rotate=${rotate}`)).toEqual({
      options: { zones: [], rotateSeconds: DEFAULT_ROTATE_SECONDS },
      problems: { badZones: [], badRotate: named },
    });
  });

  it.each([
    ['0', 0],
    ['5', 5],
    ['3600', 3600],
  ])('accepts rotate=%s', (rotate, seconds) => {
    expect(parseWallQuery(`rotate=${rotate}`)).toEqual({ options: { zones: [], rotateSeconds: seconds }, problems: none });
  });
});
