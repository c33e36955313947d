import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParError, parsePoints } from '../core/index.ts';
import { canonicalJson, chainEntry, verifyChain, type AuditEntry } from './audit.ts';
import { ACTIONS, decide, ROLES, type Actor } from './policy.ts';
import { STATES, TRANSITIONS, type AssessmentState, type Transition } from './states.ts';
import { checkTransition, transitionsFrom, type CriterionRow } from './transition.ts';

const rows: CriterionRow[] = [{ code: '1.1', selfScore: parsePoints(1), evidenceCount: 1, appraisedScore: parsePoints(1) }];

test('every transition is legal exactly from its listed states and refused with a reason elsewhere', () => {
  for (const [name, rule] of Object.entries(TRANSITIONS) as [Transition, (typeof TRANSITIONS)[Transition]][]) {
    for (const from of STATES) {
      const request = { transition: name, from, rows, reason: 'lý do' };
      if (rule.from.includes(from)) assert.equal(checkTransition(request), rule.to, `${name} from ${from}`);
      else {
        assert.throws(
          () => checkTransition(request),
          (e: unknown) => e instanceof ParError && e.code === 'workflow.illegalTransition' && /Cannot/.test(e.describe('en')),
          `${name} from ${from}`,
        );
      }
    }
  }
});

test('the happy path goes from draft to published, with a re-check on the way', () => {
  let state: AssessmentState = STATES[0];
  for (const step of ['submit', 'startAppraisal', 'completeAppraisal', 'requestRecheck', 'answerRecheck', 'publish'] as Transition[]) {
    assert.ok(transitionsFrom(state).includes(step), `${step} from ${state}`);
    state = checkTransition({ transition: step, from: state, rows, reason: 'vì' });
  }
  assert.equal(state, 'published');
});

test('a unit cannot submit while a self-scored criterion has neither evidence nor explanation', () => {
  const bare: CriterionRow[] = [
    { code: '1.1', selfScore: parsePoints(1), evidenceCount: 0 },
    { code: '1.2', selfScore: parsePoints(2), evidenceCount: 0, explanation: 'Đã ban hành kế hoạch số 12/KH-UBND' },
    { code: '1.3', evidenceCount: 0 },
  ];
  assert.throws(
    () => checkTransition({ transition: 'submit', from: 'draft', rows: bare }),
    (e: unknown) => e instanceof ParError && e.issues.length === 1 && e.issues[0]!.node === '1.1' && e.issues[0]!.code === 'workflow.evidenceRequired',
  );
});

test('an appraised score below the self score needs a reason before the appraisal completes', () => {
  const lower: CriterionRow[] = [{ code: '6.2.2', selfScore: parsePoints('1,5'), appraisedScore: parsePoints(0), evidenceCount: 1 }];
  assert.throws(() => checkTransition({ transition: 'completeAppraisal', from: 'underAppraisal', rows: lower }), /6\.2\.2.*lý do/);
  lower[0]!.appraisalReason = 'Không có đơn vị SNCL nào tăng mức độ tự chủ';
  assert.equal(checkTransition({ transition: 'completeAppraisal', from: 'underAppraisal', rows: lower }), 'appraised');
});

test('returning a file, asking a re-check and correcting published results need a written reason', () => {
  for (const [transition, from] of [
    ['returnToUnit', 'submitted'],
    ['requestRecheck', 'appraised'],
    ['correct', 'published'],
  ] as const) {
    assert.throws(
      () => checkTransition({ transition, from, rows, reason: '   ' }),
      (e: unknown) => e instanceof ParError && e.code === 'workflow.reasonRequired',
    );
  }
});

const actors: Record<string, Actor> = {
  admin: { userId: 'a', role: 'admin' },
  appraiser: { userId: 'b', role: 'appraiser' },
  editor: { userId: 'c', role: 'unitEditor', unitId: 'tam-duong' },
  viewer: { userId: 'd', role: 'unitViewer', unitId: 'tam-duong' },
  public: { userId: 'e', role: 'public' },
};

test('a unit user reads and writes only its own unit', () => {
  for (const action of ACTIONS) {
    for (const who of [actors.editor!, actors.viewer!]) {
      if (action === 'readPublished') continue;
      for (const state of STATES) assert.equal(decide(who, action, { unitId: 'than-uyen', state }).allowed, false, `${who.role} ${action} other unit ${state}`);
    }
  }
  assert.equal(decide(actors.editor!, 'editSelfAssessment', { unitId: 'tam-duong', state: 'draft' }).allowed, true);
  assert.equal(decide(actors.viewer!, 'editSelfAssessment', { unitId: 'tam-duong', state: 'draft' }).allowed, false);
  assert.equal(decide(actors.viewer!, 'readAssessment', { unitId: 'tam-duong', state: 'draft' }).allowed, true);
});

test('only appraisers appraise, and an appraiser cannot self-assess', () => {
  for (const role of ROLES) {
    const actor: Actor = { userId: role, role, unitId: 'tam-duong' };
    assert.equal(decide(actor, 'appraise', { unitId: 'tam-duong', state: 'underAppraisal' }).allowed, role === 'appraiser', role);
  }
  assert.equal(decide(actors.appraiser!, 'editSelfAssessment', { unitId: 'tam-duong', state: 'draft' }).allowed, false);
  assert.equal(decide(actors.appraiser!, 'readAssessment', { unitId: 'tam-duong', state: 'draft' }).allowed, false, 'drafts stay private until submitted');
});

test('nobody edits a published assessment; the public reads published results only', () => {
  for (const action of ['editSelfAssessment', 'uploadEvidence', 'appraise', 'submit', 'importSurvey'] as const) {
    for (const role of ROLES)
      assert.equal(
        decide({ userId: role, role, unitId: 'tam-duong' }, action, { unitId: 'tam-duong', state: 'published' }).allowed,
        false,
        `${role} ${action}`,
      );
  }
  for (const action of ACTIONS)
    assert.equal(decide(actors.public!, action, { unitId: 'tam-duong', state: 'published' }).allowed, action === 'readPublished', action);
  const refusal = decide(actors.public!, 'readAssessment', { unitId: 'tam-duong' });
  assert.match(refusal.reason!.vi, /Công khai/);
  // A refusal by state says which state it is in and when it would be possible.
  const locked = decide(actors.editor!, 'editSelfAssessment', { unitId: 'tam-duong', state: 'submitted' });
  assert.equal(locked.reason!.vi, 'Không thể tự chấm điểm khi hồ sơ ở trạng thái "Đã nộp"; chỉ được khi ở trạng thái "Đang tự đánh giá"');
  assert.equal(locked.reason!.en, 'Cannot edit the self-assessment while the assessment is "Submitted"; only when "Self-assessment"');
});

const at = (n: number) => `2024-01-0${n}T08:00:00.000Z`;

test('the hashed form of an entry never changes: keys in code-unit order, absent fields left out, nulls kept', () => {
  // Entries stored years ago verify only if this text is the same byte for byte.
  const value = { z: 1, a: [1, undefined, { y: null, b: 'ư' }], Z: undefined, é: true, 'a.b': { n: -0.5, s: 'x"y' }, B: [] };
  assert.equal(canonicalJson(value), '{"B":[],"a":[1,null,{"b":"ư","y":null}],"a.b":{"n":-0.5,"s":"x\\"y"},"z":1,"é":true}');
  assert.equal(canonicalJson(undefined), 'null');
  assert.equal(canonicalJson({}), '{}');
  assert.equal(canonicalJson({ only: undefined }), '{}');
  const entry = chainEntry({ at: at(1), actorId: 'u1', action: 'score.write', subject: 's', after: { self: '0.5', comment: null } });
  assert.equal(entry.hash, '3badba5d0c03dac1126f300064ce6cf593da51619854a992b031e05ad022182f');
});

test('the audit chain verifies, and any change to a stored entry is detected where it happened', () => {
  const entries: AuditEntry[] = [];
  for (let n = 1; n <= 4; n++) {
    entries.push(
      chainEntry(
        {
          at: at(n),
          actorId: 'u1',
          action: 'updateScore',
          subject: `score:c/tam-duong/6.${n}`,
          before: { score: 1 },
          after: { score: 0.5 },
          reason: 'trừ điểm',
        },
        entries.at(-1),
      ),
    );
  }
  assert.deepEqual(verifyChain(entries), { valid: true });
  const tampered = entries.map((e) => ({ ...e }));
  tampered[2] = { ...tampered[2]!, after: { score: 1 } };
  assert.deepEqual(verifyChain(tampered), { valid: false, brokenAt: 3, reason: 'altered' });
  assert.deepEqual(verifyChain([entries[0]!, entries[2]!, entries[3]!]), { valid: false, brokenAt: 3, reason: 'altered' }, 'a removed entry breaks the chain');
  const rehashed = chainEntry({ at: at(3), actorId: 'u1', action: 'updateScore', subject: 'x' }, entries[1]);
  assert.deepEqual(
    verifyChain([entries[0]!, entries[1]!, rehashed, entries[3]!]),
    { valid: false, brokenAt: 4, reason: 'altered' },
    'rewriting one entry with a fresh hash breaks the next',
  );
});

test('a keyed chain cannot be re-chained without the key, nor downgraded, and anchors catch a cut-off end', () => {
  const key = Buffer.alloc(32, 7);
  const entries: AuditEntry[] = [];
  for (let n = 1; n <= 2; n++) entries.push(chainEntry({ at: at(n), actorId: 'u1', action: 'a', subject: `s${n}` }, entries.at(-1)));
  for (let n = 3; n <= 5; n++) entries.push(chainEntry({ at: at(n), actorId: 'u1', action: 'a', subject: `s${n}` }, entries.at(-1), key));
  assert.equal(entries[2]!.keyed, true);
  assert.equal(entries[0]!.keyed, undefined, 'entries of before the key keep their plain form');
  assert.deepEqual(verifyChain(entries, { key, plainUntil: 2 }), { valid: true });
  assert.deepEqual(verifyChain(entries, { key: Buffer.alloc(32, 8) }), { valid: false, brokenAt: 3, reason: 'altered' }, 'another key does not verify');
  assert.deepEqual(verifyChain(entries), { valid: false, brokenAt: 3, reason: 'noKey' });
  // Rewriting entry 4 and re-chaining in plain SHA-256 (all one can do without the key): caught.
  const rewritten = [...entries.slice(0, 3)];
  for (let n = 4; n <= 5; n++) rewritten.push(chainEntry({ at: at(n), actorId: 'u1', action: 'a', subject: `forged${n}` }, rewritten.at(-1)));
  assert.deepEqual(verifyChain(rewritten, { key }), { valid: false, brokenAt: 4, reason: 'unkeyed' });
  // The whole chain rewritten in plain form: only the anchor written when the key was made shows it.
  const plain: AuditEntry[] = [];
  for (let n = 1; n <= 5; n++) plain.push(chainEntry({ at: at(n), actorId: 'u1', action: 'a', subject: `s${n}` }, plain.at(-1)));
  assert.deepEqual(verifyChain(plain, { key, plainUntil: 2 }), { valid: false, brokenAt: 3, reason: 'unkeyed' });
  // The last two entries cut off: the chain still holds, the anchor of entry 5 does not.
  const anchor = { sequence: 5, hash: entries[4]!.hash };
  assert.deepEqual(verifyChain(entries.slice(0, 3), { key, anchors: [anchor] }), { valid: false, brokenAt: 4, reason: 'missing', anchor });
  assert.deepEqual(verifyChain([], { key, anchors: [anchor] }), { valid: false, brokenAt: 1, reason: 'missing', anchor }, 'an emptied table');
  assert.deepEqual(verifyChain(entries, { key, anchors: [anchor, { sequence: 0, hash: '0'.repeat(64) }] }), { valid: true });
});
