import { assign, setup } from 'xstate';
import { z } from 'zod';

/**
 * The smallest machine that exercises the whole chain the secondment workflow relies on:
 * an Update with a validated payload, effects returned as plain data, a deadline kept in
 * context (not an `after` timer), and a `deadline.reached` event fed back by the host.
 */
export const probeArmSchema = z.object({
  label: z.string().trim().min(1, '不能为空 / must not be empty').max(100),
  dueInSeconds: z
    .number({ error: '应为秒数 / expected a number of seconds' })
    .int()
    .positive()
    .max(10 * 366 * 24 * 3600),
});
export type ProbeArm = z.infer<typeof probeArmSchema>;

export type ProbeEvent =
  | ({ type: 'probe.arm'; at: string } & ProbeArm)
  | { type: 'deadline.reached'; deadlineId: string; at: string };

export const probeEffectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('record'), params: z.object({ what: z.string(), at: z.string() }) }),
  z.object({ type: z.literal('deadline.set'), params: z.object({ deadlineId: z.string(), at: z.string() }) }),
  z.object({
    type: z.literal('notify'),
    params: z.object({ template: z.string(), vars: z.record(z.string(), z.string()) }),
  }),
]);
export type ProbeEffect = z.infer<typeof probeEffectSchema>;

interface ProbeContext {
  probeId: string;
  label: string | null;
  armedAt: string | null;
  dueAt: string | null;
  firedAt: string | null;
}

const DEADLINE_ID = 'probe';

export const chainProbeMachine = setup({
  types: {} as { context: ProbeContext; events: ProbeEvent; input: { probeId: string } },
  actions: {
    record: (_, _params: { what: string; at: string }) => {},
    'deadline.set': (_, _params: { deadlineId: string; at: string }) => {},
    notify: (_, _params: { template: string; vars: Record<string, string> }) => {},
  },
  guards: {
    isOurDeadline: ({ event }) => event.type === 'deadline.reached' && event.deadlineId === DEADLINE_ID,
  },
}).createMachine({
  id: 'chainProbe',
  context: ({ input }) => ({
    probeId: input.probeId,
    label: null,
    armedAt: null,
    dueAt: null,
    firedAt: null,
  }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        'probe.arm': {
          target: 'armed',
          actions: [
            assign(({ event }) => ({
              label: event.label,
              armedAt: event.at,
              dueAt: new Date(Date.parse(event.at) + event.dueInSeconds * 1000).toISOString(),
            })),
            { type: 'record', params: ({ event }) => ({ what: `armed:${event.label}`, at: event.at }) },
            {
              type: 'deadline.set',
              params: ({ context }) => ({ deadlineId: DEADLINE_ID, at: context.dueAt ?? '' }),
            },
          ],
        },
      },
    },
    armed: {
      on: {
        'deadline.reached': {
          guard: 'isOurDeadline',
          target: 'done',
          actions: [
            assign(({ event }) => ({ firedAt: event.at })),
            {
              type: 'notify',
              params: ({ context }) => ({ template: 'probe.fired', vars: { label: context.label ?? '' } }),
            },
            { type: 'record', params: ({ event }) => ({ what: 'fired', at: event.at }) },
          ],
        },
      },
    },
    done: { type: 'final' },
  },
});
