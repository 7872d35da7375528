import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { formatZodError } from '../../../common/zodErrors';
import { createSerializer } from '../../../workflows/serialize';
import type { ProbeActivities } from './journal';
import {
  chainProbeMachine,
  probeArmSchema,
  probeEffectSchema,
  type ProbeArm,
  type ProbeEvent,
} from './machine';

export interface ChainProbeInput {
  probeId: string;
}

export interface ProbeView {
  probeId: string;
  state: string;
  label: string | null;
  armedAt: string | null;
  dueAt: string | null;
  firedAt: string | null;
  effectsApplied: number;
}

export const armProbeUpdate = defineUpdate<ProbeView, [ProbeArm]>('probe.arm');
export const probeViewQuery = defineQuery<ProbeView>('probe.view');

const { applyProbeEffect } = proxyActivities<ProbeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * Proves the chain end to end: the XState machine runs through its pure `transition`, its
 * snapshot lives in workflow state, every returned action becomes one activity, a deadline
 * becomes a durable timer, and the Update validator keeps bad input out of history.
 */
export async function chainProbeWorkflow(input: ChainProbeInput): Promise<ProbeView> {
  const runExclusive = createSerializer();
  let [snapshot, initialActions] = initialTransition(chainProbeMachine, { probeId: input.probeId });
  let effectsApplied = 0;
  const firedDeadlines: ProbeEvent[] = [];

  const view = (): ProbeView => ({
    probeId: input.probeId,
    state: String(snapshot.value),
    label: snapshot.context.label,
    armedAt: snapshot.context.armedAt,
    dueAt: snapshot.context.dueAt,
    firedAt: snapshot.context.firedAt,
    effectsApplied,
  });

  async function carryOut(actions: readonly { type: string; params?: unknown }[]): Promise<void> {
    for (const action of actions) {
      const effect = probeEffectSchema.parse({ type: action.type, params: action.params });
      effectsApplied += 1;
      await applyProbeEffect({ probeId: input.probeId, seq: effectsApplied, effect });
      if (effect.type === 'deadline.set') {
        const { deadlineId, at } = effect.params;
        void sleep(Math.max(1, Date.parse(at) - Date.now())).then(() => {
          firedDeadlines.push({ type: 'deadline.reached', deadlineId, at: new Date().toISOString() });
        });
      }
    }
  }

  async function apply(event: ProbeEvent): Promise<void> {
    const [next, actions] = transition(chainProbeMachine, snapshot, event);
    snapshot = next;
    await carryOut(actions);
  }

  setHandler(probeViewQuery, view);
  setHandler(
    armProbeUpdate,
    (arm) =>
      runExclusive(async () => {
        const parsed = probeArmSchema.parse(arm);
        await apply({ type: 'probe.arm', at: new Date().toISOString(), ...parsed });
        return view();
      }),
    {
      // Runs before the Update is accepted: a rejection here leaves no event in history.
      validator: (arm) => {
        const parsed = probeArmSchema.safeParse(arm);
        if (!parsed.success) throw new Error(`参数无效 / invalid input: ${formatZodError(parsed.error)}`);
        const event: ProbeEvent = { type: 'probe.arm', at: new Date().toISOString(), ...parsed.data };
        if (!(snapshot as AnyMachineSnapshot).can(event)) {
          throw new Error(
            `当前状态“${String(snapshot.value)}”不接受此操作 / not allowed in state "${String(snapshot.value)}"`,
          );
        }
      },
    },
  );

  await runExclusive(() => carryOut(initialActions));
  initialActions = [];
  while (snapshot.status !== 'done') {
    await condition(() => firedDeadlines.length > 0);
    const event = firedDeadlines.shift();
    if (event) await runExclusive(() => apply(event));
  }
  await condition(allHandlersFinished);
  return view();
}
