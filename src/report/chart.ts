/**
 * Grouped horizontal bar chart as SVG text (pure): the web preview embeds it, the DOCX a PNG of it.
 * Horizontal, so that the components' Vietnamese names fit beside their bars (wrapped, at most
 * three lines) instead of being reduced to numbers under them.
 */
import { formatNumber } from '../core/index.ts';
import { prefetchPng, svgToPng } from './raster.ts';
import type { ChartData, ReportDocument } from './types.ts';

const COLOURS = ['#9aa9bd', '#1f4e8c', '#c0504d', '#4f8a3c'];
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

const WIDTH = 900;
const LABEL_WIDTH = 300;
const RIGHT = 50;
const TOP = 44;
const BOTTOM = 56;
const GROUP = 48;
const LABEL_FONT = 15;
const LABEL_LINE = 17;
const MAX_LABEL_LINES = 3;
/** Average advance of a serif lower-case letter, in em: enough to wrap a label inside its column. */
const AVERAGE_EM = 0.5;

export function chartSize(chart: ChartData): { width: number; height: number } {
  return { width: WIDTH, height: TOP + chart.categories.length * GROUP + BOTTOM };
}

/** Words into lines of at most `perLine` characters; an ellipsis ends the last line when it does not all fit. */
export function wrapLabel(label: string, perLine: number, maxLines = MAX_LABEL_LINES): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (current && (current + ' ' + word).length > perLine) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]!.slice(0, perLine - 1).replace(/[\s,;]+$/, '')}…`;
  return kept;
}

export function chartSvg(chart: ChartData, fontFamily = 'Liberation Serif, Times New Roman, DejaVu Serif, serif'): string {
  const { width, height } = chartSize(chart);
  const plotLeft = LABEL_WIDTH;
  const plotW = width - plotLeft - RIGHT;
  const plotBottom = height - BOTTOM;
  const x = (v: number) => plotLeft + (Math.max(0, Math.min(v, chart.max)) / chart.max) * plotW;
  const bar = (GROUP * 0.72) / chart.series.length;
  const perLine = Math.floor((LABEL_WIDTH - 16) / (LABEL_FONT * AVERAGE_EM));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escape(fontFamily)}" font-size="15">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  // A predecessor's series is hatched: another unit, level or framework (the break at a reform).
  chart.series.forEach((s, j) => {
    if (s.lineage)
      parts.push(
        `<defs><pattern id="lineage-${j}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="${COLOURS[j % COLOURS.length]}" stroke-width="3"/></pattern></defs>`,
      );
  });
  for (let tick = 0; tick <= chart.max; tick += chart.max / 5) {
    parts.push(`<line x1="${x(tick).toFixed(1)}" x2="${x(tick).toFixed(1)}" y1="${TOP}" y2="${plotBottom}" stroke="#d9d9d9"/>`);
    parts.push(`<text x="${x(tick).toFixed(1)}" y="${plotBottom + 20}" text-anchor="middle">${escape(formatNumber(tick))}</text>`);
  }
  chart.categories.forEach((category, i) => {
    const y0 = TOP + i * GROUP;
    const first = y0 + (GROUP - bar * chart.series.length) / 2;
    chart.series.forEach((s, j) => {
      const value = s.values[i];
      if (value === undefined) return;
      const y = first + j * bar;
      parts.push(
        s.lineage
          ? `<rect x="${plotLeft}" y="${y.toFixed(1)}" width="${(x(value) - plotLeft).toFixed(1)}" height="${(bar - 2).toFixed(1)}" fill="url(#lineage-${j})" stroke="${COLOURS[j % COLOURS.length]}" stroke-dasharray="4 3"/>`
          : `<rect x="${plotLeft}" y="${y.toFixed(1)}" width="${(x(value) - plotLeft).toFixed(1)}" height="${(bar - 2).toFixed(1)}" fill="${COLOURS[j % COLOURS.length]}"/>`,
      );
      parts.push(
        `<text x="${(x(value) + 4).toFixed(1)}" y="${(y + bar / 2 + 4).toFixed(1)}" font-size="13">${escape(formatNumber(value, { decimals: 1 }))}</text>`,
      );
    });
    const lines = wrapLabel(category, perLine);
    const firstLine = y0 + GROUP / 2 - ((lines.length - 1) * LABEL_LINE) / 2 + LABEL_FONT / 3;
    parts.push(
      `<text x="${plotLeft - 8}" text-anchor="end" font-size="${LABEL_FONT}">${lines.map((l, k) => `<tspan x="${plotLeft - 8}" y="${(firstLine + k * LABEL_LINE).toFixed(1)}">${escape(l)}</tspan>`).join('')}</text>`,
    );
  });
  parts.push(`<line x1="${plotLeft}" x2="${plotLeft}" y1="${TOP}" y2="${plotBottom}" stroke="#000000"/>`);
  parts.push(`<text x="${(plotLeft + plotW / 2).toFixed(1)}" y="${height - 10}" text-anchor="middle">${escape(chart.unit)}</text>`);
  chart.series.forEach((s, j) => {
    const lx = plotLeft + j * 130;
    const swatch = s.lineage
      ? `fill="url(#lineage-${j})" stroke="${COLOURS[j % COLOURS.length]}" stroke-dasharray="4 3"`
      : `fill="${COLOURS[j % COLOURS.length]}"`;
    parts.push(`<rect x="${lx}" y="12" width="14" height="14" ${swatch}/><text x="${lx + 20}" y="24">${escape(s.name)}</text>`);
  });
  if (chart.note) parts.push(`<text x="${plotLeft + chart.series.length * 130}" y="24" font-size="12" font-style="italic">${escape(chart.note)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** The chart's PNG as the DOCX shows it: 1.5 × the SVG, 1350 px over the 16.5 cm text width, about 200 dpi in print. */
export const chartPng = (chart: ChartData): Promise<Uint8Array> => svgToPng(chartSvg(chart), pngWidth(chart));

const pngWidth = (chart: ChartData) => Math.round(chartSize(chart).width * 1.5);

/**
 * Starts drawing every chart of `doc` now, before its writer loads: with the drawing thread
 * (./chartWorker.ts startChartWorker) the charts are drawn while docx loads and builds the other blocks.
 */
export function prefetchCharts(doc: ReportDocument): void {
  for (const b of doc.body) if (b.kind === 'chart') prefetchPng(chartSvg(b.chart), pngWidth(b.chart));
}
