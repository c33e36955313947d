/**
 * What makes the audit trail hold against whoever can write the database (its own role, a
 * DBA, a restored backup): a key the server holds outside the database, with which new entries
 * are HMAC-SHA-256 (src/workflow/audit.ts), and an append-only anchor file beside it, one line
 * per head written after each commit that appended (`time sequence hash`). Its first line is the
 * head when the key was made: plain entries after it are a break. Both are files of the server's
 * own account: the trail holds against the database, not against that account.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ParError, issue } from '../core/index.ts';
import { GENESIS_HASH, type AuditAnchor } from '../workflow/audit.ts';
import type { Database, Queryable } from './database.ts';

export interface AuditSeal {
  key: Buffer;
  keyFile: string;
  anchorFile: string;
}

export interface AuditSealPaths {
  keyFile: string;
  /** Default: `audit-anchors.log` beside the key. */
  anchorFile?: string;
}

/** Where the key is: PARINDEX_AUDIT_KEY_FILE, else `audit.key` in the data folder. */
export function auditSealPaths(env: NodeJS.ProcessEnv, dataFolder: string): AuditSealPaths {
  return { keyFile: env.PARINDEX_AUDIT_KEY_FILE ?? join(dataFolder, 'audit.key') };
}

/** The head of the chain as stored: sequence 0 when the trail is empty. */
export async function auditHead(q: Queryable): Promise<AuditAnchor> {
  const [last] = await q.query<{ sequence: bigint; hash: string }>('SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1');
  return last ? { sequence: Number(last.sequence), hash: last.hash } : { sequence: 0, hash: GENESIS_HASH };
}

/**
 * The anchors of the file, oldest first. A `restore` line (written by `parindex restore`) says
 * the database was put back to an earlier head on purpose: anchors written before it for later
 * entries belong to the timeline the restore rolled back, and no longer bind the trail.
 */
export function readAnchors(file: string): AuditAnchor[] {
  if (!existsSync(file)) return [];
  let anchors: AuditAnchor[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(\S+) (restore )?(\d+) ([0-9a-f]{64})$/.exec(line.trim());
    if (!m) continue;
    const anchor = { sequence: Number(m[3]), hash: m[4]!, source: `${basename(file)} (${m[1]}${m[2] ? ', khôi phục / restore' : ''})` };
    if (m[2]) anchors = anchors.filter((a) => a.sequence <= anchor.sequence);
    anchors.push(anchor);
  }
  return anchors;
}

/** `path`'s bytes (a file) or its names (a folder) on disk when this returns. */
function syncPath(path: string): void {
  if (process.platform === 'win32' && !statSync(path).isFile()) return; // a folder cannot be opened there
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Appends one line and returns once it is on disk (fsync; the folder too when the file is new): an anchor lost to a power cut would let a cut-off trail pass. */
function writeAnchor(file: string, anchor: AuditAnchor, restored = false): void {
  const created = !existsSync(file);
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, `${new Date().toISOString()} ${restored ? 'restore ' : ''}${anchor.sequence} ${anchor.hash}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (created) syncPath(dirname(file));
}

/**
 * After a restore: the head the restored database holds is written as a `restore` line, so the
 * anchors of the rolled-back entries stop binding the trail (the restore is the operator's act,
 * said in the file; an unexplained cut is still caught). Nothing is written without a key file.
 */
export async function anchorRestore(db: Queryable, paths: AuditSealPaths): Promise<AuditAnchor | undefined> {
  if (!existsSync(paths.keyFile)) return undefined;
  const head = await auditHead(db);
  writeAnchor(paths.anchorFile ?? join(dirname(paths.keyFile), 'audit-anchors.log'), head, true);
  return head;
}

/**
 * Reads the key, or makes one (32 random bytes, mode 0600, refused if another process made it
 * first) and anchors the head of that moment as the anchor file's first line. With `create`
 * false (a command run against a server's PostgreSQL from elsewhere), a missing key is no key
 * while the trail has no keyed entry, and refused once it has: plain entries would break it.
 */
export async function openAuditSeal(db: Queryable, paths: AuditSealPaths, create = true): Promise<AuditSeal | undefined> {
  const keyFile = paths.keyFile;
  const anchorFile = paths.anchorFile ?? join(dirname(keyFile), 'audit-anchors.log');
  if (!existsSync(keyFile) && !create) {
    if (!(await db.query('SELECT 1 FROM audit_log WHERE keyed LIMIT 1')).length) return undefined;
    throw new ParError(
      issue(
        'audit.keyMissing',
        {
          vi: `nhật ký thay đổi được ký bằng khoá của máy chủ, không tìm thấy khoá ở ${keyFile}: đặt PARINDEX_AUDIT_KEY_FILE (hoặc PARINDEX_DATA_DIR) như máy chủ`,
          en: `the audit trail is keyed with the server's key, not found at ${keyFile}: set PARINDEX_AUDIT_KEY_FILE (or PARINDEX_DATA_DIR) as the server has it`,
        },
        { field: 'PARINDEX_AUDIT_KEY_FILE' },
      ),
    );
  }
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(keyFile, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
      chmodSync(keyFile, 0o600);
      syncPath(keyFile);
      syncPath(dirname(keyFile));
      writeAnchor(anchorFile, await auditHead(db));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const text = readFileSync(keyFile, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new ParError(
      issue(
        'audit.keyInvalid',
        { vi: `${keyFile} không phải khoá nhật ký (64 chữ số thập lục phân)`, en: `${keyFile} is not an audit key (64 hexadecimal digits)` },
        { field: 'PARINDEX_AUDIT_KEY_FILE' },
      ),
    );
  }
  return { key: Buffer.from(text, 'hex'), keyFile, anchorFile };
}

let current: AuditSeal | undefined;
let appended = 0;
let anchoredSequence = -1;

/** The seal this process writes and verifies with (one server, one key); undefined = plain hashes (tests). */
export function useAuditSeal(seal: AuditSeal | undefined): void {
  current = seal;
  appended = 0;
  // Not Math.max(...lines): a years-old anchor file has more lines than a call has arguments.
  anchoredSequence = seal ? readAnchors(seal.anchorFile).reduce((max, a) => Math.max(max, a.sequence), -1) : -1;
}

export function auditSeal(): AuditSeal | undefined {
  return current;
}

/** Called by appendAudit: this transaction wrote an entry (anchored once it commits). */
export function noteAppended(): void {
  appended++;
}

/** Writes the committed head to the anchor file when it moved on since the last line. */
export async function anchorHead(q: Queryable): Promise<void> {
  const seal = current;
  if (!seal) return;
  const head = await auditHead(q);
  // Never a head lower than one written before: a cut-off trail must stay caught.
  if (head.sequence <= anchoredSequence || seal !== current) return;
  anchoredSequence = head.sequence;
  writeAnchor(seal.anchorFile, head);
}

/**
 * The database whose committed transactions anchor the trail's head. Once this process has
 * appended (a command that only reads never does), every commit reads the head (one indexed
 * row) and writes a line when it moved on: a transaction that committed while another, which
 * appended, was still open cannot make the latter's entry go unanchored. Where transactions run
 * one at a time (the embedded engine) there is no such other transaction: a transaction that
 * appended reads the head it leaves before its commit and writes it once committed, and one that
 * did not anchors nothing — a head read after the commit would wait behind every transaction
 * queued meanwhile (twenty writers then all answered at the end of the round, issue 16).
 */
export function anchoring(db: Database): Database {
  return {
    engine: db.engine,
    query: db.query.bind(db),
    script: db.script.bind(db),
    ...(db.copyFrom && { copyFrom: db.copyFrom.bind(db) }),
    async transaction(work, options) {
      let oneAtATime = false;
      let head: AuditAnchor | undefined;
      const result = await db.transaction(async (tx) => {
        oneAtATime = !tx.afterCommit;
        const before = appended;
        const out = await work(tx);
        if (oneAtATime && appended !== before && current) head = await auditHead(tx);
        return out;
      }, options);
      if (head) anchorKnown(head);
      else if (!oneAtATime && appended > 0) await anchorShared(db);
      return result;
    },
    // The engine's thread anchors what it appends there, with the seal it is sent (pgliteWorker.ts).
    ...(db.inEngine && { inEngine: db.inEngine.bind(db) }),
    close: db.close.bind(db),
  };
}

/**
 * The head a transaction left, written at once (the embedded engine). Synchronously: that engine
 * runs its queries on this thread, and an asynchronous write's completion would wait for every
 * transaction queued meanwhile (twenty writers answered together at the end of the round); its
 * own commits are synced on this thread too.
 */
function anchorKnown(head: AuditAnchor): void {
  const seal = current;
  if (!seal || head.sequence <= anchoredSequence) return;
  anchoredSequence = head.sequence;
  writeAnchor(seal.anchorFile, head);
}

const anchorings = new WeakMap<Queryable, { running?: Promise<void>; next?: Promise<void> }>();

/**
 * `anchorHead` for transactions that committed at once (twenty writers on PostgreSQL): one
 * reading of the head for all of them. A caller whose commit came after the reading under way
 * began waits for the next one, which starts once that one is done: its head, read after the
 * commit, covers it.
 */
function anchorShared(q: Queryable): Promise<void> {
  let state = anchorings.get(q);
  if (!state) anchorings.set(q, (state = {}));
  const s = state;
  if (!s.running) {
    s.running = (async () => {
      if (current) await anchorAt(await auditHead(q));
    })().finally(() => {
      s.running = undefined;
    });
    return s.running;
  }
  s.next ??= s.running
    .then(
      () => undefined,
      () => undefined,
    )
    .then(() => {
      s.next = undefined;
      return anchorShared(q);
    });
  return s.next;
}

let wanted: AuditAnchor | undefined;
let writing: Promise<void> | undefined;
let nextWrite: Promise<void> | undefined;

/**
 * Writes `head` to the anchor file, on disk when this resolves; heads asked for while a line is
 * being written go into the next line together (the highest of them), written without holding
 * up the event loop (the file synced on libuv's threads).
 */
function anchorAt(head: AuditAnchor): Promise<void> {
  if (!wanted || head.sequence > wanted.sequence) wanted = head;
  if (!writing) {
    writing = writeWanted().finally(() => {
      writing = undefined;
    });
    return writing;
  }
  nextWrite ??= writing
    .then(
      () => undefined,
      () => undefined,
    )
    .then(() => {
      nextWrite = undefined;
      // A write started in between may have taken the head asked for: then that write is the one to wait for.
      return wanted ? anchorAt(wanted) : writing;
    });
  return nextWrite;
}

async function writeWanted(): Promise<void> {
  const seal = current;
  const head = wanted;
  wanted = undefined;
  // Never a head lower than one written before: a cut-off trail must stay caught.
  if (!seal || !head || head.sequence <= anchoredSequence) return;
  anchoredSequence = head.sequence;
  const created = !existsSync(seal.anchorFile);
  const file = await open(seal.anchorFile, 'a', 0o600);
  try {
    await file.write(`${new Date().toISOString()} ${head.sequence} ${head.hash}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  if (created) syncPath(dirname(seal.anchorFile));
}
