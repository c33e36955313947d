/**
 * `parindex`: the command line of the PAR Index platform.
 * Language: --lang vi|en or PARINDEX_LANG (Vietnamese by default).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../io/dataFolder.ts';
import { ParError, describeIssue, type Issue, type Locale } from '../core/index.ts';
import { analyze } from './commands/analyze.ts';
import { audit } from './commands/audit.ts';
import { backup } from './commands/backup.ts';
import { check } from './commands/check.ts';
import { cycle } from './commands/cycle.ts';
import { demo } from './commands/demo.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { load } from './commands/load.ts';
import { migrate } from './commands/migrate.ts';
import { plan } from './commands/plan.ts';
import { rank } from './commands/rank.ts';
import { report } from './commands/report.ts';
import { restore } from './commands/restore.ts';
import { robustness } from './commands/robustness.ts';
import { schema } from './commands/schema.ts';
import { serve } from './commands/serve.ts';
import { template } from './commands/template.ts';
import { user } from './commands/user.ts';
import { validate } from './commands/validate.ts';
import { whatif } from './commands/whatif.ts';
import { EXIT, UsageError, type Command, type CommandIo } from './io.ts';

/** The release (package.json's semantic version; CHANGELOG.md says what each one brings). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/** What was asked for does not exist (exit 4), besides the `…notFound` codes. */
const NOT_FOUND = new Set(['analysis.noResults', 'rank.noResults', 'rank.componentNotFound', 'report.noUnits']);

export const commands: Command[] = [validate, analyze, rank, check, report, plan, whatif, robustness, schema, template, importCommand, exportCommand, serve, migrate, backup, restore, load, user, cycle, audit, demo];

function help(io: CommandIo): string {
  const vi = io.locale === 'vi';
  return [
    vi ? 'parindex — nền tảng đánh giá, xếp hạng và phân tích các chỉ số cải cách hành chính theo bộ tiêu chí của tỉnh' : 'parindex — a platform to score, rank and analyse administrative reform indexes on a province’s own frameworks',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary[io.locale]}\n             ${c.usage}`),
    '',
    vi ? 'Tùy chọn chung: --lang vi|en, --data <thư mục> (mặc định: dữ liệu mẫu Lai Châu)' : 'Common options: --lang vi|en, --data <folder> (default: the Lai Châu demo)',
    vi ? 'Mã thoát: 0 thành công, 1 có lỗi nhất quán (check), 2 sai cú pháp lệnh, 3 dữ liệu không hợp lệ, 4 không tìm thấy' : 'Exit codes: 0 ok, 1 consistency errors (check), 2 usage, 3 invalid data, 4 not found',
  ].join('\n');
}

/**
 * An issue as this command prints it. One about a file names the file and its field. One about
 * what was asked names its field (`year`, `maxSize`) as this command's option (`--year`,
 * `--max-size`) when it has one and the message does not already; otherwise the message says it all.
 */
export function asPrinted(i: Issue, command: Command): Issue {
  if (i.file) return i;
  const option = i.field && /^[a-z][a-zA-Z]*$/.test(i.field) ? `--${i.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : undefined;
  const named = option && new RegExp(`${option}(?![\\w-])`);
  const shown = named && named.test(command.usage) && !named.test(i.message.vi) && !named.test(i.message.en) ? option : undefined;
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
    return await command.run(rest, context);
  } catch (error) {
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
