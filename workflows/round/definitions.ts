import { defineUpdate } from '@temporalio/workflow';
import {
  ROUND_EVENT_TYPES,
  type RoundContext,
  type RoundEventType,
  type RoundInput,
} from '../../machines/round';

/*
 * The message definitions of a round workflow (one per round, id `round-<roundId>`), shared by the
 * workflow and its clients: every round event a person sends is an Update named by its type; its
 * argument is the event without `type`, with the caller's time stamp `at`. Ids and counts only.
 */

export type RoundEventInput = Record<string, unknown>;

export type RoundUpdateType = Exclude<RoundEventType, 'round.launch.finish' | 'deadline.reached'>;
export const ROUND_UPDATE_TYPES = ROUND_EVENT_TYPES.filter(
  (t): t is RoundUpdateType => t !== 'round.launch.finish' && t !== 'deadline.reached',
);

export interface RoundView {
  roundId: string;
  status: string;
  seq: number;
}

export const roundUpdate = (type: RoundUpdateType) => defineUpdate<RoundView, [RoundEventInput]>(type);

export interface RoundWorkflowInput {
  round?: RoundInput;
  carried?: { context: RoundContext };
}

export type RoundWorkflow = (input: RoundWorkflowInput) => Promise<RoundView>;

/** Workflow ids carry the round id only. */
export const roundWorkflowId = (roundId: string): string => `round-${roundId}`;
export const ROUND_WORKFLOW_TYPE = 'roundWorkflow';

/** How many cases one launch activity starts before it reports back. */
export const LAUNCH_BATCH = 5;
