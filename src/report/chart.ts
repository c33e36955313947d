/** Grouped bar chart as SVG text (pure): the web preview embeds it, the DOCX a PNG of it. */
import { formatNumber } from '../core/index.ts';
import type { ChartData } from './types.ts';

const COLOURS = ['#9aa9bd', '#1f4e8c', '#c0504d', '#4f8a3c'];
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export const CHART_SIZE = { width: 900, height: 420 };

export function chartSvg(chart: ChartData, fontFamily = 'Liberation Serif, Times New Roman, DejaVu Serif, serif'): string {
  const { width, height } = CHART_SIZE;
  const left = 56;
  const right = 16;
  const top = 52;
  const bottom = 44;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const y = (v: number) => top + plotH - (Math.max(0, Math.min(v, chart.max)) / chart.max) * plotH;
  const group = plotW / chart.categories.length;
  const bar = (group * 0.7) / chart.series.length;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escape(fontFamily)}" font-size="14">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  for (let tick = 0; tick <= chart.max; tick += chart.max / 5) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#d9d9d9"/>`);
    parts.push(`<text x="${left - 6}" y="${y(tick) + 5}" text-anchor="end">${escape(formatNumber(tick))}</text>`);
  }
  chart.categories.forEach((category, i) => {
    const x0 = left + i * group + group * 0.15;
    chart.series.forEach((s, j) => {
      const value = s.values[i];
      if (value === undefined) return;
      const x = x0 + j * bar;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y(value).toFixed(1)}" width="${(bar - 2).toFixed(1)}" height="${(top + plotH - y(value)).toFixed(1)}" fill="${COLOURS[j % COLOURS.length]}"/>`);
      parts.push(`<text x="${(x + bar / 2 - 1).toFixed(1)}" y="${(y(value) - 4).toFixed(1)}" text-anchor="middle" font-size="11">${escape(formatNumber(Math.round(value * 10) / 10))}</text>`);
    });
    parts.push(`<text x="${(left + i * group + group / 2).toFixed(1)}" y="${height - bottom + 20}" text-anchor="middle">${escape(category)}</text>`);
  });
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="#000000"/>`);
  chart.series.forEach((s, j) => {
    const x = left + j * 120;
    parts.push(`<rect x="${x}" y="12" width="14" height="14" fill="${COLOURS[j % COLOURS.length]}"/><text x="${x + 20}" y="24">${escape(s.name)}</text>`);
  });
  parts.push(`<text x="${width - right}" y="24" text-anchor="end">${escape(chart.unit)}</text>`, '</svg>');
  return parts.join('');
}
