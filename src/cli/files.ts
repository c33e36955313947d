/** File options shared by template, import and export: format from the name, separator, size limit. */
import { extname, resolve } from 'node:path';
import { ParError, decimalNumber, issue } from '../core/index.ts';
import { limitsFromEnvironment, writeFileAtomic, writeTables, type FileFormat, type ImportLimits, type OutTable } from '../io/index.ts';
import type { Locale } from '../core/index.ts';
import { UsageError } from './io.ts';

export function formatOption(value: string | undefined, out: string | undefined): FileFormat {
  const format = value ?? (out && extname(out).toLowerCase() === '.csv' ? 'csv' : 'xlsx');
  if (format !== 'xlsx' && format !== 'csv') throw new UsageError({ vi: '--format phải là xlsx hoặc csv', en: '--format must be xlsx or csv' });
  return format;
}

export function separatorOption(value: string | undefined): ';' | ',' | undefined {
  if (value === undefined) return undefined;
  if (value === ';' || value === ',') return value;
  if (value === 'semicolon') return ';';
  if (value === 'comma') return ',';
  throw new UsageError({ vi: '--separator phải là ";" hoặc ","', en: '--separator must be ";" or ","' });
}

/** Limits from PARINDEX_IMPORT_MAX_MB, then --max-size (MiB). */
export function limitsOption(maxSize: string | undefined): ImportLimits {
  const limits = limitsFromEnvironment();
  if (maxSize === undefined) return limits;
  const mb = decimalNumber(maxSize) ?? Number.NaN;
  if (!Number.isFinite(mb) || mb <= 0)
    throw new UsageError({ vi: '--max-size phải là một số megabyte, vd. 60', en: '--max-size must be a number of megabytes, e.g. 60' });
  return { ...limits, maxBytes: Math.round(mb * 1024 * 1024) };
}

export function yearOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new ParError(
      issue(
        'cli.year',
        { vi: `--year phải là một năm (vd. 2023), không phải "${value}"`, en: `--year must be a year (e.g. 2023), not "${value}"` },
        { field: 'year' },
      ),
    );
  }
  return year;
}

/** Writes tables to `--out` (format from `--format` or the extension), atomically. */
export async function writeOut(
  tables: OutTable[],
  values: { out: string; format?: string; separator?: string; sheet?: string },
  locale: Locale,
): Promise<void> {
  const bytes = await writeTables(tables, {
    format: formatOption(values.format, values.out),
    separator: separatorOption(values.separator),
    locale,
    sheet: values.sheet,
  });
  writeFileAtomic(resolve(values.out), bytes);
}
