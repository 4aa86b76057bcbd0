// The hub's deployment files (docs/deploy/): the Dockerfile passes a Dockerfile linter and copies what
// `npm run build` makes, and the settings both it and the systemd unit give the hub are ones the hub
// reads. The image itself is not built here (no container engine on these machines).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { validate } from 'dockerfile-utils';
import { beforeAll, describe, expect, it } from 'vitest';

import { parseCliArgs } from './cli';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist/hub/cli.js'))) execFileSync('node', ['scripts/build-hub.mjs'], { cwd: root, stdio: 'ignore' });
});

/** Instructions of a Dockerfile's last stage, continuation lines joined. */
function finalStage(text: string): { instruction: string; rest: string }[] {
  const lines = text.replace(/\\\n\s*/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const from = lines.map((line, i) => (/^FROM\s/i.test(line) ? i : -1)).filter((i) => i >= 0).at(-1);
  return lines.slice(from).map((line) => {
    const [, instruction, rest] = /^(\w+)\s+(.*)$/.exec(line)!;
    return { instruction: instruction!.toUpperCase(), rest: rest! };
  });
}

/** KEY=value pairs of ENV instructions (the KEY=value form). */
function envOf(stage: { instruction: string; rest: string }[]): Record<string, string> {
  return Object.fromEntries(stage.filter((s) => s.instruction === 'ENV').flatMap((s) => [...s.rest.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])));
}

describe('docs/deploy/Dockerfile', () => {
  const text = read('docs/deploy/Dockerfile');
  const stage = finalStage(text);

  it('passes the Dockerfile linter with nothing to say', () => {
    expect(validate(text)).toEqual([]);
  });

  it('copies what the build makes and starts the bundled hub as an unprivileged user', () => {
    const copied = stage.filter((s) => s.instruction === 'COPY' && !s.rest.startsWith('--from')).flatMap((s) => s.rest.split(/\s+/).slice(0, -1));
    expect(copied.sort()).toEqual(['dist/hub', 'package.json']);
    for (const source of copied) expect(existsSync(path.join(root, source)), source).toBe(true);
    const entry = JSON.parse(stage.find((s) => s.instruction === 'ENTRYPOINT')!.rest) as string[];
    expect(entry).toEqual(['node', 'dist/hub/cli.js']);
    expect(stage.find((s) => s.instruction === 'USER')?.rest).toBe('node');
    expect(stage.find((s) => s.instruction === 'STOPSIGNAL')?.rest).toBe('SIGTERM');
  });

  it('gives the hub settings it reads: data on the volume, JSON logs, the port it exposes', () => {
    const env = envOf(stage);
    const config = parseCliArgs([], env, '/app');
    expect(config).toMatchObject({ storage: { kind: 'sqlite', file: '/data/warroom-hub.sqlite' }, logFormat: 'json', port: 4848 });
    expect(stage.find((s) => s.instruction === 'EXPOSE')?.rest).toBe(String(config.port));
    expect(stage.find((s) => s.instruction === 'VOLUME')?.rest).toContain('/data');
  });

  it('sends the build only what the image copies', () => {
    const ignore = read('docs/deploy/Dockerfile.dockerignore').split('\n').filter((line) => line && !line.startsWith('#'));
    expect(ignore).toEqual(['*', '!package.json', '!package-lock.json', '!dist/hub/**']);
  });
});

describe('docs/deploy/warroom-hub.service', () => {
  const entries = read('docs/deploy/warroom-hub.service')
    .split('\n')
    .filter((line) => /^\w+=/.test(line))
    .map((line): [string, string] => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
  const values = (key: string): string[] => entries.filter(([k]) => k === key).map(([, v]) => v);

  it('starts the bundled hub from where its instructions install it, and stops it with SIGTERM', () => {
    const [node, script] = values('ExecStart')[0]!.split(' ');
    expect(path.isAbsolute(node!)).toBe(true);
    expect(script).toBe(`${values('WorkingDirectory')[0]}/dist/hub/cli.js`);
    expect(values('KillSignal')).toEqual(['SIGTERM']);
    expect(values('WantedBy')).toEqual(['multi-user.target']);
  });

  it('gives the hub settings it reads, its data in the state directory systemd makes for it', () => {
    const env = Object.fromEntries(values('Environment').map((pair) => pair.split('=')));
    const config = parseCliArgs([], env, values('WorkingDirectory')[0]!);
    expect(config).toMatchObject({ storage: { kind: 'sqlite', file: `/var/lib/${values('StateDirectory')[0]}/warroom-hub.sqlite` }, logFormat: 'json' });
  });

  it('runs the hub with no privileges it does not need', () => {
    for (const [key, value] of [
      ['DynamicUser', 'yes'],
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['ProtectHome', 'yes'],
      ['PrivateTmp', 'yes'],
      ['CapabilityBoundingSet', ''],
    ] as const) {
      expect(values(key), key).toEqual([value]);
    }
  });
});
