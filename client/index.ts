// The one way code outside the worker reaches Temporal: the workflow client (events, reads,
// previews) and the case operations (health, technical problems, activity retry).
export {
  SecondmentClient,
  SecondmentError,
  type EventPreview,
  type NominationRequest,
} from './secondmentClient';
export { CaseOperations, isTemporalUnavailable, type Connection } from './caseOperations';
export { RoundClient, type RoundCheck } from './roundClient';
export { Client } from '@temporalio/client';
export type { DataConverter } from '@temporalio/common';
export { ProposalClient } from './proposalClient';
