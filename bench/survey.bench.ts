/**
 * The sociological survey at a province's scale: 100,000 responses for 120 units imported from
 * a CSV file in one transaction (read, checked by the core, written) on both engines, the survey
 * points of all units computed by the core alone and as the route does (from the stored
 * responses), and the public form's submissions under load (bench/server.ts: autocannon on a
 * server process over PostgreSQL, as in production), each with CPU time and the load average.
 * Targets (issue 20): import ≤ 10 s, points ≤ 1 s, 500 submissions/s with p99 ≤ 100 ms.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { loadavg } from 'node:os';
import { parseFramework } from '../src/core/index.ts';
import { parseQuestionnaire, scoreAll, tallyResponses, type Answers } from '../src/core/survey/index.ts';
import { readWorkbook } from '../src/io/index.ts';
import { readResponses } from '../src/io/survey/responses.ts';
import { createStore, openDatabase } from '../src/store/index.ts';
import { seedDemo } from '../src/server/demo.ts';
import { saveQuestionnaire, setSurveyState, surveyOrFail } from '../src/store/survey.ts';
import { computeSurveyPoints } from '../src/store/surveyPoints.ts';
import { importResponses } from '../src/store/surveyResponses.ts';
import { SYSTEM } from '../src/workflow/policy.ts';
import { benchDatabaseUrl, line, loadAverage, ms } from './measure.ts';
import { load, startBenchServer } from './server.ts';
import { random } from './synthetic.ts';

const root = new URL('..', import.meta.url);
const questionnaireText = readFileSync(new URL('data/demo/surveys/lai-chau-district-2024.yaml', root), 'utf8');
const framework = parseFramework(readFileSync(new URL('frameworks/lai-chau/district-2024.yaml', root), 'utf8'));
const questionnaire = parseQuestionnaire(questionnaireText, framework);
const UNITS = Array.from({ length: 120 }, (_, i) => `don-vi-${String(i + 1).padStart(3, '0')}`);
const RESPONSES = 100_000;

const rand = random(20);
const pick = (n: number) => 1 + Math.floor(rand() * n);
function answersFor(group: string): Answers {
  if (group === 'nguoi-dan') return { q1: pick(5), q2: pick(5), q3: 'ABC'[pick(3) - 1]!, q4: ['A', 'C'], q8: pick(5) };
  if (group === 'cong-chuc') return { q5: pick(5), q6: pick(5), q7: 'ABC'[pick(3) - 1]! };
  return { q5: pick(5), q7: 'ABC'[pick(3) - 1]! };
}
const rows = Array.from({ length: RESPONSES }, (_, i) => {
  const r = i % 10;
  const group = r < 7 ? 'nguoi-dan' : r < 9 ? 'cong-chuc' : 'lanh-dao';
  return { unit: UNITS[i % UNITS.length]!, group, answers: answersFor(group) };
});

// Survey points of all units: tally + score, core only.
{
  const cpu = process.cpuUsage();
  const start = performance.now();
  const tally = tallyResponses(questionnaire, rows);
  const scored = scoreAll(questionnaire, tally, UNITS, { rounding: 'halfUp', precision: 2 });
  const took = performance.now() - start;
  const used = process.cpuUsage(cpu);
  if (scored.size !== 120) throw new Error('units missing');
  line('survey.points.120units.100k', `${ms(took)} (CPU ${ms((used.user + used.system) / 1000)}; load ${loadavg()[0]!.toFixed(1)})`, '≤ 1000 ms');
}

// Import: a CSV of 100,000 rows for 120 units in one transaction, on each engine (the embedded
// one loads with COPY from memory, PostgreSQL with unnest in chunks of 20,000); then the points
// of all units computed as the route does (read the responses, flag, score, keep the 720 rows).
const header = ['Đơn vị', 'Nhóm', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8'];
const cell = (a: Answers, q: string) => (a[q] === undefined ? '' : Array.isArray(a[q]) ? (a[q] as string[]).join(';') : String(a[q]));
const csvText = [header.join(','), ...rows.map((r) => [r.unit, r.group, ...header.slice(2).map((q) => `"${cell(r.answers, q)}"`)].join(','))].join('\n');
const bytes = Buffer.from(csvText, 'utf8');
const benchDatabase = benchDatabaseUrl();
const IMPORT_SCHEMA = 'bench_survey_import';
async function dropImportSchema() {
  const client = new pg.Client({ connectionString: benchDatabase });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${IMPORT_SCHEMA} CASCADE`);
  await client.end();
}
for (const engine of ['pglite', 'postgres'] as const) {
  if (engine === 'postgres') await dropImportSchema();
  const store = createStore(await openDatabase(engine === 'pglite' ? {} : { url: benchDatabase, schema: IMPORT_SCHEMA }));
  try {
    await seedDemo(store.db, 'bench-password-2026');
    const cycle = 'lai-chau-district-2024';
    await store.db.query(
      `INSERT INTO units (id, province_id, name, full_name, level, peer_group, document, position)
       SELECT u, 'lai-chau', u, u, 'district', 'district', json_build_object('id', u, 'name', u, 'fullName', u, 'level', 'district')::jsonb, 100 + n FROM unnest($1::text[]) WITH ORDINALITY AS x(u, n)`,
      [UNITS],
    );
    await store.db.query(`INSERT INTO unit_results (cycle_id, unit_id, position) SELECT $1, u, 100 + n FROM unnest($2::text[]) WITH ORDINALITY AS x(u, n)`, [
      cycle,
      UNITS,
    ]);
    const designed = await saveQuestionnaire(store.db, cycle, (await import('yaml')).parse(questionnaireText), framework, SYSTEM);
    await setSurveyState(store.db, cycle, 'open', designed.version, SYSTEM);
    const survey = await surveyOrFail(store.db, cycle, framework);
    const cpu = process.cpuUsage();
    const start = performance.now();
    const workbook = await readWorkbook(bytes, { file: 'phieu.csv' });
    const read = readResponses(
      workbook,
      survey.questionnaire,
      UNITS.map((u) => ({ id: u, name: u })),
    );
    const parsed = performance.now() - start;
    await importResponses(store.db, survey, read, 'bench', SYSTEM);
    const took = performance.now() - start;
    const used = process.cpuUsage(cpu);
    line(
      `survey.import.100k.120units.${engine}`,
      `${ms(took)} (CPU ${ms((used.user + used.system) / 1000)}${engine === 'postgres' ? ' in this process' : ''}; read and checked ${ms(parsed)}, ${(bytes.length / 1e6).toFixed(1)} MB; load ${loadAverage()})`,
      '≤ 10000 ms',
    );
    const pointsCpu = process.cpuUsage();
    const pointsStart = performance.now();
    const computed = await computeSurveyPoints(store.db, survey, framework, SYSTEM);
    const pointsTook = performance.now() - pointsStart;
    const pointsUsed = process.cpuUsage(pointsCpu);
    if (new Set(computed.criteria.map((c) => c.unit)).size < 120) throw new Error('units missing from the points');
    line(
      `survey.points.stored.120units.100k.${engine}`,
      `${ms(pointsTook)} (CPU ${ms((pointsUsed.user + pointsUsed.system) / 1000)}; read the 100,000 valid answers, scored, ${computed.criteria.length} rows kept; load ${loadAverage()})`,
      '≤ 1000 ms',
    );
  } finally {
    await store.close();
    if (engine === 'postgres') await dropImportSchema();
  }
}

// The public form: submissions through one shared link, on a server process over PostgreSQL.
const server = await startBenchServer({
  schema: 'bench_survey',
  env: { PARINDEX_SURVEY_RATE_NETWORK: '100000000', PARINDEX_SURVEY_RATE_LINK: '100000000' },
  startSeconds: 90,
});
try {
  const { origin } = server;
  const auth = await server.login();
  const survey = `${origin}/api/cycles/lai-chau-district-2024/survey`;
  const designed = (await (
    await fetch(survey, { method: 'PUT', headers: { ...auth, 'content-type': 'application/yaml' }, body: questionnaireText })
  ).json()) as { version: number };
  await fetch(`${survey}/state`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ state: 'open', version: designed.version }),
  });
  const links = (await (
    await fetch(`${survey}/links`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ unit: 'tam-duong', group: 'nguoi-dan', singleUse: false }),
    })
  ).json()) as { tokens: string[] };
  const target = `${origin}/api/survey/${links.tokens[0]}`;
  const body = JSON.stringify({ answers: { q1: 4, q2: 5, q3: 'A', q4: ['A'], q8: 1 } });
  const request = { url: target, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body };
  await load(server, { ...request, connections: 20, duration: 2 }); // warm-up
  const result = await load(server, { ...request, connections: 50, duration: 10, overallRate: 500 });
  line('survey.form.submit.rps', `${result.rps} req/s at 500 offered (errors ${result.errors}; ${result.context})`, '500 req/s');
  line('survey.form.submit.p99', `${ms(result.p99)} (p50 ${ms(result.p50)})`, '≤ 100 ms');
} finally {
  await server.close();
}
