// Temporal activities only: what the workflow proxies (applyTransition) and their factory. The
// workflow imports types from here and nothing else.
export { createActivities, type Activities, type ActivityDeps } from './createActivities';
export { applyTransition } from './applyTransition';
export type { TransitionRecordInput, ApplyTransitionResult } from '../store';
