// The CJK font embedded in every PDF: Noto Serif SC (思源宋体, a songti face; SIL Open Font
// License 1.1), shipped as static TrueType files by the npm package @expo-google-fonts/noto-serif-sc,
// so `npm ci` is all a fresh machine needs — no apt, no system font lookup. TrueType (glyf) outlines
// subset cleanly in pdfkit and get a ToUnicode map, so the text extracts as real Chinese.
import { readFileSync } from 'node:fs';

const PACKAGE = '@expo-google-fonts/noto-serif-sc';
const FILES = {
  regular: `${PACKAGE}/400Regular/NotoSerifSC_400Regular.ttf`,
  bold: `${PACKAGE}/700Bold/NotoSerifSC_700Bold.ttf`,
} as const;
export type FontWeight = keyof typeof FILES;

export class FontMissingError extends Error {
  readonly code = 'DOCUMENT_FONT_MISSING';
  constructor(file: string, cause: unknown) {
    super(
      `PDF 所需的中文字体缺失：${file}（请运行 npm ci 或 bash scripts/setup.sh 安装依赖）/ ` +
        `the CJK font for PDFs is missing: ${file} (install the npm packages: npm ci or scripts/setup.sh)`,
      { cause },
    );
    this.name = 'FontMissingError';
  }
}

// Each file is about 15 MB; read once per process, parsed by pdfkit per document.
const loaded = new Map<FontWeight, Buffer>();

export function cjkFont(weight: FontWeight): Buffer {
  const cached = loaded.get(weight);
  if (cached) return cached;
  let bytes: Buffer;
  try {
    bytes = readFileSync(require.resolve(FILES[weight]));
  } catch (err) {
    throw new FontMissingError(FILES[weight], err);
  }
  loaded.set(weight, bytes);
  return bytes;
}

/** Family names as the PDF names them, for checks. */
export const CJK_FONT_FAMILY = 'NotoSerifSC';
