/**
 * Test data for the framework crosswalk: the demo's 2024 district framework, a 2025 version
 * derived from it (src/io/fixtures/lai-chau-district-2025-crosswalk.yaml: two maxima changed, one
 * criterion added, one dropped, one renumbered and renamed, one split) and a small province
 * with results on both. Used by core, HTTP and browser tests.
 */
import { readFileSync } from 'node:fs';
import { parseDocument, type SourceDocument } from '../core/index.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

export const FRAMEWORK_2024_ID = 'lai-chau-district-2024';
export const FRAMEWORK_2025_ID = 'lai-chau-district-2025-test';

/** The 2025 framework's text, as a province would import it. */
export const framework2025Text = (): string => read('src/io/fixtures/lai-chau-district-2025-crosswalk.yaml');
export const framework2024Text = (): string => read('frameworks/lai-chau/district-2024.yaml');

const scores2024 = (first: number) => ({
  '1': 9.5 + first,
  '1.7': 1,
  '2': 4,
  '2.3': 1,
  '3': 12,
  '4': 7,
  '4.3': 2,
  '5': 6,
  '6': 5,
  '7': 10,
  '8': { survey: 22, appraisal: 2 },
});
const scores2025 = (first: number) => ({
  '1': 10.5 + first,
  '1.7': 0.5,
  '1.8': 1,
  '2': 3.5,
  '3': 12.5,
  '4': 7,
  '4.4': 2.5,
  '5': 6,
  '6': 5,
  '7': 10,
  '8': { survey: 22, appraisal: 2 },
});

/** Results documents for `units` (ids) in 2024 and 2025, the first unit a point ahead. */
export function crosswalkResults(units: string[], publication?: { decision: string; date2024: string; date2025: string }): Record<string, unknown>[] {
  const set = (year: number, framework: string, scores: (first: number) => object) => ({
    kind: 'results',
    year,
    framework,
    ...(publication && {
      publication: { decision: publication.decision.replace('{year}', String(year)), date: year === 2024 ? publication.date2024 : publication.date2025 },
    }),
    units: units.map((unit, i) => ({ unit, scores: scores(i === 0 ? 1 : 0) })),
  });
  return [set(2024, FRAMEWORK_2024_ID, scores2024), set(2025, FRAMEWORK_2025_ID, scores2025)];
}

/** A province of three units with both frameworks and both years of results. */
export function crosswalkDocuments(): SourceDocument[] {
  const units = {
    kind: 'units',
    province: { id: 'thu', name: 'Tỉnh Thử' },
    units: ['a', 'b', 'c'].map((id) => ({
      id: `huyen-${id}`,
      name: `Huyện ${id.toUpperCase()}`,
      fullName: `UBND huyện ${id.toUpperCase()}`,
      level: 'district',
      type: 'huyện',
    })),
  };
  return [
    { file: 'district-2024.yaml', data: parseDocument(framework2024Text(), 'district-2024.yaml') },
    { file: 'district-2025.yaml', data: parseDocument(framework2025Text(), 'district-2025.yaml') },
    { file: 'units.yaml', data: units },
    ...crosswalkResults(['huyen-a', 'huyen-b', 'huyen-c']).map((data, i) => ({ file: `results-${i}.yaml`, data })),
  ];
}
