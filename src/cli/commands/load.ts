import { stringify } from 'yaml';
import { listDocuments, readDocument } from '../../io/dataFolder.ts';
import { SYSTEM } from '../../workflow/policy.ts';
import { renderChanges } from '../changes.ts';
import { EXIT, parse, t, UsageError, type Command } from '../io.ts';
import { withStore } from '../store.ts';
import { about } from './list.ts';

export const load: Command = {
  ...about('load'),
  async run(args, io) {
    const { values, positionals } = parse(args, { 'dry-run': { type: 'boolean', default: false } }, true);
    if (!positionals.length) throw new UsageError({ vi: 'cần các tệp hoặc thư mục để nạp', en: 'give files or folders to load' });
    const documents = positionals.flatMap(listDocuments).map(readDocument);
    return withStore(async (store) => {
      const result = await store.importDocuments(documents, SYSTEM, { dryRun: values['dry-run'] });
      io.out(renderChanges(result.changes, io.locale));
      io.out(
        values['dry-run']
          ? t(
              io,
              `Xem trước: chưa ghi gì (${stringify(result.counts).trim().replace(/\n/g, ', ')})`,
              `Preview: nothing written (${stringify(result.counts).trim().replace(/\n/g, ', ')})`,
            )
          : t(
              io,
              `Đã nạp: ${result.written.map((w) => `${w.kind} ${w.id}`).join('; ')}`,
              `Loaded: ${result.written.map((w) => `${w.kind} ${w.id}`).join('; ')}`,
            ),
      );
      return EXIT.ok;
    });
  },
};
