import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { analyzeUnit, buildDataset } from '../core/index.ts';
import { renderAnalysis } from './render.ts';

test('analyze says which criteria do not apply, the applicable maximum and the percent of it', () => {
  const dataset = buildDataset([
    {
      file: 'f.yaml',
      data: parse(`kind: framework
id: so-2025
name: Bộ tiêu chí thử
level: department
year: 2025
components:
  - { code: "1", name: Một, maxPoints: 84 }
  - { code: "2", name: Hai, maxPoints: 16 }
`),
    },
    { file: 'u.yaml', data: parse('kind: units\nprovince: { id: thu, name: Tỉnh thử }\nunits:\n  - { id: so-a, name: Sở A, level: department }\n') },
    {
      file: 'r.yaml',
      data: {
        kind: 'results',
        year: 2025,
        framework: 'so-2025',
        units: [{ unit: 'so-a', scores: { '1': 68.32 }, notApplicable: [{ code: '2', reason: 'Sở không có thủ tục' }] }],
      },
    },
  ]);
  const text = renderAnalysis(analyzeUnit(dataset, 'so-a', 2025), 'vi');
  assert.match(text, /Không áp dụng: 2 \(Sở không có thủ tục\) — điểm tối đa áp dụng 84, đạt 81,33%/);
  assert.match(renderAnalysis(analyzeUnit(dataset, 'so-a', 2025), 'en'), /Not applicable: 2 \(Sở không có thủ tục\) — applicable maximum 84, 81\.33% of it/);
});
