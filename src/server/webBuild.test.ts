import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { reuseWebBuild, webSourcesHash } from './webBuild.ts';

test('an upgrade takes the installed web build only when it was built from the same sources', () => {
  const folder = mkdtempSync(join(tmpdir(), 'parindex-webbuild-'));
  try {
    const installed = join(folder, 'app', 'web', 'dist');
    mkdirSync(join(installed, 'assets'), { recursive: true });
    writeFileSync(join(installed, 'index.html'), '<!doctype html>');
    writeFileSync(join(installed, 'assets', 'app-1234.js'), 'app');
    const to = join(folder, 'next', 'web', 'dist');
    mkdirSync(to, { recursive: true });
    writeFileSync(join(to, 'stale.js'), 'old');

    assert.equal(reuseWebBuild(join(folder, 'app'), to), false, 'a build without a record of its sources is not taken');
    writeFileSync(join(installed, '.sources'), `${'0'.repeat(64)}\n`);
    assert.equal(reuseWebBuild(join(folder, 'app'), to), false, 'nor one built from other sources');
    assert.ok(existsSync(join(to, 'stale.js')));

    const hash = webSourcesHash();
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(webSourcesHash(), hash, 'the same sources, the same record');
    writeFileSync(join(installed, '.sources'), `${hash}\n`);
    assert.equal(reuseWebBuild(join(folder, 'app'), to), true);
    assert.equal(readFileSync(join(to, 'assets', 'app-1234.js'), 'utf8'), 'app');
    assert.ok(!existsSync(join(to, 'stale.js')), 'the build replaces what was there');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
