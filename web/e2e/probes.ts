/**
 * Timings taken inside the page (not by polling from the test): main-thread long tasks (a
 * PerformanceObserver of `longtask`) and the first frame where a selector is in the DOM (a
 * MutationObserver, then requestAnimationFrame), in ms from navigation start.
 */
import type { Page } from 'playwright-core';

export async function installProbes(page: Page, selectors: Record<string, string>): Promise<void> {
  await page.addInitScript((watched: Record<string, string>) => {
    const w = globalThis as any;
    w.__longTasks = [] as number[];
    w.__seen = {} as Record<string, number>;
    try {
      new w.PerformanceObserver((list: any) => {
        for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    } catch {}
    const check = () => {
      for (const [name, selector] of Object.entries(watched)) {
        if (w.__seen[name] === undefined && w.document.querySelector(selector)) {
          w.__seen[name] = -1;
          w.requestAnimationFrame(() => (w.__seen[name] = w.performance.now()));
        }
      }
    };
    new w.MutationObserver(check).observe(w.document, { childList: true, subtree: true });
  }, selectors);
}

/** When `name` was first painted (ms from navigation start), waiting for it. */
export async function seenAt(page: Page, name: string, timeout = 60_000): Promise<number> {
  const handle = await page.waitForFunction((n: string) => ((globalThis as any).__seen[n] > 0 ? (globalThis as any).__seen[n] : false), name, { timeout });
  return (await handle.jsonValue()) as number;
}

/** The long tasks seen so far (ms each), and forgets them. */
export async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = globalThis as any;
    const tasks = w.__longTasks as number[];
    w.__longTasks = [];
    return tasks;
  });
}

/** ms from a click until `ready` (run in the page: no closure) holds and a frame is drawn (timed in the page, from the click event). */
export async function timedClick(page: Page, selector: string, ready: () => boolean): Promise<number> {
  await page.evaluate(
    ({ selector }) => {
      const w = globalThis as any;
      w.__clickAt = undefined;
      w.document.querySelector(selector).addEventListener('click', () => (w.__clickAt = w.performance.now()), { once: true, capture: true });
    },
    { selector },
  );
  await page.click(selector);
  const handle = await page.waitForFunction(ready, undefined, { timeout: 30_000 });
  await handle.dispose();
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        (globalThis as any).requestAnimationFrame(() => resolve((globalThis as any).performance.now() - (globalThis as any).__clickAt)),
      ),
  );
}
