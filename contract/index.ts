// THE wire contract: every request and response body of the HTTP API as zod schemas (the API
// validates and serialises with them and the OpenAPI document is generated from them), the error
// table, and the constants every side shares. The console and the CLI import its types only
// (`import type`), and the console the zod-free modules (constants, caseId, bulkDuty) as values.
export * from './constants';
export * from './caseId';
export * from './bulkDuty';
export * from './errors';
export * from './cases';
export * from './audit';
export * from './bulk';
export * from './stuck';
export * from './dashboard';
export * from './users';
export * from './meta';
export * from './text';
export * from './units';
export * from './persons';
export * from './rounds';
export * from './notifications';
export * from './seminars';
export * from './migration';
export * from './calendar';
export * from './reservePool';
export * from './views';
export * from './fourEyes';
export * from './documents';
