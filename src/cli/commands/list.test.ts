import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { COMMANDS } from './list.ts';

test('every command in the list loads the module that runs it, with the same name, summary and usage', async () => {
  for (const info of COMMANDS) {
    const command = await info.load();
    assert.equal(command.name, info.name);
    assert.deepEqual(command.summary, info.summary);
    assert.equal(command.usage, info.usage);
    assert.equal(typeof command.run, 'function');
  }
  // The schema command's usage names every kind of file it describes.
  assert.match(COMMANDS.find((c) => c.name === 'schema')!.usage, /<framework\|results\|units\|report\|plan>/);
});

test('`parindex --help` loads no command module, nor the core, the store or any package', () => {
  const hook =
    'data:text/javascript,import{registerHooks}from"node:module";registerHooks({resolve(s,c,n){const r=n(s,c);process.stderr.write("LOADED "+r.url+"\\n");return r}})';
  const child = spawnSync(process.execPath, ['--import', hook, new URL('../main.ts', import.meta.url).pathname, '--help'], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /parindex — /);
  const loaded = [...child.stderr.matchAll(/LOADED (\S+)/g)].map((m) => m[1]!).filter((u) => u.startsWith('file:'));
  assert.ok(loaded.length > 0, 'the hook saw the modules');
  const heavy = loaded.filter((u) => /\/src\/(core|store|report|server|io)\/|\/node_modules\/|\/src\/cli\/commands\/(?!list\.ts)/.test(u));
  assert.deepEqual(heavy, []);
});
