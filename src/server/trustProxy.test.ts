import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ParError } from '../core/index.ts';
import { createStore, type Store } from '../store/index.ts';
import { closeAll, testEngines } from '../store/testing.ts';
import { buildApp } from './app.ts';
import { trustProxyFrom } from './config.ts';

test('PARINDEX_TRUST_PROXY reads as a hop count or a list of proxy addresses, never "trust all"', () => {
  assert.equal(trustProxyFrom(undefined), false);
  assert.equal(trustProxyFrom('0'), false);
  assert.equal(trustProxyFrom('1'), 1);
  assert.equal(trustProxyFrom('2'), 2);
  assert.deepEqual(trustProxyFrom('10.0.0.5, 10.0.1.0/24,::1'), ['10.0.0.5', '10.0.1.0/24', '::1']);
  for (const bad of ['true', 'yes', '10.0.0.0/33', 'proxy.local', '10.0.0.5,']) {
    if (bad === '10.0.0.5,') {
      assert.deepEqual(trustProxyFrom(bad), ['10.0.0.5']);
      continue;
    }
    assert.throws(
      () => trustProxyFrom(bad),
      (e: unknown) => e instanceof ParError && e.issues[0]!.field === 'PARINDEX_TRUST_PROXY' && e.message.includes(bad),
    );
  }
});

describe('behind one proxy, a client cannot choose its own address', () => {
  const engine = testEngines()[0]!;
  let app: ReturnType<typeof buildApp>;
  let store: Store | undefined;
  let url: string;
  before(async () => {
    store = createStore(await engine.open());
    app = buildApp({ store, trustProxy: 1 });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  // Whatever the set-up started (the app closes its worker pool, not its store).
  after(() => closeAll([() => app?.close(), () => store?.close()]));

  test('the login limiter counts the address the proxy saw, whatever the client wrote before it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30 && !statuses.includes(429); i++) {
      // The client wrote a new address each time; the proxy (this test, on 127.0.0.1) appended the one it saw.
      const response = await fetch(`${url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` },
        body: JSON.stringify({ username: 'khong-co-ai', password: 'sai' }),
      });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    assert.ok(statuses.includes(429), `never limited: ${statuses.join(' ')}`);
  });
});
