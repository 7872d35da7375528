// Refusals travel as data: the list of what is missing, each with a field and bilingual words, so
// the API, CLI and console can show it without parsing a message.
import type { z } from 'zod';
import type { DocumentKind } from './inputs';
import { documentKindLabels } from './kinds';

export interface MissingItem {
  /** Input field (path) that holds the missing data, e.g. `appraisal`. */
  field: string;
  zh: string;
  en: string;
}

/** The input is valid but the process has not produced what the document needs yet. */
export class DocumentRefusedError extends Error {
  readonly code = 'DOCUMENT_INCOMPLETE';
  constructor(
    readonly kind: DocumentKind,
    readonly missing: readonly MissingItem[],
  ) {
    const label = documentKindLabels[kind];
    super(
      `${label.zh}无法生成，缺少：${missing.map((m) => m.zh).join('；')} / ` +
        `cannot generate the ${label.en}: ${missing.map((m) => m.en).join('; ')}`,
    );
    this.name = 'DocumentRefusedError';
  }
}

/** The input does not match the kind's schema: which field, what was expected. */
export class DocumentInputError extends Error {
  readonly code = 'DOCUMENT_INPUT_INVALID';
  readonly issues: readonly { field: string; message: string }[];
  constructor(
    readonly kind: DocumentKind,
    error: z.ZodError,
  ) {
    const issues = error.issues.map((i) => ({
      field: i.path.length > 0 ? i.path.map(String).join('.') : '(input)',
      message: i.message,
    }));
    super(
      `${documentKindLabels[kind].zh}的数据无效 / invalid ${documentKindLabels[kind].en} input: ` +
        issues.map((i) => `${i.field}: ${i.message}`).join('; '),
    );
    this.name = 'DocumentInputError';
    this.issues = issues;
  }
}
