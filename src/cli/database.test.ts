/**
 * One command line over both sources: every read command given `--database` reads the server's
 * database (the embedded one under PARINDEX_DATA_DIR, and PostgreSQL through DATABASE_URL when
 * PARINDEX_TEST_DATABASE_URL names a server) and says what it says from the data folders.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { projectRoot } from '../io/dataFolder.ts';
import { run } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'parindex-cli-db-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Source {
  name: string;
  /** Points the commands' environment at a fresh, empty database; returns how to drop it. */
  open(): Promise<() => Promise<void>>;
}

const sources: Source[] = [
  {
    name: 'pglite',
    async open() {
      const folder = mkdtempSync(join(dir, 'pglite-'));
      process.env.PARINDEX_DATA_DIR = folder;
      delete process.env.DATABASE_URL;
      return async () => rmSync(folder, { recursive: true, force: true });
    },
  },
];
const url = process.env.PARINDEX_TEST_DATABASE_URL;
if (url) {
  sources.push({
    name: 'postgres',
    async open() {
      // A schema of its own, as the server is pointed at a database: DATABASE_URL with a search path.
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE SCHEMA ${schema}`);
      } finally {
        // A connected client left open keeps the file's process alive.
        await admin.end();
      }
      process.env.DATABASE_URL = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      return async () => {
        delete process.env.DATABASE_URL;
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`DROP SCHEMA ${schema} CASCADE`);
        } finally {
          await client.end();
        }
      };
    },
  });
}

/** The read commands, each as people run them on the demo province. */
const READS: string[][] = [
  ['analyze', '--unit', 'tam-duong', '--year', '2023'],
  ['rank', '--year', '2023', '--format', 'json'],
  ['check', '--year', '2023'],
  ['check', '--year', '2022', '--level', 'district'],
  ['check', '--unit', 'Tam Đường', '--year', '2023', '--format', 'json'],
  ['plan', 'recoverable', '--unit', 'tam-duong', '--year', '2023'],
  ['plan', 'show', '--unit', 'tam-duong', '--year', '2024', '--today', '2024-06-01'],
  ['plan', 'calendar', '--unit', 'tam-duong', '--year', '2024', '--today', '2024-06-01'],
  ['whatif', '--unit', 'tam-duong', '--year', '2023', '--set', '7.3.6=46/46', '--target-rank', '3'],
  ['robustness', '--year', '2023', '--runs', '200'],
];

for (const source of sources) {
  test(`--database (${source.name}): every read command says from the server's database what it says from the data folders; check --year exits 1 on an error, 0 without`, async () => {
    const drop = await source.open();
    try {
      const load = await run('load', join(projectRoot, 'frameworks'), join(projectRoot, 'data/demo/lai-chau'));
      assert.equal(load.code, 0, load.err);
      const codes = new Map<string, number>();
      for (const args of READS) {
        const [fromFolders, fromDatabase] = [await run(...args), await run(...args, '--database')];
        assert.deepEqual(
          { code: fromDatabase.code, out: fromDatabase.out, err: fromDatabase.err },
          { code: fromFolders.code, out: fromFolders.out, err: fromFolders.err },
          args.join(' '),
        );
        codes.set(args.join(' '), fromDatabase.code);
      }
      assert.equal(codes.get('check --year 2023'), 1, "Tam Đường's report prints a figure the data contradicts");
      assert.equal(codes.get('check --year 2022 --level district'), 0);
      assert.equal(codes.get('analyze --unit tam-duong --year 2023'), 0);
      const report = (out: string, ...source: string[]) =>
        run('report', '--unit', 'tam-duong', '--year', '2023', '--format', 'md', '--out', join(dir, out), ...source);
      assert.equal((await report(`${source.name}-db.md`, '--database')).code, 0);
      assert.equal((await report(`${source.name}-data.md`)).code, 0);
      assert.equal(readFileSync(join(dir, `${source.name}-db.md`), 'utf8'), readFileSync(join(dir, `${source.name}-data.md`), 'utf8'));
      const mixed = await run('rank', '--year', '2023', '--database', '--data', join(projectRoot, 'data/demo/lai-chau'));
      assert.equal(mixed.code, 2);
      assert.match(mixed.err, /--database không dùng cùng --data/);
    } finally {
      await drop();
    }
  });
}
