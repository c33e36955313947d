/**
 * A synthetic national-scale province set for benchmarks: a framework of 8 components and
 * 150 leaf criteria, and results for N units over several years with leaf scores given
 * (up to 6 decimals), built through the core's own readers like any data file.
 */
import { readFramework, readResults, type Framework, type ResultsSet } from '../src/core/index.ts';

/** Deterministic PRNG (mulberry32) so runs are comparable. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// 8 components → criteria → sub-criteria; leaf counts add up to 150.
const LEAVES_PER_COMPONENT = [20, 15, 25, 15, 15, 15, 20, 25];
const MAX_PER_COMPONENT = [13.5, 5, 13.5, 7.5, 8, 7, 12.5, 33];

export interface SyntheticLeaf {
  code: string;
  component: number;
  criterion: string;
  maxMicro: number;
}

export function syntheticFrameworkDocument(year: number) {
  const components = LEAVES_PER_COMPONENT.map((leaves, c) => {
    const criteria = 5;
    const perCriterion = leaves / criteria;
    const leafMicro = Math.round((MAX_PER_COMPONENT[c]! * 1e6) / leaves);
    const remainder = MAX_PER_COMPONENT[c]! * 1e6 - leafMicro * leaves;
    return {
      code: String(c + 1),
      name: `Chỉ số thành phần ${c + 1}`,
      maxPoints: MAX_PER_COMPONENT[c]!,
      source: c === 7 ? 'survey' : 'appraisal',
      children: Array.from({ length: criteria }, (_, k) => {
        const leavesHere = Array.from({ length: perCriterion }, (_, j) => {
          const first = k === 0 && j === 0;
          return {
            code: `${c + 1}.${k + 1}.${j + 1}`,
            name: `Tiêu chí thành phần ${c + 1}.${k + 1}.${j + 1}`,
            maxPoints: ((leafMicro + (first ? remainder : 0)) / 1e6).toFixed(6),
          };
        });
        const sum = leavesHere.reduce((s, l) => s + Math.round(Number(l.maxPoints) * 1e6), 0);
        return { code: `${c + 1}.${k + 1}`, name: `Tiêu chí ${c + 1}.${k + 1}`, maxPoints: (sum / 1e6).toFixed(6), children: leavesHere };
      }),
    };
  });
  return { kind: 'framework', id: `national-${year}`, name: `Bộ tiêu chí tổng hợp ${year}`, level: 'commune', year, components };
}

export function syntheticFramework(year: number): Framework {
  return readFramework(syntheticFrameworkDocument(year));
}

export function leavesOf(framework: Framework): SyntheticLeaf[] {
  return [...framework.nodes.values()]
    .filter((n) => n.children.length === 0)
    .map((n) => ({ code: n.code, component: Number(n.code.split('.')[0]), criterion: n.code.split('.').slice(0, 2).join('.'), maxMicro: n.maxPoints! }));
}

/** Leaf scores per unit as micro-points, [unit][leaf]. */
export function syntheticScores(framework: Framework, units: number, seed: number): number[][] {
  const next = random(seed);
  const leaves = leavesOf(framework);
  return Array.from({ length: units }, () => leaves.map((l) => Math.floor(next() * (l.maxMicro + 1))));
}

export function syntheticResults(framework: Framework, scores: number[][]): ResultsSet {
  const leaves = leavesOf(framework);
  const document = {
    kind: 'results',
    year: framework.year,
    framework: framework.id,
    units: scores.map((row, u) => ({
      unit: `unit-${u}`,
      scores: Object.fromEntries(leaves.map((l, i) => [l.code, (row[i]! / 1e6).toFixed(6)])),
    })),
  };
  return readResults(document, () => framework);
}
