/**
 * Pinned room hub certificates. A room hub serves a self-signed certificate
 * whose fingerprint comes with its invitation; the console pins it for the
 * hub's host when it joins. The session's certificate check then accepts that
 * certificate on that host only, refuses any other certificate there (someone
 * in the middle), and leaves every other host to Chromium's usual checks.
 * Pins are kept in a file in the app's data folder, so they hold after a restart.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import { z } from 'zod';

import { certFingerprintSchema, hubPinSchema, pinnedHost, type HubPin } from '@shared/sync/hubAddress';

import { certificateFingerprint } from './roomCertificate';

/** What Electron's certificate verify proc answers: accept, refuse, or Chromium's own verdict. */
export const CERTIFICATE_VERDICT = { accept: 0, refuse: -2, chromium: -3 } as const;
export type CertificateVerdict = (typeof CERTIFICATE_VERDICT)[keyof typeof CERTIFICATE_VERDICT];
/** A console joins a handful of rooms; the oldest pins go first. */
export const MAX_PINS = 64;

/** The part of Electron's verify request this reads. */
export type CertificateCheck = { hostname: string; certificate: { data: string } };

export type HubPins = {
  /** Reads the kept pins; a missing or damaged file leaves none. */
  load(): Promise<void>;
  /** Pins (or re-pins) the certificate for the address's host and port. */
  pin(request: HubPin): Promise<void>;
  verify(check: CertificateCheck): CertificateVerdict;
};

export type HubPinsDeps = {
  /** Asked each time: the app's data folder is known only once its command line is read. */
  file: () => string;
  /** The room hub this console hosts: it holds that certificate's key, so it trusts it on any of its own addresses. */
  ownFingerprint: () => string | null;
  /** After a new pin: Chromium caches verdicts, and re-installing the verify proc drops them. */
  onChange?: () => void;
  log?: (line: string) => void;
};

const pinFileSchema = z.strictObject({
  pins: z.record(z.string().max(300), certFingerprintSchema),
});

/** Electron names the host as Chromium does; brackets around an IPv6 address may or may not be there. */
function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

function hostOf(hostAndPort: string): string {
  return bareHost(hostAndPort.slice(0, hostAndPort.lastIndexOf(':')));
}

export function createHubPins(deps: HubPinsDeps): HubPins {
  const log = deps.log ?? (() => {});
  /** host:port → fingerprint, oldest first. */
  let pins = new Map<string, string>();
  // Pins are written one after the other: two joins never interleave their writes.
  let writing: Promise<void> = Promise.resolve();

  async function save(): Promise<void> {
    const text = JSON.stringify({ pins: Object.fromEntries(pins) }, null, 2);
    const file = deps.file();
    const temporary = `${file}.tmp`;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, text);
    await rename(temporary, file);
  }

  return {
    async load() {
      let text: string;
      try {
        text = await readFile(deps.file(), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`Could not read the pinned certificates: ${String(error)}`);
        return;
      }
      try {
        pins = new Map(Object.entries(pinFileSchema.parse(JSON.parse(text)).pins));
      } catch (error) {
        // Starting without pins only means joining the room hubs again; a certificate is never trusted on a guess.
        log(`The pinned certificates in ${deps.file()} are damaged and were set aside: ${error instanceof Error ? error.message : String(error)}`);
        pins = new Map();
      }
    },

    async pin(request) {
      const { url, fingerprint } = hubPinSchema.parse(request);
      const key = pinnedHost(url)!;
      pins.delete(key);
      pins.set(key, fingerprint);
      while (pins.size > MAX_PINS) pins.delete(pins.keys().next().value!);
      deps.onChange?.();
      writing = writing.then(save, save);
      await writing;
    },

    verify({ hostname, certificate }) {
      let fingerprint: string | null;
      try {
        fingerprint = certificateFingerprint(certificate.data);
      } catch {
        fingerprint = null;
      }
      if (fingerprint !== null && fingerprint === deps.ownFingerprint()) return CERTIFICATE_VERDICT.accept;
      const host = bareHost(hostname);
      // Chromium's request names the host but not the port: a pin holds for its host.
      const pinned = [...pins].filter(([key]) => hostOf(key) === host).map(([, value]) => value);
      if (pinned.length === 0) return CERTIFICATE_VERDICT.chromium;
      return fingerprint !== null && pinned.includes(fingerprint) ? CERTIFICATE_VERDICT.accept : CERTIFICATE_VERDICT.refuse;
    },
  };
}
