/**
 * Where the reader was on each screen of the history: back from a unit to the ranking, the page
 * is where they left it. Each history entry gets an id in `history.state` (kept by the browser
 * across back and forward); the scroll position is remembered per id. Arriving on an entry seen
 * before (a traversal), the app scrolls back there once the screen is tall enough again (its data
 * from the cache, or fetched again); a new entry starts at the top.
 */
const positions = new Map<string, number>();
let made = 0;
/** The position to go back to, while the screen returned to is not there yet. */
let pending: { entry: string; y: number } | undefined;
/**
 * The entry whose screen is shown. Positions are kept against it, not against `history.state`:
 * a link followed right after a scroll changes the entry before the browser fires that scroll's
 * event (at its next frame), and the old page's position would be kept for the new entry.
 */
let shown = '';

/** The current history entry's id, given on first need. */
function entryId(): string {
  const state = history.state as { entry?: unknown } | null;
  if (typeof state?.entry === 'string') return state.entry;
  const entry = `${Date.now().toString(36)}.${made++}`;
  history.replaceState({ ...(state ?? {}), entry }, '');
  return entry;
}

/**
 * Called on every change of the address, before the screen changes: an entry with a remembered
 * position is one returned to. Must run before the router's own listener (main.tsx calls
 * keepScroll() before the app renders).
 */
function arrived(): void {
  // The screen left is still drawn (the router listens after this): its position now, scroll event or not.
  if (!pending) positions.set(shown, scrollY);
  const state = history.state as { entry?: unknown } | null;
  const y = typeof state?.entry === 'string' ? positions.get(state.entry) : undefined;
  pending = y !== undefined && typeof state?.entry === 'string' ? { entry: state.entry, y } : undefined;
  shown = entryId();
}

/** Starts remembering (once, at start-up): the browser's own restoring would fight the app's. */
export function keepScroll(): void {
  history.scrollRestoration = 'manual';
  shown = entryId();
  addEventListener('hashchange', arrived);
  // While a position is being put back, the scroll events are the page settling, not the reader.
  addEventListener('scroll', () => pending || positions.set(shown, scrollY), { passive: true });
  const reader = () => (pending = undefined);
  for (const event of ['wheel', 'touchstart', 'keydown', 'mousedown']) addEventListener(event, reader, { passive: true });
}

/**
 * After a change of screen: back to the remembered position when the entry is one returned to
 * (true), as soon as the page is tall enough for it; false for a new entry (the caller scrolls to
 * the top).
 */
export function returnToKeptScroll(): boolean {
  const target = pending;
  if (!target) return false;
  const started = performance.now();
  const step = () => {
    if (pending !== target) return;
    const room = document.documentElement.scrollHeight - innerHeight;
    if (room >= target.y || performance.now() - started > 10_000) {
      scrollTo(0, target.y);
      pending = undefined;
      positions.set(target.entry, scrollY);
      return;
    }
    requestAnimationFrame(step);
  };
  step();
  return true;
}

/** The address's hash changed by the page itself (filters, sort, page): replaced, not a new history entry (the entry keeps its id). */
export function replaceHash(hash: string): void {
  if (location.hash === hash) return;
  history.replaceState(history.state, '', hash);
}
