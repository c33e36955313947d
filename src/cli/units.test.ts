import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseUnits } from '../core/index.ts';
import { run } from './testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'parindex-units-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string) => join(dir, name);

test('units: template, export, import of the export (no change), a row added gives the whole list with the merger on both sides', async () => {
  assert.equal((await run('template', '--kind', 'units', '--out', path('mau-don-vi.xlsx'))).code, 0);
  assert.equal((await run('export', '--what', 'units', '--out', path('don-vi.csv'))).code, 0);
  const same = await run('import', path('don-vi.csv'), '--kind', 'units', '--dry-run');
  assert.equal(same.code, 0, same.err);
  assert.match(same.out, /Đơn vị của Lai Châu \(lai-chau\): 12 đơn vị/);
  const text = readFileSync(path('don-vi.csv'), 'utf8');
  writeFileSync(path('them.csv'), `${text.trimEnd()}\r\n13;xa-moi;Xã Mới;;Cấp xã;xã;;;01/07/2025;;Than Uyên;;;\r\n`);
  const added = await run('import', path('them.csv'), '--kind', 'units', '--out', path('units.yaml'));
  assert.equal(added.code, 0, added.err);
  const { units } = parseUnits(readFileSync(path('units.yaml'), 'utf8'));
  assert.equal(units.length, 13);
  assert.deepEqual(units.find((u) => u.id === 'than-uyen')!.successors, ['xa-moi']);
  writeFileSync(path('sai.csv'), `${text.trimEnd()}\r\n13;xa-moi;Xã Mới;;Cấp xã;xã;;;05/07/2025;;Than Uyên;;;\r\n`);
  const wrong = await run('import', path('sai.csv'), '--kind', 'units', '--dry-run');
  assert.equal(wrong.code, 3);
  assert.match(wrong.err, /khoảng trống.*Xã Mới \(xa-moi\).*ô I14/);
});
