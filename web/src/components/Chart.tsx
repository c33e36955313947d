/** An ECharts chart, loaded on first use (its own chunk: the main bundle stays small). */
import { useEffect, useRef } from 'preact/hooks';
import { currentLocale } from '../i18n.ts';

type Option = Record<string, unknown>;

let loading: Promise<typeof import('./echarts.ts')> | undefined;

export function Chart({ option, height = 320, label }: { option: Option; height?: number; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption(o: Option): void; dispose(): void; resize(): void } | undefined;
    loading ??= import('./echarts.ts');
    loading.then(({ echarts }) => {
      if (disposed || !element.current) return;
      chart = echarts.init(element.current, undefined, { renderer: 'svg' });
      chart.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option });
    });
    const resize = () => chart?.resize();
    addEventListener('resize', resize);
    return () => {
      disposed = true;
      removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [JSON.stringify(option), currentLocale()]);
  return <div ref={element} role="img" aria-label={label} class="chart" style={{ height: `${height}px` }} />;
}
