/**
 * Issue 14's benchmark: a national lineage after the 2025 reform — 10,000 units, of which 3,321
 * successor communes formed on 1/7/2025 from the 6,679 others (one to three predecessors each,
 * with population shares), 34 provinces, 5 years of results (2021–2024 the predecessors', 2025
 * the successors'). Resolves every unit's comparison baseline for its latest year: its own
 * previous result, else its predecessors' (single, or combined weighted by their shares).
 * The year computations (scores and ranks, memoised per dataset and shared with every analysis)
 * are timed apart; the target is on the resolution.
 */
import { readFileSync } from 'node:fs';
import { parseDocument, readFramework, readResults, resolveBaseline, type Dataset, type Unit } from '../src/core/index.ts';
import { computationFor } from '../src/core/analysis/index.ts';
import { line, loadAverage, ms, time, timeWithCpu } from './measure.ts';
import { random } from './synthetic.ts';

const UNITS = 10_000;
const SUCCESSORS = 3_321;
const PROVINCES = 34;
const rand = random(14);
const frameworkDocument = (year: number, level: string) => ({
  ...(parseDocument(readFileSync(new URL('../frameworks/lai-chau/district-2024.yaml', import.meta.url), 'utf8')) as object),
  id: `national-${level}-${year}`,
  year,
  level,
});
const frameworks = new Map(
  [...[2021, 2022, 2023, 2024].map((y) => readFramework(frameworkDocument(y, 'commune'))), readFramework(frameworkDocument(2025, 'commune'))].map((f) => [
    f.id,
    f,
  ]),
);

const units = new Map<string, Unit>();
const unit = (id: string, province: number, extra: Partial<Unit>): Unit => ({
  id,
  name: id,
  fullName: `UBND xã ${id}`,
  level: 'commune',
  type: 'xã',
  provinceId: `p${province}`,
  peerGroup: `p${province}-commune`,
  predecessors: [],
  successors: [],
  aliases: [],
  ...extra,
});
let old = 0;
for (let s = 0; s < SUCCESSORS; s++) {
  const province = s % PROVINCES;
  const count = s < UNITS - SUCCESSORS - 2 * SUCCESSORS ? 3 : s === SUCCESSORS - 1 ? UNITS - SUCCESSORS - old : 2;
  const ids = Array.from({ length: Math.min(count, UNITS - SUCCESSORS - old) }, () => `o${old++}`);
  const weights = ids.map(() => 1 + rand());
  const sum = weights.reduce((a, b) => a + b, 0);
  for (const id of ids) units.set(id, unit(id, province, { validTo: '2025-06-30', successors: [`s${s}`] }));
  units.set(
    `s${s}`,
    unit(`s${s}`, province, {
      validFrom: '2025-07-01',
      predecessors: ids,
      lineage: ids.map((from, i) => ({ from, kind: ids.length > 1 ? 'merger' : 'rename', population: Math.floor((weights[i]! / sum) * 1000) / 1000 })),
    }),
  );
}
const scores = () =>
  Object.fromEntries(
    ['1', '2', '3', '4', '5', '6', '7', '8'].map((c, i) => [c, Math.round([13.5, 5, 13.5, 7.5, 8, 7, 12.5, 33][i]! * (0.5 + rand() / 2) * 100) / 100]),
  );
const resultsOf = (year: number, ids: string[]) =>
  readResults({ kind: 'results', year, framework: `national-commune-${year}`, units: ids.map((id) => ({ unit: id, scores: scores() })) }, (id) =>
    frameworks.get(id),
  );
const olds = [...units.values()].filter((u) => u.validTo).map((u) => u.id);
const news = [...units.values()].filter((u) => u.validFrom).map((u) => u.id);
const dataset: Dataset = {
  provinces: Array.from({ length: PROVINCES }, (_, p) => ({ id: `p${p}`, name: `Tỉnh ${p}`, baseline: 'weighted' as const })),
  units,
  frameworks,
  results: [...[2021, 2022, 2023, 2024].map((y) => resultsOf(y, olds)), resultsOf(2025, news)],
  reports: [],
  plans: [],
};
console.log(
  `# ${units.size.toLocaleString('en')} units (${news.length.toLocaleString('en')} successors of ${olds.length.toLocaleString('en')}), ${PROVINCES} provinces, ${dataset.results.length} years of results`,
);

const computing = await time(() => dataset.results.forEach((set) => computationFor(dataset, set)), 1, 0);
let kinds: Record<string, number> = {};
const resolveAll = () => {
  kinds = {};
  for (const id of olds) {
    const k = resolveBaseline(dataset, id, 2024).kind;
    kinds[k] = (kinds[k] ?? 0) + 1;
  }
  for (const id of news) {
    const k = resolveBaseline(dataset, id, 2025).kind;
    kinds[k] = (kinds[k] ?? 0) + 1;
  }
};
const resolving = await timeWithCpu(resolveAll, 7, 2);
line('lineage.years.compute', ms(computing), '— (memoised, shared with every analysis)');
line('lineage.baselines.national', ms(resolving.wall), '≤ 200 ms');
line('lineage.baselines.national.cpu', ms(resolving.cpu), '— (this process: what a shared machine adds to the wall time is waiting)');
console.log(`# load average ${loadAverage()}`);
console.log(
  `# baselines: ${Object.entries(kinds)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ')}`,
);
