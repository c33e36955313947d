/**
 * The survey, for the province's staff: design (the questionnaire, checked by the core), open
 * and close, the sample plan, links to the public form, paper entry (with an optional second
 * typing checked against the first), file import, monitoring with flags to accept or exclude,
 * the points computed, previewed and written as the survey part, and the report.
 */
import { z } from 'zod';
import { issue, ParError, type Framework } from '../../core/index.ts';
import { surveyJson } from '../../core/presenters.ts';
import { parseDocument } from '../../core/document.ts';
import { checkAnswers, entryDifferences, flagResponses } from '../../core/survey/index.ts';
import { MEDIA_TYPES } from '../../report/index.ts';
import { readWorkbook } from '../../io/index.ts';
import { limitsFromEnvironment } from '../../io/limits.ts';
import { responsesTemplate } from '../../io/survey/responses.ts';
import { surveyReportTables } from '../../io/survey/report.ts';
import { placeIssues, questionnaireTables, readQuestionnaireWorkbook } from '../../io/survey/questionnaire.ts';
import { cycleOrFail, cycleUnits, type Store } from '../../store/index.ts';
import { createLinks, saveQuestionnaire, setQuotas, setSurveyState, surveyOf, surveyOrFail, type SurveyRecord } from '../../store/survey.ts';
import { applySurveyPoints, computeSurveyPoints, storedPoints } from '../../store/surveyPoints.ts';
import { surveyMonitor, surveyReportFigures } from '../../store/surveyReport.ts';
import { correctResponse, currentResponses, decideFlag, enterPaper, importResponses } from '../../store/surveyResponses.ts';
import { authorize, decide, type Actor } from '../../workflow/policy.ts';
import { checkFileSize } from '../limits.ts';
import {
  appliedPointsResponse,
  computedPointsResponse,
  flagDecisionResponse,
  quotasResponse,
  surveyImportResponse,
  surveyLinksResponse,
  surveyMonitorResponse,
  surveyPointsResponse,
  surveyReportResponse,
  surveyResponse,
  surveyResponseId,
  surveyStateResponse,
} from '../contract/survey.ts';
import { CSV, fileResponse, XLSX } from '../responses.ts';
import { bodyOf, route } from '../route.ts';
import { recordId, requiredText, slug } from './schemas.ts';

const LIMITS = limitsFromEnvironment();
const cycleParams = z.object({ cycle: slug }).strict();
const answersBody = z.record(z.string().max(64), z.union([z.string().max(2000), z.number(), z.array(z.string().max(40)).max(20), z.null()]));

async function frameworkOf(store: Store, cycleId: string): Promise<Framework> {
  const cycle = await cycleOrFail(store.db, cycleId);
  const framework = (await store.dataset()).frameworks.get(cycle.framework);
  if (!framework) throw new ParError(issue('survey.notFound', { vi: `không có bộ tiêu chí ${cycle.framework}`, en: `no framework ${cycle.framework}` }));
  return framework;
}

async function surveyFor(store: Store, cycleId: string): Promise<{ framework: Framework; survey: SurveyRecord }> {
  const framework = await frameworkOf(store, cycleId);
  return { framework, survey: await surveyOrFail(store.db, cycleId, framework) };
}

function paperAnswers(survey: SurveyRecord, group: string, raw: Record<string, unknown>, field = 'answers') {
  try {
    return checkAnswers(survey.questionnaire, group, raw);
  } catch (error) {
    if (error instanceof ParError && field !== 'answers')
      throw new ParError(error.issues.map((i) => ({ ...i, ...(i.field && { field: i.field.replace(/^answers/, field) }) })));
    throw error;
  }
}

function canReadPoints(actor: Actor, unit: string, state: string): boolean {
  return decide(actor, state === 'published' ? 'readPublished' : 'readAssessment', { unitId: unit, state: state as never }).allowed;
}

export const surveyRoutes = [
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/survey',
    summary: 'The cycle’s survey: its state and questionnaire (the province)',
    tag: 'survey',
    params: cycleParams,
    response: surveyResponse,
    async handler({ store, params, actor }) {
      authorize(actor, 'manageFrameworks');
      return surveyJson((await surveyFor(store, params.cycle)).survey);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/cycles/:cycle/survey',
    summary: 'Design the questionnaire (JSON or YAML; a new version, while in design)',
    tag: 'survey',
    params: cycleParams,
    accepts: ['application/yaml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    bodyLimit: 2 * 1024 * 1024,
    response: surveyResponse,
    async handler({ store, params, actor, request }) {
      authorize(actor, 'manageFrameworks');
      const framework = await frameworkOf(store, params.cycle);
      if (Buffer.isBuffer(request.body)) {
        // The Excel template (questionnaireTables): the core's findings placed at their cells.
        const read = readQuestionnaireWorkbook(await readWorkbook(request.body, { file: 'phieu-khao-sat.xlsx', limits: LIMITS }));
        try {
          return surveyJson(await saveQuestionnaire(store.db, params.cycle, read.document, framework, actor));
        } catch (error) {
          throw error instanceof ParError && !(error.code.startsWith('survey.') || error.code.startsWith('auth.')) ? placeIssues(error, read) : error;
        }
      }
      const body = typeof request.body === 'string' ? parseDocument(request.body, 'body') : request.body;
      return surveyJson(await saveQuestionnaire(store.db, params.cycle, body, framework, actor));
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/survey/questionnaire',
    summary: 'The questionnaire as the Excel template (empty when the cycle has none yet), to fill and upload with PUT …/survey',
    tag: 'survey',
    params: cycleParams,
    response: fileResponse(XLSX),
    async handler({ store, services, params, actor, reply }) {
      authorize(actor, 'manageFrameworks');
      const framework = await frameworkOf(store, params.cycle);
      const survey = await surveyOf(store.db, params.cycle, framework);
      const bytes = await services.pool.run('writeTables', null, { tables: questionnaireTables(survey?.questionnaire), options: { format: 'xlsx' } });
      reply.header('content-disposition', 'attachment; filename="phieu-khao-sat.xlsx"');
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(bodyOf(bytes));
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:cycle/survey/state',
    summary: 'Open or close collection (`{"state": "open"|"closed", "version"}`)',
    tag: 'survey',
    params: cycleParams,
    body: z.object({ state: z.enum(['open', 'closed']), version: z.number().int().min(0), reason: z.string().max(2000).optional() }).strict(),
    response: surveyStateResponse,
    async handler({ store, params, body, actor }) {
      return { state: await setSurveyState(store.db, params.cycle, body.state, body.version, actor, body.reason) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/survey/monitor',
    summary: 'Responses per unit and group against the plan, and the flags to decide',
    tag: 'survey',
    params: cycleParams,
    response: surveyMonitorResponse,
    async handler({ store, params, actor }) {
      authorize(actor, 'manageFrameworks');
      const { survey } = await surveyFor(store, params.cycle);
      const m = await surveyMonitor(store.db, survey);
      return { state: survey.state, version: survey.version, quotas: m.quotas, flags: m.flagRows, responses: m.responses.length };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/cycles/:cycle/survey/plan',
    summary: 'The sample plan’s figures: a unit’s figure for a share, or the province’s own number',
    tag: 'survey',
    params: cycleParams,
    body: z
      .array(
        z
          .object({
            unit: slug,
            group: slug,
            basis: z.number().min(0).max(1e9).nullable().optional(),
            planned: z.number().int().min(0).max(1e6).nullable().optional(),
          })
          .strict(),
      )
      .max(10_000),
    response: quotasResponse,
    async handler({ store, params, body, actor }) {
      const { survey } = await surveyFor(store, params.cycle);
      await setQuotas(store.db, params.cycle, body, survey.questionnaire, actor);
      return { quotas: (await surveyMonitor(store.db, survey)).quotas };
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:cycle/survey/links',
    summary: 'Links to the public form for a unit and group: single-use tokens, or one shared rate-limited link',
    tag: 'survey',
    params: cycleParams,
    body: z.object({ unit: slug, group: slug, singleUse: z.boolean(), count: z.number().int().min(1).max(5000).default(1) }).strict(),
    status: 201,
    response: surveyLinksResponse,
    async handler({ store, params, body, actor }) {
      const { survey } = await surveyFor(store, params.cycle);
      const tokens = await createLinks(store.db, params.cycle, body, survey.questionnaire, actor);
      return { tokens, paths: tokens.map((t) => `/khao-sat/${t}`) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:cycle/survey/responses',
    summary: 'A paper form keyed in by staff; `check`: the second typing, refused where it differs',
    tag: 'survey',
    params: cycleParams,
    body: z
      .object({
        unit: slug,
        group: slug,
        answers: answersBody,
        check: answersBody.optional(),
        formNumber: z.string().trim().min(1).max(40).optional(),
        collectedOn: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
      })
      .strict(),
    status: 201,
    response: surveyResponseId,
    async handler({ store, params, body, actor }) {
      authorize(actor, 'importSurvey');
      const { survey } = await surveyFor(store, params.cycle);
      const answers = paperAnswers(survey, body.group, body.answers);
      if (body.check) {
        const second = paperAnswers(survey, body.group, body.check, 'check');
        const differ = entryDifferences(answers, second);
        if (differ.length) {
          throw new ParError(
            differ.map((q) =>
              issue(
                'survey.entryMismatch',
                { vi: `câu ${q}: hai lần nhập khác nhau, hãy xem lại phiếu giấy`, en: `question ${q}: the two entries differ, check the paper form` },
                { field: `check.${q}` },
              ),
            ),
          );
        }
      }
      return {
        id: await enterPaper(
          store.db,
          survey,
          {
            unit: body.unit,
            group: body.group,
            answers,
            ...(body.formNumber && { formNumber: body.formNumber }),
            ...(body.collectedOn && { collectedOn: body.collectedOn }),
          },
          actor,
        ),
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:cycle/survey/responses/:id/correction',
    summary: 'Correct a response: a new response replacing it, with a reason (audited)',
    tag: 'survey',
    params: z.object({ cycle: slug, id: recordId }).strict(),
    body: z.object({ answers: answersBody, reason: requiredText(2000, 'lý do sửa phiếu', 'the reason for the correction') }).strict(),
    status: 201,
    response: surveyResponseId,
    async handler({ store, params, body, actor }) {
      authorize(actor, 'importSurvey');
      const { survey } = await surveyFor(store, params.cycle);
      const old = (await currentResponses(store.db, params.cycle)).find((r) => r.id === params.id);
      const answers = paperAnswers(survey, old?.group ?? '', body.answers);
      return { id: await correctResponse(store.db, survey, params.id, answers, body.reason, actor) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:cycle/survey/import',
    summary: 'Answers from an Excel or CSV file, one transaction; problems at their cell (`dryRun=true` checks only)',
    tag: 'survey',
    params: cycleParams,
    query: z.object({ dryRun: z.enum(['true', 'false']).optional(), name: z.string().max(200).optional() }).strict(),
    accepts: ['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    bodyLimit: LIMITS.maxBytes,
    response: surveyImportResponse,
    async handler({ store, services, params, query, actor, request }) {
      authorize(actor, 'importSurvey');
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.from(typeof request.body === 'string' ? request.body : '');
      checkFileSize(actor, bytes.length, LIMITS.maxBytes);
      const { survey } = await surveyFor(store, params.cycle);
      const dataset = await store.dataset();
      const units = (await cycleUnits(store.db, params.cycle)).map((u) => ({ id: u.unit, name: dataset.units.get(u.unit)?.name ?? u.name }));
      // Read and checked in a worker thread: a file of 100,000 answers is seconds of parsing.
      const rows = await services.pool.run('readSurveyResponses', null, {
        bytes,
        ...(query.name && { file: query.name }),
        limits: LIMITS,
        questionnaire: survey.questionnaire,
        units,
      });
      const perUnit: Record<string, number> = {};
      for (const r of rows) perUnit[r.unit] = (perUnit[r.unit] ?? 0) + 1;
      if (query.dryRun === 'true') return { dryRun: true, responses: rows.length, perUnit };
      const batch = `${query.name ?? 'tệp'} ${new Date().toISOString()}`;
      await importResponses(store.db, survey, rows, batch, actor);
      return { dryRun: false, responses: rows.length, batch, perUnit };
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/survey/template',
    summary: 'The file to fill with paper answers (xlsx or csv)',
    tag: 'survey',
    params: cycleParams,
    query: z.object({ format: z.enum(['xlsx', 'csv']).optional() }).strict(),
    response: fileResponse(XLSX, CSV),
    async handler({ store, services, params, query, actor, reply }) {
      authorize(actor, 'importSurvey');
      const { survey } = await surveyFor(store, params.cycle);
      const format = query.format ?? 'xlsx';
      const bytes = await services.pool.run('writeTables', null, { tables: [responsesTemplate(survey.questionnaire)], options: { format } });
      reply.header('content-disposition', `attachment; filename="phieu-khao-sat.${format}"`);
      return reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(bodyOf(bytes));
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:cycle/survey/decisions',
    summary: 'Accept or exclude the responses of a flag, with a reason (audited)',
    tag: 'survey',
    params: cycleParams,
    body: z.object({ flag: z.string().min(1).max(300), decision: z.enum(['accept', 'exclude']), reason: requiredText(2000, 'lý do', 'the reason') }).strict(),
    response: flagDecisionResponse,
    async handler({ store, params, body, actor }) {
      authorize(actor, 'importSurvey');
      const { survey } = await surveyFor(store, params.cycle);
      const flag = flagResponses(survey.questionnaire, await currentResponses(store.db, params.cycle)).find((f) => f.id === body.flag);
      if (!flag)
        throw new ParError(
          issue(
            'survey.notFound',
            {
              vi: `không có đánh dấu ${body.flag} (các phiếu có thể đã thay đổi: hãy tải lại)`,
              en: `no flag ${body.flag} (the responses may have changed: reload)`,
            },
            { field: 'flag' },
          ),
        );
      return { flag: flag.id, decision: body.decision, responses: await decideFlag(store.db, params.cycle, flag, body.decision, body.reason, actor) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:cycle/survey/points',
    summary: 'Compute every unit’s survey points from the valid responses (the preview, kept with explanations)',
    tag: 'survey',
    params: cycleParams,
    response: computedPointsResponse,
    async handler({ store, params, actor }) {
      authorize(actor, 'importSurvey');
      const { framework, survey } = await surveyFor(store, params.cycle);
      return computeSurveyPoints(store.db, survey, framework, actor);
    },
  }),
  route({
    method: 'POST',
    url: '/api/cycles/:cycle/survey/points/apply',
    summary: 'Write the previewed points as the survey part of the units’ results (published with the appraisal)',
    tag: 'survey',
    params: cycleParams,
    body: z.object({ units: z.array(slug).max(10_000).optional() }).strict(),
    response: appliedPointsResponse,
    async handler({ store, params, body, actor }) {
      return { written: await applySurveyPoints(store.db, params.cycle, actor, body.units) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/survey/points',
    summary: 'The survey points and how each arose (a unit’s: whoever may read its results)',
    tag: 'survey',
    params: cycleParams,
    query: z.object({ unit: slug.optional() }).strict(),
    response: surveyPointsResponse,
    async handler({ store, params, query, actor }) {
      if (query.unit) {
        const unit = (await cycleUnits(store.db, params.cycle)).find((u) => u.unit === query.unit);
        // A cycle or unit without a survey run here has nothing to explain (the dashboard asks every year).
        if (!unit) return [];
        if (!canReadPoints(actor, unit.unit, unit.state)) authorize(actor, 'readAssessment', { unitId: query.unit, state: unit.state });
      } else authorize(actor, 'manageFrameworks');
      return storedPoints(store.db, params.cycle, query.unit);
    },
  }),
  route({
    method: 'GET',
    url: '/api/cycles/:cycle/survey/report',
    summary: 'The survey report: distributions per question and group, points per unit, sample vs plan (json, xlsx, csv, or docx with charts)',
    tag: 'survey',
    params: cycleParams,
    query: z.object({ format: z.enum(['json', 'xlsx', 'csv', 'docx']).optional() }).strict(),
    response: z.union([surveyReportResponse, fileResponse(XLSX, CSV, MEDIA_TYPES.docx)]),
    async handler({ store, services, params, query, actor, reply }) {
      authorize(actor, 'manageFrameworks');
      const { framework, survey } = await surveyFor(store, params.cycle);
      const { units, ...report } = await surveyReportFigures(store.db, survey);
      if (!query.format || query.format === 'json') return report;
      const unitNames = new Map(units.map((u) => [u.unit, u.name]));
      if (query.format === 'docx') {
        const cycle = await cycleOrFail(store.db, params.cycle);
        // Laid out and written in a worker thread, as the units' reports are.
        const doc = await services.pool.run('surveyReport', await store.dataset(), {
          cycle: { year: cycle.year, framework },
          figures: { questionnaire: survey.questionnaire, unitNames, ...report },
        });
        reply.header('content-disposition', `attachment; filename="${doc.fileName}.docx"`);
        return reply.type(MEDIA_TYPES.docx).send(bodyOf(doc.bytes));
      }
      const tables = surveyReportTables({ questionnaire: survey.questionnaire, unitNames, ...report });
      const bytes = await services.pool.run('writeTables', null, { tables: query.format === 'csv' ? [tables[1]!] : tables, options: { format: query.format } });
      reply.header('content-disposition', `attachment; filename="bao-cao-khao-sat.${query.format}"`);
      return reply
        .type(query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(bodyOf(bytes));
    },
  }),
];
