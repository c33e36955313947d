/**
 * The demo's users, one per role, created with the demo data on first start; their passwords
 * are printed once (random unless PARINDEX_DEMO_PASSWORD sets one, as the e2e tests do). The
 * demo's 2024 cycle is opened too, so that the workflow can be tried at once, with the demo's
 * survey questionnaire stored in design (illustrative questions, marked as such; nothing is
 * collected or computed, so the demo's figures are unchanged) so that the survey screens work.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, readFramework } from '../core/index.ts';
import { demoDocuments, projectRoot } from '../io/dataFolder.ts';
import { createUser, generatePassword, importDocuments, joined, openCycle, type Database, type NewUser } from '../store/index.ts';
import { saveQuestionnaire } from '../store/survey.ts';
import { SYSTEM } from '../workflow/policy.ts';

export const DEMO_USERS: Omit<NewUser, 'password'>[] = [
  { username: 'admin', displayName: 'Sở Nội vụ tỉnh Lai Châu (quản trị)', role: 'admin' },
  { username: 'appraiser', displayName: 'Hội đồng thẩm định (thành viên)', role: 'appraiser' },
  { username: 'tamduong', displayName: 'Văn phòng HĐND và UBND huyện Tam Đường', role: 'unitEditor', unitId: 'tam-duong' },
  { username: 'tamduong-view', displayName: 'Lãnh đạo UBND huyện Tam Đường', role: 'unitViewer', unitId: 'tam-duong' },
  { username: 'thanuyen', displayName: 'Văn phòng HĐND và UBND huyện Than Uyên', role: 'unitEditor', unitId: 'than-uyen' },
];

/** The 2024 self-assessment of the demo (on frameworks/lai-chau/district-2024.yaml, the 2023 framework marked as an assumption). */
export const DEMO_CYCLE = { year: 2024, frameworkId: 'lai-chau-district-2024' };

/** The demo's questionnaire for that cycle (illustrative: it says so on every screen and in its report). */
export const DEMO_SURVEY = join(projectRoot, 'data', 'demo', 'surveys', `${DEMO_CYCLE.frameworkId}.yaml`);

/**
 * Seeds the demo into an empty database: data, users, the open 2024 cycle and its survey
 * questionnaire (in design) — in one transaction,
 * so that a first start interrupted half-way (Ctrl+C while it loads) leaves an empty database
 * that the next start seeds again, never data without its users. Returns the lines to print.
 */
export async function seedDemo(db: Database, password?: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const inner = joined(tx, db.engine);
    const documents = demoDocuments();
    await importDocuments(inner, documents, SYSTEM);
    const lines = [
      'Đã nạp dữ liệu mẫu tỉnh Lai Châu (cấp huyện, 2022–2023) / Lai Châu demo data loaded',
      'Người dùng mẫu (mật khẩu chỉ in một lần) / demo users (passwords are printed once):',
    ];
    for (const user of DEMO_USERS) {
      const secret = password ?? generatePassword();
      await createUser(inner, { ...user, password: secret }, SYSTEM);
      lines.push(`  ${user.username.padEnd(14)} ${secret}  (${user.role}${user.unitId ? `, ${user.unitId}` : ''})`);
    }
    const cycle = await openCycle(inner, DEMO_CYCLE, SYSTEM);
    lines.push(`Kỳ tự đánh giá mẫu đang mở / demo cycle open: ${cycle.id}`);
    const framework = documents.find((d) => (d.data as { id?: unknown }).id === DEMO_CYCLE.frameworkId);
    if (framework) {
      const survey = await saveQuestionnaire(
        inner,
        cycle.id,
        parseDocument(readFileSync(DEMO_SURVEY, 'utf8'), DEMO_SURVEY),
        readFramework(framework.data),
        SYSTEM,
      );
      lines.push(`Phiếu khảo sát mẫu (minh họa, đang thiết kế) / demo survey questionnaire (illustrative, in design): ${survey.questionnaire.title}`);
    }
    return lines;
  });
}
