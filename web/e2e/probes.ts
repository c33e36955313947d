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

/**
 * A click timed in the page: from the click event to the first frame where `ready` (run in the
 * page: no closure) holds — checked on every change of the DOM (a MutationObserver), then the
 * next animation frame, as `seenAt` times a first drawing. `seen`: the same end as the test saw
 * it (its polling, one more frame and its round trips to the page included).
 */
export async function timedClick(page: Page, selector: string, ready: () => boolean): Promise<{ drawn: number; seen: number }> {
  // Given as text: the page's Content-Security-Policy allows no eval of its own.
  await page.evaluate(`globalThis.__ready = ${ready.toString()}`);
  await page.evaluate(
    ({ selector }) => {
      const w = globalThis as any;
      w.__clickAt = undefined;
      w.__drawnAt = undefined;
      w.document.querySelector(selector).addEventListener(
        'click',
        () => {
          w.__clickAt = w.performance.now();
          const observer = new w.MutationObserver(() => {
            if (w.__drawnAt !== undefined || !w.__ready()) return;
            w.__drawnAt = -1;
            observer.disconnect();
            w.requestAnimationFrame(() => (w.__drawnAt = w.performance.now()));
          });
          observer.observe(w.document, { childList: true, subtree: true, attributes: true, characterData: true });
        },
        { once: true, capture: true },
      );
    },
    { selector },
  );
  await page.click(selector);
  const handle = await page.waitForFunction(ready, undefined, { timeout: 30_000 });
  await handle.dispose();
  const seen = await page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        (globalThis as any).requestAnimationFrame(() => resolve((globalThis as any).performance.now() - (globalThis as any).__clickAt)),
      ),
  );
  await page.waitForFunction(() => (globalThis as any).__drawnAt > 0, undefined, { timeout: 30_000 });
  const drawn = await page.evaluate(() => (globalThis as any).__drawnAt - (globalThis as any).__clickAt);
  return { drawn, seen };
}

/**
 * The longest task of the page's main thread in a Chromium trace (category `toplevel`), in ms:
 * its wall time and its thread (CPU) time — on a loaded machine the wall time waits for a core,
 * the CPU time is what the page itself spent; `mostCpu`: the most CPU time any one task used.
 */
export function longestTracedTask(trace: Buffer): { wall: number; cpu: number; mostCpu: number } {
  const events = (
    JSON.parse(trace.toString()) as {
      traceEvents: { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } }[];
    }
  ).traceEvents;
  // A page's renderer, not Chromium's own WebUI renderer (its tasks are not the page's).
  const pages = new Set(events.filter((e) => e.name === 'process_name' && e.args?.name === 'Renderer').map((e) => e.pid));
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && pages.has(e.pid));
  let best = { wall: 0, cpu: 0, mostCpu: 0, total: -1 };
  for (const main of mains) {
    const tasks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && /RunTask$/.test(e.name));
    const total = tasks.reduce((n, e) => n + (e.dur ?? 0), 0);
    if (total <= best.total) continue;
    const longest = tasks.reduce((a, e) => ((e.dur ?? 0) > (a.dur ?? 0) ? e : a), { dur: 0, tdur: 0 } as { dur?: number; tdur?: number });
    const mostCpu = Math.max(0, ...tasks.map((e) => e.tdur ?? 0));
    best = { wall: (longest.dur ?? 0) / 1000, cpu: (longest.tdur ?? 0) / 1000, mostCpu: mostCpu / 1000, total };
  }
  return { wall: best.wall, cpu: best.cpu, mostCpu: best.mostCpu };
}
