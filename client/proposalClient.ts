import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import {
  PROPOSAL_WORKFLOW_TYPE,
  proposalDecided,
  proposalWorkflowId,
  type ProposalWorkflow,
  type ProposalWorkflowInput,
} from '../workflows/proposal/definitions';

/** A four-eyes proposal's durable duty: its workflow started on proposing, told when decided. */
export class ProposalClient {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /** Starts the proposal's ladder (idempotent: a second start of the same proposal is a no-op). */
  async start(input: ProposalWorkflowInput): Promise<void> {
    try {
      await this.client.workflow.start<ProposalWorkflow>(PROPOSAL_WORKFLOW_TYPE, {
        taskQueue: this.taskQueue,
        workflowId: proposalWorkflowId(input.proposalId),
        args: [input],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  /** Ends the ladder: someone decided (a workflow already ended or never started is fine). */
  async decided(proposalId: string): Promise<void> {
    try {
      await this.client.workflow.getHandle(proposalWorkflowId(proposalId)).signal(proposalDecided);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }

  result(proposalId: string): Promise<{ decided: boolean; steps: number }> {
    return this.client.workflow.getHandle<ProposalWorkflow>(proposalWorkflowId(proposalId)).result();
  }
}
