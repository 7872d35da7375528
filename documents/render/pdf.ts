// Draws a FormLayout as an A4 PDF with pdfkit, the CJK font embedded and subsetted. Every position is
// computed here (pdfkit's margins are zero, so it never breaks a page on its own): grids are drawn
// cell by cell, which also keeps each cell's text together in the content stream — text extraction
// (pdftotext) reads a cell as one piece.
import PDFDocument from 'pdfkit';
import { cjkFont } from '../fonts';
import type { Align, Block, Cell, FormLayout, Grid, Para } from '../layout';

type Doc = PDFKit.PDFDocument;

const PT_PER_MM = 72 / 25.4;
const mm = (x: number): number => x * PT_PER_MM;
const A4 = { w: 595.28, h: 841.89 };
const PAD_X = mm(1.6);
const PAD_Y = mm(1.2);
const BORDER = 0.6;
const OUTER_BORDER = 1.2;
/** Text in a fixed box shrinks to this share of its size at most before the box grows. */
const SHRINK_FLOOR = 0.7;

interface Frame {
  left: number;
  top: number;
  width: number;
  bottom: number;
}

const fontOf = (para: Para, bold = false): string =>
  para.face === 'title' || para.bold === true || bold ? 'bold' : 'body';

const textOf = (para: Para): string => para.runs.map((r) => r.text).join('');

/** Noto's own line height is about 1.45 em; forms set CJK text tighter, Word's single spacing. */
const DEFAULT_LINE_HEIGHT = 1.3;

function lineGapOf(doc: Doc, para: Para, size: number): number {
  doc.font(fontOf(para)).fontSize(size);
  return (para.lineHeight ?? DEFAULT_LINE_HEIGHT) * size - doc.currentLineHeight(true);
}

/**
 * One para per line: pdfkit counts a hard line break's width into the line it ends, which puts
 * centred lines off centre.
 */
function splitLines(paras: readonly Para[]): Para[] {
  return paras.flatMap((para) => {
    if (!para.runs.some((r) => r.text.includes('\n'))) return [para];
    const lines: Para['runs'][] = [[]];
    for (const run of para.runs) {
      run.text.split('\n').forEach((piece, i) => {
        if (i > 0) lines.push([]);
        lines[lines.length - 1]!.push({ ...run, text: piece });
      });
    }
    return lines.map((runs, i) => ({
      ...para,
      runs,
      spaceBefore: i === 0 ? para.spaceBefore : 0,
      spaceAfter: i === lines.length - 1 ? para.spaceAfter : 0,
      indentChars: i === 0 ? para.indentChars : 0,
    }));
  });
}

function textOptions(doc: Doc, para: Para, size: number, width: number): PDFKit.Mixins.TextOptions {
  const align: Align = para.align ?? 'left';
  return {
    width,
    // CJK text has no spaces to stretch; pdfkit's justify would only widen Latin gaps.
    align: align === 'justify' ? 'left' : align,
    lineGap: lineGapOf(doc, para, size),
    indent: (para.indentChars ?? 0) * size,
  };
}

const leadWidth = (para: Para, size: number): number =>
  para.lead ? para.lead.chars * (para.size ?? size) : 0;

function paraHeight(doc: Doc, para: Para, size: number, width: number): number {
  const s = para.size ?? size;
  if (para.rightColumnChars !== undefined) width = Math.min(width, para.rightColumnChars * s);
  width -= leadWidth(para, size);
  const text = textOf(para);
  doc.font(fontOf(para)).fontSize(s);
  const opts = textOptions(doc, para, s, width);
  const h = text === '' ? doc.currentLineHeight(true) + (opts.lineGap ?? 0) : doc.heightOfString(text, opts);
  return (para.spaceBefore ?? 0) + h + (para.spaceAfter ?? 0);
}

const parasHeight = (doc: Doc, paras: readonly Para[], size: number, width: number): number =>
  splitLines(paras).reduce((sum, para) => sum + paraHeight(doc, para, size, width), 0);

function drawPara(doc: Doc, para: Para, size: number, x: number, y: number, width: number): number {
  const s = para.size ?? size;
  if (para.rightColumnChars !== undefined) {
    const column = Math.min(width, para.rightColumnChars * s);
    x += width - column;
    width = column;
  }
  const top = y + (para.spaceBefore ?? 0);
  doc.fillColor('black');
  const height = paraHeight(doc, para, size, width);
  if (para.lead) {
    const lw = leadWidth(para, size);
    doc
      .font(fontOf(para))
      .fontSize(s)
      .text(para.lead.text, x, top, { ...textOptions(doc, para, s, lw), indent: 0 });
    x += lw;
    width -= lw;
  }
  const opts = textOptions(doc, para, s, width);
  const visible = para.runs.filter((r) => r.text !== '');
  visible.forEach((run, i) => {
    doc.font(fontOf(para, run.bold)).fontSize(s);
    const more = i < visible.length - 1;
    const runOpts = { ...opts, continued: more, underline: run.underline === true };
    if (i === 0) doc.text(run.text, x, top, runOpts);
    else doc.text(run.text, runOpts);
  });
  return height;
}

function cellContentHeight(doc: Doc, cell: Cell, size: number, width: number): number {
  const body = parasHeight(doc, cell.paras, size, width);
  const footer = cell.footer ? parasHeight(doc, cell.footer, size, width) + mm(2) : 0;
  return PAD_Y * 2 + body + footer;
}

interface Placed {
  cell: Cell;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  width: number;
  size: number;
}

/** Columns scaled to the frame; each cell placed in the first free column, as HTML tables do. */
function place(grid: Grid, frameWidth: number, size: number): { placed: Placed[]; colX: number[] } {
  const total = grid.columns.reduce((a, b) => a + b, 0);
  const widths = grid.columns.map((c) => (c / total) * frameWidth);
  const colX = widths.reduce<number[]>((xs, w, i) => [...xs, (xs[i] ?? 0) + w], [0]);
  const taken = grid.rows.map(() => new Array<boolean>(widths.length).fill(false));
  const placed: Placed[] = [];
  grid.rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row.cells) {
      while (taken[r]?.[col] === true) col++;
      const colSpan = cell.colSpan ?? 1;
      const rowSpan = Math.min(cell.rowSpan ?? 1, grid.rows.length - r);
      if (col + colSpan > widths.length)
        throw new Error(`grid row ${r}: cells exceed ${widths.length} columns`);
      for (let rr = r; rr < r + rowSpan; rr++)
        for (let cc = col; cc < col + colSpan; cc++) taken[rr]![cc] = true;
      const width = (colX[col + colSpan] ?? 0) - (colX[col] ?? 0);
      placed.push({ cell, row: r, col, rowSpan, colSpan, width, size: grid.size ?? size });
      col += colSpan;
    }
  });
  return { placed, colX };
}

/** Row heights: at least the minimum; fixed boxes shrink their text first, others grow. */
function rowHeights(doc: Doc, grid: Grid, placed: Placed[]): number[] {
  const heights = grid.rows.map((r) => mm(r.height));
  // single-row cells first, then spanning cells over the rows they cover
  const ordered = [...placed].sort((a, b) => a.rowSpan - b.rowSpan);
  for (const pc of ordered) {
    const rows = grid.rows.slice(pc.row, pc.row + pc.rowSpan);
    const span = (): number => heights.slice(pc.row, pc.row + pc.rowSpan).reduce((a, b) => a + b, 0);
    const inner = pc.width - PAD_X * 2;
    const fixed = pc.cell.shrink === true && rows.every((r) => r.fixed === true);
    if (fixed) {
      const floor = pc.size * SHRINK_FLOOR;
      while (pc.size > floor && cellContentHeight(doc, pc.cell, pc.size, inner) > span()) pc.size -= 0.5;
    }
    const need = cellContentHeight(doc, pc.cell, pc.size, inner);
    const last = pc.row + pc.rowSpan - 1;
    if (need > span()) heights[last] = (heights[last] ?? 0) + need - span();
  }
  return heights;
}

/** Rows joined by a rowSpan stay on one page. */
function rowGroups(grid: Grid, placed: Placed[]): [number, number][] {
  const reach = grid.rows.map((_, r) => r);
  for (const pc of placed) reach[pc.row] = Math.max(reach[pc.row] ?? 0, pc.row + pc.rowSpan - 1);
  const groups: [number, number][] = [];
  let start = 0;
  let end = 0;
  grid.rows.forEach((_, r) => {
    end = Math.max(end, reach[r] ?? r);
    if (r === end) {
      groups.push([start, end]);
      start = r + 1;
      end = r + 1;
    }
  });
  return groups;
}

function drawCell(doc: Doc, pc: Placed, x: number, y: number, h: number): void {
  doc.lineWidth(BORDER).strokeColor('black').rect(x, y, pc.width, h).stroke();
  const inner = pc.width - PAD_X * 2;
  const footerH = pc.cell.footer ? parasHeight(doc, pc.cell.footer, pc.size, inner) : 0;
  const bodyH = parasHeight(doc, pc.cell.paras, pc.size, inner);
  const room = h - PAD_Y * 2 - (pc.cell.footer ? footerH + mm(2) : 0);
  const valign = pc.cell.valign ?? 'middle';
  let ty =
    y +
    PAD_Y +
    (valign === 'middle' ? Math.max(0, (room - bodyH) / 2) : valign === 'bottom' ? room - bodyH : 0);
  for (const para of splitLines(pc.cell.paras)) ty += drawPara(doc, para, pc.size, x + PAD_X, ty, inner);
  if (pc.cell.footer) {
    let fy = y + h - PAD_Y - footerH;
    for (const para of splitLines(pc.cell.footer)) fy += drawPara(doc, para, pc.size, x + PAD_X, fy, inner);
  }
}

class Painter {
  y: number;
  constructor(
    readonly doc: Doc,
    readonly frame: Frame,
    readonly size: number,
  ) {
    this.y = frame.top;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.frame.top;
  }

  ensure(height: number): void {
    if (this.y + height > this.frame.bottom && this.y > this.frame.top) this.newPage();
  }

  /** Height of a block's first unbreakable piece: what a heading before it must stay with. */
  firstPieceHeight(block: Block | undefined): number {
    if (block === undefined) return 0;
    if (block.type === 'para')
      return paraHeight(this.doc, splitLines([block.para])[0]!, this.size, this.frame.width);
    if (block.type !== 'grid') return 0;
    const { placed } = place(block, this.frame.width, this.size);
    const heights = rowHeights(this.doc, block, placed);
    if (block.keepTogether === true) return heights.reduce((a, b) => a + b, 0);
    const [from, to] = rowGroups(block, placed)[0] ?? [0, -1];
    return heights.slice(from, to + 1).reduce((a, b) => a + b, 0);
  }

  para(block: Para, next?: Block): void {
    const lines = splitLines([block]);
    lines.forEach((para, n) => {
      const h = paraHeight(this.doc, para, this.size, this.frame.width);
      this.ensure(
        h + (block.keepWithNext === true && n === lines.length - 1 ? this.firstPieceHeight(next) : 0),
      );
      drawPara(this.doc, para, this.size, this.frame.left, this.y, this.frame.width);
      this.y += h;
    });
  }

  cut(text: string): void {
    const { doc, frame } = this;
    const size = this.size * 0.85;
    doc.font('body').fontSize(size);
    const h = doc.currentLineHeight(true) + mm(4);
    this.ensure(h);
    const mid = this.y + h / 2;
    doc
      .save()
      .lineWidth(0.8)
      .dash(4, { space: 3 })
      .moveTo(frame.left, mid)
      .lineTo(frame.left + frame.width, mid)
      .stroke()
      .restore();
    const tw = doc.widthOfString(text) + mm(4);
    const tx = frame.left + (frame.width - tw) / 2;
    doc.rect(tx, mid - doc.currentLineHeight(true) / 2, tw, doc.currentLineHeight(true)).fill('white');
    doc
      .fillColor('black')
      .text(text, tx, mid - doc.currentLineHeight(true) / 2, { width: tw, align: 'center' });
    this.y += h;
  }

  grid(grid: Grid): void {
    const { doc, frame } = this;
    const { placed, colX } = place(grid, frame.width, this.size);
    const heights = rowHeights(doc, grid, placed);
    const top = (r: number, offsets: Map<number, number>): number => offsets.get(r) ?? 0;
    const headerRows = grid.rows.map((r, i) => (r.header === true ? i : -1)).filter((i) => i >= 0);
    const headerH = headerRows.reduce((a, r) => a + (heights[r] ?? 0), 0);
    if (grid.keepTogether === true) this.ensure(heights.reduce((a, b) => a + b, 0));
    let segmentTop = this.y;
    const closeSegment = (): void => {
      doc
        .lineWidth(OUTER_BORDER)
        .rect(frame.left, segmentTop, frame.width, this.y - segmentTop)
        .stroke();
    };
    const drawRows = (from: number, to: number): void => {
      const offsets = new Map<number, number>();
      let acc = 0;
      for (let r = from; r <= to; r++) {
        offsets.set(r, acc);
        acc += heights[r] ?? 0;
      }
      for (const pc of placed) {
        if (pc.row < from || pc.row > to) continue;
        const h = heights.slice(pc.row, pc.row + pc.rowSpan).reduce((a, b) => a + b, 0);
        drawCell(doc, pc, frame.left + (colX[pc.col] ?? 0), this.y + top(pc.row, offsets), h);
      }
      this.y += acc;
    };
    for (const [from, to] of rowGroups(grid, placed)) {
      const h = heights.slice(from, to + 1).reduce((a, b) => a + b, 0);
      const isHeader = headerRows.includes(from);
      if (!isHeader && this.y + h > frame.bottom && this.y > segmentTop + headerH + 0.5) {
        closeSegment();
        this.newPage();
        segmentTop = this.y;
        for (const hr of headerRows) drawRows(hr, hr);
      }
      drawRows(from, to);
    }
    closeSegment();
  }
}

function pageFooters(doc: Doc, layout: FormLayout, page: { w: number; h: number }): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const text = `${layout.footer}\u3000第 ${i + 1} 页 共 ${range.count} 页`;
    doc.font('body').fontSize(8).fillColor('#555555');
    doc.text(text, mm(layout.margins.left), page.h - mm(layout.margins.bottom) + mm(4), {
      width: page.w - mm(layout.margins.left + layout.margins.right),
      align: 'center',
      lineBreak: false,
    });
  }
}

/** The PDF's bytes; the same layout gives the same bytes (dates come from the layout). */
export function renderPdf(layout: FormLayout): Promise<Buffer> {
  const page = layout.orientation === 'landscape' ? { w: A4.h, h: A4.w } : A4;
  const created = new Date(`${layout.createdOn}T00:00:00+08:00`);
  const doc = new PDFDocument({
    size: 'A4',
    layout: layout.orientation,
    margin: 0,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: layout.title,
      Creator: '挂职锻炼工作流引擎 / secondment workflow engine',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', cjkFont('regular'));
  doc.registerFont('bold', cjkFont('bold'));
  const frame: Frame = {
    left: mm(layout.margins.left),
    top: mm(layout.margins.top),
    width: page.w - mm(layout.margins.left + layout.margins.right),
    bottom: page.h - mm(layout.margins.bottom),
  };
  const painter = new Painter(doc, frame, layout.size);
  const draw: { [T in Block['type']]: (b: Extract<Block, { type: T }>, next?: Block) => void } = {
    grid: (b) => painter.grid(b),
    para: (b, next) => painter.para(b.para, next),
    cut: (b) => painter.cut(b.text),
    spacer: (b) => {
      painter.y += mm(b.height);
    },
    pageBreak: () => painter.newPage(),
  };
  layout.blocks.forEach((block, n) =>
    (draw[block.type] as (b: Block, next?: Block) => void)(block, layout.blocks[n + 1]),
  );
  pageFooters(doc, layout, page);
  doc.end();
  return done;
}
