import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { HARNESS_STATE_FILE } from './paths';

export const harnessStateSchema = z.object({
  devServerAddress: z.string(),
  devServerPid: z.number().int(),
  namespace: z.string(),
  workflowBundlePath: z.string(),
  tracedWorkflowBundlePath: z.string(),
  probeBundlePath: z.string(),
});
export type HarnessState = z.infer<typeof harnessStateSchema>;

/** What the jest global setup started, for test files (which run in other module registries). */
export function harnessState(): HarnessState {
  return harnessStateSchema.parse(JSON.parse(readFileSync(HARNESS_STATE_FILE, 'utf8')));
}
