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
  /**
   * The appraising agency an appraiser belongs to (resolved by the store for the cycle): such an
   * appraiser appraises only the criteria the cycle assigns to the agency, and takes none of the
   * council's steps. An appraiser of no agency is the council (it appraises what is not assigned).
   */
  agencyId?: string;
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
  /**
   * For appraisers: 'criterion' — only on a criterion assigned to the actor's agency (or, for the
   * council, one assigned to no agency); 'council' — only the council, not an agency's staff.
   */
  assignment?: 'criterion' | 'council';
}

const NOT_PUBLISHED = STATES.filter((s) => s !== 'published');
const AFTER_SUBMISSION = STATES.filter((s) => s !== 'draft');

export const POLICY = {
  readPublished: {
    label: { vi: 'xem kết quả đã công bố', en: 'read published results' },
    roles: { admin: 'any', appraiser: 'any', unitEditor: 'any', unitViewer: 'any', public: 'any' },
  },
  readAssessment: {
    label: { vi: 'xem hồ sơ đánh giá', en: 'read an assessment' },
    roles: { admin: 'any', appraiser: 'any', unitEditor: 'own', unitViewer: 'own' },
    statesFor: { appraiser: AFTER_SUBMISSION },
  },
  editSelfAssessment: { label: { vi: 'tự chấm điểm', en: 'edit the self-assessment' }, roles: { unitEditor: 'own' }, states: ['draft'] },
  uploadEvidence: { label: { vi: 'tải lên tài liệu kiểm chứng', en: 'upload evidence' }, roles: { unitEditor: 'own' }, states: ['draft', 'appraised'] },
  submit: { label: { vi: 'nộp kết quả tự đánh giá', en: 'submit the self-assessment' }, roles: { unitEditor: 'own' }, states: ['draft'] },
  requestRecheck: { label: { vi: 'đề nghị phúc tra', en: 'request a re-check' }, roles: { unitEditor: 'own' }, states: ['appraised'] },
  startAppraisal: { label: { vi: 'bắt đầu thẩm định', en: 'start the appraisal' }, roles: { appraiser: 'any' }, states: ['submitted'], assignment: 'council' },
  appraise: {
    label: { vi: 'chấm điểm thẩm định', en: 'appraise scores' },
    roles: { appraiser: 'any' },
    states: ['underAppraisal', 'recheckRequested'],
    assignment: 'criterion',
  },
  returnToUnit: {
    label: { vi: 'trả lại hồ sơ để giải trình', en: 'return for explanation' },
    roles: { appraiser: 'any' },
    states: ['submitted', 'underAppraisal'],
    assignment: 'council',
  },
  completeAppraisal: {
    label: { vi: 'hoàn thành thẩm định', en: 'complete the appraisal' },
    roles: { appraiser: 'any' },
    states: ['underAppraisal'],
    assignment: 'council',
  },
  answerRecheck: {
    label: { vi: 'trả lời phúc tra', en: 'answer a re-check' },
    roles: { appraiser: 'any' },
    states: ['recheckRequested'],
    assignment: 'council',
  },
  // The appraisal as provinces run it (store/appraisal*.ts, explanations.ts, council.ts, documents.ts).
  manageAppraisal: {
    label: { vi: 'phân công cơ quan thẩm định, đặt lịch giải trình', en: 'assign appraising agencies and set the explanation calendar' },
    roles: { admin: 'any' },
  },
  leadAppraisal: {
    label: { vi: 'điều hành thẩm định (đóng vòng giải trình, ghi kết luận hội đồng)', en: 'lead the appraisal (close explanation rounds, record the council)' },
    roles: { admin: 'any', appraiser: 'any' },
    assignment: 'council',
  },
  readAppraisalProgress: { label: { vi: 'xem tiến độ thẩm định', en: 'read the appraisal progress' }, roles: { admin: 'any', appraiser: 'any' } },
  explain: {
    label: { vi: 'giải trình kết quả thẩm định sơ bộ', en: 'explain against the preliminary appraisal' },
    roles: { unitEditor: 'own' },
    states: ['underAppraisal'],
  },
  answerExplanation: {
    label: { vi: 'trả lời giải trình', en: 'answer an explanation' },
    roles: { appraiser: 'any' },
    states: ['underAppraisal'],
    assignment: 'criterion',
  },
  addDocument: {
    label: { vi: 'lưu văn bản kiểm chứng', en: 'store an evidence document' },
    roles: { admin: 'any', appraiser: 'any', unitEditor: 'own' },
    states: NOT_PUBLISHED,
  },
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
  /** The criterion concerned (appraising, answering an explanation). */
  code?: string;
  /** The agency the criterion is assigned to in the cycle; null or absent: none (the council's). */
  assignedTo?: string | null;
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
    return {
      allowed: false,
      reason: { vi: `Vai trò "${roleLabel(actor.role).vi}" không được ${what.vi}`, en: `The role "${roleLabel(actor.role).en}" may not ${what.en}` },
    };
  }
  if (scope === 'own' && (!actor.unitId || (target.unitId !== undefined && target.unitId !== actor.unitId))) {
    return { allowed: false, reason: { vi: `Chỉ được ${what.vi} của đơn vị mình`, en: `You may only ${what.en} of your own unit` } };
  }
  if (actor.role === 'appraiser' && permission.assignment === 'council' && actor.agencyId) {
    return {
      allowed: false,
      reason: {
        vi: `Chỉ hội đồng thẩm định được ${what.vi}, cán bộ cơ quan được phân công thì không`,
        en: `Only the appraisal council may ${what.en}, not an assigned agency's staff`,
      },
    };
  }
  if (actor.role === 'appraiser' && permission.assignment === 'criterion' && target.code !== undefined && (target.assignedTo ?? undefined) !== actor.agencyId) {
    return {
      allowed: false,
      reason: actor.agencyId
        ? {
            vi: `Tiêu chí ${target.code} không được phân công cho cơ quan của bạn: không được ${what.vi}`,
            en: `Criterion ${target.code} is not assigned to your agency: you may not ${what.en}`,
          }
        : {
            vi: `Tiêu chí ${target.code} đã phân công cho một cơ quan thẩm định: hội đồng không ${what.vi} thay`,
            en: `Criterion ${target.code} is assigned to an appraising agency: the council may not ${what.en} in its place`,
          },
    };
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
