/**
 * The scale bench's server (scale.bench.ts) in a thread of its own: the demo and the generated
 * national set stored in an embedded database, served over HTTP. In the bench's own thread, the
 * server's answers waited behind Playwright's messages to Chromium (a sort's page came 30–70 ms
 * after it was asked, for ≈ 5 ms of work); a province's server has its event loop to itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { demoDocuments } from '../src/io/dataFolder.ts';
import { storeGeneratedHistory } from '../src/io/generatedHistory.ts';
import { buildApp } from '../src/server/app.ts';
import { createStore, openDatabase } from '../src/store/index.ts';
import { SYSTEM } from '../src/workflow/policy.ts';

const { units, criteria, year } = workerData as { units: number; criteria: number; year: number };
const store = createStore(await openDatabase({}));
await store.importDocuments(demoDocuments(), SYSTEM);
const started = performance.now();
await storeGeneratedHistory(store, { units, criteria, year });
const stored = performance.now() - started;
const app = buildApp({ store });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
parentPort!.postMessage({ url, stored });
parentPort!.once('message', async () => {
  await app.close();
  await store.close();
  parentPort!.postMessage('closed');
});
