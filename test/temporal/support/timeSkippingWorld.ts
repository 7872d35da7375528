import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv } from '../../harness/environments';
import { createSecondmentWorld, type SecondmentWorld } from './secondmentWorld';

export interface SimulatedClock {
  sleep: (ms: number) => Promise<void>;
  now: () => Promise<number>;
}

/**
 * Registers beforeAll/afterAll for a suite on its own time-skipping server with a secondment
 * world (worker, real activities, embedded database). The getters are valid inside tests.
 */
export function useTimeSkippingWorld(): { world: () => SecondmentWorld; clock: () => SimulatedClock } {
  let env: TestWorkflowEnvironment | undefined;
  let world: SecondmentWorld | undefined;
  let clock: SimulatedClock | undefined;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    const e = env;
    world = await createSecondmentWorld(e.nativeConnection, e.client, e.namespace ?? 'default', {
      now: async () => (await e.currentTimeMs()).valueOf(),
    });
    clock = { sleep: (ms) => e.sleep(ms), now: async () => (await e.currentTimeMs()).valueOf() };
  });
  afterAll(async () => {
    await world?.close();
    await env?.teardown();
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the time-skipping world is only available inside tests');
    return value;
  };
  return { world: () => need(world), clock: () => need(clock) };
}
