/**
 * The store operations the embedded engine's thread runs itself when asked (database.ts
 * `inEngine`, pgliteWorker.ts): each takes the database of that thread and the caller's
 * arguments, and gives back what the caller would have had. Only operations whose arguments and
 * value are plain data (they cross by structured clone) and that need nothing of the caller's
 * thread but the audit seal (sent with each call) belong here.
 */
import type { Actor } from '../workflow/policy.ts';
import type { Database, EngineCall } from './database.ts';
import { writeScore, type ScoreWrite } from './scores.ts';

export const ENGINE_CALLS: Record<EngineCall, (db: Database, args: unknown[]) => Promise<unknown>> = {
  writeScore: (db, [write, actor]) => writeScore(db, write as ScoreWrite, actor as Actor),
};
