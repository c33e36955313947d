/**
 * The commands of `parindex`: what `--help` shows of each, and how to load it. A command's module
 * (and the core, the store, the report writers it imports) is loaded only when that command runs,
 * so that `parindex --help` starts in a fraction of the time (docs/performance.md).
 */
import type { Command } from '../io.ts';

export interface CommandInfo {
  name: string;
  summary: { vi: string; en: string };
  usage: string;
  /** The command's module; `args` (what it will run with) lets it start early work while that loads. */
  load(args?: readonly string[]): Promise<Command>;
}

const info = {
  validate: {
    summary: { vi: 'Kiểm tra tệp bộ tiêu chí, đơn vị, kết quả hoặc báo cáo', en: 'Validate framework, units, results or report files' },
    usage: 'parindex validate <tệp|thư mục> [...]',
    load: async () => (await import('./validate.ts')).validate,
  },
  analyze: {
    summary: { vi: 'Phân tích kết quả của một đơn vị trong một năm', en: "Analyse one unit's results for a year" },
    usage: 'parindex analyze --unit <id|tên> --year <năm> [--format table|json] [--data <thư mục> | --database]',
    load: async () => (await import('./analyze.ts')).analyze,
  },
  rank: {
    summary: { vi: 'Bảng xếp hạng các đơn vị theo tổng điểm hoặc một chỉ số thành phần', en: 'Ranking of units by total or by one component' },
    usage: 'parindex rank --year <năm> [--component <mã>] [--level <cấp>] [--group <mã nhóm>|"*"] [--format table|json] [--data <thư mục> | --database]',
    load: async () => (await import('./rank.ts')).rank,
  },
  check: {
    summary: { vi: 'Kiểm tra nhất quán số liệu công bố và báo cáo với số liệu tính ra', en: 'Check published and reported figures against the computation' },
    usage:
      'parindex check --year <năm> [--unit <id|tên> | --level <cấp>] [--group <nhóm>] [--format text|json] [--data <thư mục> | --database]  (mã thoát 1 nếu có lỗi)',
    load: async () => (await import('./check.ts')).check,
  },
  report: {
    summary: {
      vi: 'Tạo báo cáo phân tích chỉ số (DOCX, PDF, HTML, Markdown) của một đơn vị hoặc cả một cấp, theo tên chỉ số của bộ tiêu chí',
      en: 'Generate the index analysis report (DOCX, PDF, HTML, Markdown) of a unit or a whole level, in the framework’s own words',
    },
    usage:
      'parindex report --unit <mã hoặc tên> --year <năm> --format docx|pdf|html|md --out <tệp>  |  parindex report --level district --all --year <năm> --format docx --out <thư mục hoặc .zip>  [--data <thư mục> | --database]',
    load: async (args) => {
      // Not awaited: the drawing thread starts now, and the report's code loads while the documents are checked.
      if (args) void (await import('./reportEarly.ts')).startEarly(args);
      return (await import('./report.ts')).report;
    },
  },
  plan: {
    summary: {
      vi: 'Kế hoạch nâng cao chỉ số: điểm có thể lấy lại, gợi ý nhiệm vụ, kế hoạch và dự báo, lịch báo cáo',
      en: 'Improvement plan: recoverable points, suggested tasks, the plan and its projection, the reporting calendar',
    },
    usage:
      'parindex plan recoverable|suggest --unit <mã|tên> --year <năm kết quả> [--department <tên>] [--format table|json]  |  parindex plan show|calendar --unit … --year <năm kế hoạch> [--department <tên>] [--today YYYY-MM-DD]  [--data <thư mục> | --database]',
    load: async () => (await import('./plan.ts')).plan,
  },
  whatif: {
    summary: {
      vi: 'Giả định: đổi chỉ tiêu/điểm và xem tổng điểm, tỷ lệ, thứ hạng mới; cần gì để đạt hạng N hoặc X điểm',
      en: 'What-if: change indicators or scores and see the new total, percents and rank; what it takes to reach rank N or X points',
    },
    usage:
      'parindex whatif --unit <mã|tên> --year <năm> [--set 7.3.6=46/46 --set 1.7=2 …] [--target-rank N | --target-points X] [--data <thư mục> | --database]',
    load: async () => (await import('./whatif.ts')).whatif,
  },
  robustness: {
    summary: {
      vi: 'Độ tin cậy của thứ hạng: mô phỏng Monte Carlo theo sai số điều tra xã hội học (và trọng số)',
      en: 'Rank robustness: Monte Carlo over survey (and weight) uncertainty',
    },
    usage:
      'parindex robustness --year <năm> [--level <cấp>] [--group <mã nhóm>|"*"] [--runs 10000] [--seed 1] [--spread <điểm, độ lệch chuẩn>] [--weight-spread 0,1] [--unit <mã|tên>] [--data <thư mục> | --database]',
    load: async () => (await import('./robustness.ts')).robustness,
  },
  schema: {
    summary: { vi: 'In JSON Schema của một loại tệp dữ liệu', en: 'Print the JSON Schema of a data file kind' },
    usage: 'parindex schema <framework|results|units|report|plan>',
    load: async () => (await import('./schema.ts')).schema,
  },
  template: {
    summary: {
      vi: 'Tạo mẫu Excel/CSV để nhập kết quả, điểm điều tra, chỉ tiêu, bộ tiêu chí, nhiệm vụ kế hoạch hoặc danh sách đơn vị',
      en: 'Make an Excel/CSV template for results, survey scores, indicators, a framework, plan tasks or units',
    },
    usage:
      'parindex template --kind results|survey|indicators|framework|plan|units [--framework <mã>] [--year <năm>] [--detail components|criteria|all] [--unit <mã> (plan)] [--province <mã> (units)] --out <tệp.xlsx|.csv> [--separator ";"|","] [--database]',
    load: async () => (await import('./template.ts')).template,
  },
  import: {
    summary: {
      vi: 'Nhập tệp Excel/CSV (kết quả, điểm điều tra, chỉ tiêu, bộ tiêu chí, kế hoạch, đơn vị): xem trước thay đổi, ghi tài liệu, hoặc nhập vào cơ sở dữ liệu của máy chủ (--database)',
      en: "Import an Excel/CSV file (results, survey scores, indicators, framework, plan, units): preview the changes, write the document, or import into the server's database (--database)",
    },
    usage:
      'parindex import <tệp> --kind results|survey|indicators|framework|plan|units|lineage [--database] [--dry-run] [--out <tài-liệu.yaml>] [--unit <mã> (plan)] [--province <mã> (units, lineage)] [--year <năm>] [--framework <mã>] [--id <mã> --name <tên> --level <cấp> (framework)] [--replace] [--sheet <trang>] [--max-size <MB>] [--format text|json] [--all]  (mã thoát 3 nếu dữ liệu sai: không ghi gì)',
    load: async () => (await import('./import.ts')).importCommand,
  },
  export: {
    summary: {
      vi: 'Xuất kết quả, bảng xếp hạng, điểm trừ, bộ tiêu chí, kế hoạch hoặc danh sách đơn vị ra Excel/CSV',
      en: 'Export results, rankings, deductions, a framework, a plan or the units to Excel/CSV',
    },
    usage:
      'parindex export --what results|ranking|deductions|framework|plan|units [--year <năm>] [--level <cấp>] [--group <mã nhóm>|"*"] [--framework <mã>] [--unit <mã> (plan)] [--province <mã> (units)] --out <tệp.xlsx|.csv> [--format xlsx|csv] [--separator ";"|","] [--database]',
    load: async () => (await import('./export.ts')).exportCommand,
  },
  serve: {
    summary: {
      vi: 'Chạy máy chủ web và API (CSDL nhúng, hoặc PostgreSQL nếu đặt DATABASE_URL)',
      en: 'Run the web and API server (embedded database, or PostgreSQL when DATABASE_URL is set)',
    },
    usage: 'parindex serve [--port <cổng>] [--host <địa chỉ>]   (biến môi trường: PORT, HOST, DATABASE_URL, PARINDEX_DATA_DIR, PARINDEX_DEMO)',
    load: async () => (await import('./serve.ts')).serve,
  },
  migrate: {
    summary: { vi: 'Cập nhật cấu trúc cơ sở dữ liệu (DATABASE_URL hoặc CSDL nhúng)', en: 'Apply database migrations (DATABASE_URL or the embedded database)' },
    usage: 'parindex migrate',
    load: async () => (await import('./migrate.ts')).migrate,
  },
  backup: {
    summary: {
      vi: 'Sao lưu cơ sở dữ liệu của máy chủ (PostgreSQL: pg_dump; CSDL nhúng: thư mục của nó)',
      en: "Back up the server's database (PostgreSQL: pg_dump; embedded: its folder)",
    },
    usage: 'parindex backup --out <tệp>',
    load: async () => (await import('./backup.ts')).backup,
  },
  restore: {
    summary: {
      vi: 'Khôi phục cơ sở dữ liệu của máy chủ từ một bản sao lưu (--force để thay dữ liệu đang có)',
      en: "Restore the server's database from a backup (--force to replace data already there)",
    },
    usage: 'parindex restore <tệp> [--force]',
    load: async () => (await import('./restore.ts')).restore,
  },
  load: {
    summary: {
      vi: 'Nạp tệp dữ liệu (bộ tiêu chí, đơn vị, kết quả, báo cáo) vào cơ sở dữ liệu của máy chủ, trong một giao dịch',
      en: "Load data files (frameworks, units, results, reports) into the server's database, in one transaction",
    },
    usage: 'parindex load <tệp|thư mục>… [--dry-run]   (mã thoát 3 nếu dữ liệu sai; không ghi gì)',
    load: async () => (await import('./load.ts')).load,
  },
  user: {
    summary: { vi: 'Tạo người dùng (vd. quản trị đầu tiên), liệt kê người dùng', en: 'Create a user (e.g. the first admin), list users' },
    usage:
      'parindex user create --role admin|appraiser|unitEditor|unitViewer --username <tên> [--name "<họ tên>"] [--unit <mã đơn vị>] [--password-stdin]  |  parindex user list   (mật khẩu sinh ngẫu nhiên và in một lần nếu không nhập)',
    load: async () => (await import('./user.ts')).user,
  },
  cycle: {
    summary: { vi: 'Kỳ đánh giá: liệt kê, mở kỳ mới, công bố (số quyết định)', en: 'Assessment cycles: list, open, publish (decision number)' },
    usage:
      'parindex cycle list | cycle open --year <năm> --framework <mã> | cycle publish --cycle <mã> --decision <số QĐ> [--date YYYY-MM-DD] [--reason "<lý do đính chính>"] [--exclude <mã đơn vị>="<lý do>" …]',
    load: async () => (await import('./cycle.ts')).cycle,
  },
  survey: {
    summary: {
      vi: 'Điều tra xã hội học: lưu phiếu khảo sát, mở/đóng thu phiếu, nhập phiếu từ tệp, xem số phiếu so với kế hoạch, tính điểm (và ghi vào kết quả), xuất báo cáo XLSX/CSV/DOCX',
      en: 'Sociological survey: design the questionnaire, open/close collection, import answers from a file, responses against the plan, compute the points (and write them), export the report as XLSX/CSV/DOCX',
    },
    usage:
      'parindex survey design <phiếu.yaml|.xlsx> --cycle <mã kỳ>  |  survey open|close --cycle <mã kỳ>  |  survey import <tệp.xlsx|.csv> --cycle <mã kỳ> [--dry-run] [--max-size <MB>]  |  survey quotas --cycle <mã kỳ>  |  survey points --cycle <mã kỳ> [--apply [--unit <mã> …]]  |  survey report --cycle <mã kỳ> --out <tệp.xlsx|.csv|.docx>   (mã thoát 3 nếu tệp có lỗi: không ghi gì)',
    load: async () => (await import('./survey.ts')).survey,
  },
  audit: {
    summary: { vi: 'Nhật ký thay đổi: kiểm tra chuỗi băm, xuất JSON/Excel/CSV', en: 'Audit trail: verify the hash chain, export as JSON, Excel or CSV' },
    usage:
      'parindex audit verify [--head <số mục>:<mã băm>] | audit export [--subject <tiền tố>] [--out <tệp.json|.xlsx|.csv>]   (mã thoát 1 nếu chuỗi bị sửa; --head: mục cuối đã ghi lại lần kiểm tra trước, phát hiện cả việc xoá các mục cuối)',
    load: async () => (await import('./audit.ts')).audit,
  },
  demo: {
    summary: { vi: 'Chạy thử với dữ liệu mẫu đi kèm (data/demo)', en: 'Run on the bundled demo data (data/demo)' },
    usage: 'parindex demo',
    load: async () => (await import('./demo.ts')).demo,
  },
} satisfies Record<string, Omit<CommandInfo, 'name'>>;

export type CommandName = keyof typeof info;

/** Every command, in the order `--help` lists them. */
export const COMMANDS: CommandInfo[] = Object.entries(info).map(([name, i]) => ({ name, ...i }));

/** A command's name, summary and usage, for its module: `{ ...about('report'), run }`. */
export function about(name: CommandName): Pick<CommandInfo, 'name' | 'summary' | 'usage'> {
  const { summary, usage } = info[name];
  return { name, summary, usage };
}
