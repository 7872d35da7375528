import { defineSignal } from '@temporalio/workflow';
import type { LadderStep } from '../../machines/secondment';

/*
 * A four-eyes proposal's duty (双人复核): one workflow per proposal (id `proposal-<proposalId>`)
 * that climbs the same escalation ladder as a case's duties until a second admin decides. Ids and
 * instants only: the proposal's reason and payload stay in the database.
 */
export interface ProposalWorkflowInput {
  proposalId: string;
  /** the ladder's moments, computed from the proposal's deadline by the policy that governs it */
  steps: { step: LadderStep; at: string }[];
}

export const proposalDecided = defineSignal('proposalDecided');
export const proposalWorkflowId = (proposalId: string): string => `proposal-${proposalId}`;
export const PROPOSAL_WORKFLOW_TYPE = 'proposalWorkflow';
export type ProposalWorkflow = (input: ProposalWorkflowInput) => Promise<{ decided: boolean; steps: number }>;
