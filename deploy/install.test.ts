/**
 * The operations guide's install and upgrade path, run for real: deploy/install.sh installs this
 * checkout into a clean folder as a user who is not root (`nobody` when the tests run as root),
 * onto a PostgreSQL database made by the previous release (deploy/test/release-0.1.0: its demo,
 * a unit's score and evidence, a new user, a keyed audit trail); the upgrade's backup, the
 * migrations, the audit trail's verification with the old key and anchors, the old figures and
 * the installed server's health are then checked as the service's user would.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { projectRoot } from '../src/io/dataFolder.ts';

const url = process.env.PARINDEX_TEST_DATABASE_URL;
const fixture = join(projectRoot, 'deploy', 'test', 'release-0.1.0');
const asRoot = process.getuid?.() === 0;
const hasPsql = spawnSync('psql', ['--version']).status === 0;
const skip = !url ? 'no PostgreSQL (PARINDEX_TEST_DATABASE_URL)' : !hasPsql ? 'no psql client' : false;
if (skip && process.env.PARINDEX_REQUIRE_POSTGRES === '1') throw new Error(`the install test needs ${skip}`);

describe('deploy/install.sh: install as a non-root user, upgrade a 0.1.0 database', { skip }, () => {
  const root = mkdtempSync(join(tmpdir(), 'parindex-install-'));
  const prefix = join(root, 'parindex');
  const database = `parindex_upgrade_${randomBytes(4).toString('hex')}`;
  const databaseUrl = (() => {
    const u = new URL(url ?? 'postgres://localhost/x');
    u.pathname = `/${database}`;
    return u.toString();
  })();
  /** Runs a program as the installation's user (HOME and npm's cache in the test's folder). */
  function asUser(program: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): SpawnSyncReturns<string> {
    // git reads the checkout owned by another user only when told it is safe.
    const git = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' };
    const env = { PATH: process.env.PATH!, HOME: join(root, 'home'), npm_config_cache: join(root, 'cache'), LANG: 'C.UTF-8', ...git, ...options.env };
    const [command, argv] = asRoot
      ? ['runuser', ['-u', 'nobody', '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), program, ...args]]
      : [program, args];
    return spawnSync(command, argv, { cwd: options.cwd ?? root, env: asRoot ? { PATH: process.env.PATH! } : env, encoding: 'utf8', maxBuffer: 64 << 20 });
  }
  const installed = (...args: string[]) =>
    asUser(join(prefix, 'app', 'node_modules', '.bin', 'node'), [join(prefix, 'app', 'src', 'cli', 'main.ts'), ...args], {
      cwd: join(prefix, 'app'),
      env: settings(),
    });
  function settings(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const line of readFileSync(join(prefix, 'parindex.env'), 'utf8').split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line);
      if (m) env[m[1]!] = m[2]!;
    }
    return env;
  }
  const ok = (r: SpawnSyncReturns<string>, what: string) => assert.equal(r.status, 0, `${what} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);

  before(async () => {
    mkdirSync(join(root, 'home'), { recursive: true });
    // npm's cache, so the install takes what this machine already downloaded.
    const cache = join(homedir(), '.npm', '_cacache');
    if (existsSync(cache)) cpSync(cache, join(root, 'cache', '_cacache'), { recursive: true });
    // The previous release's database, as its operator left it (schema, demo, writes, keyed trail).
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const dump = execFileSync('gunzip', ['-c', join(fixture, 'database.sql.gz')]);
    execFileSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', databaseUrl], { input: dump, stdio: ['pipe', 'ignore', 'pipe'] });
    // The previous installation: its settings and its data folder with the trail's key and anchors.
    mkdirSync(join(prefix, 'data'), { recursive: true });
    for (const file of ['audit.key', 'audit-anchors.log']) copyFileSync(join(fixture, file), join(prefix, 'data', file));
    writeFileSync(
      join(prefix, 'parindex.env'),
      `DATABASE_URL=${databaseUrl}\nPARINDEX_DATA_DIR=${join(prefix, 'data')}\nPARINDEX_DEMO=0\nPARINDEX_LOG_LEVEL=warn\n`,
    );
    chmodSync(join(prefix, 'parindex.env'), 0o600);
    if (asRoot) {
      chmodSync(root, 0o755);
      execFileSync('chown', ['-R', 'nobody', root]);
    }
  });

  after(async () => {
    rmSync(root, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  test('installs into a clean folder without root, keeps the settings, migrates the old database', () => {
    const first = asUser('bash', [join(projectRoot, 'deploy', 'install.sh'), '--source', projectRoot, prefix]);
    ok(first, 'deploy/install.sh');
    assert.match(first.stdout, /installed \S+ \d+\.\d+\.\d+/);
    // The settings the operator wrote are kept (not replaced by the example).
    assert.match(readFileSync(join(prefix, 'parindex.env'), 'utf8'), new RegExp(`DATABASE_URL=${databaseUrl}`));
    const version = installed('--version');
    ok(version, 'parindex --version');
    assert.equal(version.stdout.trim(), `parindex ${JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version}`);
  });

  test('the old trail verifies with its key and anchors; the old figures, users and scores are there', () => {
    const verify = installed('audit', 'verify');
    ok(verify, 'parindex audit verify');
    const analysis = installed('analyze', '--database', '--unit', 'tam-duong', '--year', '2023', '--format', 'json');
    ok(analysis, 'parindex analyze');
    assert.equal(String(JSON.parse(analysis.stdout).total), '78.119875');
    const users = installed('user', 'list');
    ok(users, 'parindex user list');
    assert.match(users.stdout, /sotuphap/);
  });

  test('an upgrade over an installation takes a backup first and keeps the previous release for a rollback', () => {
    const again = asUser('bash', [join(projectRoot, 'deploy', 'install.sh'), '--source', projectRoot, prefix]);
    ok(again, 'deploy/install.sh (upgrade)');
    assert.ok(existsSync(join(prefix, 'app.previous', 'package.json')), 'the previous release is kept');
    // The same app: its web build is taken from the installation it replaces, not built again.
    const sources = (app: string) => readFileSync(join(prefix, app, 'web', 'dist', '.sources'), 'utf8');
    assert.equal(sources('app'), sources('app.previous'));
    // Copied with its timestamps (through a double, so to the microsecond, not the nanosecond):
    // a build made during the upgrade would be seconds newer.
    const built = (app: string) => statSync(join(prefix, app, 'web', 'dist', 'index.html')).mtimeMs;
    assert.ok(Math.abs(built('app') - built('app.previous')) < 1, `${built('app')} vs ${built('app.previous')}`);
    const backups = readdirSync(join(prefix, 'backups'));
    assert.equal(backups.length, 1, `one backup before the upgrade: ${backups}`);
    ok(installed('audit', 'verify'), 'parindex audit verify after the upgrade');
  });

  test('the installed server starts as the service would and reports its migrations applied', async () => {
    const env = { ...settings(), PORT: '0', HOST: '127.0.0.1' };
    const program = join(prefix, 'app', 'node_modules', '.bin', 'node');
    const args = [join(prefix, 'app', 'src', 'cli', 'main.ts'), 'serve'];
    const child = asRoot
      ? spawn(
          'runuser',
          [
            '-u',
            'nobody',
            '--',
            'env',
            ...Object.entries({ PATH: process.env.PATH!, HOME: join(root, 'home'), ...env }).map(([k, v]) => `${k}=${v}`),
            program,
            ...args,
          ],
          { cwd: join(prefix, 'app') },
        )
      : spawn(program, args, { cwd: join(prefix, 'app'), env: { PATH: process.env.PATH!, HOME: join(root, 'home'), ...env } });
    try {
      // The server prints its address once it listens: wait for that line, not for a time.
      const address = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const m = /http:\/\/[\d.:a-z]+:\d+/.exec(out);
          if (m) resolve(m[0]);
        });
        child.stderr.on('data', (chunk) => (out += chunk));
        child.on('exit', (code) => reject(new Error(`the server stopped (${code}):\n${out}`)));
      });
      const health = (await (await fetch(`${address}/api/health`)).json()) as { migrations: { pending: number[]; known: number } };
      assert.deepEqual(health.migrations.pending, []);
      const published = (await (await fetch(`${address}/api/results?year=2023`)).json()) as { units?: unknown[]; groups?: unknown[] };
      assert.ok(JSON.stringify(published).includes('tam-duong'), 'the published ranking of 2023 is served');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
