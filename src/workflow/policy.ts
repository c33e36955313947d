/**
 * Who may do what, on which unit, in which state — one table, read by the HTTP layer, the
 * CLI and the authorisation-matrix test alike. A unit user reads and writes only its own
 * unit; only appraisers appraise; nobody edits a published assessment (corrections are new
 * published versions by the province).
 */
import { issue, ParError, type Message } from '../core/index.ts';
import { STATE_LABELS, STATES, type AssessmentState } from './states.ts';

export const ROLES = ['admin', 'appraiser', 'unitEditor', 'unitViewer', 'public'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, Message> = {
  admin: { vi: 'Quản trị (Sở Nội vụ)', en: 'Province administrator' },
  appraiser: { vi: 'Thành viên hội đồng thẩm định', en: 'Appraiser' },
  unitEditor: { vi: 'Cán bộ đơn vị (nhập liệu)', en: 'Unit editor' },
  unitViewer: { vi: 'Lãnh đạo, cán bộ đơn vị (xem)', en: 'Unit viewer' },
  public: { vi: 'Công khai', en: 'Public' },
};

export interface Actor {
  userId: string;
  role: Role;
  /** The unit a unit editor or viewer belongs to. */
  unitId?: string;
}

export const ANONYMOUS: Actor = { userId: 'anonymous', role: 'public' };

/** 'any' unit, only the actor's 'own' unit, or not at all. */
type Scope = 'any' | 'own';

interface Permission {
  label: Message;
  roles: Partial<Record<Role, Scope>>;
  /** States of the assessment in which the action is possible; all when omitted. */
  states?: readonly AssessmentState[];
  /** Per-role states, overriding `states`. */
  statesFor?: Partial<Record<Role, readonly AssessmentState[]>>;
}

const NOT_PUBLISHED = STATES.filter((s) => s !== 'published');
const AFTER_SUBMISSION = STATES.filter((s) => s !== 'draft');

export const POLICY = {
  readPublished: { label: { vi: 'xem kết quả đã công bố', en: 'read published results' }, roles: { admin: 'any', appraiser: 'any', unitEditor: 'any', unitViewer: 'any', public: 'any' } },
  readAssessment: {
    label: { vi: 'xem hồ sơ đánh giá', en: 'read an assessment' },
    roles: { admin: 'any', appraiser: 'any', unitEditor: 'own', unitViewer: 'own' },
    statesFor: { appraiser: AFTER_SUBMISSION },
  },
  editSelfAssessment: { label: { vi: 'tự chấm điểm', en: 'edit the self-assessment' }, roles: { unitEditor: 'own' }, states: ['draft'] },
  uploadEvidence: { label: { vi: 'tải lên tài liệu kiểm chứng', en: 'upload evidence' }, roles: { unitEditor: 'own' }, states: ['draft', 'appraised'] },
  submit: { label: { vi: 'nộp kết quả tự đánh giá', en: 'submit the self-assessment' }, roles: { unitEditor: 'own' }, states: ['draft'] },
  requestRecheck: { label: { vi: 'đề nghị phúc tra', en: 'request a re-check' }, roles: { unitEditor: 'own' }, states: ['appraised'] },
  startAppraisal: { label: { vi: 'bắt đầu thẩm định', en: 'start the appraisal' }, roles: { appraiser: 'any' }, states: ['submitted'] },
  appraise: { label: { vi: 'chấm điểm thẩm định', en: 'appraise scores' }, roles: { appraiser: 'any' }, states: ['underAppraisal', 'recheckRequested'] },
  returnToUnit: { label: { vi: 'trả lại hồ sơ để giải trình', en: 'return for explanation' }, roles: { appraiser: 'any' }, states: ['submitted', 'underAppraisal'] },
  completeAppraisal: { label: { vi: 'hoàn thành thẩm định', en: 'complete the appraisal' }, roles: { appraiser: 'any' }, states: ['underAppraisal'] },
  answerRecheck: { label: { vi: 'trả lời phúc tra', en: 'answer a re-check' }, roles: { appraiser: 'any' }, states: ['recheckRequested'] },
  importSurvey: { label: { vi: 'nhập điểm điều tra xã hội học', en: 'import survey scores' }, roles: { admin: 'any' }, states: NOT_PUBLISHED },
  publish: { label: { vi: 'công bố kết quả', en: 'publish results' }, roles: { admin: 'any' }, states: ['appraised', 'recheckAnswered'] },
  correct: { label: { vi: 'đính chính kết quả đã công bố', en: 'correct published results' }, roles: { admin: 'any' }, states: ['published'] },
  // A draft's trail shows its scores: the council sees it once submitted, as the assessment itself.
  readAudit: {
    label: { vi: 'xem nhật ký thay đổi của hồ sơ', en: "read an assessment's audit trail" },
    roles: { admin: 'any', appraiser: 'any', unitEditor: 'own', unitViewer: 'own' },
    statesFor: { appraiser: AFTER_SUBMISSION },
  },
  readWholeAudit: { label: { vi: 'xem và kiểm tra toàn bộ nhật ký', en: 'read and verify the whole audit trail' }, roles: { admin: 'any' } },
  // A unit's plan and report texts (causes, tasks, recipients, drafts) are its own drafts: the
  // province and the council read them, other units and the public only its computed figures.
  readPlan: {
    label: { vi: 'xem kế hoạch nhiệm vụ và nội dung báo cáo của đơn vị', en: "read a unit's action plan and report texts" },
    roles: { admin: 'any', appraiser: 'any', unitEditor: 'own', unitViewer: 'own' },
  },
  editPlan: { label: { vi: 'cập nhật kế hoạch nhiệm vụ', en: 'edit the action plan' }, roles: { admin: 'any', unitEditor: 'own' } },
  manageUsers: { label: { vi: 'quản lý người dùng', en: 'manage users' }, roles: { admin: 'any' } },
  manageUnits: { label: { vi: 'quản lý đơn vị', en: 'manage units' }, roles: { admin: 'any' } },
  manageFrameworks: { label: { vi: 'quản lý bộ tiêu chí', en: 'manage frameworks' }, roles: { admin: 'any' } },
  manageCycles: { label: { vi: 'quản lý kỳ đánh giá', en: 'manage cycles' }, roles: { admin: 'any' } },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

export interface Target {
  /** The unit whose data is concerned (omit for province-wide actions). */
  unitId?: string;
  state?: AssessmentState;
}

export interface Decision {
  allowed: boolean;
  reason?: Message;
}

export function decide(actor: Actor, action: Action, target: Target = {}): Decision {
  const permission: Permission = POLICY[action];
  const scope = permission.roles[actor.role];
  const what = permission.label;
  if (!scope) {
    return { allowed: false, reason: { vi: `Vai trò "${roleLabel(actor.role).vi}" không được ${what.vi}`, en: `The role "${roleLabel(actor.role).en}" may not ${what.en}` } };
  }
  if (scope === 'own' && (!actor.unitId || (target.unitId !== undefined && target.unitId !== actor.unitId))) {
    return { allowed: false, reason: { vi: `Chỉ được ${what.vi} của đơn vị mình`, en: `You may only ${what.en} of your own unit` } };
  }
  const states = permission.statesFor?.[actor.role] ?? permission.states;
  if (states && target.state && !states.includes(target.state)) {
    const now = STATE_LABELS[target.state];
    const when = states.map((st) => STATE_LABELS[st]);
    return {
      allowed: false,
      reason: {
        vi: `Không thể ${what.vi} khi hồ sơ ở trạng thái "${now.vi}"; chỉ được khi ở trạng thái ${when.map((w) => `"${w.vi}"`).join(' hoặc ')}`,
        en: `Cannot ${what.en} while the assessment is "${now.en}"; only when ${when.map((w) => `"${w.en}"`).join(' or ')}`,
      },
    };
  }
  return { allowed: true };
}

/** Throws `auth.forbidden` (HTTP 403) with the reason when the actor may not. */
export function authorize(actor: Actor, action: Action, target: Target = {}): void {
  const decision = decide(actor, action, target);
  if (!decision.allowed) throw new ParError(issue('auth.forbidden', decision.reason!, { field: action }));
}

function roleLabel(role: Role): Message {
  return ROLE_LABELS[role];
}

/** The installation itself: seeding the demo, commands run by the server's operator. */
export const SYSTEM: Actor = { userId: 'system', role: 'admin' };
