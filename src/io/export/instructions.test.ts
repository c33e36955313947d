import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDataset } from '../../core/index.ts';
import { templateTables } from '../index.ts';
import { demoDataset } from '../testFiles.ts';

const steps = (tables: ReturnType<typeof templateTables>) => tables[0]!.rows.map((r) => String(r[1])).join('\n');

test('the template’s instructions take their example from the province’s own units, and speak of a survey only where there is one', () => {
  const seed = steps(templateTables(demoDataset(), { kind: 'results', framework: 'lai-chau-district-2023' }));
  assert.match(seed, /có dấu hay không dấu đều được \(Tam Đường, tam duong\)/);
  assert.match(seed, /Chỉ số có cả thẩm định và điều tra XHH thì nhập từng phần/);
  const departments = buildDataset([
    {
      file: 'f.yaml',
      data: {
        kind: 'framework',
        id: 'dti',
        name: 'Chỉ số chuyển đổi số các sở',
        level: 'department',
        year: 2025,
        totalPoints: 18,
        components: [{ code: '1', name: 'A', maxPoints: 18 }],
      },
    },
    { file: 'u.yaml', data: { kind: 'units', province: { id: 'x', name: 'Tỉnh X' }, units: [{ id: 'so-tu-phap', name: 'Sở Tư pháp', level: 'department' }] } },
  ]);
  const own = steps(templateTables(departments, { kind: 'results', framework: 'dti' }));
  assert.match(own, /\(Sở Tư pháp, so tu phap\)/);
  assert.doesNotMatch(own, /Tam Đường|điều tra XHH/);
});
