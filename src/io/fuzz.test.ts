/**
 * Fuzzing the readers and importers with seeded random input: random bytes, valid files with
 * bytes flipped, XML mutated inside a well-formed zip, CSV text mutated. Every outcome must be
 * a result or a ParError — no other exception, no hang — and the CLI writes nothing on failure.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { ParError, parseDocument } from '../core/index.ts';
import { main } from '../cli/main.ts';
import { DEFAULT_LIMITS, exportTables, importWorkbook, readWorkbook, writeTables, type ImportKind } from './index.ts';
import { demoDataset, unzipEntries, zipOf } from './testFiles.ts';

const dataset = demoDataset();
const limits = { ...DEFAULT_LIMITS, timeoutMs: 10_000 };
const KINDS: ImportKind[] = ['results', 'survey', 'indicators', 'framework'];

async function outcomeOf(bytes: Uint8Array, format: 'xlsx' | 'csv'): Promise<'ok' | 'refused'> {
  try {
    const workbook = await readWorkbook(bytes, { format, limits, file: `fuzz.${format}` });
    for (const kind of KINDS) {
      try {
        importWorkbook(workbook, dataset, { kind, year: 2023, framework: kind === 'framework' ? undefined : 'lai-chau-district-2023', id: 'fuzz', name: 'Fuzz', level: 'district' });
      } catch (error) {
        if (!(error instanceof ParError)) throw error;
      }
    }
    return 'ok';
  } catch (error) {
    if (error instanceof ParError) return 'refused';
    throw error;
  }
}

const validXlsx = await writeTables(exportTables(dataset, { what: 'results', year: 2023 }), { format: 'xlsx' });
const validCsv = await writeTables(exportTables(dataset, { what: 'results', year: 2023 }), { format: 'csv' });
const entries = await unzipEntries(validXlsx);

const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 });

function flipped(bytes: Uint8Array, changes: [number, number][]): Uint8Array {
  const copy = Uint8Array.from(bytes);
  for (const [at, value] of changes) copy[at % copy.length] = value;
  return copy;
}

test('random bytes: readers refuse with a ParError, never crash', { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), async (bytes, zipLike) => {
      if (zipLike && bytes.length > 1) [bytes[0], bytes[1]] = [0x50, 0x4b];
      await outcomeOf(bytes, 'xlsx');
      await outcomeOf(bytes, 'csv');
    }),
    { seed: 20231, numRuns: 150 },
  );
});

test('a valid .xlsx with bytes flipped or cut: a result or a ParError', { timeout: 120_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(flips, fc.option(fc.nat()), async (changes, cut) => {
      let bytes = flipped(validXlsx, changes);
      if (cut !== null) bytes = bytes.slice(0, cut % bytes.length);
      await outcomeOf(bytes, 'xlsx');
    }),
    { seed: 8, numRuns: 80 },
  );
});

test('mutated XML inside a well-formed zip reaches exceljs: a result or a ParError', { timeout: 120_000 }, async () => {
  const names = entries.map((e) => e.name);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...names), flips, fc.option(fc.nat()), async (name, changes, cut) => {
      const mutated = entries.map((e) => {
        if (e.name !== name) return e;
        let data = Buffer.from(flipped(e.data, changes));
        if (cut !== null) data = data.subarray(0, cut % Math.max(1, data.length));
        return { name: e.name, data };
      });
      await outcomeOf(zipOf(mutated), 'xlsx');
    }),
    { seed: 12, numRuns: 80 },
  );
});

test('mutated CSV through the command line: exit 0 with a valid document, or exit 3 and nothing written', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-fuzz-'));
  try {
    const text = new TextDecoder().decode(validCsv);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.constantFrom(';', ',', '"', '\n', 'x', '9', '.', '', '\u0000', 'đ')), { minLength: 1, maxLength: 8 }), async (edits) => {
        let mutated = text;
        for (const [at, insert] of edits) {
          const i = at % Math.max(1, mutated.length);
          mutated = mutated.slice(0, i) + insert + mutated.slice(i + 1);
        }
        const input = join(dir, 'in.csv');
        const out = join(dir, 'out.yaml');
        rmSync(out, { force: true });
        writeFileSync(input, mutated);
        const code = await main(['import', input, '--kind', 'results', '--year', '2023', '--out', out], { out: () => {}, err: () => {} });
        if (code === 0) assert.equal((parseDocument(readFileSync(out, 'utf8')) as { kind: string }).kind, 'results');
        else {
          assert.equal(code, 3);
          assert.ok(!existsSync(out), 'nothing written on failure');
        }
      }),
      { seed: 5, numRuns: 60 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
