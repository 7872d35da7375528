// Public surface of the document generators (issue 14); the API, CLI and console use only this.
export { generateDocument, missingForDocument, parseDocumentInput, CONTENT_TYPES } from './generate';
export type { GeneratedDocument } from './generate';
export { DocumentInputError, DocumentRefusedError } from './errors';
export type { MissingItem } from './errors';
export { FontMissingError } from './fonts';
export { documentKindLabels } from './kinds';
export { requirements } from './requirements';
export { roundStatistics } from './roundStatistics';
export type { RoundStatistics } from './roundStatistics';
export * from './inputs';
