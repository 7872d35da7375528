// The documents (文书) and calendar feeds (日历订阅) on the wire: the download routes' paths, the
// list of what a case can print now, the generation entries of the audit trail, feed tokens.
import { z } from 'zod';
import { CASE_ID_PATTERN } from './caseId';

export const CASE_DOCUMENT_KINDS = [
  'appointmentApproval',
  'introductionLetter',
  'appraisalForm',
  'annualAssessmentForm',
] as const;
export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export type CaseDocumentKind = (typeof CASE_DOCUMENT_KINDS)[number];
export type DocumentFormatCode = (typeof DOCUMENT_FORMATS)[number];

const caseFiles = CASE_DOCUMENT_KINDS.flatMap((k) => DOCUMENT_FORMATS.map((f) => `${k}.${f}` as const));
export const caseDocumentFileSchema = z.enum(caseFiles as [string, ...string[]], {
  error: `expected <kind>.<docx|pdf>, kind one of ${CASE_DOCUMENT_KINDS.join(', ')}`,
});
export const roundDocumentFileSchema = z.enum(['roundList.docx', 'roundList.pdf'], {
  error: 'expected roundList.docx or roundList.pdf',
});

export const caseDocumentParamsSchema = z.object({
  id: z.string().regex(CASE_ID_PATTERN, 'case id: 6–64 letters, digits, _ or -'),
  file: caseDocumentFileSchema,
});
export const documentQuerySchema = z.object({
  /** 年度考核登记表: the calendar year assessed (default: the newest assessed, else the first owed) */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const missingItemSchema = z.object({ field: z.string(), zh: z.string(), en: z.string() });
export type MissingItemView = z.infer<typeof missingItemSchema>;

/** One generation entry (文书生成记录): who made which form, with the SHA-256 of what they got. */
export const documentRecordSchema = z.object({
  seq: z.number().int(),
  kind: z.string(),
  kindLabel: z.object({ zh: z.string(), en: z.string() }),
  format: z.enum(DOCUMENT_FORMATS),
  year: z.number().int().nullable(),
  fileName: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  actorId: z.string(),
  actorRole: z.string(),
  actorUnit: z.string(),
  at: z.string(),
  /** the case audit chain's head when it was generated */
  anchorSeq: z.number().int(),
  hash: z.string(),
});
export type DocumentRecordView = z.infer<typeof documentRecordSchema>;

/** GET /api/cases/:id/documents: each kind, ready or with what it lacks; and what was generated. */
export const caseDocumentsSchema = z.object({
  caseId: z.string(),
  kinds: z.array(
    z.object({
      kind: z.enum(CASE_DOCUMENT_KINDS),
      label: z.object({ zh: z.string(), en: z.string() }),
      ready: z.boolean(),
      missing: z.array(missingItemSchema),
      /** the annual form's year */
      year: z.number().int().nullable(),
      files: z.array(z.object({ format: z.enum(DOCUMENT_FORMATS), url: z.string() })),
    }),
  ),
  records: z.array(documentRecordSchema),
});
export type CaseDocuments = z.infer<typeof caseDocumentsSchema>;

export const FEED_PURPOSES = ['duties', 'overdue'] as const;
export const feedPurposeSchema = z.enum(FEED_PURPOSES);
export const feedBodySchema = z.object({
  /** duties: what you owe; overdue: your department's overdue and stuck items (org admins) */
  purpose: feedPurposeSchema.default('duties'),
});
export const feedRevokeBodySchema = z.object({ purpose: feedPurposeSchema.optional() });
export const feedTokenParamSchema = z.object({
  file: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/, 'expected <token>.ics'),
});
/** The token is in the answer once, at creation; only its hash is stored. */
export const feedCreatedSchema = z.object({
  purpose: feedPurposeSchema,
  token: z.string(),
  /** path of the feed; the console and CLI prefix the API's origin */
  path: z.string(),
  createdAt: z.string(),
});
export const feedListSchema = z.object({
  feeds: z.array(z.object({ purpose: feedPurposeSchema, createdAt: z.string() })),
  /** the purposes this user may create */
  available: z.array(feedPurposeSchema),
});
export const feedRevokedSchema = z.object({ revoked: z.number().int() });
