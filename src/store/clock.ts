/** Today's date in Vietnam (UTC+7), ISO: the one clock reading of the adapters (the core has no clock). */
export function todayInVietnam(now: number = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
}
