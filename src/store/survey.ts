/**
 * The survey of a cycle: its questionnaire (a new version at each change, checked by the core
 * against the cycle's framework, while the survey is in design), its state (design → open →
 * closed), the sample plan's figures and the anonymous links to the public form. Every change
 * by the province is audited; the form's links keep only their token's hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { issue, ParError, type Framework } from '../core/index.ts';
import { readQuestionnaire, type Questionnaire, type QuotaInput } from '../core/survey/index.ts';
import { authorize, type Actor } from '../workflow/policy.ts';
import { appendAudit } from './audit.ts';
import type { Database, Queryable } from './database.ts';
import { ConflictError, notFound } from './errors.ts';
import { json } from './save.ts';
import type { RowOf, Shaped } from './tables.ts';

export type SurveyState = 'design' | 'open' | 'closed';

export interface SurveyRecord {
  cycleId: string;
  state: SurveyState;
  questionnaireVersion: number;
  /** The document as the province wrote it. */
  document: unknown;
  questionnaire: Questionnaire;
  version: number;
  networkSalt: string;
}

type Row = Pick<Shaped<'surveys', { state: SurveyState }>, 'cycle_id' | 'state' | 'questionnaire_version' | 'version' | 'network_salt'> &
  Pick<RowOf<'survey_questionnaires'>, 'document'>;

/** The cycle's survey, or undefined when it has none. The questionnaire is rebuilt by the core. */
export async function surveyOf(q: Queryable, cycleId: string, framework: Framework): Promise<SurveyRecord | undefined> {
  const [row] = await q.query<Row>(
    `SELECT s.cycle_id, s.state, s.questionnaire_version, q.document, s.version, s.network_salt
     FROM surveys s JOIN survey_questionnaires q ON q.cycle_id = s.cycle_id AND q.version = s.questionnaire_version WHERE s.cycle_id = $1`,
    [cycleId],
  );
  if (!row) return undefined;
  return {
    cycleId,
    state: row.state,
    questionnaireVersion: row.questionnaire_version,
    document: row.document,
    questionnaire: readQuestionnaire(row.document, framework),
    version: row.version,
    networkSalt: row.network_salt,
  };
}

export async function surveyOrFail(q: Queryable, cycleId: string, framework: Framework): Promise<SurveyRecord> {
  const survey = await surveyOf(q, cycleId, framework);
  if (!survey) throw notFound({ vi: `kỳ đánh giá ${cycleId} chưa có phiếu khảo sát`, en: `cycle ${cycleId} has no survey questionnaire yet` }, 'cycle');
  return survey;
}

const notInDesign = (state: SurveyState) =>
  new ParError(
    issue(
      'survey.notReady',
      {
        vi: `khảo sát đang ở trạng thái "${STATE_WORDS[state].vi}": chỉ sửa phiếu khi đang thiết kế`,
        en: `the survey is ${STATE_WORDS[state].en}: the questionnaire changes only in design`,
      },
      { field: 'state' },
    ),
  );

export const STATE_WORDS: Record<SurveyState, { vi: string; en: string }> = {
  design: { vi: 'đang thiết kế', en: 'in design' },
  open: { vi: 'đang thu phiếu', en: 'open' },
  closed: { vi: 'đã kết thúc thu phiếu', en: 'closed' },
};

/** Stores a new version of the cycle's questionnaire (validated by the core first). */
export async function saveQuestionnaire(db: Database, cycleId: string, document: unknown, framework: Framework, actor: Actor): Promise<SurveyRecord> {
  authorize(actor, 'manageFrameworks');
  const questionnaire = readQuestionnaire(document, framework);
  return db.transaction(async (tx) => {
    const [current] = await tx.query<{ state: SurveyState; questionnaire_version: number }>(
      'SELECT state, questionnaire_version FROM surveys WHERE cycle_id = $1 FOR UPDATE',
      [cycleId],
    );
    if (current && current.state !== 'design') throw notInDesign(current.state);
    const version = (current?.questionnaire_version ?? 0) + 1;
    await tx.query('INSERT INTO survey_questionnaires (cycle_id, version, framework_id, document, created_by) VALUES ($1, $2, $3, $4, $5)', [
      cycleId,
      version,
      framework.id,
      json(document),
      actor.userId,
    ]);
    if (current) await tx.query('UPDATE surveys SET questionnaire_version = $2, version = version + 1 WHERE cycle_id = $1', [cycleId, version]);
    else
      await tx.query('INSERT INTO surveys (cycle_id, questionnaire_version, network_salt) VALUES ($1, $2, $3)', [
        cycleId,
        version,
        randomBytes(16).toString('hex'),
      ]);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'survey.design',
      subject: `cycle/${cycleId}/survey`,
      after: { questionnaire: questionnaire.id, version, criteria: questionnaire.criteria.map((c) => c.code), questions: questionnaire.questions.length },
    });
    return (await surveyOf(tx, cycleId, framework))!;
  });
}

const NEXT: Record<SurveyState, SurveyState[]> = { design: ['open'], open: ['closed'], closed: ['open'] };

/** Opens or closes collection; `version` is the survey's version the province read. */
export async function setSurveyState(db: Database, cycleId: string, state: SurveyState, version: number, actor: Actor, reason?: string): Promise<SurveyState> {
  authorize(actor, 'manageFrameworks');
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ state: SurveyState; version: number }>('SELECT state, version FROM surveys WHERE cycle_id = $1 FOR UPDATE', [cycleId]);
    if (!row) throw notFound({ vi: `kỳ đánh giá ${cycleId} chưa có phiếu khảo sát`, en: `cycle ${cycleId} has no survey questionnaire yet` }, 'cycle');
    if (row.version !== version)
      throw new ConflictError(
        { vi: 'khảo sát vừa được người khác thay đổi: hãy tải lại', en: 'the survey was just changed by someone else: reload' },
        { state: row.state, version: row.version },
      );
    if (!NEXT[row.state].includes(state)) {
      throw new ParError(
        issue(
          'survey.notReady',
          {
            vi: `không thể chuyển khảo sát từ "${STATE_WORDS[row.state].vi}" sang "${STATE_WORDS[state].vi}"`,
            en: `the survey cannot go from ${STATE_WORDS[row.state].en} to ${STATE_WORDS[state].en}`,
          },
          { field: 'state' },
        ),
      );
    }
    await tx.query('UPDATE surveys SET state = $2, version = version + 1 WHERE cycle_id = $1', [cycleId, state]);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: `survey.${state === 'open' ? 'open' : 'close'}`,
      subject: `cycle/${cycleId}/survey`,
      before: { state: row.state },
      after: { state },
      ...(reason && { reason }),
    });
    return state;
  });
}

/** The province's figures for the sample plan (unit figure a share is taken of, or its own number). */
export async function quotaInputs(q: Queryable, cycleId: string): Promise<QuotaInput[]> {
  const rows = await q.query<{ unit_id: string; group_id: string; basis: string | null; planned: number | null }>(
    'SELECT unit_id, group_id, basis::text AS basis, planned FROM survey_quotas WHERE cycle_id = $1 ORDER BY unit_id, group_id',
    [cycleId],
  );
  return rows.map((r) => ({
    unit: r.unit_id,
    group: r.group_id,
    ...(r.basis !== null && { basis: Number(r.basis) }),
    ...(r.planned !== null && { planned: r.planned }),
  }));
}

export async function setQuotas(
  db: Database,
  cycleId: string,
  inputs: { unit: string; group: string; basis?: number | null; planned?: number | null }[],
  questionnaire: Questionnaire,
  actor: Actor,
): Promise<void> {
  authorize(actor, 'manageFrameworks');
  const issues = inputs.flatMap((input, i) =>
    questionnaire.groups.some((g) => g.id === input.group)
      ? []
      : [issue('survey.unknownGroup', { vi: `không có nhóm đối tượng ${input.group}`, en: `no respondent group ${input.group}` }, { field: `${i}.group` })],
  );
  if (issues.length) throw new ParError(issues);
  await db.transaction(async (tx) => {
    const units = new Set((await tx.query<{ unit_id: string }>('SELECT unit_id FROM unit_results WHERE cycle_id = $1', [cycleId])).map((r) => r.unit_id));
    const unknown = inputs.flatMap((input, i) =>
      units.has(input.unit)
        ? []
        : [
            issue(
              'survey.unknownUnit',
              { vi: `đơn vị ${input.unit} không thuộc kỳ đánh giá`, en: `unit ${input.unit} is not in the cycle` },
              { field: `${i}.unit`, unit: input.unit },
            ),
          ],
    );
    if (unknown.length) throw new ParError(unknown);
    const before = await quotaInputs(tx, cycleId);
    for (const input of inputs) {
      await tx.query(
        `INSERT INTO survey_quotas (cycle_id, unit_id, group_id, basis, planned) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (cycle_id, unit_id, group_id) DO UPDATE SET basis = EXCLUDED.basis, planned = EXCLUDED.planned`,
        [cycleId, input.unit, input.group, input.basis ?? null, input.planned ?? null],
      );
    }
    const changed = new Set(inputs.map((i) => `${i.unit}/${i.group}`));
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'survey.quotas',
      subject: `cycle/${cycleId}/survey`,
      before: before.filter((b) => changed.has(`${b.unit}/${b.group}`)),
      after: inputs,
    });
  });
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * New links to the public form for a unit and group: `count` single-use tokens (one per
 * printed invitation or QR code) or one shared, rate-limited link. The tokens are returned
 * once; only their hash is kept.
 */
export async function createLinks(
  db: Database,
  cycleId: string,
  input: { unit: string; group: string; singleUse: boolean; count: number },
  questionnaire: Questionnaire,
  actor: Actor,
): Promise<string[]> {
  authorize(actor, 'manageFrameworks');
  if (!questionnaire.groups.some((g) => g.id === input.group))
    throw new ParError(
      issue('survey.unknownGroup', { vi: `không có nhóm đối tượng ${input.group}`, en: `no respondent group ${input.group}` }, { field: 'group' }),
    );
  const tokens = Array.from({ length: input.singleUse ? input.count : 1 }, () => randomBytes(16).toString('base64url'));
  await db.transaction(async (tx) => {
    const [member] = await tx.query('SELECT 1 FROM unit_results WHERE cycle_id = $1 AND unit_id = $2', [cycleId, input.unit]);
    if (!member)
      throw new ParError(
        issue(
          'survey.unknownUnit',
          { vi: `đơn vị ${input.unit} không thuộc kỳ đánh giá`, en: `unit ${input.unit} is not in the cycle` },
          { field: 'unit', unit: input.unit },
        ),
      );
    await tx.query(`INSERT INTO survey_links (token_hash, cycle_id, unit_id, group_id, single_use) SELECT h, $2, $3, $4, $5 FROM unnest($1::text[]) AS h`, [
      tokens.map(tokenHash),
      cycleId,
      input.unit,
      input.group,
      input.singleUse,
    ]);
    await appendAudit(tx, {
      actorId: actor.userId,
      action: 'survey.links',
      subject: `cycle/${cycleId}/unit/${input.unit}/survey`,
      after: { group: input.group, singleUse: input.singleUse, count: tokens.length },
    });
  });
  return tokens;
}

export interface LinkRecord {
  cycleId: string;
  unit: string;
  group: string;
  singleUse: boolean;
  used: boolean;
  state: SurveyState;
  questionnaireVersion: number;
  networkSalt: string;
}

/** What a token opens, or undefined for a token that does not exist. */
export async function linkOf(q: Queryable, token: string): Promise<LinkRecord | undefined> {
  const [row] = await q.query<{
    cycle_id: string;
    unit_id: string;
    group_id: string;
    single_use: boolean;
    used: boolean;
    state: SurveyState;
    questionnaire_version: number;
    network_salt: string;
  }>(
    `SELECT l.cycle_id, l.unit_id, l.group_id, l.single_use, l.used_at IS NOT NULL AS used, s.state, s.questionnaire_version, s.network_salt
     FROM survey_links l JOIN surveys s ON s.cycle_id = l.cycle_id WHERE l.token_hash = $1`,
    [tokenHash(token)],
  );
  if (!row) return undefined;
  return {
    cycleId: row.cycle_id,
    unit: row.unit_id,
    group: row.group_id,
    singleUse: row.single_use,
    used: row.used,
    state: row.state,
    questionnaireVersion: row.questionnaire_version,
    networkSalt: row.network_salt,
  };
}

/** A questionnaire version as stored (what a response was answered on). */
export async function questionnaireDocument(q: Queryable, cycleId: string, version: number): Promise<unknown> {
  const [row] = await q.query<{ document: unknown }>('SELECT document FROM survey_questionnaires WHERE cycle_id = $1 AND version = $2', [cycleId, version]);
  return row?.document;
}
