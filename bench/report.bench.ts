/**
 * Issue 6's benchmark: one unit's DOCX report from the demo (target ≤ 300 ms) and a batch of
 * 120 synthetic units with 150 criteria each and two years (target ≤ 20 s); then, when
 * LibreOffice is installed, the demo's 8 district reports as PDF in one conversion run.
 * Each line also gives the process's CPU time, which a busy machine inflates less than wall time.
 */
import { spawnSync } from 'node:child_process';
import { loadDataset } from '../src/io/dataFolder.ts';
import type { Dataset, Unit } from '../src/core/index.ts';
import { buildReport, toDocx, writeReports } from '../src/report/index.ts';
import { line, ms, time } from './measure.ts';
import { syntheticFramework, syntheticResults, syntheticScores } from './synthetic.ts';

// The report's own work, its chart drawn each time: no image kept from an earlier run (src/report/pngCache.ts).
process.env.PARINDEX_CACHE_DIR = '';

const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

const demo = loadDataset();
await toDocx(buildReport(demo, 'tam-duong', 2023)); // loads the chart rasteriser once
const cpuOne = process.cpuUsage();
const one = await time(async () => toDocx(buildReport(demo, 'tam-duong', 2023)), 7, 1);
line('report.docx.unit', `${ms(one)} (cpu ${ms(cpuSince(cpuOne) / 8)})`, '≤ 300 ms');

const UNITS = 120;
const frameworks = [syntheticFramework(2023), syntheticFramework(2024)];
const units = new Map<string, Unit>(
  Array.from({ length: UNITS }, (_, u) => [
    `unit-${u}`,
    {
      id: `unit-${u}`,
      name: `Xã số ${u + 1}`,
      fullName: `UBND xã số ${u + 1}`,
      level: frameworks[0]!.level,
      type: 'xã',
      provinceId: 'synthetic',
      peerGroup: 'synthetic',
      predecessors: [],
      successors: [],
      aliases: [],
    },
  ]),
);
const dataset: Dataset = {
  provinces: [{ id: 'synthetic', name: 'Tỉnh thử' }],
  units,
  frameworks: new Map(frameworks.map((f) => [f.id, f])),
  results: frameworks.map((f, y) => syntheticResults(f, syntheticScores(f, UNITS, y + 1))),
  reports: [],
  plans: [],
};
const cpuBatch = process.cpuUsage();
const start = performance.now();
let bytes = 0;
for (let u = 0; u < UNITS; u++) bytes += (await toDocx(buildReport(dataset, `unit-${u}`, 2024))).length;
line(
  'report.docx.batch120',
  `${((performance.now() - start) / 1000).toFixed(1)} s (cpu ${(cpuSince(cpuBatch) / 1000).toFixed(1)} s, ${(bytes / 1048576).toFixed(1)} MB)`,
  '≤ 20 s',
);

if (!spawnSync('soffice', ['--version']).error) {
  const ids = demo.results.find((s) => s.year === 2023)!.units.map((u) => u.unitId);
  const pdfStart = performance.now();
  const pdfs = await writeReports(
    ids.map((id) => buildReport(demo, id, 2023)),
    'pdf',
  );
  line('report.pdf.batch8', `${((performance.now() - pdfStart) / 1000).toFixed(1)} s for ${pdfs.length} PDFs (one LibreOffice run)`);
}
