/** An ECharts chart, loaded on first use (its own chunks: the main bundle stays small). */
import { useEffect, useRef } from 'preact/hooks';
import { currentLocale } from '../i18n.ts';

type Option = Record<string, unknown>;
type Echarts = typeof import('./echarts.ts')['echarts'];

/** The module of each kind of series the app draws (a chart loads only those it draws). */
const SERIES: Record<string, () => Promise<unknown>> = {
  line: () => import('./charts/line.ts'),
  bar: () => import('./charts/bar.ts'),
  boxplot: () => import('./charts/boxplot.ts'),
};
let core: Promise<Echarts> | undefined;
const kinds = new Map<string, Promise<unknown>>();

/** ECharts with the kinds of series `option` draws: its shared part and each kind's module, fetched side by side, evaluated each in its own task. */
function load(option: Option): Promise<Echarts> {
  core ??= import('./echarts.ts').then((m) => m.echarts);
  const types = new Set([option.series ?? []].flat().map((s) => (s as { type?: string }).type ?? 'line'));
  const modules = [...types].map((type) => {
    let module = kinds.get(type);
    if (!module) {
      const loader = SERIES[type];
      if (!loader) throw new Error(`Chart: no ECharts module for series of type "${type}" (components/charts/)`);
      module = loader();
      kinds.set(type, module);
    }
    return module;
  });
  return Promise.all([core, ...modules]).then(([echarts]) => echarts);
}

/**
 * Charts drawn a step per task: a chart's first drawing was one task of ≈ 300 ms under load
 * (ECharts' init, its model from the option, the SVG), and a screen of several charts would draw
 * them all in one long task once ECharts has loaded. The steps: init; setOption (the model; with
 * `lazyUpdate` the SVG is drawn at the next frame, a task of its own); then the next chart.
 */
const steps: (() => void)[] = [];
function later(...next: (() => void)[]) {
  const idle = steps.length === 0;
  steps.push(...next);
  if (idle) setTimeout(step, 0);
}
function step() {
  steps.shift()?.();
  if (steps.length) setTimeout(step, 0);
}

export function Chart({ option, height = 320, label }: { option: Option; height?: number; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: Option, opts?: { lazyUpdate?: boolean }): void; dispose(): void; resize(size?: { width?: number | 'auto' }): void } | undefined;
    load(option).then((echarts) =>
      later(
        () => {
          if (!disposed && element.current) chart = echarts.init(element.current, undefined, { renderer: 'svg' });
        },
        () => {
          if (!disposed) chart?.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option }, { lazyUpdate: true });
        },
      ),
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
