// A small page model every form is built in once, and that both renderers (DOCX and PDF) draw:
// the layout of a form is decided in one place, so the editable and the filing copy cannot drift.
// Lengths are millimetres, font sizes points.

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Run {
  text: string;
  bold?: boolean;
  /** Filled-in values on letters are underlined, as on printed forms. */
  underline?: boolean;
}

export interface Para {
  /** Text or runs; `\n` inside a text breaks the line. */
  runs: Run[];
  align?: Align;
  size?: number;
  /** `title` is the heading face (bold), `body` the text face. */
  face?: 'title' | 'body';
  bold?: boolean;
  /** First-line indent in characters (公文 paragraphs indent two). */
  indentChars?: number;
  spaceBefore?: number;
  spaceAfter?: number;
  /** Line height as a multiple of the font size. */
  lineHeight?: number;
  /** Set in a column of this many characters at the right edge (the signature and seal block). */
  rightColumnChars?: number;
  /** Never the last line of a page: it moves to the next page with what follows (headings). */
  keepWithNext?: boolean;
  /** A hanging lead column (the dates of 简历 entries): wrapped lines align after it. */
  lead?: { text: string; chars: number };
}

export interface Cell {
  paras: Para[];
  /** Drawn at the bottom of the cell: seal and date lines (盖章、年月日). */
  footer?: Para[];
  colSpan?: number;
  rowSpan?: number;
  valign?: 'top' | 'middle' | 'bottom';
  /** Free text in a fixed box may shrink to fit it; labels and short facts never do. */
  shrink?: boolean;
}

export interface Row {
  cells: Cell[];
  /** Minimum height; the PDF shrinks long text to it before it grows the row (see `fixed`). */
  height: number;
  /** A form box of fixed size: text shrinks (down to a floor) to keep the page as printed. */
  fixed?: boolean;
  /** Repeated at the top of every page the table continues on. */
  header?: boolean;
}

export interface Grid {
  type: 'grid';
  /** Column widths; scaled to the text width when they do not add up to it. */
  columns: number[];
  rows: Row[];
  size?: number;
  /** Starts on a new page rather than split (a short table such as the statistics). */
  keepTogether?: boolean;
}

export type Block =
  | Grid
  | { type: 'para'; para: Para }
  /** A dashed cut line with a text on it (the 存根 / 正文 seam of a letter, 骑缝). */
  | { type: 'cut'; text: string }
  | { type: 'spacer'; height: number }
  | { type: 'pageBreak' };

export interface FormLayout {
  /** Document title (metadata and the DOCX/PDF title property). */
  title: string;
  /** Printed small at the foot of every page, with the page number. */
  footer: string;
  orientation: 'portrait' | 'landscape';
  margins: { top: number; right: number; bottom: number; left: number };
  /** Body font size. */
  size: number;
  blocks: Block[];
  /** ISO date: creation date of the file, from the input, so the same input gives the same bytes. */
  createdOn: string;
}

// Builders keep the form files readable.
export const runs = (text: string, extra: Omit<Run, 'text'> = {}): Run[] => [{ text, ...extra }];
export const p = (text: string, opts: Omit<Para, 'runs'> = {}): Para => ({ runs: runs(text), ...opts });
export const para = (text: string, opts: Omit<Para, 'runs'> = {}): Block => ({
  type: 'para',
  para: p(text, opts),
});

/** A label cell: centred, both ways. */
export const label = (text: string, opts: Partial<Cell> = {}): Cell => ({
  paras: [p(text, { align: 'center' })],
  valign: 'middle',
  ...opts,
});

/** A value cell: centred for short facts, or left and top for long text. */
export const value = (
  text: string,
  opts: Partial<Cell> & { long?: boolean; indent?: boolean } = {},
): Cell => {
  const { long, indent, ...rest } = opts;
  return long
    ? {
        paras:
          text === ''
            ? []
            : text.split('\n').map((t) => p(t, { align: 'justify', indentChars: indent === false ? 0 : 2 })),
        valign: 'top',
        shrink: true,
        ...rest,
      }
    : { paras: [p(text, { align: 'center' })], valign: 'middle', ...rest };
};

/** The seal and date lines at the foot of an opinion box. */
export const sealFooter = (who = '（盖章）', date = '年　　月　　日'): Para[] => [
  p(who, { align: 'right' }),
  p(date, { align: 'right' }),
];

/** A vertical label, one character a line (简历, 家庭主要成员 …). */
export const vertical = (text: string): string => [...text].join('\n');

/**
 * Free text longer than its box goes to an appendix page (附页) and the box refers to it, as offices
 * do with long summaries; the box keeps the form's size.
 */
export class Appendix {
  readonly blocks: Block[] = [];

  box(title: string, text: string, limit: number): string {
    if (text.length <= limit) return text;
    const n = this.blocks.filter((b) => b.type === 'pageBreak').length + 1;
    this.blocks.push(
      { type: 'pageBreak' },
      para(`附页${n}：${title}`, { face: 'title', size: 16, align: 'center', spaceAfter: 12 }),
      ...text.split('\n').map((t) => para(t, { indentChars: 2, lineHeight: 1.6, size: 12 })),
    );
    return `（全文见附页${n}）`;
  }
}
