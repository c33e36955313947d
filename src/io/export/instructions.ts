/**
 * The «Hướng dẫn» sheet put first in every template: how to fill it, in the words of the
 * officer who will (importers ignore the sheet). The rules stated are the importer's own.
 */
import { foldDiacritics } from '../../core/index.ts';
import type { OutTable } from '../table/output.ts';
import { column } from './columns.ts';

export type TemplateKind = 'results' | 'survey' | 'indicators' | 'framework' | 'plan' | 'units';

const COMMON_END = [
  'Số thập phân ghi dấu phẩy (9,52) hoặc dấu chấm (9.52) đều được; ô có công thức được đọc theo giá trị Excel đã tính.',
  'Không đổi tên các trang tính, không sửa dòng tiêu đề; có thể thêm cột «Ghi chú».',
  'Ô để trống giữ nguyên số liệu đã lưu (không xóa). Khi muốn tệp thay toàn bộ số liệu đã lưu của năm, chọn «thay thế» (--replace).',
  'Nên nhập thử trước («chạy thử», --dry-run): hệ thống liệt kê các thay đổi so với số liệu đã lưu. Tệp có lỗi không được nhập phần nào; mỗi lỗi ghi rõ trang, ô, cột, giá trị và lý do.',
  'Tệp .xlsx (Excel 2007 trở lên) hoặc CSV UTF-8; tệp .xls cũ và .ods hãy lưu lại dạng .xlsx.',
];

const STEPS: Record<TemplateKind, string[]> = {
  results: [
    'Trang «Kết quả»: mỗi dòng là một đơn vị. Giữ cột «Mã đơn vị»; nếu chỉ ghi tên đơn vị thì có dấu hay không dấu đều được{example}.',
    'Nhập điểm đạt vào cột của từng chỉ số, tiêu chí; điểm không vượt dòng «Điểm tối đa».{survey}',
    'Nhóm cột «Công bố (theo quyết định)»: chỉ điền khi nhập bảng của quyết định công bố, ghi đúng như văn bản in (78,12).',
    'Trang «Chỉ tiêu», «Hạn báo cáo», «Điểm trừ»: không bắt buộc. Mỗi điểm trừ phải có lý do; các văn bản kèm theo ghi ở các dòng ngay dưới.',
  ],
  survey: [
    'Trang «Điều tra XHH»: mỗi dòng là một đơn vị; nhập điểm điều tra xã hội học của từng tiêu chí. Phần điểm thẩm định đã lưu được giữ nguyên.',
    'Đơn vị ghi bằng mã hoặc tên, có dấu hay không dấu đều được.',
  ],
  indicators: [
    'Trang «Chỉ tiêu»: mỗi dòng là một đơn vị và một tiêu chí; nhập tử số, mẫu số, giá trị đo, số lần, đạt (Có/Không) tùy quy tắc chấm của tiêu chí. Dòng để trống không được nhập.',
    'Trang «Hạn báo cáo»: mỗi dòng là một báo cáo phải gửi, với hạn gửi và ngày gửi (dd/mm/yyyy).',
  ],
  framework: [
    'Trang «Thông tin»: mã, tên, cấp đơn vị, năm của bộ tiêu chí và các cài đặt (cách xếp đồng hạng, xếp loại).',
    'Trang «Bộ tiêu chí»: mỗi dòng là một chỉ số, tiêu chí hoặc tiêu chí thành phần, theo mã (1, 1.2, 1.2.1; dấu chấm cuối mã được bỏ qua), với điểm tối đa và nguồn điểm (Thẩm định / Điều tra XHH).',
  ],
  units: [
    'Trang «Thông tin»: mã tỉnh và tên tỉnh (đã điền sẵn khi tải mẫu từ hệ thống); «Địa danh» ghi trên văn bản của các đơn vị («…, ngày … tháng … năm …») và «Cơ quan của tỉnh» ghi trên đầu văn bản của các sở (vd. UBND TỈNH …).',
    'Trang «Nhóm»: các nhóm xếp hạng (khối) của tỉnh, mỗi dòng một nhóm với «Mã nhóm» (chữ thường không dấu, số, dấu gạch ngang), «Tên nhóm» và tên tiếng Anh nếu có. Mã đã có thì dòng đổi tên nhóm đó; mã mới thì thêm nhóm (cần tên). Nhóm không có trong tệp vẫn được giữ nguyên.',
    'Trang «Đơn vị»: mỗi dòng là một đơn vị, theo «Mã đơn vị» (chữ thường không dấu, số, dấu gạch ngang, vd. xa-ban-bo). Mã đã có thì dòng sửa đơn vị đó; mã mới thì thêm đơn vị (cần tên và cấp).',
    'Ô để trống giữ nguyên giá trị đã lưu. Đơn vị không có trong tệp vẫn được giữ nguyên: nhập tệp không bao giờ xóa đơn vị.',
    'Kết thúc một đơn vị: ghi «Hiệu lực đến ngày» (dd/mm/yyyy). Sáp nhập, chia tách: ghi «Đơn vị tiền thân» của đơn vị mới (mã hoặc tên, cách nhau bởi dấu chấm phẩy); «Đơn vị kế thừa» của đơn vị cũ được ghi tự động. Ngày hiệu lực của đơn vị mới phải là ngày liền sau ngày hết hiệu lực của đơn vị tiền thân (vd. 30/06/2025 → 01/07/2025).',
    '«Nhóm xếp hạng»: mã một nhóm ở trang «Nhóm» (khi tỉnh đã đặt tên các nhóm). «Tên gọi khác»: các cách viết khác của tên đơn vị trong tệp kết quả, cách nhau bởi dấu chấm phẩy.',
    'Thông tin ghi trên báo cáo của đơn vị (không bắt buộc, để trống thì theo loại đơn vị): «Cơ quan ban hành», «Cơ quan chủ quản» (ghi «(không có)» khi đơn vị không có cơ quan chủ quản, vd. công ty), «Ký hiệu» (STP trong «Số: …/BC-STP»), «Địa danh» và «Chức danh người ký».',
  ],
  plan: [
    'Trang «Nhiệm vụ»: mỗi dòng là một nhiệm vụ, với cơ quan chủ trì, cơ quan phối hợp, tiêu chí liên quan (vd. 7.3.6; 7.3.7), hạn hoàn thành và trạng thái.',
    'Để trống «Mã nhiệm vụ» khi thêm nhiệm vụ mới; giữ mã để cập nhật một nhiệm vụ đã có.',
    'Trang «Theo dõi chỉ tiêu»: mỗi dòng là một tiêu chí trong một kỳ, ghi tháng (2024-03 hoặc 03/2024) hay quý (2024-Q1 hoặc Quý I/2024) của năm kế hoạch, với tử số và mẫu số (hoặc giá trị đo, số lần… tùy quy tắc chấm). Dòng chỉ có mã tiêu chí được bỏ qua; nhập lại một kỳ đã có thì sửa số liệu của kỳ đó.',
    'Trang «Lịch báo cáo»: mỗi dòng là một báo cáo phải gửi, với loại báo cáo, tiêu chí bị trừ điểm nếu gửi trễ, hạn gửi và ngày đã gửi (để trống khi chưa gửi). Giữ «Mã báo cáo» để cập nhật một báo cáo đã có; không có mã thì báo cáo cùng tên và cùng hạn gửi được cập nhật.',
    'Ô để trống giữ nguyên số liệu đã lưu (không xóa).',
  ],
};

/**
 * `exampleUnit`: a unit of the template's own province to show how names may be written ("Sở Tư
 * pháp, so tu phap"); `withSurvey`: the framework has a survey part (its sentence only then).
 */
export function instructionsTable(kind: TemplateKind, context: { exampleUnit?: string; withSurvey?: boolean } = {}): OutTable {
  const example = context.exampleUnit ? ` (${context.exampleUnit}, ${foldDiacritics(context.exampleUnit).toLowerCase()})` : '';
  const survey = context.withSurvey ? ' Chỉ số có cả thẩm định và điều tra XHH thì nhập từng phần.' : '';
  const steps = [
    ...STEPS[kind].map((step) => step.replace('{example}', example).replace('{survey}', survey)),
    ...(kind === 'framework' || kind === 'plan' || kind === 'units' ? COMMON_END.filter((_, i) => i !== 2) : COMMON_END),
  ];
  return {
    name: 'Hướng dẫn',
    title: ['Hướng dẫn điền mẫu'],
    columns: [column('Bước', 'integer', { width: 6 }), column('Cách điền', 'text', { width: 110 })],
    rows: steps.map((step, i) => [i + 1, step]),
    keyValue: true,
  };
}
