import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { projectRoot } from '../io/dataFolder.ts';
import { run } from './testing.ts';

let folder: string;
before(() => {
  folder = mkdtempSync(join(tmpdir(), 'parindex-cli-'));
  // The commands find the embedded database the way the server does.
  process.env.PARINDEX_DATA_DIR = folder;
  delete process.env.DATABASE_URL;
});
after(() => {
  delete process.env.PARINDEX_DATA_DIR;
  rmSync(folder, { recursive: true, force: true });
});

test('an installation is run from the command line: load data, first admin, open a cycle, verify the audit trail', async () => {
  const first = await run('migrate');
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /Đã áp dụng \d+ bản cập nhật \(1, 2, 3/);
  assert.match((await run('migrate')).out, /đã mới nhất/);
  const load = await run('load', join(projectRoot, 'frameworks'), join(projectRoot, 'data/demo/lai-chau'));
  assert.equal(load.code, 0, load.err);
  const bad = await run('load', join(projectRoot, 'data/demo/lai-chau/results/district-2023.yaml'), '--dry-run');
  assert.equal(bad.code, 0);
  const admin = await run('user', 'create', '--role', 'admin', '--username', 'sonoivu', '--name', 'Sở Nội vụ');
  assert.equal(admin.code, 0, admin.err);
  assert.match(admin.out, /Mật khẩu \(chỉ hiện một lần\): \S{16}/);
  assert.equal((await run('user', 'create', '--role', 'unitEditor', '--username', 'khongdonvi')).code, 3, 'a unit editor needs a unit');
  const wrongYear = await run('cycle', 'open', '--year', '2024', '--framework', 'lai-chau-district-2023');
  assert.equal(wrongYear.code, 3);
  assert.match(wrongYear.err, /dùng cho năm 2023/);
  assert.equal((await run('cycle', 'open', '--year', '2024', '--framework', 'lai-chau-district-2024')).code, 0);
  assert.match((await run('cycle', 'list')).out, /lai-chau-district-2024\s+2024\s+assessment\s+8/);
  const verify = await run('audit', 'verify');
  assert.equal(verify.code, 0);
  assert.match(verify.out, /nguyên vẹn: \d+ mục/);
  const head = /--head\): (\d+:[0-9a-f]{64})/.exec(verify.out)![1]!;
  assert.equal((await run('audit', 'verify', '--head', head)).code, 0);
  assert.equal((await run('audit', 'verify', '--head', `${head.split(':')[0]}:${'0'.repeat(64)}`)).code, 1, 'an entry written down before must still be there, unchanged');
});
