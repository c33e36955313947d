/** Reading dates people type (no DOM, no locale state: usable anywhere, tested in web/e2e/dates.test.ts). */
/** A date typed the Vietnamese way (15/5/2024, 15/05/2024) or as ISO (2024-05-15): the ISO date, or undefined if it is not a real date. */
export function parseDate(text: string): string | undefined {
  const t = text.trim();
  const vi = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const [y, m, d] = vi ? [Number(vi[3]), Number(vi[2]), Number(vi[1])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [];
  if (!y || !m || !d) return undefined;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
