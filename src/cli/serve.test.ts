/**
 * `parindex serve` as an installation runs it: a fresh data folder gets the demo and its users
 * (passwords printed once), a request in flight when SIGTERM arrives is answered before the
 * process exits, a restart keeps the data without seeding again, and a second process on the
 * same embedded database is refused.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';

const bin = fileURLToPath(new URL('../../bin/parindex.js', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'parindex-serve-'));
/** The servers started: one a failed test left running (and the waits on it) would keep the file's process alive. */
const children = new Set<ChildProcess>();
let ended = false;
after(async () => {
  ended = true;
  const running = [...children].filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    running.map((child) => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      return exited;
    }),
  );
  rmSync(folder, { recursive: true, force: true });
});
// Debug logs: the test waits for the server's "request started" line instead of a delay.
const env: NodeJS.ProcessEnv = { ...process.env, PARINDEX_DATA_DIR: folder, PORT: '0', PARINDEX_DEMO_PASSWORD: '', PARINDEX_LOG_LEVEL: 'debug' };
delete env.DATABASE_URL;

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exit: Promise<number | null>;
}

/** Waits for a state of the server's output (checked every 20 ms; no timing is asserted). */
async function until(check: () => boolean): Promise<void> {
  while (!ended && !check()) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function serve(): Promise<Running> {
  const child = spawn(process.execPath, [bin, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const found = /đang chạy tại (http:\/\/\S+)/.exec(output);
      if (found) {
        clearInterval(timer);
        resolve(found[1]!);
      }
    }, 100);
    exit.then(() => {
      clearInterval(timer);
      reject(new Error(`exited: ${output}`));
    });
  });
  return { child, url, output: () => output, exit };
}

test('serve: first start seeds and prints the demo users once, shuts down after the request in flight, restarts on its data', {
  timeout: 240_000,
}, async () => {
  const first = await serve();
  const passwords = [...first.output().matchAll(/^\s+(\S+)\s+(\S{16})\s+\(/gm)].map((m) => [m[1], m[2]] as const);
  assert.deepEqual(
    passwords.map(([user]) => user),
    ['admin', 'appraiser', 'tamduong', 'tamduong-view', 'thanuyen'],
    first.output(),
  );
  const admin = passwords[0]![1];
  // Another process on the same embedded database is refused while the server runs.
  const second = spawnSync(process.execPath, [bin, 'user', 'list'], { env, encoding: 'utf8' });
  assert.equal(second.status, 3, second.stdout + second.stderr);
  assert.match(second.stderr, /đang được một tiến trình khác dùng/);

  // A request whose body is still arriving when SIGTERM comes is answered, then the process exits.
  const { port } = new URL(first.url);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  let reply = '';
  socket.on('data', (chunk) => (reply += chunk));
  const body = JSON.stringify({ username: 'admin', password: admin, token: true });
  socket.write(
    `POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
  );
  // SIGTERM once the server has the request (its headers in, its body not): the state, not a delay.
  await until(() => /"url":"\/api\/session","msg":"request started"/.test(first.output()));
  first.child.kill('SIGTERM');
  // The rest of the body goes once the server says it is stopping (the state, not a delay).
  await until(() => /Đang dừng/.test(first.output()));
  socket.write(body.slice(10));
  await new Promise((resolve) => socket.once('close', resolve));
  assert.match(reply, /^HTTP\/1\.1 200/, reply);
  assert.equal(await first.exit, 0);
  assert.match(first.output(), /Đang dừng/);

  const restarted = await serve();
  try {
    assert.doesNotMatch(restarted.output(), /Người dùng mẫu|Đã nạp dữ liệu mẫu/, 'no second seeding');
    const login = await fetch(`${restarted.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: admin }),
    });
    assert.equal(login.status, 200, 'the data (and the printed password) survived the restart');
  } finally {
    restarted.child.kill('SIGINT');
    assert.equal(await restarted.exit, 0);
  }
});
