// The round statechart: one state per status; every edge is guarded by the engine's verdict and
// lands where the engine says, so the chart and the rules cannot drift apart.
import { enqueueActions, setup, transition, type SnapshotFrom } from 'xstate';
import type { RoundContext, RoundStatus } from './context';
import { evaluateRound, initialRound, type RoundEffect, type RoundInput } from './engine';
import { ROUND_EVENT_TYPES, type RoundEvent } from './events';

/** Bump when the context shape or state names change. */
export const ROUND_MACHINE_VERSION = 1;

const STATE_OF: Record<RoundStatus, string> = {
  COLLECTING: 'collecting',
  DECIDED: 'decided',
  LAUNCHING: 'launching',
  LAUNCHED: 'launched',
  CLOSED: 'closed',
};
const noop = () => undefined;

function stateConfig(status: RoundStatus) {
  if (status === 'CLOSED') return { type: 'final' as const };
  const targets = Object.values(STATE_OF);
  return {
    on: Object.fromEntries(
      ROUND_EVENT_TYPES.map((t) => [
        t,
        targets.map((to) =>
          to === STATE_OF[status]
            ? { guard: { type: 'leadsTo' as const, params: { state: to } }, actions: 'apply' as const }
            : {
                guard: { type: 'leadsTo' as const, params: { state: to } },
                target: to,
                actions: 'apply' as const,
              },
        ),
      ]),
    ),
  };
}

export const roundMachine = setup({
  types: { context: {} as RoundContext, events: {} as RoundEvent, input: {} as RoundInput },
  actions: {
    record: (_: unknown, _p: Extract<RoundEffect, { type: 'record' }>['params']) => noop(),
    notify: (_: unknown, _p: Extract<RoundEffect, { type: 'notify' }>['params']) => noop(),
    apply: enqueueActions(({ context, event, enqueue }) => {
      const r = evaluateRound(context, event);
      if (!r.ok) return;
      enqueue.assign(() => r.next);
      for (const fx of r.effects) enqueue(fx);
    }),
  },
  guards: {
    leadsTo: ({ context, event }, params: { state: string }) => {
      const r = evaluateRound(context, event);
      return r.ok && STATE_OF[r.next.status] === params.state;
    },
  },
}).createMachine({
  id: 'round',
  context: ({ input }) => initialRound(input).context,
  initial: 'collecting',
  states: {
    collecting: stateConfig('COLLECTING'),
    decided: stateConfig('DECIDED'),
    launching: stateConfig('LAUNCHING'),
    launched: stateConfig('LAUNCHED'),
    closed: stateConfig('CLOSED'),
  },
});

export const roundStateOf = (status: RoundStatus): string => STATE_OF[status];

export type RoundSnapshot = SnapshotFrom<typeof roundMachine>;

/** A new round: its first snapshot and the effects of its creation (record, invitations). */
export function startRound(input: RoundInput): { snapshot: RoundSnapshot; effects: RoundEffect[] } {
  const first = initialRound(input);
  return { snapshot: restoreRound(first.context), effects: first.effects };
}

/** A snapshot from a stored or carried context (its state follows from its status). */
export const restoreRound = (context: RoundContext): RoundSnapshot =>
  roundMachine.resolveState({ value: STATE_OF[context.status], context });

/** One event through the statechart: the next snapshot and its effects (unchanged when refused). */
export function stepRound(
  s: RoundSnapshot,
  event: RoundEvent,
): { snapshot: RoundSnapshot; effects: RoundEffect[] } {
  const [next, actions] = transition(roundMachine, s, event);
  return {
    snapshot: next,
    effects: actions
      .filter((a) => a.type === 'record' || a.type === 'notify')
      .map((a) => ({ type: a.type, params: a.params }) as RoundEffect),
  };
}
