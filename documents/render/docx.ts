// Builds a FormLayout as a Word document with the `docx` library: real Word tables (merged cells,
// rows that grow as the office types), paragraphs and a page footer, in 宋体 — the face every
// Windows and WPS installation has, so nothing needs embedding. Row heights are minimums: the file
// is the editable copy.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LeaderType,
  PageBreak,
  PageNumber,
  PageOrientation,
  Packer,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { FileChild } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import type { Align, Block, Cell, FormLayout, Grid, Para } from '../layout';

const TWIPS_PER_MM = 1440 / 25.4;
const tw = (mmValue: number): number => Math.round(mmValue * TWIPS_PER_MM);
const A4 = { w: 210, h: 297 };
const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
/** Word's single line spacing of 宋体 is about 1.3 em, the PDF's default. */
const SINGLE = 1.3;

const alignment = (a: Align | undefined): (typeof AlignmentType)[keyof typeof AlignmentType] =>
  a === 'center'
    ? AlignmentType.CENTER
    : a === 'right'
      ? AlignmentType.RIGHT
      : a === 'justify'
        ? AlignmentType.JUSTIFIED
        : AlignmentType.LEFT;

const halfPoints = (pt: number): number => Math.round(pt * 2);

function paragraph(para: Para, size: number, widthMm = 0, keepNext = false): Paragraph {
  const s = para.size ?? size;
  const bold = para.face === 'title' || para.bold === true;
  const children: TextRun[] = [];
  if (para.lead) {
    children.push(
      new TextRun({ children: [para.lead.text, new Tab()], bold, size: halfPoints(s), font: BODY_FONT }),
    );
  }
  for (const run of para.runs) {
    run.text.split('\n').forEach((piece, i) => {
      children.push(
        new TextRun({
          text: piece,
          break: i > 0 ? 1 : undefined,
          bold: bold || run.bold === true,
          underline: run.underline === true ? {} : undefined,
          size: halfPoints(s),
          font: BODY_FONT,
        }),
      );
    });
  }
  return new Paragraph({
    keepNext: keepNext || para.keepWithNext === true,
    alignment: alignment(para.align),
    spacing: {
      before: Math.round((para.spaceBefore ?? 0) * 20),
      after: Math.round((para.spaceAfter ?? 0) * 20),
      ...(para.lineHeight === undefined ? {} : { line: Math.round((240 * para.lineHeight) / SINGLE) }),
    },
    indent: para.lead
      ? { left: Math.round(para.lead.chars * s * 20), hanging: Math.round(para.lead.chars * s * 20) }
      : para.rightColumnChars !== undefined
        ? { left: Math.max(0, tw(widthMm) - Math.round(para.rightColumnChars * s * 20)) }
        : para.indentChars
          ? { firstLine: Math.round(para.indentChars * s * 20) }
          : undefined,
    children,
  });
}

/** Rough line count, to push a seal footer down toward the bottom of its box. */
function estimatedHeightMm(paras: readonly Para[], size: number, widthMm: number): number {
  const charsPerLine = Math.max(1, Math.floor((widthMm * 72) / 25.4 / size));
  const lines = paras.reduce(
    (n, para) =>
      n +
      para.runs
        .map((r) => r.text)
        .join('')
        .split('\n')
        .reduce((k, line) => k + Math.max(1, Math.ceil(line.length / charsPerLine)), 0),
    0,
  );
  return (lines * size * SINGLE * 25.4) / 72;
}

function cell(c: Cell, widthMm: number, heightMm: number, size: number, keepNext: boolean): TableCell {
  const body = c.paras.map((para) => paragraph(para, size, 0, keepNext));
  const footer = (c.footer ?? []).map((para, i) => {
    if (i > 0) return paragraph(para, size, 0, keepNext);
    const free =
      heightMm -
      3 -
      estimatedHeightMm(c.paras, size, widthMm - 3) -
      estimatedHeightMm(c.footer ?? [], size, widthMm - 3);
    // three quarters of the estimate: Word's own line heights vary with the font it substitutes
    return paragraph({ ...para, spaceBefore: Math.max(2, (free * 0.75 * 72) / 25.4) }, size, 0, keepNext);
  });
  const children = [...body, ...footer];
  return new TableCell({
    children: children.length > 0 ? children : [new Paragraph({})],
    columnSpan: c.colSpan,
    rowSpan: c.rowSpan,
    width: { size: tw(widthMm), type: WidthType.DXA },
    verticalAlign:
      c.valign === 'top'
        ? VerticalAlignTable.TOP
        : c.valign === 'bottom'
          ? VerticalAlignTable.BOTTOM
          : VerticalAlignTable.CENTER,
    margins: { left: tw(1.6), right: tw(1.6), top: tw(0.8), bottom: tw(0.8) },
  });
}

function table(grid: Grid, textWidthMm: number, size: number): Table {
  const total = grid.columns.reduce((a, b) => a + b, 0);
  const widths = grid.columns.map((c) => (c / total) * textWidthMm);
  // Which columns each cell covers, so its width and its seal footer's room are known.
  const taken = grid.rows.map(() => new Array<boolean>(widths.length).fill(false));
  const rows = grid.rows.map((row, r) => {
    let col = 0;
    const cells = row.cells.map((c) => {
      while (taken[r]?.[col] === true) col++;
      const span = c.colSpan ?? 1;
      const rowSpan = Math.min(c.rowSpan ?? 1, grid.rows.length - r);
      for (let rr = r; rr < r + rowSpan; rr++)
        for (let cc = col; cc < col + span; cc++) taken[rr]![cc] = true;
      const widthMm = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      const heightMm = grid.rows.slice(r, r + rowSpan).reduce((a, b) => a + b.height, 0);
      col += span;
      // Word keeps a table on one page when every row but the last keeps with the next.
      const keepNext = grid.keepTogether === true && r < grid.rows.length - 1;
      return cell(c, widthMm, heightMm, grid.size ?? size, keepNext);
    });
    return new TableRow({
      children: cells,
      height: { value: tw(row.height), rule: HeightRule.ATLEAST },
      tableHeader: row.header === true,
      cantSplit: true,
    });
  });
  const inner = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const outer = { style: BorderStyle.SINGLE, size: 12, color: '000000' };
  return new Table({
    rows,
    columnWidths: widths.map(tw),
    width: { size: tw(textWidthMm), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: {
      top: outer,
      bottom: outer,
      left: outer,
      right: outer,
      insideHorizontal: inner,
      insideVertical: inner,
    },
  });
}

function blocks(layout: FormLayout, textWidthMm: number): FileChild[] {
  const out: FileChild[] = [];
  const size = layout.size;
  for (const block of layout.blocks) {
    const b: Block = block;
    switch (b.type) {
      case 'grid':
        out.push(table(b, textWidthMm, size));
        break;
      case 'para':
        out.push(paragraph(b.para, size, textWidthMm));
        break;
      case 'cut':
        // Tab stops with a hyphen leader draw the dashed seam in Word itself.
        out.push(
          new Paragraph({
            alignment: AlignmentType.LEFT,
            spacing: { before: 120, after: 120 },
            tabStops: [
              { type: TabStopType.CENTER, position: tw(textWidthMm / 2), leader: LeaderType.HYPHEN },
              { type: TabStopType.RIGHT, position: tw(textWidthMm), leader: LeaderType.HYPHEN },
            ],
            children: [
              new TextRun({
                children: [new Tab(), b.text, new Tab()],
                size: halfPoints(size * 0.85),
                font: BODY_FONT,
              }),
            ],
          }),
        );
        break;
      case 'spacer':
        out.push(new Paragraph({ spacing: { before: Math.round(((b.height * 72) / 25.4) * 20), after: 0 } }));
        break;
      case 'pageBreak':
        out.push(
          new Paragraph({
            spacing: { before: 0, after: 0, line: 20, lineRule: 'exact' },
            children: [new TextRun({ children: [new PageBreak()], size: 2 })],
          }),
        );
        break;
    }
  }
  return out;
}

/**
 * `docx` stamps the clock into docProps/core.xml and into every zip entry; both are rewritten from
 * the layout's date so the same input gives the same bytes (and the same digest).
 */
function withFixedDates(bytes: Uint8Array, isoDate: string): Buffer {
  const stamp = `${isoDate}T00:00:00Z`;
  const files = unzipSync(bytes);
  const core = files['docProps/core.xml'];
  if (core) {
    files['docProps/core.xml'] = strToU8(
      strFromU8(core).replace(
        /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
        (_m, open: string, _n: string, close: string) => `${open}${stamp}${close}`,
      ),
    );
  }
  const [y, m, d] = isoDate.split('-').map(Number);
  // DOS zip times are local wall-clock fields: a local midnight makes them the same in every zone.
  const mtime = new Date(y ?? 1980, (m ?? 1) - 1, d ?? 1);
  const entries: Zippable = {};
  for (const [path, data] of Object.entries(files)) entries[path] = [data, { mtime, level: 6 }];
  return Buffer.from(zipSync(entries));
}

export async function renderDocx(layout: FormLayout): Promise<Buffer> {
  const page = layout.orientation === 'landscape' ? { w: A4.h, h: A4.w } : A4;
  const textWidthMm = page.w - layout.margins.left - layout.margins.right;
  const doc = new Document({
    creator: '挂职锻炼工作流引擎',
    lastModifiedBy: '挂职锻炼工作流引擎',
    title: layout.title,
    styles: { default: { document: { run: { font: BODY_FONT, size: halfPoints(layout.size) } } } },
    sections: [
      {
        properties: {
          page: {
            size: {
              width: tw(A4.w),
              height: tw(A4.h),
              orientation:
                layout.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            },
            margin: {
              top: tw(layout.margins.top),
              right: tw(layout.margins.right),
              bottom: tw(layout.margins.bottom),
              left: tw(layout.margins.left),
              footer: tw(layout.margins.bottom / 2),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [
                      `${layout.footer}\u3000第 `,
                      PageNumber.CURRENT,
                      ' 页 共 ',
                      PageNumber.TOTAL_PAGES,
                      ' 页',
                    ],
                    size: 16,
                    color: '555555',
                    font: BODY_FONT,
                  }),
                ],
              }),
            ],
          }),
        },
        children: blocks(layout, textWidthMm),
      },
    ],
  });
  return withFixedDates(await Packer.toBuffer(doc), layout.createdOn);
}
