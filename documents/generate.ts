// One entry point for every document: validate the input against its kind's schema, refuse when
// required data is missing, lay the form out once, render it as DOCX or PDF, and return the bytes
// with the digest the audit trail records.
import { createHash } from 'node:crypto';
import { DocumentInputError, DocumentRefusedError } from './errors';
import type { MissingItem } from './errors';
import { annualAssessmentFormLayout } from './forms/annualAssessmentForm';
import { appointmentApprovalLayout } from './forms/appointmentApproval';
import { appraisalFormLayout } from './forms/appraisalForm';
import { introductionLetterLayout } from './forms/introductionLetter';
import { roundListLayout } from './forms/roundList';
import { documentInputSchemas } from './inputs';
import type { DocumentFormat, DocumentInputs, DocumentKind } from './inputs';
import { documentKindLabels } from './kinds';
import type { FormLayout } from './layout';
import { renderDocx } from './render/docx';
import { renderPdf } from './render/pdf';
import { requirements } from './requirements';

export interface GeneratedDocument {
  kind: DocumentKind;
  format: DocumentFormat;
  bytes: Buffer;
  contentType: string;
  /** Chinese name with the case id (or the round's year) and the extension. */
  fileName: string;
  /** Hex SHA-256 of `bytes`; the same input gives the same digest. */
  sha256: string;
}

const layouts: { [K in DocumentKind]: (input: DocumentInputs[K]) => FormLayout } = {
  appointmentApproval: appointmentApprovalLayout,
  introductionLetter: introductionLetterLayout,
  appraisalForm: appraisalFormLayout,
  annualAssessmentForm: annualAssessmentFormLayout,
  roundList: roundListLayout,
};

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

function fileNameOf<K extends DocumentKind>(
  kind: K,
  input: DocumentInputs[K],
  format: DocumentFormat,
): string {
  const name = documentKindLabels[kind].zh;
  if (kind === 'roundList') return `${name}-${(input as DocumentInputs['roundList']).round.year}.${format}`;
  const caseInput = input as DocumentInputs[Exclude<DocumentKind, 'roundList'>];
  const prefix =
    kind === 'annualAssessmentForm' ? `${(input as DocumentInputs['annualAssessmentForm']).year}` : '';
  return `${prefix}${name}-${caseInput.case.caseId}.${format}`;
}

/** Validates a draft input; throws DocumentInputError naming each bad field. */
export function parseDocumentInput<K extends DocumentKind>(kind: K, draft: unknown): DocumentInputs[K] {
  const parsed = documentInputSchemas[kind].safeParse(draft);
  if (!parsed.success) throw new DocumentInputError(kind, parsed.error);
  return parsed.data as DocumentInputs[K];
}

/** What the document still lacks (empty: it can be generated), for a console to say before asking. */
export function missingForDocument(kind: DocumentKind, draft: unknown): MissingItem[] {
  return requirements(kind, parseDocumentInput(kind, draft));
}

export async function generateDocument(
  kind: DocumentKind,
  format: DocumentFormat,
  draft: unknown,
): Promise<GeneratedDocument> {
  const input = parseDocumentInput(kind, draft);
  const missing = requirements(kind, input);
  if (missing.length > 0) throw new DocumentRefusedError(kind, missing);
  const layout = (layouts[kind] as (i: typeof input) => FormLayout)(input);
  const bytes = format === 'docx' ? await renderDocx(layout) : await renderPdf(layout);
  return {
    kind,
    format,
    bytes,
    contentType: CONTENT_TYPES[format],
    fileName: fileNameOf(kind, input, format),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
