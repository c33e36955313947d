/**
 * The reference date of a results set: the day deadline rules judge reports never sent. The
 * core has no clock, so the date comes from the data.
 */
import { issue, type Issue } from '../errors.ts';
import { formatDate } from '../format.ts';
import type { Framework } from '../framework/types.ts';
import type { ResultsSet } from './types.ts';

/**
 * A report without a sent date by the time the results are assessed is late. The day is the
 * results' `assessedOn` (the appraisal council's closing date), else the publication decision's
 * date (a report not sent by then was not sent in time); without either it is undefined and a
 * report never sent cannot be judged (it costs nothing): `reportsWithoutReference` finds those.
 */
export function referenceDateOf(set: Pick<ResultsSet, 'assessedOn' | 'publication'>): string | undefined {
  return set.assessedOn ?? set.publication?.date;
}

/**
 * Warnings (not errors: the file is valid): reports under a deadline rule with no sent date in
 * a results set that has no reference date, so that they count as neither on time nor late.
 */
export function reportsWithoutReference(set: ResultsSet, framework: Framework): Issue[] {
  if (referenceDateOf(set) !== undefined) return [];
  const warnings: Issue[] = [];
  set.units.forEach((unit, u) => {
    for (const [code, indicator] of unit.indicators) {
      if (framework.nodes.get(code)?.rule?.type !== 'deadline') continue;
      indicator.items?.forEach((item, k) => {
        if (item.sent !== undefined) return;
        warnings.push(
          issue(
            'results.unsentWithoutDate',
            {
              vi: `báo cáo «${item.name}» (hạn ${formatDate(item.due)}) chưa có ngày gửi, mà kết quả chưa có ngày đánh giá hay ngày công bố: chưa tính được là trễ hạn nên chưa bị trừ điểm. Nếu đã gửi, ghi ngày gửi; nếu chưa, ghi ngày đánh giá kết quả ở đầu tệp (assessedOn: YYYY-MM-DD) hoặc ngày của quyết định công bố`,
              en: `report "${item.name}" (due ${formatDate(item.due, 'en')}) has no sent date and the results have no assessment or publication date: it cannot count as late, so it costs nothing. If it was sent, give the date; if not, give the results' assessment date (assessedOn: YYYY-MM-DD) or the publication decision's date`,
            },
            { unit: unit.unitId, node: code, field: `units.${u}.indicators.${code}.items.${k}.sent` },
          ),
        );
      });
    }
  });
  return warnings;
}
