/**
 * The demo's users, one per role, created with the demo data on first start; their passwords
 * are printed once (random unless PARINDEX_DEMO_PASSWORD sets one, as the e2e tests do). The
 * demo's 2024 cycle is opened too, so that the workflow can be tried at once.
 */
import { createUser, generatePassword, openCycle, type NewUser, type Store } from '../store/index.ts';
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

export async function seedDemoUsers(store: Store, password?: string): Promise<string[]> {
  const lines = ['Người dùng mẫu (mật khẩu chỉ in một lần) / demo users (passwords are printed once):'];
  for (const user of DEMO_USERS) {
    const secret = password ?? generatePassword();
    await createUser(store.db, { ...user, password: secret }, SYSTEM);
    lines.push(`  ${user.username.padEnd(14)} ${secret}  (${user.role}${user.unitId ? `, ${user.unitId}` : ''})`);
  }
  const cycle = await openCycle(store.db, DEMO_CYCLE, SYSTEM);
  lines.push(`Kỳ tự đánh giá mẫu đang mở / demo cycle open: ${cycle.id}`);
  return lines;
}
