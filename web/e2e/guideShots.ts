/**
 * The screens the user guides (docs/huong-dan/) show, as the e2e suite photographs them: each
 * picture a guide embeds is named here with the screen it shows, who is signed in and what must
 * be on it before the picture is taken. `guides.test.ts` takes them and checks the guides
 * against this table, so a guide that names a screen the app no longer has fails a test.
 */
export interface GuideShot {
  /** File name under docs/huong-dan/anh/ (without .jpg). */
  name: string;
  /** The screen's address in the app. */
  path: string;
  /** Signed in as (the demo's users); none = a visitor. */
  user?: string;
  /** A selector that is on the screen once it shows what the guide describes. */
  ready: string;
  /** Phone width (390 px) instead of a laptop's (1280 px). */
  phone?: boolean;
  /** What the unit's file must be in first: submitted by the unit (for the appraisal screens). */
  needs?: 'submitted';
}

export const GUIDE_FOLDER = 'docs/huong-dan';
export const GUIDE_IMAGES = `${GUIDE_FOLDER}/anh`;

const CYCLE = 'lai-chau-district-2024';

export const GUIDE_SHOTS: GuideShot[] = [
  { name: 'dang-nhap', path: '#/login', ready: 'input[name=username]' },
  { name: 'xep-hang-tinh', path: '#/province?year=2023', ready: 'table.ranking tbody tr' },
  { name: 'bang-dieu-khien-don-vi', path: '#/unit/tam-duong?year=2023', ready: '[data-testid=total]' },
  { name: 'bang-dieu-khien-dien-thoai', path: '#/unit/tam-duong?year=2023', ready: '[data-testid=total]', phone: true },
  { name: 'cay-tieu-chi', path: '#/tree/tam-duong?year=2023&open=6.2.2', ready: 'tr.selected' },
  { name: 'don-vi-trang-chu', path: '#/', user: 'tamduong', ready: 'section.card .links a.button' },
  { name: 'don-vi-tu-cham', path: `#/assess/${CYCLE}/tam-duong`, user: 'tamduong', ready: '[data-testid=progress]' },
  { name: 'don-vi-tu-cham-dien-thoai', path: `#/assess/${CYCLE}/tam-duong`, user: 'tamduong', ready: '[data-testid=progress]', phone: true },
  { name: 'don-vi-ke-hoach', path: '#/plan/tam-duong?year=2024', user: 'tamduong', ready: 'table.recoverable tbody tr' },
  { name: 'don-vi-nhap-xuat', path: '#/data', user: 'tamduong', ready: 'main h1' },
  { name: 'lanh-dao-ke-hoach', path: '#/plan/tam-duong?year=2024', user: 'tamduong-view', ready: '[data-testid=read-only]' },
  { name: 'tham-dinh-trang-chu', path: '#/', user: 'appraiser', ready: '.badge[data-state=submitted]', needs: 'submitted' },
  { name: 'tham-dinh-ho-so', path: `#/assess/${CYCLE}/than-uyen`, user: 'appraiser', ready: '.badge[data-state=submitted]', needs: 'submitted' },
  { name: 'so-noi-vu-quan-tri', path: '#/admin', user: 'admin', ready: 'tr[data-user=admin]' },
  { name: 'so-noi-vu-nhap-xuat', path: '#/data', user: 'admin', ready: 'main h1' },
];

/**
 * Pictures that need a scene only another suite sets up (agencies, explanations, a council):
 * taken there with `guidePicture`, named here with the suite that takes them.
 */
export const SCENE_SHOTS: Record<string, string> = {
  'don-vi-giai-trinh': 'web/e2e/appraisal.test.ts',
  'co-quan-danh-sach': 'web/e2e/appraisal.test.ts',
  'co-quan-dien-thoai': 'web/e2e/appraisal.test.ts',
  'hoi-dong-tien-do': 'web/e2e/appraisal.test.ts',
  'hoi-dong-bien-ban': 'web/e2e/appraisal.test.ts',
};

/** A picture for the guides, as the person sees the screen (its visible part), from any suite. */
export async function guidePicture(
  page: { screenshot(options: { path: string; type: 'jpeg'; quality: number }): Promise<unknown> },
  name: keyof typeof SCENE_SHOTS | string,
): Promise<void> {
  if (!(name in SCENE_SHOTS)) throw new Error(`guide picture ${name} is not named in SCENE_SHOTS`);
  const { mkdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { projectRoot } = await import('../../src/io/dataFolder.ts');
  mkdirSync(join(projectRoot, GUIDE_IMAGES), { recursive: true });
  await page.screenshot({ path: join(projectRoot, GUIDE_IMAGES, `${name}.jpg`), type: 'jpeg', quality: 60 });
}
