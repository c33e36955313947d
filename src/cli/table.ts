/** Plain-text tables for the terminal, aligned by display width (Vietnamese letters are one column). */
export function renderTable(header: string[], rows: string[][], alignRight: boolean[] = []): string {
  const width = (s: string) => [...s.normalize('NFC')].length;
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - width(cell));
        return alignRight[i] ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
