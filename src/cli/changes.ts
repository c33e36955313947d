/** The changes an import would make, for the terminal: a count line and one line per value. */
import { CHANGE_KINDS, changeItemWord, changePartWords, changeValueText, countChanges, foldScoreParts, type Change, type Locale } from '../core/index.ts';

const KINDS = ['added', 'changed', 'removed'] as const;

/**
 * A score of a single-source criterion changes its total and that part alike: one line, without
 * the part («điểm · 1: 10,75 → 10,8»); a mixed criterion keeps a line per part (foldScoreParts).
 */
export function renderChanges(all: Change[], locale: Locale, limit = 200): string {
  // In the diff's order (a province's first load lists 1,2 million changes) counted on the whole
  // list and folded for the lines shown only: countChanges then counts each change once, as
  // foldScoreParts keeps it. In any other order, the whole list folded.
  const ordered = inDiffOrder(all);
  const changes = foldScoreParts(ordered ? headOf(all, limit) : all);
  const counts = countChanges(ordered ? all : changes);
  const total = ordered ? counts.added + counts.changed + counts.removed : changes.length;
  const head = `${locale === 'vi' ? 'Thay đổi' : 'Changes'}: ${KINDS.map((kind) => `${counts[kind]} ${CHANGE_KINDS[kind][locale]}`).join(', ')}`;
  if (!changes.length) return locale === 'vi' ? 'Không có thay đổi so với dữ liệu đã lưu.' : 'No change against the stored data.';
  const lines = changes.slice(0, limit).map((c) => {
    const where = [c.unitId, changeItemWord(c.item, locale), c.code, c.part && changePartWords(c.part, locale, c.item)].filter(Boolean).join(' · ');
    // A unit added or removed as a whole has no value: its line ends with its name.
    const show = (v: string | undefined) => (v === undefined ? '' : changeValueText(v, locale, c.part));
    const value = c.change === 'changed' ? `${show(c.before)} → ${show(c.after)}` : show(c.change === 'added' ? c.after : c.before);
    return `  ${c.change === 'added' ? '+' : c.change === 'removed' ? '−' : '~'} ${where}${value ? `: ${value.length > 120 ? `${value.slice(0, 117)}…` : value}` : ''}`;
  });
  const more =
    total > limit ? [locale === 'vi' ? `  … và ${total - limit} thay đổi khác (--all để xem hết)` : `  … and ${total - limit} more (--all to see them)`] : [];
  return [head, ...lines, ...more].join('\n');
}

/**
 * The changes that fold into at least the first `limit` lines: a score's total and parts come
 * together in the diff's order (core/results/diff.ts, as countChanges reads them), so the list is
 * cut after `limit` × 3 changes, never inside one criterion's score changes.
 */
function headOf(all: Change[], limit: number): Change[] {
  let cut = Math.min(all.length, limit * 3);
  const sameScore = (a: Change, b: Change) => a.item === 'score' && b.item === 'score' && a.unitId === b.unitId && a.code === b.code;
  while (cut > 0 && cut < all.length && sameScore(all[cut - 1]!, all[cut]!)) cut++;
  return cut === all.length ? all : all.slice(0, cut);
}

/**
 * Whether each criterion's score changes (total, appraisal, survey) come together, the total
 * first, each unit's together: the order core/results/diff.ts writes and countChanges reads.
 */
function inDiffOrder(all: Change[]): boolean {
  const doneUnits = new Set<string | undefined>();
  const doneCodes = new Set<string | undefined>();
  let unit: string | undefined;
  let code: string | undefined;
  let inRun = false;
  for (const c of all) {
    if (c.item !== 'score' || (c.part !== 'total' && c.part !== 'appraisal' && c.part !== 'survey')) {
      if (inRun) doneCodes.add(code);
      inRun = false;
      continue;
    }
    if (!inRun || c.unitId !== unit) {
      if (c.unitId !== unit) {
        if (doneUnits.has(c.unitId)) return false;
        if (inRun || unit !== undefined) doneUnits.add(unit);
        doneCodes.clear();
        unit = c.unitId;
      } else if (doneCodes.has(c.code)) return false;
      code = c.code;
      inRun = true;
      continue;
    }
    if (c.code !== code) {
      if (doneCodes.has(c.code)) return false;
      doneCodes.add(code);
      code = c.code;
      continue;
    }
    // A later change of the same criterion: a total after a part is out of order.
    if (c.part === 'total') return false;
  }
  return true;
}
