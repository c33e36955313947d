/**
 * The authorisation matrix, over HTTP: every role × own/other unit × action × assessment state,
 * with the expected outcome taken from the one policy table (src/workflow/policy.ts).
 * Allowed → anything but 401/403 (a business rule may still say 422); refused by role or unit →
 * 401 for the public, 403 otherwise; refused by state → 403, or 409 for a step of the workflow
 * (a transition, a publication).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { projectRoot } from '../io/dataFolder.ts';
import { testEngines } from '../store/testing.ts';
import { ACTIONS, decide, type Action, type Actor, type Role } from '../workflow/policy.ts';
import { STATES, TRANSITIONS, type AssessmentState, type Transition } from '../workflow/states.ts';
import { buildReport, writeReport } from '../report/index.ts';
import { startTestServer, type TestServer } from './testing.ts';

const DRAFT = 'lai-chau-district-2024';
const PUBLISHED = 'lai-chau-district-2023';
const OWN = 'tam-duong';
const OTHER = 'than-uyen';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const USERS: Record<Role, { username?: string; actor: Actor }> = {
  admin: { username: 'admin', actor: { userId: 'a', role: 'admin' } },
  appraiser: { username: 'appraiser', actor: { userId: 'b', role: 'appraiser' } },
  unitEditor: { username: 'tamduong', actor: { userId: 'c', role: 'unitEditor', unitId: OWN } },
  unitViewer: { username: 'tamduong-view', actor: { userId: 'd', role: 'unitViewer', unitId: OWN } },
  public: { actor: { userId: 'anonymous', role: 'public' } },
};

interface Probe {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The policy action the request stands for in this state (a final score on published results is a correction). */
  action?: Action;
  /** Refused by state with 409 (a step of the workflow) rather than 403. */
  transition?: boolean;
  /** The request concerns the whole cycle: every unit is put in the state. */
  cycleWide?: boolean;
  /** A refusal answers 404, as if there were nothing (another unit's drafts). */
  hidden?: boolean;
}

let decisions = 0;

const data = (file: string) => parse(readFileSync(`${projectRoot}/${file}`, 'utf8'));

/** One HTTP request per action; `version` is the criterion's current row version. */
function probe(action: Action, unit: string, state: AssessmentState, version: number): Probe | undefined {
  const scores = `/api/cycles/${DRAFT}/units/${unit}/scores`;
  if (action === 'publish' || action === 'correct') {
    // A decision publishes the cycle; once published, the same request is a correction.
    const body = { decision: `${++decisions}/QĐ-UBND`, date: '2025-05-15', reason: 'Lý do kiểm thử' };
    return {
      method: 'POST',
      path: `/api/cycles/${DRAFT}/publications`,
      body,
      action: state === 'published' ? 'correct' : 'publish',
      transition: true,
      cycleWide: true,
    };
  }
  if (action in TRANSITIONS) {
    return {
      method: 'POST',
      path: `/api/cycles/${DRAFT}/units/${unit}/transitions`,
      body: { transition: action as Transition, reason: 'Lý do kiểm thử' },
      transition: true,
    };
  }
  switch (action) {
    case 'readPublished':
      return { method: 'GET', path: `/api/cycles/${PUBLISHED}/units/${unit}/scores` };
    case 'readAssessment':
      return { method: 'GET', path: scores, action: state === 'published' ? 'readPublished' : 'readAssessment' };
    case 'editSelfAssessment':
      return { method: 'PUT', path: `${scores}/1`, body: { version, self: '9', comment: 'Giải trình' } };
    case 'appraise':
      return { method: 'PUT', path: `${scores}/1`, body: { version, appraised: '9', reason: 'Lý do' } };
    case 'importSurvey':
      return {
        method: 'PUT',
        path: `${scores}/1`,
        body: { version, final: '9', reason: 'Đính chính' },
        action: state === 'published' ? 'correct' : 'importSurvey',
      };
    case 'uploadEvidence':
      return {
        method: 'POST',
        path: `/api/cycles/${DRAFT}/units/${unit}/evidence?code=1&name=bien-ban.pdf`,
        body: PDF,
        headers: { 'content-type': 'application/pdf' },
      };
    case 'readAudit':
      return { method: 'GET', path: `/api/cycles/${DRAFT}/units/${unit}/audit` };
    case 'readPlan':
      return { method: 'GET', path: `/api/units/${unit}/plans/2024`, hidden: true };
    case 'explain':
      return { method: 'PUT', path: `/api/cycles/${DRAFT}/units/${unit}/explanations/1`, body: { text: 'Giải trình', version: 0 } };
    case 'answerExplanation':
      return { method: 'PUT', path: `/api/cycles/${DRAFT}/units/${unit}/explanations/1/answer`, body: { outcome: 'kept', reason: 'Lý do', version: 1 } };
    case 'addDocument':
      return {
        method: 'POST',
        path: '/api/documents',
        body: {
          name: 'bc.pdf',
          content: PDF.toString('base64'),
          number: '1/BC-UBND',
          date: '2024-05-01',
          issuer: 'UBND',
          summary: 'Báo cáo kiểm thử',
          links: [{ cycle: DRAFT, unit, code: '1' }],
        },
      };
    case 'editPlan':
      return {
        method: 'POST',
        path: '/api/import?dryRun=true',
        body: { documents: [{ data: { kind: 'report', unit, year: 2024, document: { issuer: ['UBND'] } } }] },
      };
    default:
      return undefined;
  }
}

const PROVINCE_WIDE: Partial<Record<Action, Probe>> = {
  manageUsers: { method: 'GET', path: '/api/users' },
  manageCycles: { method: 'POST', path: '/api/cycles', body: { year: 2023, framework: PUBLISHED } },
  manageFrameworks: { method: 'POST', path: '/api/import?dryRun=true', body: { documents: [{ data: data('frameworks/lai-chau/district-2023.yaml') }] } },
  manageUnits: { method: 'POST', path: '/api/import?dryRun=true', body: { documents: [{ data: data('data/demo/lai-chau/units.yaml') }] } },
  readWholeAudit: { method: 'GET', path: '/api/audit' },
  manageAppraisal: { method: 'PUT', path: `/api/cycles/${DRAFT}/appraisal/assignments`, body: { assignments: [] } },
  leadAppraisal: { method: 'POST', path: `/api/cycles/${DRAFT}/appraisal/rounds/1/close` },
  readAppraisalProgress: { method: 'GET', path: `/api/cycles/${DRAFT}/appraisal/worklist` },
};

function expectStatus(status: number, allowed: boolean, deniedByState: boolean, role: Role, transition: boolean, what: string, hidden = false) {
  if (allowed) {
    assert.ok(status !== 401 && status !== 403 && !(hidden && status === 404), `${what}: expected allowed, got ${status}`);
  } else if (hidden) {
    assert.equal(status, 404, what);
  } else if (!deniedByState) {
    assert.equal(status, role === 'public' ? 401 : 403, what);
  } else {
    assert.equal(status, transition ? 409 : 403, what);
  }
}

for (const engine of testEngines()) {
  describe(`authorisation matrix on ${engine.name}`, () => {
    let server: TestServer;
    const headers: Partial<Record<Role, Record<string, string>>> = {};
    before(async () => {
      server = await startTestServer(engine);
      for (const [role, user] of Object.entries(USERS)) headers[role as Role] = user.username ? await server.login(user.username) : {};
    });
    after(() => server.close());

    const send = (p: Probe, role: Role) => server.request(p.method, p.path, p.body, { ...headers[role], ...(p.headers ?? {}) });

    test('every action of the policy table has a request that stands for it', () => {
      for (const action of ACTIONS) assert.ok(PROVINCE_WIDE[action] || probe(action, OWN, 'draft', 0), `no probe for ${action}`);
    });

    test('every role × own/other unit × action × state gets what the policy table says', async () => {
      let checked = 0;
      for (const action of ACTIONS) {
        if (PROVINCE_WIDE[action] || !probe(action, OWN, 'draft', 0)) continue;
        for (const state of action === 'readPublished' ? (['published'] as const) : STATES) {
          for (const unit of [OWN, OTHER]) {
            for (const role of Object.keys(USERS) as Role[]) {
              const [row] = await server.store.db.query<{ version: number }>("SELECT version FROM scores WHERE cycle_id = $1 AND unit_id = $2 AND code = '1'", [
                DRAFT,
                unit,
              ]);
              const p = probe(action, unit, state, row?.version ?? 0)!;
              if (p.cycleWide) await server.store.db.query('UPDATE unit_results SET state = $1 WHERE cycle_id = $2', [state, DRAFT]);
              else await server.store.db.query('UPDATE unit_results SET state = $1 WHERE cycle_id = $2 AND unit_id = $3', [state, DRAFT, unit]);
              const actor = USERS[role].actor;
              const policyAction = p.action ?? action;
              const target = { unitId: unit, state };
              const allowed = decide(actor, policyAction, target).allowed;
              const deniedByState = !allowed && decide(actor, policyAction, { unitId: unit }).allowed;
              const response = await send(p, role);
              expectStatus(
                response.status,
                allowed,
                deniedByState,
                role,
                p.transition === true,
                `${role} ${action} ${unit === OWN ? 'own' : 'other'} unit in ${state}: ${JSON.stringify(response.body).slice(0, 200)}`,
                p.hidden,
              );
              checked++;
            }
          }
        }
      }
      for (const [action, p] of Object.entries(PROVINCE_WIDE) as [Action, Probe][]) {
        for (const role of Object.keys(USERS) as Role[]) {
          const response = await send(p, role);
          expectStatus(
            response.status,
            decide(USERS[role].actor, action).allowed,
            false,
            role,
            false,
            `${role} ${action}: ${JSON.stringify(response.body).slice(0, 200)}`,
          );
          checked++;
        }
      }
      assert.ok(checked > 900, `${checked} cases`);
    });

    test("a unit's plan and report texts reach only those the table lets read them; others get the report of its figures", async () => {
      // Tam Đường keeps report texts for 2023 and a 2024 plan (part II of the 2023 report).
      const readers: [string, Actor, Record<string, string>][] = [
        ...(Object.keys(USERS) as Role[]).map((role) => [role, USERS[role].actor, headers[role]!] as [string, Actor, Record<string, string>]),
        ['other unit', { userId: 'e', role: 'unitEditor', unitId: OTHER }, await server.login('thanuyen')],
      ];
      const TEXTS = ['UBND các xã, thị trấn;', 'UBND huyện tiến hành phân tích', 'Xây dựng đầy đủ, kịp thời các văn bản chỉ đạo điều hành công tác CCHC'];
      let figuresOnly: string | undefined;
      for (const [who, actor, sent] of readers) {
        const report = await server.request('GET', `/api/units/${OWN}/report?year=2023&format=md`, undefined, sent);
        assert.equal(report.status, 200, who);
        const text = String(report.body);
        const may = decide(actor, 'readPlan', { unitId: OWN }).allowed;
        for (const t of TEXTS) assert.equal(text.includes(t), may, `${who}: ${t}`);
        assert.ok(text.includes('78,12'), `${who}: the figures are there`);
        if (!may) {
          figuresOnly ??= text;
          assert.equal(text, figuresOnly, `${who}: the same report as any reader without the texts`);
        }
        // The other routes that carry the plan: the export of its tasks.
        const exported = await server.request('GET', `/api/export?what=plan&unit=${OWN}&year=2024&format=json`, undefined, sent);
        assert.equal(exported.status === 200, may, `${who}: plan export ${exported.status}`);
      }
      // Exactly what a unit without any texts gets: the free parts marked missing, nothing else.
      const stored = await server.store.dataset();
      const bare = await writeReport(buildReport({ ...stored, reports: [], plans: [] }, OWN, 2023), 'md');
      assert.equal(figuresOnly, Buffer.from(bare).toString('utf8'));
      assert.match(figuresOnly!, /\[Chưa có nội dung: /);
    });

    test("an agency's appraiser appraises and answers only its assigned criteria and takes none of the council's steps; the council none of the agency's", async () => {
      const created = await server.request(
        'POST',
        '/api/users',
        { username: 'stp-matrix', displayName: 'Sở Tư pháp (cán bộ)', role: 'appraiser', password: 'mat-khau-thu-2026' },
        headers.admin,
      );
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(
        (await server.request('PUT', '/api/appraisal/agencies/so-tu-phap', { name: 'Sở Tư pháp', users: ['stp-matrix'] }, headers.admin)).status,
        200,
      );
      assert.equal(
        (await server.request('PUT', `/api/cycles/${DRAFT}/appraisal/assignments`, { assignments: [{ code: '1', agency: 'so-tu-phap' }] }, headers.admin))
          .status,
        200,
      );
      const agencyHeaders = await server.login('stp-matrix');
      const who: [string, Actor, Record<string, string>][] = [
        ['agency', { userId: 'f', role: 'appraiser', agencyId: 'so-tu-phap' }, agencyHeaders],
        ['council', USERS.appraiser.actor, headers.appraiser!],
      ];
      const council: Action[] = ['startAppraisal', 'returnToUnit', 'completeAppraisal', 'answerRecheck'];
      let checked = 0;
      for (const state of STATES) {
        await server.store.db.query('UPDATE unit_results SET state = $1 WHERE cycle_id = $2 AND unit_id = $3', [state, DRAFT, OWN]);
        for (const [name, actor, sent] of who) {
          for (const code of ['1', '2']) {
            const target = { unitId: OWN, state, code, assignedTo: code === '1' ? 'so-tu-phap' : null };
            const [row] = await server.store.db.query<{ version: number }>('SELECT version FROM scores WHERE cycle_id = $1 AND unit_id = $2 AND code = $3', [
              DRAFT,
              OWN,
              code,
            ]);
            const requests: [Action, Probe][] = [
              [
                'appraise',
                {
                  method: 'PUT',
                  path: `/api/cycles/${DRAFT}/units/${OWN}/scores/${code}`,
                  body: { version: row?.version ?? 0, appraised: '1', reason: 'Lý do' },
                },
              ],
              [
                'answerExplanation',
                {
                  method: 'PUT',
                  path: `/api/cycles/${DRAFT}/units/${OWN}/explanations/${code}/answer`,
                  body: { outcome: 'kept', reason: 'Lý do', version: 1 },
                },
              ],
            ];
            for (const [action, p] of requests) {
              const allowed = decide(actor, action, target).allowed;
              const deniedByState = !allowed && decide(actor, action, { ...target, state: undefined as never }).allowed;
              await server.store.db.query('UPDATE unit_results SET state = $1 WHERE cycle_id = $2 AND unit_id = $3', [state, DRAFT, OWN]);
              const response = await server.request(p.method, p.path, p.body, sent);
              expectStatus(
                response.status,
                allowed,
                deniedByState,
                'appraiser',
                false,
                `${name} ${action} ${code} in ${state}: ${JSON.stringify(response.body).slice(0, 200)}`,
              );
              checked++;
            }
          }
          for (const action of council) {
            const allowed = decide(actor, action, { unitId: OWN, state }).allowed;
            const deniedByState = !allowed && decide(actor, action, { unitId: OWN }).allowed;
            await server.store.db.query('UPDATE unit_results SET state = $1 WHERE cycle_id = $2 AND unit_id = $3', [state, DRAFT, OWN]);
            const response = await server.request(
              'POST',
              `/api/cycles/${DRAFT}/units/${OWN}/transitions`,
              { transition: action, reason: 'Lý do kiểm thử' },
              sent,
            );
            expectStatus(
              response.status,
              allowed,
              deniedByState,
              'appraiser',
              true,
              `${name} ${action} in ${state}: ${JSON.stringify(response.body).slice(0, 200)}`,
            );
            checked++;
          }
        }
      }
      const close = await server.request('POST', `/api/cycles/${DRAFT}/appraisal/rounds/1/close`, undefined, agencyHeaders);
      assert.equal(close.status, 403, 'an agency leads nothing');
      assert.ok(checked >= 7 * 2 * 8, `${checked} cases`);
      await server.request('PUT', `/api/cycles/${DRAFT}/appraisal/assignments`, { assignments: [] }, headers.admin);
    });
  });
}
