/**
 * The public survey form, reached by a link or QR code: no account, a token that names a unit
 * and a respondent group (never a person). HTML at /khao-sat/:token (works without JavaScript),
 * the same as JSON under /api/survey/:token. Submissions are bounded (64 KB), rate-limited per
 * network and per shared link, and append-only; the sender's network is kept only as a keyed mark.
 */
import { bilingual } from '../../core/validation.ts';
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { issue, ParError, type Framework } from '../../core/index.ts';
import { checkAnswers, questionsFor, readQuestionnaire, type Questionnaire } from '../../core/survey/index.ts';
import { cycleOrFail, type Store } from '../../store/index.ts';
import { linkOf, questionnaireDocument, type LinkRecord } from '../../store/survey.ts';
import { submitOnline } from '../../store/surveyResponses.ts';
import { route } from '../route.ts';
import { closedPage, formPage, thanksPage } from '../surveyPage.ts';

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const BODY_LIMIT = 64 * 1024;
const tokenParams = z
  .object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { error: bilingual({ vi: 'đường dẫn khảo sát không đúng', en: 'not a survey link' }) }) })
  .strict();

/** Submissions per minute: per network (address prefix), and per shared link. */
export const SURVEY_RATE = {
  perNetwork: Number(process.env.PARINDEX_SURVEY_RATE_NETWORK ?? 60),
  perLink: Number(process.env.PARINDEX_SURVEY_RATE_LINK ?? 6000),
};

function windowLimiter(limit: () => number, capacity = 50_000) {
  const windows = new Map<string, { start: number; count: number }>();
  return (key: string, words: { vi: string; en: string }) => {
    const now = Date.now();
    const w = windows.get(key);
    if (!w || now - w.start > 60_000) {
      if (windows.size >= capacity) for (const [k, old] of windows) if (now - old.start > 60_000 || windows.size >= capacity) windows.delete(k);
      windows.set(key, { start: now, count: 1 });
      return;
    }
    if (++w.count > limit()) throw new ParError(issue('auth.rateLimited', words));
  };
}
const perNetwork = windowLimiter(() => SURVEY_RATE.perNetwork);
/** Form views (GET) per network: ten times the submissions. */
const viewsPerNetwork = windowLimiter(() => SURVEY_RATE.perNetwork * 10);
const perLink = windowLimiter(() => SURVEY_RATE.perLink);
const tooMany = { vi: 'gửi quá nhiều phiếu trong một phút: hãy thử lại sau', en: 'too many responses in a minute: try again later' };

/** The address's network (IPv4 /24, IPv6 /48): several people behind one office router share it. */
function prefixOf(ip: string): string {
  const v4 = /(\d+\.\d+\.\d+)\.\d+$/.exec(ip);
  if (v4) return v4[1]!;
  return ip.split(':').slice(0, 3).join(':');
}
const networkMark = (salt: string, ip: string) => createHmac('sha256', salt).update(prefixOf(ip)).digest('hex').slice(0, 16);

/** Questionnaires by cycle and version (they never change once stored), and links for a few seconds. */
const questionnaires = new Map<string, { questionnaire: Questionnaire; framework: Framework }>();
const links = new Map<string, { at: number; link: LinkRecord }>();
const LINK_TTL = 5_000;

async function link(store: Store, token: string, fresh = false): Promise<LinkRecord> {
  const cached = links.get(token);
  if (!fresh && cached && Date.now() - cached.at < LINK_TTL) return cached.link;
  const found = await linkOf(store.db, token);
  if (!found) throw new ParError(issue('survey.notFound', { vi: 'không có khảo sát nào ở đường dẫn này', en: 'no survey at this link' }, { field: 'token' }));
  if (links.size > 20_000) links.clear();
  links.set(token, { at: Date.now(), link: found });
  return found;
}

async function questionnaireOf(store: Store, l: LinkRecord): Promise<Questionnaire> {
  const key = `${l.cycleId}/${l.questionnaireVersion}`;
  let entry = questionnaires.get(key);
  if (!entry) {
    const cycle = await cycleOrFail(store.db, l.cycleId);
    const framework = (await store.dataset()).frameworks.get(cycle.framework)!;
    entry = { framework, questionnaire: readQuestionnaire(await questionnaireDocument(store.db, l.cycleId, l.questionnaireVersion), framework) };
    if (questionnaires.size > 100) questionnaires.clear();
    questionnaires.set(key, entry);
  }
  return entry.questionnaire;
}

function refuseClosed(l: LinkRecord): void {
  if (l.state !== 'open')
    throw new ParError(
      issue(
        'survey.notReady',
        {
          vi: l.state === 'design' ? 'khảo sát chưa bắt đầu' : 'khảo sát đã kết thúc',
          en: l.state === 'design' ? 'the survey has not started' : 'the survey has ended',
        },
        { field: 'state' },
      ),
    );
  if (l.singleUse && l.used)
    throw new ParError(
      issue('survey.inUse', { vi: 'đường dẫn này đã được dùng để gửi phiếu', en: 'this link was already used to send a response' }, { field: 'token' }),
    );
}

async function submit(store: Store, token: string, raw: Record<string, unknown>, ip: string): Promise<{ id: number; questionnaire: Questionnaire }> {
  const l = await link(store, token);
  refuseClosed(l);
  perNetwork(`${l.cycleId}/${prefixOf(ip)}`, tooMany);
  if (!l.singleUse) perLink(token, tooMany);
  const questionnaire = await questionnaireOf(store, l);
  const answers = checkAnswers(questionnaire, l.group, raw);
  const id = await submitOnline(store.db, token, answers, networkMark(l.networkSalt, ip), l.singleUse);
  if (l.singleUse) links.delete(token);
  return { id, questionnaire };
}

async function formData(store: Store, token: string, ip: string) {
  viewsPerNetwork(prefixOf(ip), tooMany);
  const l = await link(store, token, true);
  const questionnaire = await questionnaireOf(store, l);
  const dataset = await store.dataset();
  return {
    l,
    questionnaire,
    unitName: dataset.units.get(l.unit)?.fullName ?? l.unit,
    groupName: questionnaire.groups.find((g) => g.id === l.group)?.name ?? l.group,
    questions: questionsFor(questionnaire, l.group),
  };
}

const questionSchema = z.object({
  id: z.string(),
  type: z.enum(['single', 'likert', 'multiple', 'number', 'text']),
  text: z.string(),
  required: z.boolean(),
  options: z.array(z.object({ value: z.string(), label: z.string() })),
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number(),
  illustrative: z.boolean(),
});

/** Form fields (URL-encoded) → raw answers: a checkbox question gives a list. */
function fromForm(body: unknown, questions: { id: string; type: string }[]): { raw: Record<string, unknown>; values: Record<string, string[]> } {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  const params = new URLSearchParams(text);
  const raw: Record<string, unknown> = {};
  const values: Record<string, string[]> = {};
  for (const q of questions) {
    const all = params.getAll(q.id).map((v) => v.slice(0, 2000));
    values[q.id] = all;
    if (all.length) raw[q.id] = q.type === 'multiple' ? all : all[0];
  }
  return { raw, values };
}

export const surveyFormRoutes = [
  route({
    method: 'GET',
    url: '/api/survey/:token',
    summary: 'The public form of a link: the unit, the group, its questions and the data-protection notes (no account)',
    tag: 'survey',
    params: tokenParams,
    response: z.object({
      title: z.string(),
      unit: z.string(),
      group: z.string(),
      state: z.enum(['design', 'open', 'closed']),
      used: z.boolean(),
      illustrative: z.boolean(),
      privacy: z.object({ purpose: z.string(), retention: z.string(), contact: z.string() }),
      questions: z.array(questionSchema),
    }),
    async handler({ store, params, request }) {
      const { l, questionnaire, unitName, groupName, questions } = await formData(store, params.token, request.ip);
      return {
        title: questionnaire.title,
        unit: unitName,
        group: groupName,
        state: l.state,
        used: l.singleUse && l.used,
        illustrative: questionnaire.illustrative,
        privacy: questionnaire.privacy,
        questions,
      };
    },
  }),
  route({
    method: 'POST',
    url: '/api/survey/:token',
    summary: 'Send one response (`{"answers": {"q1": 4, …}}`); immutable once sent; rate-limited',
    tag: 'survey',
    params: tokenParams,
    bodyLimit: BODY_LIMIT,
    body: z.object({ answers: z.record(z.string().max(64), z.unknown()) }).strict(),
    status: 201,
    response: z.object({ id: z.number() }),
    async handler({ store, params, body, request }) {
      return { id: (await submit(store, params.token, body.answers, request.ip)).id };
    },
  }),
  route({
    method: 'GET',
    url: '/khao-sat/:token',
    summary: 'The public form as a light HTML page (Vietnamese, no script)',
    tag: 'survey',
    params: tokenParams,
    response: z.string().describe('text/html'),
    async handler({ store, params, request, reply }) {
      reply.header('content-security-policy', PAGE_CSP).header('cache-control', 'no-store').type('text/html; charset=utf-8');
      try {
        const { l, questionnaire, unitName, groupName, questions } = await formData(store, params.token, request.ip);
        refuseClosed(l);
        return formPage({ questionnaire, unitName, groupName, questions, action: `/khao-sat/${params.token}` });
      } catch (error) {
        if (!(error instanceof ParError)) throw error;
        return reply.code(error.code === 'survey.notFound' ? 404 : error.code === 'auth.rateLimited' ? 429 : 409).send(closedPage(error.issues[0]!.message.vi));
      }
    },
  }),
  route({
    method: 'POST',
    url: '/khao-sat/:token',
    summary: 'Send the HTML form (URL-encoded); the thanks page, or the form again with each problem at its question',
    tag: 'survey',
    params: tokenParams,
    accepts: ['application/x-www-form-urlencoded'],
    bodyLimit: BODY_LIMIT,
    response: z.string().describe('text/html'),
    async handler({ store, params, request, reply }) {
      reply.header('content-security-policy', PAGE_CSP).header('cache-control', 'no-store').type('text/html; charset=utf-8');
      let data: Awaited<ReturnType<typeof formData>>;
      try {
        data = await formData(store, params.token, request.ip);
      } catch (error) {
        if (!(error instanceof ParError)) throw error;
        return reply.code(error.code === 'auth.rateLimited' ? 429 : 404).send(closedPage(error.issues[0]!.message.vi));
      }
      const { raw, values } = fromForm(request.body, data.questions);
      try {
        const { id, questionnaire } = await submit(store, params.token, raw, request.ip);
        return thanksPage(questionnaire, id);
      } catch (error) {
        if (!(error instanceof ParError)) throw error;
        const errors: Record<string, string> = {};
        for (const i of error.issues) {
          const q = i.field?.replace(/^answers\./, '');
          if (q && data.questions.some((x) => x.id === q)) errors[q] = i.message.vi.replace(/^câu [^:]+: /, '');
        }
        if (!Object.keys(errors).length) return reply.code(error.code === 'auth.rateLimited' ? 429 : 409).send(closedPage(error.issues[0]!.message.vi));
        return reply.code(422).send(
          formPage({
            questionnaire: data.questionnaire,
            unitName: data.unitName,
            groupName: data.groupName,
            questions: data.questions,
            action: `/khao-sat/${params.token}`,
            values,
            errors,
          }),
        );
      }
    },
  }),
];
