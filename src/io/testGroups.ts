/**
 * Test support (not a test): a year whose units are ranked in named peer groups, at a level that
 * is not the demo's — two groups of departments of one province ("Khối sở, ban, ngành 1" and a
 * second group whose name is too long and too Excel-unfriendly for a sheet name), a second
 * province whose departments form its default group, and a unit at a province's own level.
 * Figures are made up for the tests.
 */
import type { SourceDocument } from '../core/index.ts';

export const GROUPED_YEAR = 2021;
export const GROUPED_FRAMEWORK = 'tinh-a-department-2021';
export const LONG_GROUP_NAME = 'Khối cơ quan ngành dọc: Trung ương / địa phương [2]';

export function groupedDocuments(): SourceDocument[] {
  const framework = {
    kind: 'framework',
    id: GROUPED_FRAMEWORK,
    name: 'Bộ chỉ số đánh giá các sở, ban, ngành (thử nghiệm)',
    level: 'department',
    year: GROUPED_YEAR,
    totalPoints: 18,
    components: [
      { code: '1', name: 'Chỉ đạo, điều hành', maxPoints: 10, source: 'appraisal' },
      { code: '2', name: 'Thủ tục hành chính', maxPoints: 8, source: 'appraisal' },
    ],
  };
  const unitsA = {
    kind: 'units',
    province: { id: 'tinh-a', name: 'Tỉnh A' },
    groups: [
      { id: 'so-khoi-1', name: 'Khối sở, ban, ngành 1', nameEn: 'Departments group 1' },
      { id: 'so-khoi-2', name: LONG_GROUP_NAME, nameEn: 'Branches of central bodies' },
    ],
    units: [
      { id: 'so-tu-phap', name: 'Sở Tư pháp', level: 'department', peerGroup: 'so-khoi-1' },
      { id: 'so-noi-vu', name: 'Sở Nội vụ', level: 'department', peerGroup: 'so-khoi-1' },
      { id: 'so-y-te', name: 'Sở Y tế', level: 'department', peerGroup: 'so-khoi-1' },
      { id: 'cong-an-tinh', name: 'Công an tỉnh', level: 'department', peerGroup: 'so-khoi-2' },
      { id: 'thue-tinh', name: 'Thuế tỉnh', level: 'department', peerGroup: 'so-khoi-2' },
      { id: 'kkt-cua-khau', name: 'Ban Quản lý Khu kinh tế cửa khẩu', level: 'khu-kinh-te' },
    ],
  };
  const unitsB = {
    kind: 'units',
    province: { id: 'tinh-b', name: 'Tỉnh B' },
    units: [
      { id: 'b-so-tu-phap', name: 'Sở Tư pháp tỉnh B', level: 'department' },
      { id: 'b-so-noi-vu', name: 'Sở Nội vụ tỉnh B', level: 'department' },
    ],
  };
  const score = (unit: string, a: number, b: number) => ({ unit, scores: { '1': a, '2': b } });
  const results = {
    kind: 'results',
    year: GROUPED_YEAR,
    framework: GROUPED_FRAMEWORK,
    publication: { decision: '12/QĐ-UBND', date: '2022-03-01', issuedBy: 'UBND Tỉnh A' },
    illustrative: true,
    units: [
      score('so-tu-phap', 9, 7.5), // 16.5: 1st of group 1, 1st nationally
      score('so-noi-vu', 8, 6), // 14: 2nd of group 1
      score('so-y-te', 7, 5), // 12: 3rd of group 1
      score('cong-an-tinh', 9, 6), // 15: 1st of group 2
      score('thue-tinh', 6, 5), // 11: 2nd of group 2
      score('b-so-tu-phap', 9.5, 6.5), // 16: 1st of Tỉnh B
      score('b-so-noi-vu', 5, 5), // 10: 2nd of Tỉnh B
    ],
  };
  return [
    { file: 'tinh-a-department-2021.yaml', data: framework },
    { file: 'tinh-a-units.yaml', data: unitsA },
    { file: 'tinh-b-units.yaml', data: unitsB },
    { file: 'tinh-a-results-2021.yaml', data: results },
  ];
}
