/** Display width of a cell: combining marks and format characters take no column. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) if (!/^[\p{M}\p{Cf}]$/u.test(ch)) width++;
  return width;
}

/** A plain aligned table: a header row, a rule, then the rows; columns separated by two spaces. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => cell + ' '.repeat((widths[c] as number) - displayWidth(cell)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
