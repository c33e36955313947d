import { resolve } from 'node:path';
import {
  issue,
  describeIssue,
  documentKind,
  ParError,
  readFramework,
  readResults,
  readPlan,
  readUnitReport,
  readUnits,
  reportsWithoutReference,
  checkPlan,
  type Plan,
  type Framework,
  type Issue,
  type SourceDocument,
} from '../../core/index.ts';
import { demoFolders, listDocuments, readDocument } from '../../io/dataFolder.ts';
import { readQuestionnaire } from '../../core/survey/index.ts';
import { EXIT, parse, t, UsageError, type Command } from '../io.ts';
import { about } from './list.ts';

export const validate: Command = {
  ...about('validate'),
  run(args, io) {
    const { positionals } = parse(args, {}, true);
    if (!positionals.length) throw new UsageError({ vi: 'cần ít nhất một tệp hoặc thư mục', en: 'give at least one file or folder' });
    const files = positionals.flatMap((p) => listDocuments(resolve(p)));
    const documents: (SourceDocument | ParError)[] = files.map((file) => {
      try {
        return readDocument(file);
      } catch (error) {
        if (error instanceof ParError) return error;
        throw error;
      }
    });
    // Results may name a framework shipped with the platform: make those available too.
    const frameworks = new Map<string, Framework>();
    const shipped = listDocuments(demoFolders[0]!).map(readDocument);
    for (const d of [...shipped, ...documents.filter((d): d is SourceDocument => !(d instanceof ParError))]) {
      if (documentKind(d.data) !== 'framework') continue;
      try {
        const framework = readFramework(d.data, d.file);
        frameworks.set(framework.id, framework);
      } catch {
        // reported below for the files asked about
      }
    }
    // Which level a unit is, for a plan: from the units documents given, else the demo's.
    const levels = new Map<string, string>();
    for (const d of [...listDocuments(demoFolders[1]!).map(readDocument), ...documents.filter((d): d is SourceDocument => !(d instanceof ParError))]) {
      if (documentKind(d.data) !== 'units') continue;
      try {
        for (const u of readUnits(d.data, d.file).units) levels.set(u.id, u.level);
      } catch {
        // reported below for the files asked about
      }
    }
    let failed = 0;
    for (const d of documents) {
      try {
        if (d instanceof ParError) throw d;
        const kind = documentKind(d.data);
        let summary: string;
        let warnings: Issue[] = [];
        switch (kind) {
          case 'framework': {
            const f = readFramework(d.data, d.file);
            summary = t(
              io,
              `bộ tiêu chí ${f.id}: ${f.nodes.size} nút, ${f.components.length} chỉ số thành phần`,
              `framework ${f.id}: ${f.nodes.size} nodes, ${f.components.length} components`,
            );
            break;
          }
          case 'results': {
            const r = readResults(d.data, (id) => frameworks.get(id), d.file);
            summary = t(
              io,
              `kết quả năm ${r.year} (${r.frameworkId}): ${r.units.length} đơn vị`,
              `results ${r.year} (${r.frameworkId}): ${r.units.length} units`,
            );
            warnings = reportsWithoutReference(r, frameworks.get(r.frameworkId)!).map((w) => ({ ...w, file: d.file }));
            break;
          }
          case 'units': {
            const u = readUnits(d.data, d.file);
            summary = t(io, `đơn vị của ${u.province.name}: ${u.units.length}`, `units of ${u.province.name}: ${u.units.length}`);
            break;
          }
          case 'plan': {
            const p = readPlan(d.data, d.file);
            const framework = planFrameworkAmong(frameworks, p, levels.get(p.unitId));
            if (framework) {
              const problems = checkPlan(p, framework, d.file);
              if (problems.length) throw new ParError(problems);
            }
            summary = t(
              io,
              `kế hoạch ${p.unitId} năm ${p.year}: ${p.tasks.length} nhiệm vụ, ${p.reports.length} báo cáo định kỳ`,
              `plan ${p.unitId} ${p.year}: ${p.tasks.length} tasks, ${p.reports.length} reports`,
            );
            break;
          }
          case 'report': {
            const r = readUnitReport(d.data, d.file);
            summary = t(
              io,
              `dữ liệu báo cáo ${r.unitId} năm ${r.year}: ${r.claims.length} số liệu đối chiếu`,
              `report data ${r.unitId} ${r.year}: ${r.claims.length} claims`,
            );
            break;
          }
          case 'questionnaire': {
            // A survey's questionnaire is checked against the framework it names (loaded before it).
            const named = (d.data as { framework?: unknown }).framework;
            const framework = typeof named === 'string' ? frameworks.get(named) : undefined;
            if (!framework) {
              throw new ParError(
                issue(
                  'questionnaire.framework',
                  {
                    vi: `phiếu khảo sát ghi bộ tiêu chí "${String(named ?? '')}" không có trong dữ liệu đang kiểm tra`,
                    en: `the questionnaire names framework "${String(named ?? '')}", which is not among the data checked`,
                  },
                  { file: d.file, field: 'framework' },
                ),
              );
            }
            const q = readQuestionnaire(d.data, framework, d.file);
            summary = t(
              io,
              `phiếu khảo sát ${q.id}: ${q.questions.length} câu hỏi, ${q.groups.length} nhóm đối tượng`,
              `questionnaire ${q.id}: ${q.questions.length} questions, ${q.groups.length} respondent groups`,
            );
            break;
          }
          default:
            throw new ParError({
              code: 'document.kind',
              file: d.file,
              field: 'kind',
              message: {
                vi: 'thiếu hoặc sai "kind" (framework, units, results, report, plan, questionnaire)',
                en: 'missing or unknown "kind" (framework, units, results, report, plan, questionnaire)',
              },
            });
        }
        io.out(`✓ ${d.file}: ${summary}`);
        // Valid, but something the computation cannot judge: said, without failing the file.
        for (const w of warnings) io.err(`⚠ ${describeIssue(w, io.locale)}`);
      } catch (error) {
        if (!(error instanceof ParError)) throw error;
        failed++;
        for (const i of error.issues) io.err(`✗ ${describeIssue(i, io.locale)}`);
      }
    }
    return failed ? EXIT.invalidData : EXIT.ok;
  },
};

/**
 * The framework a plan is checked against: the one of its year (at its unit's level when
 * known), else the one of the results year it answers; none when that is not one framework.
 */
function planFrameworkAmong(frameworks: Map<string, Framework>, plan: Plan, level: string | undefined): Framework | undefined {
  for (const year of [plan.year, plan.basedOn]) {
    const found = [...frameworks.values()].filter((f) => f.year === year && (level === undefined || f.level === level));
    if (found.length === 1) return found[0];
  }
  return undefined;
}
