/**
 * `npm run hub -- devices list|remove <device-id>|rotate-join-code`: the hub
 * operator manages who syncs with the space, on the same storage the hub runs
 * on (--data or DATABASE_URL) and the space chosen by --space, as the hub
 * itself chooses it. A running hub closes a removed device's connection at its
 * next request or sweep.
 */
import { randomFillSync } from 'node:crypto';

import type { DeviceRecord } from '../../shared/sync/hubStore';
import { openStore, parseCliArgs } from './cli';
import { rotateJoinCode } from './spaces';

type Env = Record<string, string | undefined>;

export const DEVICES_TEXT = {
  usage: `Usage: npm run hub -- devices <list | remove <device-id> | rotate-join-code> [--data <file>] [--space <name>]`,
  needDevice: 'Say which device to remove: npm run hub -- devices remove <device-id> (devices list shows them).',
  noSpace: (name: string) => `This hub's storage has no space called "${name}".`,
  header: ['Device', 'Name', 'Joined', 'Last seen', 'Stored', 'Status'],
  none: 'No device has joined this space yet.',
  active: 'active',
  removedAt: (at: string) => `removed ${at}`,
  removed: (deviceId: string, space: string) =>
    `Removed ${deviceId} from "${space}": its token no longer works, and a running hub closes its connection. Its events stay. Rotate the join code too if that console may still know it.`,
  notMember: (deviceId: string, space: string) => `"${space}" has no device ${deviceId} that is not removed already.`,
  rotated: (space: string, code: string) => `New join code for "${space}": ${code}\nThe old code no longer works; devices that joined keep syncing.`,
} as const;

/** UTC, to the minute: the same on every operator's terminal. */
function when(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

function table(devices: readonly DeviceRecord[]): string[] {
  const rows = devices.map((d) => [
    d.deviceId,
    d.name,
    when(d.joinedAt),
    when(d.lastSeenAt),
    `${(d.storedBytes / (1024 * 1024)).toFixed(1)} MB`,
    d.removedAt === null ? DEVICES_TEXT.active : DEVICES_TEXT.removedAt(when(d.removedAt)),
  ]);
  const all = [[...DEVICES_TEXT.header], ...rows];
  const widths = all[0]!.map((_, column) => Math.max(...all.map((row) => row[column]!.length)));
  return all.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
}

/** Runs one devices command; returns the process's exit code (0 done, 1 refused, 2 misused). */
export async function runDevices(argv: readonly string[], env: Env, cwd: string, print: (line: string) => void): Promise<number> {
  const [action, ...rest] = argv;
  const deviceId = action === 'remove' && rest[0] && !rest[0].startsWith('-') ? rest.shift() : undefined;
  if (action !== 'list' && action !== 'remove' && action !== 'rotate-join-code') {
    print(DEVICES_TEXT.usage);
    return 2;
  }
  if (action === 'remove' && !deviceId) {
    print(`${DEVICES_TEXT.needDevice}\n${DEVICES_TEXT.usage}`);
    return 2;
  }
  let config;
  try {
    config = parseCliArgs(rest, env, cwd);
  } catch (error) {
    print(`${error instanceof Error ? error.message : String(error)}\n${DEVICES_TEXT.usage}`);
    return 2;
  }
  const store = await openStore(config, () => {});
  try {
    const space = (await store.listSpaces()).find((s) => s.name === config.spaceName);
    if (!space) {
      print(DEVICES_TEXT.noSpace(config.spaceName));
      return 1;
    }
    switch (action) {
      case 'list': {
        const devices = await store.devices(space.id);
        (devices.length ? table(devices) : [DEVICES_TEXT.none]).forEach((line) => print(line));
        return 0;
      }
      case 'remove': {
        const removed = await store.removeDevice(space.id, deviceId!, Date.now());
        print(removed ? DEVICES_TEXT.removed(deviceId!, space.name) : DEVICES_TEXT.notMember(deviceId!, space.name));
        return removed ? 0 : 1;
      }
      case 'rotate-join-code': {
        const code = await rotateJoinCode(store, space.id, (bytes) => randomFillSync(bytes));
        print(DEVICES_TEXT.rotated(space.name, code));
        return 0;
      }
    }
  } finally {
    await store.close();
  }
}
