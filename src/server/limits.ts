/**
 * Size caps per role for the heavy requests (issue 15): a visitor cannot make the server
 * simulate for seconds, a unit's officer cannot send a province-sized plan file. Each refusal
 * names the limit, the value asked and what to do, in Vietnamese first.
 */
import { ParError, formatMegabytes, formatNumber, issue } from '../core/index.ts';
import type { Actor, Role } from '../workflow/policy.ts';

/** Monte Carlo runs one robustness request may ask for. */
export const ROBUSTNESS_RUNS: Record<Role, number> = { public: 2_000, unitViewer: 5_000, unitEditor: 5_000, appraiser: 20_000, admin: 20_000 };

/** Largest file a unit's officer may import (their plan); the province imports up to the server's limit. */
export const UNIT_FILE_BYTES = 5 * 1024 * 1024;

export function checkRobustnessRuns(actor: Actor, runs: number): void {
  const limit = ROBUSTNESS_RUNS[actor.role];
  if (runs <= limit) return;
  const n = (value: number, locale: 'vi' | 'en') => formatNumber(value, { locale, decimals: 0 });
  const who = actor.role === 'public' ? { vi: 'người xem chưa đăng nhập', en: 'a visitor who is not logged in' } : { vi: 'vai trò của bạn', en: 'your role' };
  throw new ParError(
    issue(
      'limits.runs',
      {
        vi: `số lần mô phỏng (runs) tối đa cho ${who.vi} là ${n(limit, 'vi')}, yêu cầu ${n(runs, 'vi')}: hãy giảm runs${actor.role === 'public' ? ' hoặc đăng nhập' : ''}`,
        en: `${who.en} may ask for at most ${n(limit, 'en')} runs, asked ${n(runs, 'en')}: lower runs${actor.role === 'public' ? ' or log in' : ''}`,
      },
      { field: 'runs' },
    ),
  );
}

/** The largest file this user may import: the server's limit for the province, UNIT_FILE_BYTES for a unit's officer. */
export function fileLimitOf(actor: Actor, serverLimit: number): number {
  return actor.role === 'admin' || actor.role === 'appraiser' ? serverLimit : Math.min(serverLimit, UNIT_FILE_BYTES);
}

export function checkFileSize(actor: Actor, bytes: number, serverLimit: number): void {
  const limit = fileLimitOf(actor, serverLimit);
  if (bytes <= limit) return;
  throw new ParError(
    issue(
      'import.tooLarge',
      {
        vi: `tệp ${formatMegabytes(bytes, { of: 'size', locale: 'vi' })} MB lớn hơn giới hạn ${formatMegabytes(limit, { of: 'limit', locale: 'vi' })} MB cho tài khoản đơn vị: hãy tách tệp hoặc nhờ Sở Nội vụ nhập`,
        en: `the file of ${formatMegabytes(bytes, { of: 'size', locale: 'en' })} MB is larger than the limit of ${formatMegabytes(limit, { of: 'limit', locale: 'en' })} MB for a unit's account: split the file or ask the province to import it`,
      },
      { field: 'file' },
    ),
  );
}

/**
 * The most audit entries exported as one xlsx by default (PARINDEX_AUDIT_XLSX_ROWS): the workbook
 * is built whole in a worker's memory; the CSV is streamed a page at a time.
 */
export const AUDIT_XLSX_ROWS = 100_000;

export function checkAuditXlsx(entries: number, limit: number): void {
  if (entries <= limit) return;
  const n = (value: number, locale: 'vi' | 'en') => formatNumber(value, { locale, decimals: 0 });
  throw new ParError(
    issue(
      'limits.auditXlsx',
      {
        vi: `nhật ký có hơn ${n(limit, 'vi')} mục, quá lớn cho một tệp Excel: hãy tải dạng CSV (format=csv, mở được bằng Excel)`,
        en: `the audit trail has more than ${n(limit, 'en')} entries, too many for one Excel file: download it as CSV (format=csv, which Excel opens)`,
      },
      { field: 'format' },
    ),
  );
}

/** Reports one batch job may render: a unit's users their own unit's few, the council and the province a province's. */
export const REPORT_BATCH: Record<Role, number> = { public: 0, unitViewer: 5, unitEditor: 5, appraiser: 500, admin: 500 };

export function checkReportBatch(actor: Actor, count: number): void {
  const limit = REPORT_BATCH[actor.role];
  if (count <= limit) return;
  const n = (value: number, locale: 'vi' | 'en') => formatNumber(value, { locale, decimals: 0 });
  throw new ParError(
    issue(
      'limits.batch',
      {
        vi: `một lần in tối đa ${n(limit, 'vi')} báo cáo cho vai trò của bạn, yêu cầu ${n(count, 'vi')}: hãy chia thành nhiều lần`,
        en: `your role may render at most ${n(limit, 'en')} reports in one batch, asked ${n(count, 'en')}: split the batch`,
      },
      { field: 'units' },
    ),
  );
}

/**
 * Heavy requests a visitor who is not logged in may make per client address per minute (a
 * simulation; its answer is cached per data revision, so a repeated one costs nothing, but the
 * combinations of parameters are many). Signed-in users are bounded by their role's caps.
 */
export const ANONYMOUS_HEAVY_PER_MINUTE = 30;

export function heavyLimiter(limit = ANONYMOUS_HEAVY_PER_MINUTE, options: { capacity?: number; now?: () => number } = {}): (address: string) => void {
  const { capacity = 10_000, now: clock = Date.now } = options;
  const windows = new Map<string, { start: number; count: number }>();
  return (address) => {
    const now = clock();
    const window = windows.get(address);
    if (!window || now - window.start > 60_000) {
      windows.delete(address);
      if (windows.size >= capacity) for (const [key, w] of windows) if (now - w.start > 60_000 || windows.size >= capacity) windows.delete(key);
      windows.set(address, { start: now, count: 1 });
      return;
    }
    if (++window.count > limit) {
      throw new ParError(
        issue('auth.rateLimited', {
          vi: `quá ${limit} yêu cầu tính toán nặng trong một phút từ địa chỉ này: hãy thử lại sau một phút hoặc đăng nhập`,
          en: `more than ${limit} heavy requests a minute from this address: try again in a minute or log in`,
        }),
      );
    }
  };
}
