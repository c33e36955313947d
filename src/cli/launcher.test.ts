/**
 * bin/parindex.js runs short commands with `--liftoff-only` (its first line) and the commands
 * that keep the embedded database busy for seconds (`load`) in a Node started without it
 * (issue 16.7): each Node process it starts says on exit which flags it ran with.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/parindex.js', import.meta.url));
const HOOK = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nflags: "+JSON.stringify(process.execArgv)+"\\n"))';

/** The flags of each Node process a run of the launcher (started as its first line says) went through, the one that ran the command first. */
function flagsOf(...args: string[]): { status: number | null; flags: string[][] } {
  return flagsWith(['--liftoff-only'], ...args);
}

function flagsWith(options: string[], ...args: string[]): { status: number | null; flags: string[][] } {
  const result = spawnSync(process.execPath, [...options, '--import', HOOK, bin, ...args], { encoding: 'utf8' });
  return { status: result.status, flags: [...result.stderr.matchAll(/^flags: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as string[]) };
}

test('a short command runs in the launcher, WebAssembly as first compiled', () => {
  const { status, flags } = flagsOf('--version');
  assert.equal(status, 0);
  assert.equal(flags.length, 1);
  assert.ok(flags[0]!.includes('--liftoff-only'));
});

test('load runs in a Node without --liftoff-only, its exit code passed on', () => {
  // Without files: a usage error (exit 2) from the command itself, in the second process.
  for (const args of [['load'], ['--lang', 'en', 'load']]) {
    const { status, flags } = flagsOf(...args);
    assert.equal(status, 2);
    assert.equal(flags.length, 2, 'the command ran in a second process');
    assert.ok(!flags[0]!.includes('--liftoff-only'), 'the command without the flag');
    assert.ok(flags[0]!.includes('--import'), 'the other options kept');
  }
});

test('started without the flag (as the service and the tests start it), a command runs in the launcher without it', () => {
  for (const args of [['--version'], ['load']]) {
    const { flags } = flagsWith([], ...args);
    assert.equal(flags.length, 1, args.join(' '));
    assert.ok(!flags[0]!.includes('--liftoff-only'));
  }
});
