/**
 * The hub process's signing key, with Node's own Ed25519: a signature is made
 * on this thread in a few microseconds, where WebCrypto's goes through the
 * thread pool and took milliseconds, once for every write the hub makes.
 */
import { generateKeyPairSync, sign } from 'node:crypto';

import { deviceIdForKey, type Signer } from '../../shared/sync/chain';

/** A key pair made for this process; the private half is never exported and dies with it. */
export function newProcessSigner(): Signer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The raw key is the last 32 bytes of its SubjectPublicKeyInfo.
  const publicHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  return {
    deviceId: deviceIdForKey(publicHex),
    publicKey: publicHex,
    sign: (message) => Promise.resolve(sign(null, message, privateKey).toString('hex')),
  };
}
