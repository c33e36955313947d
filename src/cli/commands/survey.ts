/**
 * `parindex survey …`: the survey run in the platform, from the command line, on the server's
 * database: design the questionnaire (YAML or its Excel template), open and close collection, import answers from an Excel/CSV file (one transaction, problems at their cell),
 * show the responses against the plan, compute the points (and write them as the survey part),
 * export the report as XLSX, CSV or DOCX.
 */
import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseDocument } from '../../core/document.ts';
import { formatPoints, issue, ParError, parsePoints, type Framework } from '../../core/index.ts';
import { readWorkbook, writeFileAtomic, writeTables } from '../../io/index.ts';
import { placeIssues, readQuestionnaireWorkbook } from '../../io/survey/questionnaire.ts';
import { readResponses } from '../../io/survey/responses.ts';
import { surveyReportTables } from '../../io/survey/report.ts';
import { toDocx } from '../../report/index.ts';
import { surveyDocumentFor } from '../../report/survey.ts';
import { cycleOrFail, cycleUnits, type Store } from '../../store/index.ts';
import { saveQuestionnaire, setSurveyState, STATE_WORDS, surveyOrFail, type SurveyRecord } from '../../store/survey.ts';
import { applySurveyPoints, computeSurveyPoints } from '../../store/surveyPoints.ts';
import { surveyMonitor, surveyReportFigures } from '../../store/surveyReport.ts';
import { importResponses } from '../../store/surveyResponses.ts';
import { SYSTEM } from '../../workflow/policy.ts';
import { EXIT, parse, t, UsageError, type Command, type CommandIo } from '../io.ts';
import { limitsOption } from '../files.ts';
import { withStore } from '../store.ts';
import { about } from './list.ts';

async function open(store: Store, cycleId: string | undefined) {
  if (!cycleId) throw new UsageError({ vi: 'thiếu --cycle (mã kỳ đánh giá, xem: parindex cycle list)', en: '--cycle is required (see parindex cycle list)' });
  const cycle = await cycleOrFail(store.db, cycleId);
  const framework: Framework | undefined = (await store.dataset()).frameworks.get(cycle.framework);
  if (!framework) throw new ParError(issue('survey.notFound', { vi: `không có bộ tiêu chí ${cycle.framework}`, en: `no framework ${cycle.framework}` }));
  return { cycle, framework, survey: await surveyOrFail(store.db, cycleId, framework) };
}

const shown = (p: string | null, precision: number) => (p === null ? '–' : formatPoints(parsePoints(p), { decimals: precision, trimZeros: true }));

export const survey: Command = {
  ...about('survey'),
  async run(args, io: CommandIo) {
    const [sub, ...rest] = args;
    const { values, positionals } = parse(
      rest,
      {
        cycle: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        'dry-run': { type: 'boolean' },
        apply: { type: 'boolean' },
        'max-size': { type: 'string' },
        unit: { type: 'string', multiple: true },
      },
      true,
    );
    if (!['design', 'open', 'close', 'import', 'quotas', 'points', 'report'].includes(sub ?? ''))
      throw new UsageError({
        vi: 'cần lệnh con: survey design | open | close | import | quotas | points | report',
        en: 'survey design | open | close | import | quotas | points | report',
      });
    return withStore(async (store) => {
      if (sub === 'design') {
        // The questionnaire from its YAML or its Excel template: a new version, while in design.
        const file = positionals[0];
        if (!file || !values.cycle) throw new UsageError({ vi: 'cần tệp phiếu và --cycle', en: 'a questionnaire file and --cycle are required' });
        const cycle = await cycleOrFail(store.db, values.cycle);
        const framework = (await store.dataset()).frameworks.get(cycle.framework);
        if (!framework) throw new ParError(issue('survey.notFound', { vi: `không có bộ tiêu chí ${cycle.framework}`, en: `no framework ${cycle.framework}` }));
        const bytes = readFileSync(resolve(file));
        let saved: SurveyRecord;
        if (/\.xlsx$/i.test(file)) {
          const read = readQuestionnaireWorkbook(await readWorkbook(bytes, { file: basename(file) }));
          try {
            saved = await saveQuestionnaire(store.db, cycle.id, read.document, framework, SYSTEM);
          } catch (error) {
            throw error instanceof ParError && !error.code.startsWith('survey.') ? placeIssues(error, read) : error;
          }
        } else saved = await saveQuestionnaire(store.db, cycle.id, parseDocument(bytes.toString('utf8'), basename(file)), framework, SYSTEM);
        io.out(
          t(
            io,
            `Đã lưu phiếu khảo sát phiên bản ${saved.questionnaireVersion}: ${saved.questionnaire.questions.length} câu hỏi, ${saved.questionnaire.criteria.length} tiêu chí`,
            `Saved questionnaire version ${saved.questionnaireVersion}: ${saved.questionnaire.questions.length} questions, ${saved.questionnaire.criteria.length} criteria`,
          ),
        );
        return EXIT.ok;
      }
      const { cycle, framework, survey } = await open(store, values.cycle);
      if (sub === 'open' || sub === 'close') {
        const state = await setSurveyState(store.db, cycle.id, sub === 'open' ? 'open' : 'closed', survey.version, SYSTEM);
        io.out(t(io, `Khảo sát: ${STATE_WORDS[state].vi}`, `Survey: ${STATE_WORDS[state].en}`));
        return EXIT.ok;
      }
      if (sub === 'import') {
        const file = positionals[0];
        if (!file) throw new UsageError({ vi: 'cần tệp phiếu: parindex survey import <tệp.xlsx|.csv> --cycle …', en: 'a file is required' });
        const dataset = await store.dataset();
        const units = (await cycleUnits(store.db, cycle.id)).map((u) => ({ id: u.unit, name: dataset.units.get(u.unit)?.name ?? u.name }));
        const workbook = await readWorkbook(readFileSync(resolve(file)), { file: basename(file), limits: limitsOption(values['max-size']) });
        const rows = readResponses(workbook, survey.questionnaire, units);
        const perUnit = new Map<string, number>();
        for (const r of rows) perUnit.set(r.unit, (perUnit.get(r.unit) ?? 0) + 1);
        if (!values['dry-run']) await importResponses(store.db, survey, rows, `${basename(file)} ${new Date().toISOString()}`, SYSTEM);
        io.out(
          values['dry-run']
            ? t(
                io,
                `Tệp hợp lệ: ${rows.length} phiếu của ${perUnit.size} đơn vị (chưa ghi gì)`,
                `Valid file: ${rows.length} responses of ${perUnit.size} units (nothing written)`,
              )
            : t(io, `Đã nhập ${rows.length} phiếu của ${perUnit.size} đơn vị`, `Imported ${rows.length} responses of ${perUnit.size} units`),
        );
        return EXIT.ok;
      }
      if (sub === 'quotas') {
        const m = await surveyMonitor(store.db, survey);
        const groupName = (id: string) => survey.questionnaire.groups.find((g) => g.id === id)?.name ?? id;
        io.out(t(io, 'Đơn vị | Nhóm | Kế hoạch | Hợp lệ | Bị loại | Trực tuyến/Giấy/Tệp', 'Unit | Group | Plan | Valid | Excluded | Online/Paper/File'));
        for (const q of m.quotas)
          io.out(`${q.name} | ${groupName(q.group)} | ${q.planned ?? '–'} | ${q.valid} | ${q.excluded} | ${q.online}/${q.paper}/${q.file}`);
        const pending = m.flagRows.filter((f) => f.status === 'pending').length;
        io.out(
          t(
            io,
            `${m.responses.length} phiếu; ${m.flagRows.length} dấu hiệu bất thường, ${pending} chưa xem xét`,
            `${m.responses.length} responses; ${m.flagRows.length} flags, ${pending} pending`,
          ),
        );
        return EXIT.ok;
      }
      if (sub === 'points') {
        const start = performance.now();
        const computed = await computeSurveyPoints(store.db, survey, framework, SYSTEM);
        const precision = framework.settings.precision;
        for (const p of computed.criteria)
          io.out(`${p.unit} ${p.code}: ${shown(p.points, precision)}/${shown(p.maxPoints, precision)} — ${t(io, p.explanation.vi, p.explanation.en)}`);
        io.out(
          t(
            io,
            `Đã tính điểm ${new Set(computed.criteria.map((p) => p.unit)).size} đơn vị trong ${Math.round(performance.now() - start)} ms (xem trước)`,
            `Computed the points of ${new Set(computed.criteria.map((p) => p.unit)).size} units in ${Math.round(performance.now() - start)} ms (preview)`,
          ),
        );
        if (values.apply) {
          const written = await applySurveyPoints(store.db, cycle.id, SYSTEM, values.unit as string[] | undefined);
          io.out(
            t(io, `Đã ghi ${written.length} điểm vào phần điều tra xã hội học của kết quả`, `Wrote ${written.length} scores as the survey part of the results`),
          );
        }
        return EXIT.ok;
      }
      // report
      if (!values.out) throw new UsageError({ vi: 'cần --out <tệp.xlsx|.csv|.docx>', en: '--out <file.xlsx|.csv|.docx> is required' });
      const format = (values.format ?? extname(values.out).slice(1)).toLowerCase();
      if (!['xlsx', 'csv', 'docx'].includes(format))
        throw new UsageError({
          vi: `định dạng báo cáo là xlsx, csv hoặc docx, không phải "${format}"`,
          en: `the report format is xlsx, csv or docx, not "${format}"`,
        });
      const { units, ...figures } = await surveyReportFigures(store.db, survey);
      const input = { questionnaire: survey.questionnaire, unitNames: new Map(units.map((u) => [u.unit, u.name])), ...figures };
      const bytes =
        format === 'docx'
          ? await toDocx(surveyDocumentFor(await store.dataset(), { year: cycle.year, framework }, input))
          : await writeTables(format === 'csv' ? [surveyReportTables(input)[1]!] : surveyReportTables(input), {
              format: format as 'xlsx' | 'csv',
              locale: io.locale,
            });
      writeFileAtomic(resolve(values.out), bytes);
      io.out(t(io, `Đã ghi báo cáo khảo sát: ${values.out}`, `Wrote the survey report: ${values.out}`));
      return EXIT.ok;
    });
  },
};
