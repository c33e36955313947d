/**
 * What a CLI command gets: its arguments, where to write, the language, and the data
 * folders. Commands return an exit code instead of calling process.exit, so tests can run them.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ParError, issue, type Locale } from '../core/index.ts';

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  locale: Locale;
}

export interface Command {
  name: string;
  summary: { vi: string; en: string };
  usage: string;
  run(args: string[], io: CommandIo): Promise<number> | number;
}

/** Exit codes, documented in the README. */
export const EXIT = {
  ok: 0,
  /** `check`: the data contradicts a printed figure (an error-severity finding). */
  findings: 1,
  usage: 2,
  invalidData: 3,
  notFound: 4,
} as const;

export class UsageError extends Error {}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function requireYear(value: string | undefined): number {
  const year = Number(value);
  if (!value || !Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new ParError(issue('cli.year', { vi: `--year phải là một năm (vd. 2023), không phải "${value ?? ''}"`, en: `--year must be a year (e.g. 2023), not "${value ?? ''}"` }, { field: 'year' }));
  }
  return year;
}

export const t = (io: CommandIo, vi: string, en: string) => (io.locale === 'vi' ? vi : en);
