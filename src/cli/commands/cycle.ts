import { listCycles, openCycle, publish } from '../../store/index.ts';
import { SYSTEM } from '../../workflow/policy.ts';
import { EXIT, parse, requireYear, t, UsageError, type Command } from '../io.ts';
import { withStore } from '../store.ts';
import { about } from './list.ts';

export const cycle: Command = {
  ...about('cycle'),
  async run(args, io) {
    const [sub, ...rest] = args;
    const { values } = parse(rest, {
      year: { type: 'string' },
      framework: { type: 'string' },
      cycle: { type: 'string' },
      decision: { type: 'string' },
      date: { type: 'string' },
      reason: { type: 'string' },
      exclude: { type: 'string', multiple: true },
    });
    return withStore(async (store) => {
      if (sub === 'list') {
        const rows = await listCycles(store.db);
        for (const r of rows) io.out(`${r.id.padEnd(32)} ${r.year}  ${r.phase.padEnd(11)} ${r.units}`);
        return EXIT.ok;
      }
      if (sub === 'open') {
        if (!values.framework) throw new UsageError({ vi: 'thiếu --framework (mã bộ tiêu chí)', en: '--framework is required (the framework id)' });
        const opened = await openCycle(store.db, { year: requireYear(values.year), frameworkId: values.framework }, SYSTEM);
        io.out(t(io, `Đã mở kỳ ${opened.id}: ${opened.units.length} đơn vị tự đánh giá`, `Opened ${opened.id}: ${opened.units.length} units self-assessing`));
        for (const w of opened.warnings) io.out(`${t(io, 'Lưu ý', 'Warning')}: ${t(io, w.message.vi, w.message.en)}`);
        return EXIT.ok;
      }
      if (sub === 'publish') {
        if (!values.cycle || !values.decision)
          throw new UsageError({ vi: 'thiếu --cycle (mã kỳ đánh giá) hoặc --decision (số quyết định công bố)', en: '--cycle and --decision are required' });
        // --exclude unit=reason: a unit whose total is unknown, left out of the decision with the reason.
        const excluded = ((values.exclude as string[] | undefined) ?? []).map((text) => {
          const at = text.indexOf('=');
          if (at < 1)
            throw new UsageError({
              vi: `--exclude cần dạng <mã đơn vị>="<lý do>", không phải "${text}"`,
              en: `--exclude takes <unit id>="<reason>", not "${text}"`,
            });
          return { unit: text.slice(0, at).trim(), reason: text.slice(at + 1).trim() };
        });
        const p = await publish(
          store.db,
          {
            cycleId: values.cycle,
            decision: values.decision,
            ...(values.date && { decidedOn: values.date }),
            ...(values.reason && { reason: values.reason }),
            ...(excluded.length > 0 && { excluded }),
          },
          SYSTEM,
        );
        io.out(t(io, `Đã công bố ${p.cycleId} lần ${p.sequence} theo ${p.decision}`, `Published ${p.cycleId} (#${p.sequence}) under ${p.decision}`));
        for (const e of p.excluded) io.out(t(io, `Không đưa vào quyết định: ${e.unit} — ${e.reason}`, `Left out of the decision: ${e.unit} — ${e.reason}`));
        return EXIT.ok;
      }
      throw new UsageError({ vi: 'cần lệnh con: cycle list | open | publish', en: 'cycle list | open | publish' });
    });
  },
};
