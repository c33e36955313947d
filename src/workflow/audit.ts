/**
 * The audit trail is append-only and tamper-evident: each entry carries the SHA-256 of its
 * canonical content and of the previous entry's hash, so changing, removing or reordering a
 * stored entry breaks the chain at that point.
 */
import { createHash } from 'node:crypto';

export interface AuditEntry {
  /** Position in the chain, from 1. */
  sequence: number;
  at: string;
  actorId: string;
  action: string;
  /** What changed, e.g. "score:cycle-2024/tam-duong/6.2.2". */
  subject: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
  previousHash: string;
  hash: string;
}

export type AuditInput = Omit<AuditEntry, 'sequence' | 'previousHash' | 'hash'>;

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

/** The next entry of the chain after `previous` (or the first one). */
export function chainEntry(input: AuditInput, previous?: Pick<AuditEntry, 'sequence' | 'hash'>): AuditEntry {
  const body = { ...input, sequence: (previous?.sequence ?? 0) + 1, previousHash: previous?.hash ?? GENESIS_HASH };
  return { ...body, hash: hashEntry(body) };
}

export interface ChainCheck {
  valid: boolean;
  /** Sequence of the first entry that does not verify. */
  brokenAt?: number;
}

/** Verifies a whole chain, in sequence order. */
export function verifyChain(entries: readonly AuditEntry[]): ChainCheck {
  let previous = GENESIS_HASH;
  let sequence = 0;
  for (const entry of entries) {
    const { hash, ...body } = entry;
    if (entry.sequence !== sequence + 1 || entry.previousHash !== previous || hashEntry(body) !== hash) return { valid: false, brokenAt: entry.sequence };
    previous = hash;
    sequence = entry.sequence;
  }
  return { valid: true };
}
