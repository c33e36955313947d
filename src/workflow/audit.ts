/**
 * The audit trail is append-only and tamper-evident: each entry carries the hash of its
 * canonical content and of the previous entry's hash, so changing, removing or reordering a
 * stored entry breaks the chain at that point. Entries written with the server's key are
 * HMAC-SHA-256 (`keyed`): without the key, nobody with write access to the table can re-chain
 * a rewritten entry. Entries of before the key keep their plain SHA-256; once the chain is
 * keyed, a plain entry after a keyed one (or after the anchor written when the key was made) is
 * a break. Anchors — heads written down outside the table — catch what a chain cannot show:
 * its last entries cut off, or the whole table emptied.
 */
import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';

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
  /** Hashed with the server's key (HMAC-SHA-256); absent on entries of before the key. */
  keyed?: true;
}

export type AuditInput = Omit<AuditEntry, 'sequence' | 'previousHash' | 'hash' | 'keyed'>;

/** A head written down outside the table: the entry `sequence` had this hash. */
export interface AuditAnchor {
  sequence: number;
  hash: string;
  /** Where it was written down, for the message: "anchor file", "publication 1234/QĐ-UBND". */
  source?: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  // Built by concatenation (no arrays of entries): every audited write runs it twice (issue 16).
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // The default sort orders by UTF-16 code units, as `<` does.
  const keys = Object.keys(record).sort();
  out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/**
 * HMAC-SHA-256 with `key`, its key object made once per key: made from the bytes at each call
 * it was a tenth of a score write's CPU in Node (issue 16).
 */
export function hmac(key: Uint8Array): ReturnType<typeof createHmac> {
  let object = keyObjects.get(key);
  if (!object) keyObjects.set(key, (object = createSecretKey(key)));
  return createHmac('sha256', object);
}
const keyObjects = new WeakMap<Uint8Array, KeyObject>();

/** SHA-256 of the canonical content; HMAC-SHA-256 with `key` for a keyed entry. */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>, key?: Uint8Array): string {
  if (entry.keyed && !key) throw new Error('a keyed audit entry needs the key');
  return (entry.keyed ? hmac(key!) : createHash('sha256')).update(canonicalJson(entry)).digest('hex');
}

/** The next entry of the chain after `previous` (or the first one); keyed when `key` is given. */
export function chainEntry(input: AuditInput, previous?: Pick<AuditEntry, 'sequence' | 'hash'>, key?: Uint8Array): AuditEntry {
  const body = { ...input, sequence: (previous?.sequence ?? 0) + 1, previousHash: previous?.hash ?? GENESIS_HASH, ...(key && { keyed: true as const }) };
  return { ...body, hash: hashEntry(body, key) };
}

/** Why the chain does not verify at `brokenAt`. */
export type ChainBreak =
  | 'altered' // its content, its link or its position does not match its hash
  | 'unkeyed' // a plain SHA-256 entry where the chain is keyed (rewritten without the key)
  | 'noKey' // a keyed entry, and no key to check it with
  | 'missing' // an anchored entry is not in the table (entries cut off, the table emptied)
  | 'anchor'; // an anchored entry is there with another hash

export interface ChainCheck {
  valid: boolean;
  /** Sequence of the first entry that does not verify (for `missing`: the first one gone). */
  brokenAt?: number;
  reason?: ChainBreak;
  /** The anchor that caught it, for `missing` and `anchor`. */
  anchor?: AuditAnchor;
}

export interface VerifyOptions {
  key?: Uint8Array;
  /** Plain entries are accepted up to this sequence only (the head when the key was made). */
  plainUntil?: number;
  /** Heads written down outside the table; each must still be in the chain, unchanged. */
  anchors?: readonly AuditAnchor[];
}

/** Verifies a whole chain, in sequence order, then the anchors against it. */
export function verifyChain(entries: readonly AuditEntry[], options: VerifyOptions = {}): ChainCheck {
  let previous = GENESIS_HASH;
  let sequence = 0;
  let keyed = false;
  for (const entry of entries) {
    const { hash, ...body } = entry;
    if (entry.sequence !== sequence + 1 || entry.previousHash !== previous) return { valid: false, brokenAt: entry.sequence, reason: 'altered' };
    if (entry.keyed && !options.key) return { valid: false, brokenAt: entry.sequence, reason: 'noKey' };
    if (!entry.keyed && (keyed || (options.plainUntil !== undefined && entry.sequence > options.plainUntil)))
      return { valid: false, brokenAt: entry.sequence, reason: 'unkeyed' };
    if (hashEntry(body, options.key) !== hash) return { valid: false, brokenAt: entry.sequence, reason: 'altered' };
    keyed ||= entry.keyed === true;
    previous = hash;
    sequence = entry.sequence;
  }
  // The chain holds; what it cannot show is what was cut off its end: the anchors can.
  let found: ChainCheck | undefined;
  for (const anchor of options.anchors ?? []) {
    if (anchor.sequence === 0) continue;
    const at = entries[anchor.sequence - 1];
    const check: ChainCheck = at
      ? at.hash === anchor.hash
        ? { valid: true }
        : { valid: false, brokenAt: anchor.sequence, reason: 'anchor', anchor }
      : { valid: false, brokenAt: sequence + 1, reason: 'missing', anchor };
    if (!check.valid && (!found || check.brokenAt! < found.brokenAt!)) found = check;
  }
  return found ?? { valid: true };
}
