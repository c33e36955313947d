/** Server configuration: the PostgreSQL pool size (PARINDEX_DB_POOL, issue 16.1). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParError } from '../core/index.ts';
import { configFrom } from './config.ts';

test('PARINDEX_DB_POOL: 25 connections by default, a whole number from 1 to 500 when set', () => {
  assert.equal(configFrom({}, '/tmp').dbPool, 25);
  assert.equal(configFrom({ PARINDEX_DB_POOL: '40' }, '/tmp').dbPool, 40);
  for (const bad of ['0', 'ten', '2.5', '501']) {
    assert.throws(
      () => configFrom({ PARINDEX_DB_POOL: bad }, '/tmp'),
      (error: unknown) => error instanceof ParError && error.issues[0]?.field === 'PARINDEX_DB_POOL',
    );
  }
});
