/** Creating the space a hub serves, the first time it starts. */
import type { HubStore, SpaceRecord } from '../../shared/sync/hubStore';
import { newJoinCode, newSecret } from '../../shared/sync/membership';

export type Random = (bytes: Uint8Array) => Uint8Array;

export const DEFAULT_SPACE_NAME = 'Warroom';

function hex(random: Random, bytes: number): string {
  return [...random(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function newSpace(name: string, random: Random): SpaceRecord {
  return { id: `space-${hex(random, 8)}`, name, secret: newSecret(random), joinCode: newJoinCode(random), epoch: hex(random, 8) };
}

/**
 * The space called `name`, created with a fresh secret, join code and epoch if
 * the store has none by that name. Hub processes starting together on one
 * database may race to create it: the loser finds the winner's.
 */
export async function ensureSpace(store: HubStore, { name }: { name: string }, random: Random): Promise<{ space: SpaceRecord; created: boolean }> {
  const byName = async () => (await store.listSpaces()).find((s) => s.name === name) ?? null;
  const existing = await byName();
  if (existing) return { space: existing, created: false };
  const space = newSpace(name, random);
  try {
    await store.createSpace(space);
    return { space, created: true };
  } catch (error) {
    const winner = await byName();
    if (winner) return { space: winner, created: false };
    throw error;
  }
}

/** Replaces the space's join code with a fresh one: the old one is refused from then on; devices that joined keep syncing. */
export async function rotateJoinCode(store: HubStore, spaceId: string, random: Random): Promise<string> {
  const code = newJoinCode(random);
  await store.setJoinCode(spaceId, code);
  return code;
}

