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

test('PARINDEX_AUDIT_XLSX_ROWS: 100,000 audit entries in one xlsx by default, a whole number up to 1,000,000 when set', () => {
  assert.equal(configFrom({}, '/tmp').auditXlsxRows, 100_000);
  assert.equal(configFrom({ PARINDEX_AUDIT_XLSX_ROWS: '5000' }, '/tmp').auditXlsxRows, 5000);
  for (const bad of ['0', 'many', '1.5', '1000001']) {
    assert.throws(
      () => configFrom({ PARINDEX_AUDIT_XLSX_ROWS: bad }, '/tmp'),
      (error: unknown) => error instanceof ParError && error.issues[0]?.field === 'PARINDEX_AUDIT_XLSX_ROWS',
    );
  }
});

test('PARINDEX_LOGIN_LIMIT: 20 sign-in attempts per address a minute by default, more for an office behind one address', () => {
  assert.equal(configFrom({}, '/tmp').loginLimit, 20);
  assert.equal(configFrom({ PARINDEX_LOGIN_LIMIT: '200' }, '/tmp').loginLimit, 200);
  for (const bad of ['0', 'lots', '-5'])
    assert.throws(
      () => configFrom({ PARINDEX_LOGIN_LIMIT: bad }, '/tmp'),
      (error: unknown) => error instanceof ParError && error.issues[0]?.field === 'PARINDEX_LOGIN_LIMIT',
    );
});

test('PARINDEX_DB_PREPARE: prepared statements by default, 0 turns them off, anything else is refused at its name', () => {
  assert.equal(configFrom({}, '/tmp').dbPrepare, true);
  assert.equal(configFrom({ PARINDEX_DB_PREPARE: '0' }, '/tmp').dbPrepare, false);
  assert.equal(configFrom({ PARINDEX_DB_PREPARE: '1' }, '/tmp').dbPrepare, true);
  for (const bad of ['no', '2', 'true']) {
    assert.throws(
      () => configFrom({ PARINDEX_DB_PREPARE: bad }, '/tmp'),
      (error: unknown) => error instanceof ParError && error.issues[0]?.field === 'PARINDEX_DB_PREPARE',
    );
  }
});
