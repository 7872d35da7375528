// Pure functions of the machine's snapshot (and its effects) that hosts and readers share: the
// workflow, the database read model and the API compute the same view from the same state.
export * from './views';
export { caseViewOf } from './caseView';
export { caseProjectionOf } from './caseProjection';
export { principalLabel, principalOf, auditTailEntryOf, auditTailEntryFromRow } from './auditTail';
