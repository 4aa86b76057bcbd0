/**
 * The pager's entries in the delivery ledger it shares with the message
 * deliverer: each names one send, escalation or acknowledgement by a hash of
 * what it is about, after a prefix that tells them from message ids.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

const CLAIM_PREFIXES = ['page:', 'escalation:', 'ack:', 'receipt:'] as const;

/** Whether a ledger entry is one of the pager's (the message deliverer leaves those alone). */
export function isPagerClaim(id: string): boolean {
  return CLAIM_PREFIXES.some((prefix) => id.startsWith(prefix));
}

export function pagerClaimId(prefix: (typeof CLAIM_PREFIXES)[number], ...parts: (string | number)[]): string {
  return prefix + bytesToHex(sha256(utf8ToBytes(parts.join('\n')))).slice(0, 40);
}
