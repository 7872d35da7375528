import type { CaseView, SecondmentWorkflowInput } from './definitions';
import { runV1 } from './runV1';
import { runV2 } from './runV2';

/**
 * One secondment (挂职) case: hosts the lifecycle machine, turns every accepted event into one
 * database transaction (audit row, projection, personnel file, outbox), and keeps one durable
 * timer per armed duty so deadlines enforce themselves. The machine version is part of the input:
 * a nomination says it (absent = 1: the histories recorded before version 2 replay unchanged), a
 * carried snapshot says its own; an org admin's migration carries a v1 case into a v2 run.
 */
export async function secondmentWorkflow(input: SecondmentWorkflowInput): Promise<CaseView> {
  const version = input.carried?.persisted.machineVersion ?? input.machineVersion ?? 1;
  return version === 1 ? runV1(input) : runV2(input);
}
