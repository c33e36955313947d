/**
 * How much an import may read: a file is refused by its size before it is parsed, an xlsx by
 * its zip entries' sizes before anything is inflated, a table by its number of cells. The
 * defaults fit a province's largest tables (4,000 units × 150 criteria is ≈ 6 MB of xlsx).
 */
import { ParError, formatMegabytes, formatNumber, issue } from '../core/index.ts';

export interface ImportLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Largest total size of an xlsx's entries once inflated, in bytes. */
  maxUncompressedBytes: number;
  /** Largest inflated/compressed ratio of an xlsx entry above 1 MiB (zip bombs reach 1,000). */
  maxRatio: number;
  /** Most entries in an xlsx. */
  maxEntries: number;
  /** Most non-empty cells in a workbook. */
  maxCells: number;
  /** Longest a reader may take before it is abandoned, in milliseconds. */
  timeoutMs: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_LIMITS: ImportLimits = {
  maxBytes: 20 * MIB,
  maxUncompressedBytes: 100 * MIB,
  maxRatio: 200,
  maxEntries: 2000,
  maxCells: 3_000_000,
  timeoutMs: 120_000,
};

/** The defaults, with `PARINDEX_IMPORT_MAX_MB` (largest file in MiB) applied. */
export function limitsFromEnvironment(env: Record<string, string | undefined> = process.env): ImportLimits {
  const mb = Number(env.PARINDEX_IMPORT_MAX_MB);
  return Number.isFinite(mb) && mb > 0 ? { ...DEFAULT_LIMITS, maxBytes: Math.round(mb * MIB) } : DEFAULT_LIMITS;
}

export function checkFileSize(size: number, limits: ImportLimits): void {
  if (size <= limits.maxBytes) return;
  throw new ParError(
    issue(
      'import.tooLarge',
      {
        vi: `tệp ${formatMegabytes(size, { of: 'size' })} MB, vượt giới hạn ${formatMegabytes(limits.maxBytes, { of: 'limit' })} MB: hãy tách tệp, hoặc tăng giới hạn (PARINDEX_IMPORT_MAX_MB)`,
        en: `the file is ${formatMegabytes(size, { of: 'size', locale: 'en' })} MB, above the limit of ${formatMegabytes(limits.maxBytes, { of: 'limit', locale: 'en' })} MB: split it, or raise the limit (PARINDEX_IMPORT_MAX_MB)`,
      },
      // The limit is a setting, not a place in the file: the command line names its option (--max-size).
      { field: 'maxSize' },
    ),
  );
}

export function tooManyCells(limits: ImportLimits, file?: string): ParError {
  return new ParError(
    issue(
      'import.tooManyCells',
      {
        vi: `tệp có hơn ${formatNumber(limits.maxCells)} ô dữ liệu: hãy tách tệp`,
        en: `the file has more than ${formatNumber(limits.maxCells, { locale: 'en' })} cells: split it`,
      },
      { file },
    ),
  );
}
