// A deliberately non-deterministic variant of the shipped workflows, for the replay test only:
// the same workflow types, each with one extra activity call before anything else. A change like this
// (a new step inserted ahead of existing ones without patching) must make replaying histories
// recorded by the real code fail; the replay test proves that it does.
import { proxyActivities } from '@temporalio/workflow';
import type { RoundWorkflowInput } from '../../../../workflows/round/definitions';
import { roundWorkflow as shippedRound } from '../../../../workflows/round/workflow';
import type { SecondmentWorkflowInput } from '../../../../workflows/secondment/definitions';
import { secondmentWorkflow as shipped } from '../../../../workflows/secondment/workflow';

const { announceCase } = proxyActivities<{ announceCase(note: string): Promise<void> }>({
  startToCloseTimeout: '1 minute',
});

export async function secondmentWorkflow(input: SecondmentWorkflowInput): ReturnType<typeof shipped> {
  await announceCase('新增步骤 / a step inserted before the first transition');
  return shipped(input);
}

export async function roundWorkflow(input: RoundWorkflowInput): ReturnType<typeof shippedRound> {
  await announceCase('新增步骤 / a step inserted before the round starts');
  return shippedRound(input);
}
