import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { projectRoot } from '../io/dataFolder.ts';
import { run } from './testing.ts';

let folder: string;
before(() => {
  folder = mkdtempSync(join(tmpdir(), 'parindex-load-plan-'));
  process.env.PARINDEX_DATA_DIR = join(folder, 'db');
  delete process.env.DATABASE_URL;
});
after(() => {
  delete process.env.PARINDEX_DATA_DIR;
  rmSync(folder, { recursive: true, force: true });
});

const PLAN = `kind: plan
unit: tam-duong
year: 2024
tasks:
  - { id: nv-thu, title: Việc thử, department: Phòng Nội vụ, criteria: ["1.7", "9.9.9"] }
tracking:
  - criterion: "7.3.6"
    values: [{ period: 2024-03, numerator: 50, denominator: 46 }]
`;

test('load --dry-run refuses a plan whose task names a criterion its framework does not have, as validate does: file, field, message', async () => {
  assert.equal((await run('load', join(projectRoot, 'frameworks'), join(projectRoot, 'data/demo/lai-chau'))).code, 0);
  const file = join(folder, 'ke-hoach-2024.yaml');
  writeFileSync(file, PLAN);
  const loaded = await run('load', file, '--dry-run');
  assert.equal(loaded.code, 3, loaded.out);
  assert.match(loaded.err, /ke-hoach-2024\.yaml › tiêu chí 9\.9\.9 › tasks\.0\.criteria\.1: bộ tiêu chí lai-chau-district-2024 không có tiêu chí 9\.9\.9/);
  assert.match(loaded.err, /tiêu chí 7\.3\.6 › tracking\.0\.values\.0\.numerator: tử số 50 lớn hơn mẫu số 46/);
  const english = await run('load', file, '--dry-run', '--lang', 'en');
  assert.match(english.err, /criterion 9\.9\.9 › tasks\.0\.criteria\.1: framework lai-chau-district-2024 has no criterion 9\.9\.9/);
  const validated = await run('validate', file);
  assert.equal(validated.code, 3);
  assert.match(validated.err, /tasks\.0\.criteria\.1: bộ tiêu chí lai-chau-district-2024 không có tiêu chí 9\.9\.9/);
  writeFileSync(file, PLAN.replace(', "9.9.9"', '').replace('numerator: 50', 'numerator: 40'));
  const fixed = await run('load', file, '--dry-run');
  assert.equal(fixed.code, 0, fixed.err);
});
