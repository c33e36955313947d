/** The changes an import would make, for the terminal: a count line and one line per value. */
import { countChanges, type Change, type Locale } from '../core/index.ts';

const WORDS: Record<Locale, Record<string, string>> = {
  vi: { added: 'thêm', changed: 'sửa', removed: 'xóa', unit: 'đơn vị', score: 'điểm', indicator: 'chỉ tiêu', deduction: 'điểm trừ', published: 'số công bố', notes: 'ghi chú', illustrative: 'minh họa', publication: 'quyết định công bố', node: 'tiêu chí', framework: 'bộ tiêu chí' },
  en: { added: 'added', changed: 'changed', removed: 'removed', unit: 'unit', score: 'score', indicator: 'indicator', deduction: 'deduction', published: 'published', notes: 'notes', illustrative: 'illustrative', publication: 'publication', node: 'node', framework: 'framework' },
};

export function renderChanges(changes: Change[], locale: Locale, limit = 200): string {
  const w = WORDS[locale];
  const counts = countChanges(changes);
  const head =
    locale === 'vi'
      ? `Thay đổi: ${counts.added} thêm, ${counts.changed} sửa, ${counts.removed} xóa`
      : `Changes: ${counts.added} added, ${counts.changed} changed, ${counts.removed} removed`;
  if (!changes.length) return locale === 'vi' ? 'Không có thay đổi so với dữ liệu đã lưu.' : 'No change against the stored data.';
  const lines = changes.slice(0, limit).map((c) => {
    const where = [c.unitId, w[c.item] ?? c.item, c.code, c.part].filter(Boolean).join(' · ');
    const value = c.change === 'changed' ? `${c.before} → ${c.after}` : c.change === 'added' ? (c.after ?? '') : (c.before ?? '');
    return `  ${c.change === 'added' ? '+' : c.change === 'removed' ? '−' : '~'} ${where}${value ? `: ${value.length > 120 ? `${value.slice(0, 117)}…` : value}` : ''}`;
  });
  const more = changes.length > limit ? [locale === 'vi' ? `  … và ${changes.length - limit} thay đổi khác (--all để xem hết)` : `  … and ${changes.length - limit} more (--all to see them)`] : [];
  return [head, ...lines, ...more].join('\n');
}
