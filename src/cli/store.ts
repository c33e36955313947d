/** Commands that work on the server's database open it the way the server does (same variables). */
import { join } from 'node:path';
import { configFrom } from '../server/config.ts';
import { createStore, openDatabase, type Store } from '../store/index.ts';

export async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
  const config = configFrom(process.env, process.cwd());
  const store = createStore(await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { folder: join(config.dataFolder, 'pglite') }));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
