/**
 * Test and bench support (not used by the application): the generated province
 * (generatedProvince.ts) over two years, stored into a store — the 4,000-unit set of issue 16's
 * screens. The earlier year has its own framework (a framework is of one year) and scores a
 * little lower, varying by unit, so that ranks move between the years.
 */
import { diffResults, readResults } from '../core/index.ts';
import type { Store } from '../store/index.ts';
import { SYSTEM } from '../workflow/policy.ts';
import { generatedProvince } from './generatedProvince.ts';

export async function storeGeneratedHistory(store: Store, size: { units: number; criteria: number; year: number }) {
  const province = generatedProvince(size);
  const earlier = { ...province.framework, id: `${province.frameworkId}-${size.year - 1}`, year: size.year - 1 };
  await store.importDocuments(
    [
      { file: 'framework', data: province.framework },
      { file: 'framework-earlier', data: earlier },
      { file: 'units', data: province.units },
    ],
    SYSTEM,
  );
  const lower = (scores: Record<string, number>, i: number) =>
    Object.fromEntries(Object.entries(scores).map(([code, v]) => [code, Math.round(v * (0.7 + (i % 7) / 25) * 100) / 100]));
  const documents = [
    { ...province.results, year: size.year - 1, framework: earlier.id, units: province.results.units.map((u, i) => ({ ...u, scores: lower(u.scores, i) })) },
    province.results,
  ];
  for (const document of documents) {
    const dataset = await store.dataset();
    const results = readResults(document, (id) => dataset.frameworks.get(id));
    await store.importDocuments([{ file: `ket-qua-${document.year}.json`, data: document }], SYSTEM, {
      validated: { basis: dataset, results, changes: diffResults(undefined, results) },
    });
  }
  return province;
}
