// Reads generated documents back the way a person's tools would: the PDF through poppler
// (pdftotext, pdffonts, pdfinfo — Debian's poppler-utils, installed by scripts/setup.sh on test
// runs) and the DOCX through mammoth's text extraction and its own zip parts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';

function poppler(tool: string, args: string[], pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'documents-test-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(
        `${tool} is missing: run bash scripts/setup.sh --with-browser (installs poppler-utils)`,
      );
    throw err;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text in content-stream order (-raw): the renderer draws cell by cell, so a cell reads as one piece. */
export const pdfText = (pdf: Buffer): string => poppler('pdftotext', ['-raw', '-enc', 'UTF-8'], pdf);
export const pdfFonts = (pdf: Buffer): string => poppler('pdffonts', [], pdf);
export const pdfInfo = (pdf: Buffer): string => poppler('pdfinfo', [], pdf);

export async function docxText(docx: Buffer): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: docx });
  return value;
}

export const docxPart = (docx: Buffer, part: string): string => {
  const file = unzipSync(docx)[part];
  if (!file) throw new Error(`no ${part} in the DOCX`);
  return strFromU8(file);
};

/** Whitespace (ASCII and the ideographic space of form labels) is layout, not content. */
export const squash = (text: string): string => text.replace(/[\s\u3000]+/g, '');
