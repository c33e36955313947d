/**
 * Test and bench support (not used by the application): a province of any size as data files —
 * a commune framework of 8 components of 12,5 points with `criteria` leaves between them, `units`
 * communes, and results giving every leaf a score (2 decimals, repeatable from the unit's number).
 */
import type { NodeFile } from '../core/index.ts';

export function generatedProvince(size: { units: number; criteria: number; year: number }) {
  const components: NodeFile[] = [];
  for (let c = 1; c <= 8; c++) {
    // The leaves shared out evenly, the first components taking one more (150: six of 19, two of 18).
    const n = Math.floor(size.criteria / 8) + (c <= size.criteria % 8 ? 1 : 0);
    const children: NodeFile[] = [];
    for (let k = 1; k <= n; k++) children.push({ code: `${c}.${k}`, name: `Tiêu chí ${c}.${k}`, maxPoints: k < n ? 0.5 : 12.5 - 0.5 * (n - 1) });
    components.push({ code: String(c), name: `Chỉ số thành phần ${c}`, maxPoints: 12.5, source: 'appraisal', children });
  }
  const frameworkId = 'generated-commune';
  const framework = { kind: 'framework', id: frameworkId, name: 'Bộ tiêu chí sinh thử', level: 'commune', year: size.year, components };
  const unitList = Array.from({ length: size.units }, (_, i) => ({ id: `xa-${i + 1}`, name: `Xã Thử ${i + 1}`, level: 'commune' }));
  const units = { kind: 'units', province: { id: 'generated', name: 'Tỉnh sinh thử' }, units: unitList };
  const scores = (seed: number) => {
    const out: Record<string, number> = {};
    let x = seed;
    for (const component of components) {
      for (const leaf of component.children ?? []) {
        x = (x * 1103515245 + 12345) % 2147483648;
        out[leaf.code] = Math.round(((x % 1000) / 1000) * Number(leaf.maxPoints) * 100) / 100;
      }
    }
    return out;
  };
  const results = { kind: 'results', year: size.year, framework: frameworkId, units: unitList.map((u, i) => ({ unit: u.id, scores: scores(i + 1) })) };
  return { frameworkId, framework, units, results };
}
