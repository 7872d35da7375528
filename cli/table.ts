/**
 * Plain-text tables that stay aligned with Chinese text: a CJK character takes two terminal
 * columns, so padding by `string.length` would push every later column out of line.
 */

// East Asian Wide and Fullwidth ranges (Unicode UAX #11), plus the common emoji blocks.
const WIDE: [number, number][] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

function codePointWidth(cp: number): number {
  // Combining marks, zero-width spaces and joiners, variation selectors: no column of their own.
  if (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0x2060
  )
    return 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  for (const [lo, hi] of WIDE) {
    if (cp < lo) return 1;
    if (cp <= hi) return 2;
  }
  return 1;
}

/** Terminal columns the text occupies. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += codePointWidth(ch.codePointAt(0) ?? 0);
  return width;
}

/** Cuts the text to at most `max` columns, marking the cut with "…". */
export function truncate(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const ch of text) {
    const w = codePointWidth(ch.codePointAt(0) ?? 0);
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

export interface Column {
  header: string;
  align?: 'left' | 'right';
  /** widest the column may get; longer cells are cut with "…" */
  max?: number;
}

const oneLine = (cell: string): string => cell.replace(/\s*[\r\n]+\s*/g, ' ');

/** Header, a dashed rule, then the rows; columns two spaces apart, no trailing blanks. */
export function renderTable(columns: Column[], rows: string[][]): string {
  const cells = rows.map((row) =>
    columns.map((c, i) => {
      const cell = oneLine(row[i] ?? '');
      return c.max ? truncate(cell, c.max) : cell;
    }),
  );
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...cells.map((row) => displayWidth(row[i] ?? ''))),
  );
  const line = (row: string[]) =>
    row
      .map((cell, i) =>
        columns[i]?.align === 'right' ? padStart(cell, widths[i] ?? 0) : padEnd(cell, widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => c.header)),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map(line),
  ].join('\n');
}

/** A label/value block: labels padded to one column. */
export function renderFields(fields: [label: string, value: string][]): string {
  const width = Math.max(0, ...fields.map(([label]) => displayWidth(label)));
  return fields.map(([label, value]) => `${padEnd(label, width)}  ${oneLine(value)}`.trimEnd()).join('\n');
}
