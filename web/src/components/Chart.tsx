/** An ECharts chart, loaded on first use (its own chunk: the main bundle stays small). */
import { useEffect, useRef } from 'preact/hooks';
import { currentLocale } from '../i18n.ts';

type Option = Record<string, unknown>;

let loading: Promise<typeof import('./echarts.ts')> | undefined;

/**
 * Charts drawn one per task: a screen of several charts would otherwise draw them all in one
 * long task once ECharts has loaded (the page does not answer meanwhile).
 */
const queued: (() => void)[] = [];
function drawLater(draw: () => void) {
  queued.push(draw);
  if (queued.length === 1) setTimeout(drawNext, 0);
}
function drawNext() {
  queued.shift()?.();
  if (queued.length) setTimeout(drawNext, 0);
}

export function Chart({ option, height = 320, label }: { option: Option; height?: number; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: Option): void; dispose(): void; resize(size?: { width?: number | 'auto' }): void } | undefined;
    loading ??= import('./echarts.ts');
    loading.then(({ echarts }) =>
      drawLater(() => {
        if (disposed || !element.current) return;
        chart = echarts.init(element.current, undefined, { renderer: 'svg' });
        chart.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option });
      }),
    );
    // 'auto': back to the container's width (a width given once, for paper, would otherwise stick).
    const resize = () => chart?.resize({ width: 'auto' });
    // The SVG has the screen's width in pixels: on paper (A4 portrait) it is drawn to the page's width.
    const toPaper = () => chart?.resize({ width: 680 });
    const printing = matchMedia('print');
    const onMedia = (e: MediaQueryListEvent) => (e.matches ? toPaper() : resize());
    addEventListener('resize', resize);
    addEventListener('beforeprint', toPaper);
    addEventListener('afterprint', resize);
    printing.addEventListener('change', onMedia);
    return () => {
      disposed = true;
      removeEventListener('resize', resize);
      removeEventListener('beforeprint', toPaper);
      removeEventListener('afterprint', resize);
      printing.removeEventListener('change', onMedia);
      chart?.dispose();
    };
  }, [JSON.stringify(option), currentLocale()]);
  return <div ref={element} role="img" aria-label={label} class="chart" style={{ height: `${height}px` }} />;
}
