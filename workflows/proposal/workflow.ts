import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { proposalDecided, type ProposalWorkflowInput } from './definitions';

const { escalateProposal } = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * The proposal's duty for the department's other admins: at each ladder moment not yet decided, the
 * step is recorded and their desk is told (the activity is idempotent per proposal and step); the
 * decision signal ends it. After the stuck step nothing more happens: the stuck list shows it.
 */
export async function proposalWorkflow(
  input: ProposalWorkflowInput,
): Promise<{ decided: boolean; steps: number }> {
  let decided = false;
  setHandler(proposalDecided, () => {
    decided = true;
  });
  let steps = 0;
  for (const { step, at } of input.steps) {
    const wait = Date.parse(at) - Date.now();
    if (wait > 0 && (await condition(() => decided, wait))) break;
    if (decided) break;
    await escalateProposal({ proposalId: input.proposalId, step });
    steps++;
  }
  return { decided, steps };
}
