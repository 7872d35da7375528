import { defaultPolicy } from './default';
import { demoPolicy } from './demo';
import type { Policy } from './schema';

export { defaultPolicy } from './default';
export { demoPolicy, DEMO_SECONDS_PER_MONTH } from './demo';
export {
  policySchema,
  fourEyesSchema,
  durationSchema,
  type FourEyes,
  type Policy,
  type Duration,
} from './schema';

const POLICIES: Record<string, Policy> = { default: defaultPolicy, demo: demoPolicy };
export const POLICY_IDS = Object.keys(POLICIES);

/** Look up a shipped policy; throws for an unknown id so a typo never starts a case silently. */
export function getPolicy(id: string): Policy {
  const p = POLICIES[id];
  if (!p) throw new Error(`unknown policy id "${id}" (known: ${POLICY_IDS.join(', ')})`);
  return p;
}
