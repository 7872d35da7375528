// Generating a document for a caller: the generators' refusal becomes DOCUMENT_INCOMPLETE with the
// missing items, the bytes are recorded (who, which form, SHA-256) before they are handed out, and
// the file name is Chinese, sent as RFC 5987 `filename*` beside an ASCII fallback.
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db';
import {
  DocumentInputError,
  DocumentRefusedError,
  generateDocument,
  type DocumentFormat,
  type DocumentKind,
  type MissingItem,
} from '../../documents';
import { recordDocument } from '../../store';
import { ApiError } from '../errors';

export function refusedDocument(
  label: { zh: string; en: string },
  missing: readonly MissingItem[],
): ApiError {
  return new ApiError(
    'DOCUMENT_INCOMPLETE',
    `${label.zh}无法生成，缺少：${missing.map((m) => m.zh).join('；')} / cannot generate the ${label.en}: ${missing.map((m) => m.en).join('; ')}`,
    { field: missing[0]?.field ?? 'document', missing: [...missing] },
  );
}

/** RFC 6266 / 5987: an ASCII name for old clients, the real (Chinese) one percent-encoded in UTF-8. */
export function contentDisposition(fileName: string, asciiName: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}

export async function deliverDocument(
  db: Db,
  reply: FastifyReply,
  args: {
    kind: DocumentKind;
    format: DocumentFormat;
    draft: unknown;
    label: { zh: string; en: string };
    subject: string;
    year: number | null;
    asciiName: string;
    actor: { id: string; role: string; unit: string };
  },
): Promise<FastifyReply> {
  let doc;
  try {
    doc = await generateDocument(args.kind, args.format, args.draft);
  } catch (err) {
    if (err instanceof DocumentRefusedError) throw refusedDocument(args.label, err.missing);
    // Stored data the form's schema does not take (a registry text too long for its box …): named by field.
    if (err instanceof DocumentInputError)
      throw refusedDocument(
        args.label,
        err.issues.map((i) => ({ field: i.field, zh: `数据不符合表格要求：${i.message}`, en: i.message })),
      );
    throw err;
  }
  const record = await recordDocument(db, {
    subject: args.subject,
    kind: args.kind,
    format: args.format,
    year: args.year,
    fileName: doc.fileName,
    sha256: doc.sha256,
    bytes: doc.bytes.length,
    actor: args.actor,
    at: new Date().toISOString(),
  });
  return reply
    .header('content-type', doc.contentType)
    .header('content-disposition', contentDisposition(doc.fileName, args.asciiName))
    .header('x-document-sha256', doc.sha256)
    .header('x-document-record', String(record.seq))
    .header('cache-control', 'no-store')
    .send(doc.bytes);
}
