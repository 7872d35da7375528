// Property tests (fast-check): random sequences of valid and invalid events never throw, never
// leave an open duty without a deadline, never reach a state the rules forbid, and always tell
// the host enough to keep exactly one timer per open duty.
import fc from 'fast-check';
import { initialTransition, transition } from 'xstate';
import {
  ROLES,
  checkEvent,
  effectSchema,
  isTerminalStatus,
  missingFinalInputs,
  openDuties,
  postingComplete,
  secondmentMachine,
  statusCode,
  toEffects,
  type SecondmentSnapshot,
} from '../../../machines/secondment/v1';
import { nomination } from './support/fixtures';
import { usefulEvents } from './support/generators';

const MUTATIONS = [
  'none',
  'none',
  'none',
  'wrongRole',
  'wrongUnit',
  'past',
  'dropField',
  'junk',
  'unknownDuty',
] as const;
type Mutation = (typeof MUTATIONS)[number];

function mutate(e: Record<string, unknown>, m: Mutation, pick: number): unknown {
  const actor = e.actor as Record<string, unknown>;
  switch (m) {
    case 'none':
      return e;
    case 'wrongRole':
      return { ...e, actor: { ...actor, role: ROLES[pick % ROLES.length] } };
    case 'wrongUnit':
      return { ...e, actor: { ...actor, unit: 'elsewhere' } };
    case 'past':
      return { ...e, at: '2001-01-01T00:00:00Z' };
    case 'dropField': {
      const keys = Object.keys(e).filter((k) => k !== 'type');
      const copy = { ...e };
      delete copy[keys[pick % keys.length]!];
      return copy;
    }
    case 'junk':
      return { type: e.type, actor, at: e.at, junk: true };
    case 'unknownDuty':
      return {
        type: 'deadline.reached',
        dutyId: 'd0:none',
        at: e.at,
        actor: { id: 'system', role: 'system', unit: 'system' },
      };
  }
}

const SERVED = [
  'IN_SERVICE',
  'EXTENDED',
  'EXTENSION_REQUESTED',
  'EXTENSION_CONSENTED',
  'RECALL_REQUESTED',
  'FINAL_ASSESSMENT',
  'ASSESSED',
  'RETURNING',
  'TRACKING',
  'CLOSED_RETURNED',
];

function assertInvariants(s: SecondmentSnapshot, timers: Map<string, string>): void {
  const c = s.context;
  const status = statusCode(s);
  expect(c.status).toBe(status);
  const open = openDuties(s);
  for (const d of open) {
    expect(d.dueAt).toEqual(expect.any(String));
    if (!d.stuck && d.pausedAt === null) expect(d.nextAlarmAt).toEqual(expect.any(String));
    if (d.pausedAt !== null) expect(status).toBe('ON_HOLD');
  }
  // the host's timers, kept only from deadline.set / deadline.clear effects, match the machine
  const expected = new Map(open.filter((d) => d.nextAlarmAt !== null).map((d) => [d.id, d.nextAlarmAt!]));
  expect(timers).toEqual(expected);
  if (isTerminalStatus(status)) expect(open).toEqual([]);
  else expect(open.length).toBeGreaterThan(0);
  const postedStatus = SERVED.includes(status) || (status === 'ON_HOLD' && c.hold?.heldStatus !== 'POSTING');
  if (postedStatus && c.postedAt !== null) expect(postingComplete(c)).toBe(true);
  if (SERVED.includes(status)) expect(c.postedAt).not.toBeNull();
  if (c.final.result !== null) expect(missingFinalInputs(c)).toEqual([]);
  if (c.approval !== null) expect(c.approval.intake).toBeLessThanOrEqual(c.approval.quota);
}

function applyTimers(timers: Map<string, string>, fx: ReturnType<typeof toEffects>): void {
  for (const f of fx) {
    if (f.type === 'deadline.set') timers.set(f.params.dutyId, f.params.at);
    if (f.type === 'deadline.clear') timers.delete(f.params.dutyId);
  }
}

const ENDINGS = new Set([
  'nomination.withdraw',
  'approval.reject',
  'admin.case.force',
  'recall.request',
  'recall.consent',
  'promotion.decide',
]);
/** Mostly keep the case alive so walks reach the later phases; sometimes end it. */
function progressive<T extends { type: string }>(events: T[], pick: number): T[] {
  if (pick % 12 === 0) return events;
  const alive = events.filter((e) => !ENDINGS.has(e.type));
  // business steps three times out of four, interventions and alarms otherwise
  const business = alive.filter((e) => !e.type.startsWith('admin.') && e.type !== 'deadline.reached');
  if (pick % 4 !== 0 && business.length > 0) return business;
  return alive.length > 0 ? alive : events;
}

const scenario = fc.record({
  policy: fc.constantFrom('demo', 'demo', 'default'),
  cpcMember: fc.boolean(),
  termMonths: fc.constantFrom(12, 18, 24),
  steps: fc.array(fc.record({ pick: fc.nat(), mutation: fc.constantFrom(...MUTATIONS) }), {
    minLength: 20,
    maxLength: 150,
    size: 'max',
  }),
});

describe('properties (fast-check)', () => {
  test('random event sequences keep every rule, every deadline and the host’s timers consistent', () => {
    fc.assert(
      fc.property(scenario, ({ policy, cpcMember, termMonths, steps }) => {
        const [s0, a0] = initialTransition(
          secondmentMachine,
          nomination({ policy, termMonths, cadre: { cpcMember } }),
        );
        const timers = new Map<string, string>();
        applyTimers(timers, toEffects(a0));
        let s = s0;
        assertInvariants(s, timers);
        for (const { pick, mutation } of steps) {
          const candidates = progressive(usefulEvents(s, 'all'), pick);
          if (candidates.length === 0) break;
          const e = mutate(
            candidates[pick % candidates.length] as unknown as Record<string, unknown>,
            mutation,
            pick,
          );
          const verdict = checkEvent(s, e);
          const [next, actions] = transition(secondmentMachine, s, e as never);
          if (!verdict.ok) {
            // refused: nothing changes, and the refusal says which rule
            expect(next).toBe(s);
            expect(actions).toEqual([]);
            expect(verdict.message.zh).toContain('规则');
            continue;
          }
          expect(next).not.toBe(s);
          const fx = toEffects(actions);
          for (const f of fx) expect(effectSchema.safeParse(f).success).toBe(true);
          const records = fx.filter((f) => f.type === 'record');
          expect(records).toHaveLength(1);
          expect(records[0]?.type === 'record' && records[0].params.seq).toBe(s.context.seq + 1);
          applyTimers(timers, fx);
          s = next;
          assertInvariants(s, timers);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  });

  test('arbitrary junk never throws: it is refused with INVALID_EVENT', () => {
    const [s] = initialTransition(secondmentMachine, nomination());
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom('approval.approve', 'deadline.reached', 'admin.case.force'),
          x: fc.anything(),
        }),
        (junk) => {
          const verdict = checkEvent(s, junk);
          expect(verdict.ok).toBe(false);
          const [next] = transition(secondmentMachine, s, junk as never);
          expect(next).toBe(s);
        },
      ),
      { numRuns: 200 },
    );
  });
});
