/**
 * What a CLI command gets: its arguments, where to write, the language, and the data
 * folders. Commands return an exit code instead of calling process.exit, so tests can run them.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LEVEL_NAMES, levelName, type Locale, type Message, type UnitLevel } from '../core/index.ts';

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

export { EXIT } from './exit.ts';

/** A command line that cannot be run as given: exit 2 with the command's usage. Messages may come in both languages. */
export class UsageError extends Error {
  readonly text?: Message;

  constructor(message: string | Message) {
    super(typeof message === 'string' ? message : message.vi);
    if (typeof message !== 'string') this.text = message;
  }

  describe(locale: Locale): string {
    return this.text ? this.text[locale] : this.message;
  }
}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(parseErrorMessage(error as Error & { code?: string }));
  }
}

/** node:util's argument errors, in both languages. */
function parseErrorMessage(error: Error & { code?: string }): Message {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return { vi: `không có tùy chọn ${quoted}`, en: `unknown option ${quoted}` };
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = quoted.split(' ')[0]!;
      return /missing/.test(error.message)
        ? { vi: `tùy chọn ${option} cần một giá trị`, en: `option ${option} needs a value` }
        : { vi: `giá trị không hợp lệ cho ${option}`, en: `invalid value for ${option}` };
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return {
        vi: `đối số thừa "${quoted}" (lệnh này chỉ nhận tùy chọn --tên giá-trị)`,
        en: `unexpected argument "${quoted}" (this command only takes --name value options)`,
      };
    default:
      return { vi: error.message, en: error.message };
  }
}

export function requireYear(value: string | undefined): number {
  if (!value) throw new UsageError({ vi: 'thiếu --year (năm đánh giá, vd. 2023)', en: '--year is required (the year assessed, e.g. 2023)' });
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new UsageError({ vi: `--year phải là một năm (vd. 2023), không phải "${value}"`, en: `--year must be a year (e.g. 2023), not "${value}"` });
  }
  return year;
}

/** What `--unit` takes, said without naming a unit of one province (issue 19): where its ids and names are found. */
export const UNIT_OPTION: Message = {
  vi: 'mã hoặc tên đơn vị, như trong tệp đơn vị (units.yaml) hoặc bảng của "parindex rank"',
  en: 'unit id or name, as in the units file (units.yaml) or the "parindex rank" table',
};

/** A required option's value, or a usage error naming it. */
export function requireOption(value: string | undefined, name: string, what: Message): string {
  if (!value) throw new UsageError({ vi: `thiếu --${name} (${what.vi})`, en: `--${name} is required (${what.en})` });
  return value;
}

export const t = (io: CommandIo, vi: string, en: string) => (io.locale === 'vi' ? vi : en);

export const LEVELS = Object.keys(LEVEL_NAMES) as UnitLevel[];

/** `--level`'s known values with the words people use: "district (cấp huyện)". */
export function levelChoices(locale: Locale): string {
  return LEVELS.map((level) => `${level} (${levelName(level)[locale]})`).join(', ');
}

/** The `--level` given, checked: a known level or a province's own (a lower-case slug); undefined when none. */
export function levelOption(value: string | undefined): UnitLevel | undefined {
  if (value === undefined) return undefined;
  if (!/^[a-z][a-z0-9-]*$/.test(value)) {
    throw new UsageError({
      vi: `--level là một cấp viết chữ thường không dấu, vd. ${levelChoices('vi')}; không phải "${value}"`,
      en: `--level is a level in lower case, e.g. ${levelChoices('en')}; not "${value}"`,
    });
  }
  return value as UnitLevel;
}
