/**
 * `parindex`: the command line of the PAR Index platform.
 * Language: --lang vi|en or PARINDEX_LANG (Vietnamese by default).
 */
import { readFileSync } from 'node:fs';
import type { Issue, Locale } from '../core/index.ts';
import { COMMANDS, type CommandInfo } from './commands/list.ts';
import { EXIT } from './exit.ts';
import type { CommandIo } from './io.ts';

/** The release (package.json's semantic version; CHANGELOG.md says what each one brings). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** What was asked for does not exist (exit 4), besides the `…notFound` codes. */
const NOT_FOUND = new Set(['analysis.noResults', 'rank.noResults', 'rank.componentNotFound', 'report.noUnits']);

/** The commands, in the order of `--help`; each one's module is loaded when it runs. */
export const commands: CommandInfo[] = COMMANDS;

function help(io: CommandIo): string {
  const vi = io.locale === 'vi';
  return [
    vi
      ? 'parindex — nền tảng đánh giá, xếp hạng và phân tích các chỉ số cải cách hành chính theo bộ tiêu chí của tỉnh'
      : 'parindex — a platform to score, rank and analyse administrative reform indexes on a province’s own frameworks',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary[io.locale]}\n             ${c.usage}`),
    '',
    vi
      ? 'Tùy chọn chung: --lang vi|en, --data <thư mục> (mặc định: dữ liệu mẫu đi kèm, data/demo)'
      : 'Common options: --lang vi|en, --data <folder> (default: the bundled demo data, data/demo)',
    vi
      ? 'Mã thoát: 0 thành công, 1 có lỗi nhất quán (check), 2 sai cú pháp lệnh, 3 dữ liệu không hợp lệ, 4 không tìm thấy'
      : 'Exit codes: 0 ok, 1 consistency errors (check), 2 usage, 3 invalid data, 4 not found',
  ].join('\n');
}

/**
 * An issue as this command prints it. One about a file names the file and its field. One about
 * what was asked names its field (`year`, `maxSize`) as this command's option (`--year`,
 * `--max-size`) when it has one and the message does not already; otherwise the message says it all.
 */
export function asPrinted(i: Issue, command: Pick<CommandInfo, 'usage'>): Issue {
  if (i.file) return i;
  const option = i.field && /^[a-z][a-zA-Z]*$/.test(i.field) ? `--${i.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : undefined;
  const named = option ? new RegExp(`${option}(?![\\w-])`) : undefined;
  const shown = named?.test(command.usage) && !named.test(i.message.vi) && !named.test(i.message.en) ? option : undefined;
  return { ...i, field: shown };
}

export async function main(argv: string[], io: Omit<CommandIo, 'locale'> & { locale?: Locale }): Promise<number> {
  const args = [...argv];
  let locale: Locale = io.locale ?? (process.env.PARINDEX_LANG === 'en' ? 'en' : 'vi');
  const langAt = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (langAt >= 0) {
    const value = args[langAt]!.includes('=') ? args[langAt]!.split('=')[1] : args[langAt + 1];
    args.splice(langAt, args[langAt]!.includes('=') ? 1 : 2);
    if (value !== 'vi' && value !== 'en') {
      io.err(`--lang phải là vi hoặc en, không phải "${value ?? ''}" / --lang must be vi or en`);
      return EXIT.usage;
    }
    locale = value;
  }
  const context: CommandIo = { ...io, locale };
  const [name, ...rest] = args;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    context.out(help(context));
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    context.out(`parindex ${packageVersion()}`);
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    context.err(`${locale === 'vi' ? 'Không có lệnh' : 'Unknown command'} "${name}"\n\n${help(context)}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    context.out(`${command.summary[locale]}\n${locale === 'vi' ? 'Cách dùng' : 'Usage'}: ${command.usage}`);
    return EXIT.ok;
  }
  try {
    return await (await command.load(rest)).run(rest, context);
  } catch (error) {
    // Loaded by the command already: importing them here costs nothing, and nothing on `--help`.
    const [{ ParError, describeIssue }, { UsageError }] = await Promise.all([import('../core/index.ts'), import('./io.ts')]);
    if (error instanceof UsageError) {
      context.err(`${error.describe(locale)}\n${locale === 'vi' ? 'Cách dùng' : 'Usage'}: ${command.usage}`);
      return EXIT.usage;
    }
    if (error instanceof ParError) {
      for (const i of error.issues) context.err(describeIssue(asPrinted(i, command), locale));
      return error.issues.some((i) => i.code.endsWith('notFound') || NOT_FOUND.has(i.code)) ? EXIT.notFound : EXIT.invalidData;
    }
    throw error;
  }
}

/** Runs `parindex` on this process's arguments: from `node src/cli/main.ts` (npm scripts) and from bin/parindex.js (npx). */
export async function runCommandLine(argv: string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await main(argv, { out: (s) => console.log(s), err: (s) => console.error(s) });
}

if (import.meta.main) await runCommandLine();
