/**
 * Ed25519 for the simulation and the scripted hub: Node's own implementation,
 * called synchronously so that a schedule replays exactly (WebCrypto answers
 * on another thread, after an unknowable number of turns). Keys come from
 * seeds, so device ids are the same in every run of a schedule. These
 * helpers run only in Node's test runner; shared code proper never reaches Node.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

import { SealVerifier } from '../chain';
import type { SimCrypto } from './consoleModel';

type KeyObject = object;
type NodeCrypto = {
  createPrivateKey(options: { key: Uint8Array; format: 'der'; type: 'pkcs8' }): KeyObject;
  createPublicKey(options: KeyObject | { key: Uint8Array; format: 'der'; type: 'spki' }): KeyObject & { export(options: { format: 'der'; type: 'spki' }): Uint8Array };
  sign(algorithm: null, data: Uint8Array, key: KeyObject): Uint8Array;
  verify(algorithm: null, data: Uint8Array, key: KeyObject, signature: Uint8Array): boolean;
};

const PKCS8_PREFIX = hexToBytes('302e020100300506032b657004220420');
const SPKI_PREFIX = hexToBytes('302a300506032b6570032100');

function nodeCrypto(): NodeCrypto {
  const process = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const crypto = process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
  if (!crypto) throw new Error('The simulation runs on Node, whose crypto signs without waiting');
  return crypto;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Verdicts already reached, by key, signature and message: a simulation checks each seal on every console. Bounded. */
const VERDICTS_KEPT = 100_000;

/**
 * Key objects and verdicts are kept for the whole test run, not one
 * simulation: thousands of schedules sign with the same seeded keys, and
 * making a key object costs as much as a signature. Both are pure functions
 * of their inputs, so a kept answer is the answer.
 */
const privateKeys = new Map<string, { privateKey: KeyObject; publicKey: string }>();
const publicKeys = new Map<string, KeyObject>();
const verdicts = new Map<string, boolean>();

export function simCrypto(): SimCrypto {
  const crypto = nodeCrypto();
  return {
    keyPair(seed) {
      const seedHex = bytesToHex(seed);
      let pair = privateKeys.get(seedHex);
      if (!pair) {
        const privateKey = crypto.createPrivateKey({ key: concat(PKCS8_PREFIX, seed), format: 'der', type: 'pkcs8' });
        const spki = crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
        // Node's Buffers are copied into this realm's Uint8Array: under jsdom, @noble's check knows only jsdom's.
        pair = { privateKey, publicKey: bytesToHex(Uint8Array.from(spki.slice(SPKI_PREFIX.length))) };
        privateKeys.set(seedHex, pair);
      }
      const { privateKey, publicKey } = pair;
      return { publicKey, sign: (message) => bytesToHex(Uint8Array.from(crypto.sign(null, message, privateKey))) };
    },
    verify(publicKey, sig, message) {
      const asked = `${publicKey} ${sig} ${bytesToHex(message)}`;
      const known = verdicts.get(asked);
      if (known !== undefined) return known;
      let key = publicKeys.get(publicKey);
      if (!key) {
        key = crypto.createPublicKey({ key: concat(SPKI_PREFIX, hexToBytes(publicKey)), format: 'der', type: 'spki' });
        publicKeys.set(publicKey, key);
      }
      let verdict: boolean;
      try {
        verdict = crypto.verify(null, message, key, hexToBytes(sig));
      } catch {
        verdict = false;
      }
      if (verdicts.size >= VERDICTS_KEPT) verdicts.clear();
      verdicts.set(asked, verdict);
      return verdict;
    },
  };
}

/** A seal verifier that answers synchronously, for hubs inside the simulation. */
export function simVerifier(crypto: SimCrypto): SealVerifier {
  return new SealVerifier((key, sig, message) => crypto.verify(key, sig, message));
}
