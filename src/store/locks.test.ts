/**
 * The store's advisory locks: one id a purpose, keyed by schema. On PostgreSQL (where several
 * connections hold locks at once): a writer in progress no longer makes a reminder run skip, and a
 * reminder run in one schema does not hold back another schema's.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Queryable } from './database.ts';
import { LOCKS, takeLock } from './locks.ts';
import { runReminders } from './notifications.ts';
import { testEngines } from './testing.ts';

test('every advisory lock has an id of its own', () => {
  const ids = Object.values(LOCKS);
  assert.equal(new Set(ids).size, ids.length);
});

const postgres = testEngines().find((e) => e.name === 'postgres');

describe('advisory locks on PostgreSQL', { skip: postgres ? false : 'no PostgreSQL (PARINDEX_TEST_DATABASE_URL)' }, () => {
  const options = { today: '2025-01-16', hour: 9, mail: false };

  /** Runs `check` while another connection's transaction holds what `hold` takes. */
  async function whileHeld(
    db: Awaited<ReturnType<NonNullable<typeof postgres>['open']>>,
    hold: (tx: Queryable) => Promise<unknown>,
    check: () => Promise<void>,
  ) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const transaction = db.transaction(async (tx) => {
      await hold(tx);
      held();
      await released;
    });
    await holding;
    try {
      await check();
    } finally {
      release();
      await transaction;
    }
  }

  test('a score writer holding the writers’ lock does not make a reminder run skip', async () => {
    const db = await postgres!.open();
    try {
      await whileHeld(
        db,
        (tx) => tx.query(...takeLock('writes', 'pg_advisory_xact_lock_shared')),
        async () => assert.equal((await runReminders(db, options)).ran, true),
      );
    } finally {
      await db.close();
    }
  });

  test('one run at a time in a schema; another schema runs meanwhile', async () => {
    const [a, b] = [await postgres!.open(), await postgres!.open()];
    try {
      await whileHeld(
        a,
        (tx) => tx.query(...takeLock('reminders')),
        async () => {
          assert.equal((await runReminders(a, options)).ran, false, 'the same schema waits its turn');
          assert.equal((await runReminders(b, options)).ran, true, 'another schema is not held back');
        },
      );
      assert.equal((await runReminders(a, options)).ran, true);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
