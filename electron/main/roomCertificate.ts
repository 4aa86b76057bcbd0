/**
 * The room hub's TLS certificate: self-signed, made once and kept in the
 * app's data folder, so its fingerprint (what joining consoles pin) stays the
 * same across restarts. Its private key is readable by its owner only.
 */
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { generate } from 'selfsigned';

export const CERT_FILE = 'room-hub.crt';
export const KEY_FILE = 'room-hub.key';
/** Consoles pin the certificate, not a CA: a new one means every console joins again, so it lasts. */
const VALID_YEARS = 20;
const OWNER_ONLY = 0o600;

export type RoomCertificate = { cert: string; key: string; fingerprint: string };

/** SHA-256 of the certificate's DER bytes, base64url: the form invitations carry. */
export function certificateFingerprint(pem: string): string {
  return createHash('sha256').update(new X509Certificate(pem).raw).digest('base64url');
}

async function readKept(dir: string): Promise<RoomCertificate> {
  const [cert, key] = await Promise.all([readFile(join(dir, CERT_FILE), 'utf8'), readFile(join(dir, KEY_FILE), 'utf8')]);
  if (!new X509Certificate(cert).checkPrivateKey(createPrivateKey(key))) throw new Error('the key does not belong to the certificate');
  return { cert, key, fingerprint: certificateFingerprint(cert) };
}

/** Written beside, then renamed: a crash mid-write never leaves half a key. The key file is owner-only from its first byte. */
async function writeAtomically(file: string, text: string, mode: number): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode });
  await chmod(temporary, mode);
  await rename(temporary, file);
}

async function create(dir: string): Promise<RoomCertificate> {
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + VALID_YEARS);
  const made = await generate([{ name: 'commonName', value: 'Warroom room hub' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
  });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeAtomically(join(dir, KEY_FILE), made.private, OWNER_ONLY);
  await writeAtomically(join(dir, CERT_FILE), made.cert, 0o644);
  return { cert: made.cert, key: made.private, fingerprint: certificateFingerprint(made.cert) };
}

/** The kept certificate, or a new one when there is none (or it cannot be used). */
export async function loadRoomCertificate(dir: string, log: (line: string) => void = () => {}): Promise<RoomCertificate> {
  let kept: RoomCertificate;
  try {
    kept = await readKept(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      log(`room hub: the kept certificate cannot be used (${error instanceof Error ? error.message : String(error)}); making a new certificate`);
    }
    return create(dir);
  }
  // Copied or restored files can come back readable by all.
  await chmod(join(dir, KEY_FILE), OWNER_ONLY);
  return kept;
}
