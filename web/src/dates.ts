/** Reading dates people type (no DOM, no locale state: usable anywhere, tested in web/e2e/dates.test.ts). */
import { parseWrittenDate } from '../../src/core/dates.ts';

/** A date typed the Vietnamese way (15/5/2024, 15/05/2024) or as ISO (2024-05-15): the ISO date, or undefined if it is not a real date. */
export function parseDate(text: string): string | undefined {
  return parseWrittenDate(text);
}
