/**
 * The one reader of dates people write: day/month/year the Vietnamese way (15/5/2024) or ISO
 * (2024-05-15), checked to be a real day. The web's date fields, spreadsheet cells (io) and the
 * API's ISO dates (validation.ts) all read through it; what each accepts differs only by `lenient`.
 */

/** The ISO text of a real calendar day, or undefined (31/02, month 13…). */
export function isoDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!year || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A written date as ISO text, or undefined when it is not one: d/m/yyyy or yyyy-mm-dd; `lenient`
 * (spreadsheet cells) also takes d.m.yyyy, d-m-yyyy and yyyy-m-d.
 */
export function parseWrittenDate(text: string, options: { lenient?: boolean } = {}): string | undefined {
  const t = text.trim();
  const dayFirst = (options.lenient ? /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/ : /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/).exec(t);
  if (dayFirst) return isoDay(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  const iso = (options.lenient ? /^(\d{4})-(\d{1,2})-(\d{1,2})$/ : /^(\d{4})-(\d{2})-(\d{2})$/).exec(t);
  return iso ? isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) : undefined;
}
