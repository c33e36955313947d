/** Vietnamese first, English second: one dictionary, looked up by key. */
export type Locale = 'vi' | 'en';

const saved = (typeof localStorage !== 'undefined' && localStorage.getItem('parindex.locale')) as Locale | null;
let locale: Locale = saved === 'en' ? 'en' : 'vi';
export const currentLocale = () => locale;
if (typeof document !== 'undefined') document.documentElement.lang = locale;
export function setLocale(next: Locale) {
  locale = next;
  localStorage.setItem('parindex.locale', next);
  document.documentElement.lang = next;
}

/** A text used by one screen only, in both languages (shared texts are in the dictionary below). */
export const tx = (vi: string, en: string): string => (locale === 'vi' ? vi : en);

const DICTIONARY = {
  appName: ['Chỉ số CCHC', 'PAR Index'],
  home: ['Trang chủ', 'Home'],
  province: ['Xếp hạng toàn tỉnh', 'Province ranking'],
  dashboard: ['Tổng quan đơn vị', 'Unit dashboard'],
  criteria: ['Cây tiêu chí', 'Criteria'],
  assessment: ['Tự đánh giá, thẩm định', 'Assessment'],
  admin: ['Quản trị', 'Administration'],
  data: ['Nhập / xuất dữ liệu', 'Import / export'],
  login: ['Đăng nhập', 'Log in'],
  logout: ['Đăng xuất', 'Log out'],
  username: ['Tên đăng nhập', 'Username'],
  password: ['Mật khẩu', 'Password'],
  year: ['Năm', 'Year'],
  unit: ['Đơn vị', 'Unit'],
  units: ['Đơn vị', 'Units'],
  total: ['Tổng điểm', 'Total'],
  points: ['điểm', 'points'],
  rank: ['Xếp hạng', 'Rank'],
  change: ['So với năm trước', 'Change vs last year'],
  appraisal: ['Thẩm định', 'Appraisal'],
  survey: ['Điều tra XHH', 'Survey'],
  component: ['Lĩnh vực', 'Component'],
  max: ['Tối đa', 'Max'],
  score: ['Điểm', 'Score'],
  percent: ['Tỷ lệ', 'Percent'],
  lost: ['Điểm mất', 'Points lost'],
  deductions: ['Tiêu chí bị trừ điểm', 'Deducted criteria'],
  reason: ['Lý do', 'Reason'],
  criterion: ['Tiêu chí', 'Criterion'],
  peers: ['So sánh với các đơn vị cùng nhóm', 'Peers'],
  tied: ['cùng hạng', 'tied'],
  illustrative: ['số liệu minh họa', 'illustrative figures'],
  illustrativeNote: [
    'Các đơn vị có dấu * mang số liệu minh họa của bản demo, không phải số liệu thật.',
    'Units marked * carry illustrative demo figures, not real data.',
  ],
  byComponent: ['Điểm theo lĩnh vực (% điểm tối đa)', 'Score by component (% of max)'],
  sortedByLost: ['Lĩnh vực theo số điểm bị mất', 'Components by points lost'],
  heatmap: ['Bản đồ nhiệt: đơn vị × lĩnh vực (% điểm tối đa)', 'Heat map: units × components (% of max)'],
  distribution: ['Phân bố theo lĩnh vực', 'Distribution per component'],
  trend: ['Diễn biến qua các năm', 'Trend over the years'],
  search: ['Tìm theo mã hoặc tên (không cần dấu)', 'Search by code or words (accents optional)'],
  evidence: ['Tài liệu kiểm chứng', 'Evidence'],
  history: ['Lịch sử thay đổi', 'History'],
  self: ['Tự chấm', 'Self score'],
  appraised: ['Thẩm định', 'Appraised'],
  final: ['Điểm cuối', 'Final'],
  explanation: ['Giải trình', 'Explanation'],
  save: ['Lưu', 'Save'],
  saved: ['Đã lưu', 'Saved'],
  upload: ['Tải lên', 'Upload'],
  state: ['Trạng thái', 'State'],
  actions: ['Thao tác', 'Actions'],
  report: ['Báo cáo phân tích', 'Analysis report'],
  downloadDocx: ['Tải DOCX', 'Download DOCX'],
  downloadPdf: ['Tải PDF', 'Download PDF'],
  users: ['Người dùng', 'Users'],
  cycles: ['Kỳ đánh giá', 'Cycles'],
  frameworks: ['Bộ tiêu chí', 'Frameworks'],
  role: ['Vai trò', 'Role'],
  create: ['Tạo', 'Create'],
  openCycle: ['Mở kỳ đánh giá', 'Open a cycle'],
  publish: ['Công bố', 'Publish'],
  uploadFramework: ['Tải lên bộ tiêu chí, dữ liệu: kiểm tra rồi nhập', 'Upload a framework or data: check, then import'],
  check: ['Kiểm tra', 'Check'],
  import: ['Nhập', 'Import'],
  validFrom: ['Hiệu lực từ', 'Valid from'],
  validTo: ['Hết hiệu lực', 'Valid to'],
  loading: ['Đang tải…', 'Loading…'],
  noData: ['Chưa có dữ liệu', 'No data'],
  language: ['English', 'Tiếng Việt'],
  print: ['In', 'Print'],
  mustLogin: ['Cần đăng nhập để xem mục này.', 'Log in to see this.'],
  apply: ['Áp dụng', 'Apply'],
  computed: ['Điểm tính theo quy tắc', 'Points by the rule'],
  side: ['Tự chấm và thẩm định', 'Self score vs appraisal'],
} as const satisfies Record<string, readonly [string, string]>;

export type Key = keyof typeof DICTIONARY;
export const t = (key: Key): string => DICTIONARY[key][locale === 'vi' ? 0 : 1];
