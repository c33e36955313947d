/**
 * How sure is a rank? Monte Carlo over survey uncertainty: each run draws every unit's survey
 * score from a normal distribution around its published value (spread per unit, clamped to
 * [0, the survey maximum]), optionally also each component's weight (a factor around 1, the
 * weights then rescaled to keep the same maximum), ranks all units (ties share a rank, by the
 * framework's tie rule), and counts. A seeded PRNG makes every run reproducible. Typed arrays,
 * no allocation inside the loop: 10,000 runs of 4,000 units fit in seconds.
 */
import { ParError, issue } from '../errors.ts';
import type { TieRule } from '../framework/types.ts';
import { analyzeProvince } from '../analysis/province.ts';
import type { Dataset } from '../dataset.ts';
import type { UnitLevel } from '../framework/types.ts';
export interface RobustnessInput {
  /** Appraisal (fixed) part of each unit's total, in micro-points. */
  appraisal: Float64Array;
  /** Survey part, micro-points. */
  survey: Float64Array;
  /** Standard deviation of the survey part per unit, micro-points. */
  spread: Float64Array;
  surveyMax: number;
  runs: number;
  seed: number;
  /** Equal scores share a rank; `dense` (1, 1, 2) or `competition` (1, 1, 3, the default). */
  tieRule?: TieRule;
  /**
   * Weight uncertainty: each unit's component scores (unit-major, `components` per unit, micro-points,
   * summing to its total), the components' maxima, and the standard deviation of each weight factor (0.1 = ±10%).
   */
  weights?: { scores: Float64Array; max: Float64Array; spread: number };
}

export interface RankDistribution {
  /**
   * Probability of each rank (index 0 = rank 1): for every unit when there are at most
   * `ALL_PROBABILITIES_LIMIT` units, else for the units asked for (`probabilitiesOf`).
   */
  probabilities?: Float64Array;
  mean: number;
  /** The 5th and 95th percentiles of the rank: a 90% interval. */
  low: number;
  high: number;
  /** Rank with the published scores (no noise). */
  rank: number;
}

/** xorshift128+ seeded by splitmix64: fast, reproducible, good enough for simulation. */
function generator(seed: number) {
  let z = BigInt.asUintN(64, BigInt(seed) + 0x9e3779b97f4a7c15n);
  const split = () => {
    z = BigInt.asUintN(64, z + 0x9e3779b97f4a7c15n);
    let x = z;
    x = BigInt.asUintN(64, (x ^ (x >> 30n)) * 0xbf58476d1ce4e5b9n);
    x = BigInt.asUintN(64, (x ^ (x >> 27n)) * 0x94d049bb133111ebn);
    return x ^ (x >> 31n);
  };
  const state = new Uint32Array(4);
  const a = split();
  const b = split();
  state[0] = Number(a & 0xffffffffn);
  state[1] = Number(a >> 32n);
  state[2] = Number(b & 0xffffffffn);
  state[3] = Number(b >> 32n);
  // xoshiro128** on 32-bit words (no BigInt in the loop).
  return () => {
    const result = Math.imul(rotl(Math.imul(state[1]!, 5), 7), 9) >>> 0;
    const t = state[1]! << 9;
    state[2]! ^= state[0]!;
    state[3]! ^= state[1]!;
    state[1]! ^= state[2]!;
    state[0]! ^= state[3]!;
    state[2]! ^= t;
    state[3] = rotl(state[3]!, 11);
    return result / 4294967296;
  };
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/** Scratch arrays for ranking n units, allocated once per simulation. */
interface RankScratch {
  keys: Float64Array;
  rounded: Float64Array;
  keyA: Uint32Array;
  keyB: Uint32Array;
  indexA: Uint16Array;
  indexB: Uint16Array;
  count: Uint32Array;
}

function rankScratch(n: number): RankScratch {
  return {
    keys: new Float64Array(n),
    rounded: new Float64Array(n),
    keyA: new Uint32Array(n),
    keyB: new Uint32Array(n),
    indexA: new Uint16Array(n),
    indexB: new Uint16Array(n),
    count: new Uint32Array(2048),
  };
}

/**
 * Ranks of `totals` (micro-points, compared after rounding to whole micro-points) into `ranks`:
 * competition 1, 1, 3 or dense 1, 1, 2. Totals span at most a few hundred points, so the keys
 * (distance below the best total) fit in 32 bits and an LSD radix sort of 11-bit digits orders
 * them in a few linear passes — several times faster than a comparison sort at 4,000 units.
 * A wider span falls back to one native sort of packed float keys.
 */
function rankInto(totals: Float64Array, scratch: RankScratch, ranks: Uint16Array, dense = false): void {
  const n = totals.length;
  const { rounded } = scratch;
  let top = -Infinity;
  let bottom = Infinity;
  for (let u = 0; u < n; u++) {
    const r = Math.round(totals[u]!);
    rounded[u] = r;
    if (r > top) top = r;
    if (r < bottom) bottom = r;
  }
  if (n === 0) return;
  const span = top - bottom;
  if (span >= 2 ** 32 || n >= 65536) {
    const { keys } = scratch;
    const stride = 65536;
    for (let u = 0; u < n; u++) keys[u] = (top - rounded[u]!) * stride + u;
    keys.sort();
    let previous = Number.NaN;
    let rank = 0;
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      const u = key % stride;
      const score = Math.floor(key / stride);
      if (score !== previous) {
        rank = dense ? rank + 1 : i + 1;
        previous = score;
      }
      ranks[u] = rank;
    }
    return;
  }
  let { keyA, keyB, indexA, indexB } = scratch;
  const { count } = scratch;
  for (let u = 0; u < n; u++) {
    keyA[u] = top - rounded[u]!;
    indexA[u] = u;
  }
  for (let shift = 0; shift < 32 && span >>> shift > 0; shift += 11) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(keyA[i]! >>> shift) & 2047]!++;
    let sum = 0;
    for (let d = 0; d < 2048; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = count[(keyA[i]! >>> shift) & 2047]!++;
      keyB[at] = keyA[i]!;
      indexB[at] = indexA[i]!;
    }
    [keyA, keyB] = [keyB, keyA];
    [indexA, indexB] = [indexB, indexA];
  }
  let previous = -1;
  let rank = 0;
  for (let i = 0; i < n; i++) {
    const key = keyA[i]!;
    if (key !== previous) {
      rank = dense ? rank + 1 : i + 1;
      previous = key;
    }
    ranks[indexA[i]!] = rank;
  }
}

/** Ranks kept (2 bytes each) for the percentiles: 200 million is 400 MB. */
const MAX_SAMPLES = 200_000_000;

/**
 * Every unit's probabilities are n numbers each, n² in all: 300 units give 90,000 (about 1 MB
 * of JSON), 4,000 units would give 16 million (hundreds of MB in a response, for a table nobody
 * reads whole). Up to this many units all are returned; above it only the units asked for (a
 * unit's own page asks for itself), while the mean and the 90% interval come for every unit.
 * A bound on the size of the answer, not on the simulation.
 */
export const ALL_PROBABILITIES_LIMIT = 300;

export interface RobustnessOptions {
  /** Units (indices into the input) whose probability of each rank is wanted whatever their number. */
  probabilitiesOf?: readonly number[];
}

export function rankRobustness(input: RobustnessInput, options: RobustnessOptions = {}): RankDistribution[] {
  const n = input.appraisal.length;
  if (n >= 65536) throw new RangeError('at most 65,535 units');
  if (n * input.runs > MAX_SAMPLES) {
    throw new ParError(
      issue(
        'robustness.tooLarge',
        {
          vi: `${n} đơn vị × ${input.runs} lần mô phỏng là quá lớn (tối đa ${MAX_SAMPLES / 1e6} triệu): hãy giảm số lần mô phỏng`,
          en: `${n} units × ${input.runs} runs is too large (at most ${MAX_SAMPLES / 1e6} million): use fewer runs`,
        },
        { field: 'runs' },
      ),
    );
  }
  const random = generator(input.seed);
  const totals = new Float64Array(n);
  const scratch = rankScratch(n);
  const ranks = new Uint16Array(n);
  const samples = new Uint16Array(n * input.runs);
  const BLOCK = 64;
  const block = new Uint16Array(BLOCK * n);
  const wanted = new Uint8Array(n);
  if (n <= ALL_PROBABILITIES_LIMIT) wanted.fill(1);
  for (const u of options.probabilitiesOf ?? []) if (u >= 0 && u < n) wanted[u] = 1;
  const base = new Uint16Array(n);
  const dense = input.tieRule === 'dense';
  for (let u = 0; u < n; u++) totals[u] = input.appraisal[u]! + input.survey[u]!;
  rankInto(totals, scratch, base, dense);
  const weights = input.weights;
  const components = weights ? weights.max.length : 0;
  if (weights && weights.scores.length !== n * components) throw new RangeError('weights.scores: one row of component scores per unit');
  const factor = new Float64Array(components);
  const maxTotal = weights ? weights.max.reduce((s, m) => s + m, 0) : 0;
  // What the components do not hold (bonus/penalty nodes) stays unweighted.
  const rest = new Float64Array(weights ? n : 0);
  for (let u = 0; weights && u < n; u++) {
    let sum = 0;
    for (let c = 0; c < components; c++) sum += weights.scores[u * components + c]!;
    rest[u] = totals[u]! - sum;
  }
  // Standard normal draws by Marsaglia's polar method (no trigonometry), two per accepted pair.
  let spare = 0;
  let hasSpare = false;
  const normal = () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    let x: number;
    let y: number;
    let r: number;
    do {
      x = 2 * random() - 1;
      y = 2 * random() - 1;
      r = x * x + y * y;
    } while (r >= 1 || r === 0);
    const f = Math.sqrt((-2 * Math.log(r)) / r);
    spare = y * f;
    hasSpare = true;
    return x * f;
  };
  for (let run = 0; run < input.runs; run++) {
    if (weights) {
      // Weight factors around 1, rescaled so that the maxima still add up to the same total.
      let weighted = 0;
      for (let c = 0; c < components; c++) {
        factor[c] = Math.max(0, 1 + weights.spread * normal());
        weighted += factor[c]! * weights.max[c]!;
      }
      const scale = weighted > 0 ? maxTotal / weighted : 1;
      for (let c = 0; c < components; c++) factor[c]! *= scale;
    }
    for (let u = 0; u < n; u++) {
      const survey = input.survey[u]!;
      const drawn = Math.min(input.surveyMax, Math.max(0, survey + input.spread[u]! * normal()));
      let total = input.appraisal[u]! + survey;
      if (weights) {
        total = rest[u]!;
        for (let c = 0, at = u * components; c < components; c++) total += factor[c]! * weights.scores[at + c]!;
      }
      totals[u] = total + drawn - survey;
    }
    rankInto(totals, scratch, ranks, dense);
    // Samples are kept unit by unit; a block of runs is gathered first and written per unit in
    // one stretch, so the large array is written sequentially rather than one cache line per rank.
    const row = run % BLOCK;
    block.set(ranks, row * n);
    if (row === BLOCK - 1 || run === input.runs - 1) {
      const first = run - row;
      for (let u = 0; u < n; u++) {
        const at = u * input.runs + first;
        for (let b = 0; b <= row; b++) samples[at + b] = block[b * n + u]!;
      }
    }
  }
  const out: RankDistribution[] = [];
  // Percentiles by counting (ranks are 1…n): the value at sorted positions ⌊0,05·(runs−1)⌋ and ⌈0,95·(runs−1)⌉.
  const lowAt = Math.floor(0.05 * (input.runs - 1));
  const highAt = Math.ceil(0.95 * (input.runs - 1));
  const counts = new Uint32Array(n + 1);
  for (let u = 0; u < n; u++) {
    counts.fill(0);
    const from = u * input.runs;
    for (let i = 0; i < input.runs; i++) counts[samples[from + i]!]!++;
    let sum = 0;
    let seen = 0;
    let low = 0;
    let high = 0;
    for (let rank = 1; rank <= n; rank++) {
      const c = counts[rank]!;
      if (c === 0) continue;
      sum += rank * c;
      if (low === 0 && seen + c > lowAt) low = rank;
      if (high === 0 && seen + c > highAt) high = rank;
      seen += c;
    }
    out.push({
      mean: sum / input.runs,
      low,
      high,
      rank: base[u]!,
      // The unit's rank counts over the runs are its histogram: probabilities cost nothing more to give.
      ...(wanted[u] === 1 && { probabilities: Float64Array.from(counts.subarray(1), (c) => c / input.runs) }),
    });
  }
  return out;
}

export interface UnitRobustness extends RankDistribution {
  unitId: string;
  name: string;
  illustrative: boolean;
}

/**
 * The province's units of a level in a year: survey spread of `spreadPoints` (standard deviation,
 * points) for every unit, or per unit.
 */
export function provinceRobustness(
  dataset: Dataset,
  year: number,
  level: UnitLevel | undefined,
  options: {
    runs: number;
    seed: number;
    spreadPoints?: number;
    spreadOf?: Record<string, number>;
    weightSpread?: number;
    /** Units whose probability of each rank is returned even above ALL_PROBABILITIES_LIMIT units. */
    probabilitiesOf?: readonly string[];
    /** The peer group, when the year's level has several (`*`: every unit of the level). */
    group?: string;
  },
): UnitRobustness[] {
  const view = analyzeProvince(dataset, year, level, options.group);
  const units = view.units.filter((u) => u.total !== undefined);
  const n = units.length;
  const appraisal = new Float64Array(n);
  const survey = new Float64Array(n);
  const spread = new Float64Array(n);
  units.forEach((u, i) => {
    const s = u.survey ?? 0;
    survey[i] = s;
    appraisal[i] = u.total! - s;
    // A framework without a survey part has no survey noise: only the weights' (if asked) move ranks.
    spread[i] = view.framework.hasSurvey ? (options.spreadOf?.[u.unit.id] ?? options.spreadPoints ?? 1) * 1_000_000 : 0;
  });
  const framework = dataset.frameworks.get(view.framework.id);
  const surveyMax = framework?.settings.split?.survey ?? view.framework.totalPoints;
  let weights: RobustnessInput['weights'];
  if (options.weightSpread) {
    const max = Float64Array.from(view.components, (c) => c.max);
    const scores = new Float64Array(n * max.length);
    units.forEach((u, i) => view.components.forEach((c, k) => (scores[i * max.length + k] = u.components.find((x) => x.code === c.code)?.score ?? 0)));
    weights = { scores, max, spread: options.weightSpread };
  }
  const probabilitiesOf = (options.probabilitiesOf ?? []).map((id) => {
    const at = units.findIndex((u) => u.unit.id === id);
    if (at < 0) {
      throw new ParError(
        issue(
          'robustness.unitNotRanked',
          {
            vi: `đơn vị ${id} không có tổng điểm năm ${year} trong các đơn vị được xếp hạng`,
            en: `unit ${id} has no total for ${year} among the ranked units`,
          },
          { field: 'unit' },
        ),
      );
    }
    return at;
  });
  return rankRobustness(
    {
      appraisal,
      survey,
      spread,
      surveyMax,
      runs: options.runs,
      seed: options.seed,
      ...(framework && { tieRule: framework.settings.tieRule }),
      ...(weights && { weights }),
    },
    { probabilitiesOf },
  ).map((d, i) => ({
    ...d,
    unitId: units[i]!.unit.id,
    name: units[i]!.unit.name,
    illustrative: units[i]!.unit.illustrative,
  }));
}
