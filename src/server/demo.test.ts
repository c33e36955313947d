import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createStore } from '../store/index.ts';
import { testEngines } from '../store/testing.ts';
import { seedDemo } from './demo.ts';

for (const engine of testEngines()) {
  describe(`demo seeding on ${engine.name}`, () => {
    test('the demo is seeded whole or not at all: a seed that fails half-way leaves an empty database, seeded again next time', async () => {
      const store = createStore(await engine.open());
      try {
        // The users come after the data: a password the account rules refuse fails the seed there.
        await assert.rejects(seedDemo(store.db, 'short'), { code: 'schema.too_small' });
        assert.equal(await store.isEmpty(), true, 'no data left without its users');
        assert.deepEqual(await store.db.query('SELECT * FROM audit_log'), []);
        const lines = await seedDemo(store.db, 'mat-khau-du-dai');
        assert.equal(lines.filter((l) => l.includes('mat-khau-du-dai')).length, 5);
        assert.equal((await store.db.query('SELECT 1 FROM users')).length, 5);
        assert.equal((await store.db.query("SELECT 1 FROM cycles WHERE id = 'lai-chau-district-2024'")).length, 1);
        // The demo questionnaire, illustrative, in design: the survey screens work at once, and nothing is collected or computed.
        assert.deepEqual(await store.db.query("SELECT state, questionnaire_version FROM surveys WHERE cycle_id = 'lai-chau-district-2024'"), [
          { state: 'design', questionnaire_version: 1 },
        ]);
        assert.ok(lines.some((l) => /Phiếu khảo sát mẫu \(minh họa/.test(l)));
        assert.deepEqual(await store.db.query('SELECT 1 FROM survey_responses UNION ALL SELECT 1 FROM survey_points'), []);
      } finally {
        await store.close();
      }
    });
  });
}
