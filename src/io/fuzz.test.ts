/**
 * Fuzzing the readers and importers with seeded random input: random bytes, valid files with
 * bytes flipped, XML mutated inside a well-formed zip, CSV text mutated. Every outcome must be
 * a result or a ParError — no other exception, no hang — and the CLI writes nothing on failure.
 * The mutated inputs must reach both outcomes (some still import, some are refused): a fuzz
 * whose every case dies at the first check would test nothing beyond it. Sized to run in CI in
 * a few seconds: the mutated workbook is the results table alone, most CSV cases run in-process.
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

type Outcome = 'unreadable' | 'refused' | 'imported';

/** Read, then imported as every kind: unreadable (the reader refused), refused (every importer did), or imported by at least one. */
async function outcomeOf(bytes: Uint8Array, format: 'xlsx' | 'csv', kinds = KINDS): Promise<Outcome> {
  let workbook;
  try {
    workbook = await readWorkbook(bytes, { format, limits, file: `fuzz.${format}` });
  } catch (error) {
    if (error instanceof ParError) return 'unreadable';
    throw error;
  }
  let outcome: Outcome = 'refused';
  for (const kind of kinds) {
    try {
      importWorkbook(workbook, dataset, {
        kind,
        year: 2023,
        framework: kind === 'framework' ? undefined : 'lai-chau-district-2023',
        id: 'fuzz',
        name: 'Fuzz',
        level: 'district',
      });
      outcome = 'imported';
    } catch (error) {
      if (!(error instanceof ParError)) throw error;
    }
  }
  return outcome;
}

function tally(): { seen: Record<Outcome, number>; add(o: Outcome): void } {
  const seen: Record<Outcome, number> = { unreadable: 0, refused: 0, imported: 0 };
  return { seen, add: (o) => void seen[o]++ };
}

const exported = exportTables(dataset, { what: 'results', year: 2023 });
const validXlsx = await writeTables(exported, { format: 'xlsx' });
// The info and results sheets only: exceljs reads it in milliseconds, so many more mutations run.
const smallXlsx = await writeTables(
  exported.filter((t) => t.name === 'Thông tin' || t.name === 'Kết quả'),
  { format: 'xlsx' },
);
const validCsv = await writeTables(exported, { format: 'csv' });
const entries = await unzipEntries(smallXlsx);

const flips = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 });

const csvEdits = fc.array(fc.tuple(fc.nat(), fc.constantFrom(';', ',', '"', '\n', 'x', '9', '.', '', '\u0000', 'đ', '-', '=1+1')), {
  minLength: 1,
  maxLength: 8,
});

function edited(text: string, edits: [number, string][]): string {
  let mutated = text;
  for (const [at, insert] of edits) {
    const i = at % Math.max(1, mutated.length);
    mutated = mutated.slice(0, i) + insert + mutated.slice(i + 1);
  }
  return mutated;
}

function flipped(bytes: Uint8Array, changes: [number, number][]): Uint8Array {
  const copy = Uint8Array.from(bytes);
  for (const [at, value] of changes) copy[at % copy.length] = value;
  return copy;
}

test('random bytes: readers refuse with a ParError, never crash', { timeout: 60_000 }, async () => {
  const { seen, add } = tally();
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), async (bytes, zipLike) => {
      if (zipLike && bytes.length > 1) [bytes[0], bytes[1]] = [0x50, 0x4b];
      add(await outcomeOf(bytes, 'xlsx'));
      add(await outcomeOf(bytes, 'csv', ['results', 'framework']));
    }),
    { seed: 20231, numRuns: 200 },
  );
  assert.equal(seen.imported, 0, 'noise imports nothing');
  assert.ok(seen.unreadable > 100 && seen.refused > 50, JSON.stringify(seen));
});

test('a valid .xlsx with bytes flipped or cut: a result or a ParError', { timeout: 120_000 }, async () => {
  const { seen, add } = tally();
  await fc.assert(
    fc.asyncProperty(flips, fc.option(fc.nat()), async (changes, cut) => {
      let bytes = flipped(validXlsx, changes);
      if (cut !== null) bytes = bytes.slice(0, cut % bytes.length);
      add(await outcomeOf(bytes, 'xlsx'));
    }),
    { seed: 8, numRuns: 150 },
  );
  // Compressed bytes flipped fail the zip reader's inflation; flips in the zip's headers or names get further.
  assert.ok(seen.unreadable > 100, JSON.stringify(seen));
});

test('mutated XML inside a well-formed zip reaches the reader: a result or a ParError', { timeout: 120_000 }, async () => {
  const names = entries.map((e) => e.name);
  const { seen, add } = tally();
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...names), flips, fc.option(fc.nat()), async (name, changes, cut) => {
      const mutated = entries.map((e) => {
        if (e.name !== name) return e;
        let data = Buffer.from(flipped(e.data, changes));
        if (cut !== null) data = data.subarray(0, cut % Math.max(1, data.length));
        return { name: e.name, data };
      });
      add(await outcomeOf(zipOf(mutated), 'xlsx', ['results']));
    }),
    { seed: 12, numRuns: 150 },
  );
  assert.ok(seen.unreadable + seen.refused >= 20 && seen.imported >= 20, JSON.stringify(seen));
});

test('mutated CSV text: imported or refused with a ParError, never a crash', { timeout: 60_000 }, async () => {
  const text = new TextDecoder().decode(validCsv);
  const { seen, add } = tally();
  await fc.assert(
    fc.asyncProperty(csvEdits, async (edits) => add(await outcomeOf(new TextEncoder().encode(edited(text, edits)), 'csv', ['results']))),
    { seed: 7, numRuns: 200 },
  );
  assert.ok(seen.unreadable + seen.refused >= 30 && seen.imported >= 15, JSON.stringify(seen));
});

test('mutated CSV through the command line: exit 0 with a valid document, or exit 3 and nothing written', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parindex-fuzz-'));
  try {
    const text = new TextDecoder().decode(validCsv);
    const codes = { 0: 0, 3: 0 };
    await fc.assert(
      fc.asyncProperty(csvEdits, async (edits) => {
        const mutated = edited(text, edits);
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
        codes[code as 0 | 3]++;
      }),
      { seed: 5, numRuns: 20 },
    );
    assert.ok(codes[0] >= 2 && codes[3] >= 2, JSON.stringify(codes));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
