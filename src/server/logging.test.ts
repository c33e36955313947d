import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createStore, type Store } from '../store/index.ts';
import { closeAll, testEngines } from '../store/testing.ts';
import { buildApp } from './app.ts';
import { configFrom } from './config.ts';
import { seedDemo } from './demo.ts';
import { TEST_PASSWORD } from './testing.ts';

describe('structured logs', () => {
  let store: Store;
  let app: FastifyInstance;
  const lines: Record<string, any>[] = [];
  before(async () => {
    store = createStore(await testEngines()[0]!.open());
    await seedDemo(store.db, TEST_PASSWORD);
    app = buildApp({ store, logger: { level: 'info', stream: { write: (line) => void lines.push(JSON.parse(line)) } } });
    // A fault no route expects: what a 500 looks like.
    app.get('/api/test-fault', async () => {
      throw new Error('disk on fire');
    });
    await app.ready();
  });
  after(async () => {
    // Whatever the set-up started, also when it failed half-way (a pool left open keeps the file's process alive).
    await closeAll([() => app?.close(), () => store?.close()]);
  });

  test('a 5xx is logged with its stack and the request id the client got; the answer does not leak it', async () => {
    lines.length = 0;
    const response = await app.inject({ method: 'GET', url: '/api/test-fault' });
    assert.equal(response.statusCode, 500);
    assert.doesNotMatch(response.body, /disk on fire/);
    const id = response.headers['x-request-id'];
    assert.ok(id);
    const fault = lines.find((l) => l.err);
    assert.ok(fault, 'the error is logged');
    assert.equal(fault.reqId, id);
    assert.equal(fault.level, 50);
    assert.match(fault.err.stack, /disk on fire\n\s+at /);
    const line = lines.find((l) => l.msg === 'request failed');
    assert.deepEqual({ reqId: line!.reqId, status: line!.status, route: line!.route }, { reqId: id, status: 500, route: '/api/test-fault' });
  });

  test('one line per request: id, route, status, duration and the user id once signed in — never the password or token', async () => {
    lines.length = 0;
    const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'tamduong', password: TEST_PASSWORD } });
    assert.equal(login.statusCode, 200);
    const cookie = login.headers['set-cookie'];
    const token = String(Array.isArray(cookie) ? cookie[0] : cookie).split(';')[0]!;
    await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: token } });
    const requests = lines.filter((l) => l.msg === 'request');
    assert.equal(requests.length, 2);
    for (const l of requests) {
      assert.equal(typeof l.reqId, 'string');
      assert.equal(typeof l.ms, 'number');
      assert.equal(l.route, '/api/session');
      assert.equal(l.status, 200);
    }
    assert.equal(requests[0]!.userId, undefined, 'not yet signed in when the login arrived');
    assert.ok(requests[1]!.userId, 'the signed-in user is named by id');
    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    assert.doesNotMatch(text, new RegExp(TEST_PASSWORD));
    assert.doesNotMatch(text, new RegExp(token.split('=')[1]!));
  });

  test('PARINDEX_LOG_LEVEL sets the level (default info) and refuses an unknown one', () => {
    assert.equal(configFrom({}, '/tmp').logLevel, 'info');
    assert.equal(configFrom({ PARINDEX_LOG_LEVEL: 'warn' }, '/tmp').logLevel, 'warn');
    assert.throws(() => configFrom({ PARINDEX_LOG_LEVEL: 'loud' }, '/tmp'), /PARINDEX_LOG_LEVEL/);
  });
});
