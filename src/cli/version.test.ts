import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../io/dataFolder.ts';
import { run } from './testing.ts';

const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

test('parindex --version prints the release, a semantic version', async () => {
  assert.match(version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  for (const flag of ['--version', '-v']) {
    const { code, out } = await run(flag);
    assert.equal(code, 0);
    assert.equal(out, `parindex ${version}`);
  }
});

test('the changelog has a section for this release that names the migrations it applies', () => {
  const changelog = readFileSync(join(projectRoot, 'CHANGELOG.md'), 'utf8');
  const section = changelog.split(/\n## /).find((s) => s.startsWith(`[${version}]`));
  assert.ok(section, `CHANGELOG.md has a "## [${version}]" section`);
  assert.match(section, /Migrations|Di chuyển cơ sở dữ liệu/i);
  // Every migration is named in the notes of the release that applies it.
  for (const file of readdirSync(join(projectRoot, 'src/store/migrations')).filter((f) => f.endsWith('.sql'))) {
    assert.ok(changelog.includes(file.replace(/\.sql$/, '')), `CHANGELOG.md names migration ${file}`);
  }
});
