import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  analyzeUnit,
  compareFractions,
  formatNumber,
  fraction,
  parsePoints,
  percentOf,
  signOf,
  type ComponentAnalysis,
  type Fraction,
  type Points,
  type UnitRef,
} from '../core/index.ts';
import { loadDataset } from '../io/dataFolder.ts';
import { buildReport } from './build.ts';
import {
  componentSentence,
  MAX_NAMED_AHEAD,
  MAX_NAMED_TIES,
  percentChangeWords,
  pointsChangeWords,
  rankChangeWords,
  rankWords,
  summarySentence,
  tieNames,
} from './narrative.ts';

const NAMES = ['Than Uyên', 'Tân Uyên', 'TP. Lai Châu', 'Phong Thổ', 'Mường Tè', 'Sìn Hồ', 'Nậm Nhùn', 'Bản Bo', 'Bình Lư'];
const ref = (name: string): UnitRef => ({ id: name, name, fullName: name, illustrative: false });

test('direction words always follow the sign of the change they describe', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d) => {
      const words = percentChangeWords(fraction(n, d));
      return n > 0n ? words.startsWith('tăng ') : n < 0n ? words.startsWith('giảm ') : words.startsWith('giữ nguyên');
    }),
  );
  fc.assert(
    fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (micro) => {
      const words = pointsChangeWords(micro as Points);
      return micro > 0
        ? words.startsWith('tăng ') && !words.includes('-')
        : micro < 0
          ? words.startsWith('giảm ') && !words.includes('-')
          : words.startsWith('giữ nguyên');
    }),
  );
  assert.equal(rankChangeWords(-1), 'giảm 1 hạng');
  assert.equal(rankChangeWords(2), 'tăng 2 hạng');
  assert.equal(rankChangeWords(0), 'giữ nguyên thứ hạng');
});

/** What a component sentence claims, read back from its words. */
function readBack(sentence: string) {
  const rank = /[xX]ếp hạng thứ (\d+)\/(\d+)/.exec(sentence);
  const change = /(tăng|giảm) ([\d.,]+)%|giữ nguyên tỷ lệ|tỷ lệ điểm đạt không đổi/.exec(sentence);
  return {
    rank: rank ? Number(rank[1]) : undefined,
    of: rank ? Number(rank[2]) : undefined,
    tied: /[cC]ùng xếp hạng/.test(sentence),
    direction: !change ? undefined : change[1] === 'tăng' ? 1 : change[1] === 'giảm' ? -1 : 0,
    magnitude: change?.[2],
    named: NAMES.filter((n) => sentence.includes(n)),
  };
}

test('a component sentence states exactly the rank, ties, units ahead and direction it is given', () => {
  const names = fc.shuffledSubarray(NAMES);
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 20_000_000 }),
      fc.integer({ min: 1, max: 8 }),
      fc.bigInt({ min: -(10n ** 8n), max: 10n ** 8n }),
      names,
      fc.integer({ min: 0, max: 9 }),
      fc.integer({ min: 0, max: 7 }),
      (score, rank, deltaNumerator, units, split, variant) => {
        const tiedWith = units.slice(0, Math.min(split, units.length)).map(ref);
        const ahead = units.slice(tiedWith.length).map(ref);
        const delta: Fraction = fraction(deltaNumerator, 10_000n);
        const c = {
          code: '1',
          name: 'x',
          max: parsePoints(20),
          source: 'appraisal',
          score: score as Points,
          percent: percentOf(score as Points, parsePoints(20)),
          deltaPercentagePoints: delta,
          rank,
          of: 9,
          tiedWith,
          ahead,
          deductions: [],
          deductedTotal: 0 as Points,
          criteria: [],
        } as unknown as ComponentAnalysis; // only what the sentence reads
        const said = readBack(componentSentence(c, 2023, 2022, 'huyện, thành phố', 2, { variant }));
        assert.equal(said.rank, rank);
        assert.equal(said.of, 9);
        assert.equal(said.tied, tiedWith.length > 0);
        assert.equal(said.direction, signOf(delta));
        if (signOf(delta) !== 0)
          assert.equal(said.magnitude, formatNumber(signOf(delta) < 0 ? fraction(-deltaNumerator, 10_000n) : delta, { decimals: 2, trimZeros: true }));
        // A tie of more than MAX_NAMED_TIES units is counted, not named.
        const shouldName = [...(tiedWith.length <= MAX_NAMED_TIES ? tiedWith : []), ...(ahead.length <= MAX_NAMED_AHEAD ? ahead : [])]
          .map((u) => u.name)
          .sort();
        assert.deepEqual(said.named.sort(), shouldName);
      },
    ),
    { numRuns: 300 },
  );
});

test('no sentence of any demo report contradicts the figures: ranks, ties and directions recomputed from all units’ scores', () => {
  const dataset = loadDataset();
  for (const year of [2022, 2023]) {
    const ids = dataset.results.find((s) => s.year === year)!.units.map((u) => u.unitId);
    const analyses = new Map(ids.map((id) => [id, analyzeUnit(dataset, id, year)]));
    for (const id of ids) {
      const a = analyses.get(id)!;
      const report = buildReport(dataset, id, year);
      // The total: rank by counting higher totals (competition ranking: the demo's tie rule).
      const totalRank = 1 + ids.filter((o) => a.total! < analyses.get(o)!.total!).length;
      const summary = report.body.find((b) => b.kind === 'paragraph' && b.runs[0]!.text.startsWith(`Năm ${year}, Chỉ số PAR INDEX`));
      assert.ok(summary && summary.kind === 'paragraph');
      assert.match(summary.runs[0]!.text, new RegExp(`xếp vị trí thứ ${totalRank}/${ids.length} `));
      if (a.previous?.rank !== undefined) {
        const moved = a.previous.rank - totalRank;
        assert.match(summary.runs[0]!.text, new RegExp(moved === 0 ? 'giữ nguyên thứ hạng' : `${moved > 0 ? 'tăng' : 'giảm'} ${Math.abs(moved)} hạng`));
      }
      for (const [k, c] of a.components.entries()) {
        const heading = report.body.findIndex((b) => b.kind === 'heading' && b.text.startsWith(`2.${k + 1}. `));
        const block = report.body[heading + 1]!;
        assert.equal(block.kind, 'paragraph');
        const sentence = block.kind === 'paragraph' ? block.runs[0]!.text : '';
        const said = readBack(sentence);
        const others = ids.filter((o) => o !== id).map((o) => ({ name: analyses.get(o)!.unit.name, score: analyses.get(o)!.components[k]!.score! }));
        const ahead = others.filter((o) => o.score > c.score!);
        const tied = others.filter((o) => o.score === c.score!);
        assert.equal(said.rank, 1 + ahead.length, `${id} ${year} 2.${k + 1}: ${sentence}`);
        assert.equal(said.tied, tied.length > 0, `${id} ${year} 2.${k + 1}: ${sentence}`);
        for (const t of tied) assert.ok(sentence.includes(t.name), `${id} ${year} 2.${k + 1} ties with ${t.name}: ${sentence}`);
        if (ahead.length <= MAX_NAMED_AHEAD)
          for (const o of ahead) assert.ok(sentence.includes(o.name), `${id} ${year} 2.${k + 1} after ${o.name}: ${sentence}`);
        if (c.previousScore !== undefined && c.previousMax === c.max) {
          const now = percentOf(c.score!, c.max)!;
          const before = percentOf(c.previousScore, c.max)!;
          assert.equal(said.direction, compareFractions(now, before), `${id} ${year} 2.${k + 1}: ${sentence}`);
        }
      }
    }
  }
});

test('the summary sentence reads naturally and names the level’s peers', () => {
  const a = analyzeUnit(loadDataset(), 'tam-duong', 2023);
  assert.equal(
    summarySentence(a, 'huyện', { phrase: 'Chỉ số PAR INDEX', peers: 'huyện, thành phố', precision: 2 }),
    'Năm 2023, Chỉ số PAR INDEX của huyện đạt 78,12 điểm, xếp vị trí thứ 4/8 huyện, thành phố, giảm 1 hạng so với năm 2022.',
  );
});

test('a tie of more than a few units is counted, not listed (a national ranking ties thousands of communes)', () => {
  const many = Array.from({ length: 13 }, (_, i) => ref(`Xã Thử ${i + 1}`));
  assert.equal(rankWords(2167, 4000, many, []), 'cùng xếp hạng thứ 2167/4000 với 13 đơn vị khác');
  assert.equal(rankWords(2, 8, NAMES.slice(0, 4).map(ref), []), 'cùng xếp hạng thứ 2/8 với Than Uyên, Tân Uyên, TP. Lai Châu và Phong Thổ');
  assert.equal(tieNames(NAMES.slice(0, MAX_NAMED_TIES).map(ref)).split(', ').length, MAX_NAMED_TIES - 1, 'up to the limit every name is said');
});
