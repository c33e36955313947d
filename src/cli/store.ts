/** Commands that work on the server's database open it the way the server does (same variables). */
import { join } from 'node:path';
import { configFrom } from '../server/config.ts';
import { anchoring, auditSealPaths, createStore, openAuditSeal, openDatabase, useAuditSeal, type Store } from '../store/index.ts';

export async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const config = configFrom(process.env, process.cwd());
  const db = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { folder: join(config.dataFolder, 'pglite') });
  // The server's audit key: entries written here are keyed like the server's, and anchored beside it.
  try {
    useAuditSeal(await openAuditSeal(db, auditSealPaths(process.env, config.dataFolder), !config.databaseUrl));
  } catch (error) {
    await db.close();
    throw error;
  }
  const store = createStore(anchoring(db));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
