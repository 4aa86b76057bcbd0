/**
 * This console's identity: an Ed25519 key pair made on first start, whose
 * private half is non-extractable (WebCrypto) and never leaves this database,
 * and the device id derived from its public half. Everything the console
 * writes is sealed with it before it leaves (see shared/sync/chain.ts).
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Dexie, Table } from 'dexie';

import { ZERO_LINK, deviceIdForKey, webCryptoSigner, type Signer } from '@shared/sync/chain';

import type { DeviceMeta, MetaRow, SigningKeyMeta } from './types';

/** What of the database the identity reads and writes: the meta rows (the database opens through here, so not the class). */
type IdentityStore = { meta: Table<MetaRow, string>; device(): Promise<DeviceMeta> };

const ready = new WeakMap<IdentityStore, Promise<void>>();

/** Makes sure the console has a key pair and the device id that goes with it; cheap after the first call. */
export function ensureIdentity(db: IdentityStore): Promise<void> {
  let pending = ready.get(db);
  if (!pending) {
    pending = createIdentityIfMissing(db).catch((error: unknown) => {
      ready.delete(db);
      throw error;
    });
    ready.set(db, pending);
  }
  return pending;
}

async function createIdentityIfMissing(db: IdentityStore): Promise<void> {
  const [device, key] = await Promise.all([db.meta.get('device'), db.meta.get('signingKey')]);
  if (device?.key === 'device' && device.publicKey && key?.key === 'signingKey') return;
  await takeNewIdentity(db, 'first start');
}

/** The device row as stored, read on its own (no transaction: this also runs while the database opens). */
async function storedDevice(db: IdentityStore): Promise<DeviceMeta | null> {
  const row = await db.meta.get('device');
  return row?.key === 'device' ? row : null;
}

/**
 * Starts writing under a fresh device id (a new key pair). Used on first
 * start, and when this console learns that its device id has been used
 * beyond what it holds (its database was restored from an older copy):
 * nothing written from then on can collide with what the old id wrote.
 */
export async function takeNewIdentity(db: IdentityStore, reason: string, now: () => number = Date.now): Promise<string> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = bytesToHex(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)));
  const deviceId = deviceIdForKey(publicKey);
  const previous = await storedDevice(db);
  const device: DeviceMeta = { key: 'device', deviceId, seq: 0, hlc: previous?.hlc ?? null, publicKey, link: ZERO_LINK };
  const signing: SigningKeyMeta = { key: 'signingKey', deviceId, privateKey: pair.privateKey };
  // One write of the three rows: the key, the device that goes with it, and (when one replaces an identity that
  // had written something) the notice the person at the console is shown once.
  const rows: MetaRow[] = [device, signing];
  if (previous && previous.seq > 0) rows.push({ key: 'identityChange', from: previous.deviceId, to: deviceId, reason, at: now() });
  await db.meta.bulkPut(rows);
  return deviceId;
}

/**
 * Clears the record of the move to a new identity made at `at`, if it is still
 * there; true for the one caller that cleared it (so only one window tells of it).
 */
export function claimIdentityChange(db: IdentityStore & { transaction: Dexie['transaction'] }, at: number): Promise<boolean> {
  return db.transaction('rw', db.meta, async () => {
    const still = await db.meta.get('identityChange');
    if (still?.key !== 'identityChange' || still.at !== at) return false;
    await db.meta.delete('identityChange');
    return true;
  });
}

/** The signer for this console's own events. */
export async function ownSigner(db: IdentityStore): Promise<Signer> {
  await ensureIdentity(db);
  const [device, key] = await Promise.all([db.device(), db.meta.get('signingKey')]);
  if (!device.publicKey || key?.key !== 'signingKey' || key.deviceId !== device.deviceId) {
    throw new Error('This console’s signing key is missing: its database is damaged.');
  }
  return webCryptoSigner(device.publicKey, key.privateKey);
}
