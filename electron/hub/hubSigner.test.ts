import { describe, expect, it } from 'vitest';

import { SealVerifier, deviceIdForKey, sealLink, ZERO_LINK } from '../../shared/sync/chain';
import { newProcessSigner } from './hubSigner';

describe('the hub process’s signer', () => {
  it('signs seals every console verifies with WebCrypto, under a device id its key speaks for', async () => {
    const signer = newProcessSigner();
    expect(signer.deviceId).toBe(deviceIdForKey(signer.publicKey));
    const seal = await sealLink(signer, 1, ZERO_LINK);
    const verifier = new SealVerifier();
    expect(await verifier.verify(signer.deviceId, 1, ZERO_LINK, seal)).toBe(true);
    expect(await verifier.verify(signer.deviceId, 2, ZERO_LINK, seal)).toBe(false);
    expect(newProcessSigner().publicKey).not.toBe(signer.publicKey);
  });
});
