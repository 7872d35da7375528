// Property tests (fast-check) on v2: random sequences of valid and invalid events never throw,
// never leave a duty without an owner and a due date, keep the status derivable from the state,
// never put a working-day deadline on a non-working day, and always tell the host enough to keep
// exactly one timer per armed duty.
import fc from 'fast-check';
import { isWorkingDay } from '../../../machines/calendar';
import {
  ROLES,
  advance,
  checkEvent,
  effectSchema,
  isTerminalStatus,
  liveDuties,
  missingFinalInputs,
  postingComplete,
  restoreEffects,
  start,
  statusFromValue,
  type Effect,
  type SecondmentSnapshot,
} from '../../../machines/secondment/v2';
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
  'TRACKING',
  'CLOSED_RETURNED',
];

function assertInvariants(s: SecondmentSnapshot, timers: Map<string, string>): void {
  const c = s.context;
  // the status is a function of the state value, and closed exactly in the final states
  const status = statusFromValue(s.value);
  expect(isTerminalStatus(status)).toBe(s.status === 'done');
  const live = liveDuties(s);
  for (const d of live) {
    // no duty without an owner and a due date (两头管理，两头落空)
    expect(d.owner.role).not.toBe('system');
    expect(d.owner.unit).toEqual(expect.any(String));
    expect(Number.isNaN(Date.parse(d.dueAt))).toBe(false);
    if (d.owner.role === 'cadre') expect(d.owner.personId).toBe(c.cadre.id);
    if (d.pausedAt !== null) expect(status).toBe('ON_HOLD');
    else if (!d.stuck) expect(d.nextAlarmAt).toEqual(expect.any(String));
    if (d.state === 'planned' && d.pausedAt === null) expect(d.nextAlarmAt).toBe(d.opensAt);
    // a deadline counted in working days never falls on a non-working day of the case's tables
    if (d.basis !== null)
      expect([d.key, isWorkingDay(c.calendar, d.dueAt, c.policy.timeZoneOffsetMinutes)]).toEqual([
        d.key,
        true,
      ]);
    if (d.provisional) expect(d.calendarVersion).toMatch(/:none/);
  }
  const armed = new Map(c.duties.filter((d) => d.nextAlarmAt !== null).map((d) => [d.id, d.nextAlarmAt!]));
  expect(timers).toEqual(armed);
  if (isTerminalStatus(status)) expect(live).toEqual([]);
  else expect(live.length).toBeGreaterThan(0);
  if (SERVED.includes(status)) expect(c.postedAt).not.toBeNull();
  if (SERVED.includes(status) && c.disposition !== 'promoted' && c.disposition !== 'recalled')
    expect(postingComplete(c)).toBe(true);
  if (c.final.result !== null) expect(missingFinalInputs(c)).toEqual([]);
  if (c.approval?.quota != null) expect(c.approval.approvedBefore).toBeLessThan(c.approval.quota);
  expect('displayName' in c.cadre).toBe(false);
}

function applyTimers(timers: Map<string, string>, fx: Effect[]): void {
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
  const business = alive.filter((e) => !e.type.startsWith('admin.') && e.type !== 'deadline.reached');
  if (pick % 4 !== 0 && business.length > 0) return business;
  return alive.length > 0 ? alive : events;
}

const scenario = fc.record({
  policy: fc.constantFrom('demo', 'demo', 'default'),
  cpcMember: fc.boolean(),
  termMonths: fc.constantFrom(12, 18, 24),
  at: fc.constantFrom('2026-01-05T09:00:00+08:00', '2026-07-01T09:00:00+08:00', '2027-09-20T09:00:00+08:00'),
  steps: fc.array(fc.record({ pick: fc.nat(), mutation: fc.constantFrom(...MUTATIONS) }), {
    minLength: 20,
    maxLength: 150,
    size: 'max',
  }),
});

describe('properties of v2 (fast-check)', () => {
  test('random event sequences keep every rule, every deadline and the host’s timers consistent', () => {
    fc.assert(
      fc.property(scenario, ({ policy, cpcMember, termMonths, at, steps }) => {
        const first = start(
          nomination({ policy, termMonths, at, year: Number(at.slice(0, 4)), cadre: { cpcMember } }),
        );
        const timers = new Map<string, string>();
        applyTimers(timers, first.effects);
        let s = first.snapshot;
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
          const step = advance(s, e as never);
          // the validator, the chart and snapshot.can() agree
          expect(step !== null).toBe(verdict.ok);
          if (typeof e === 'object' && e !== null && !('junk' in e))
            expect(s.can(e as never)).toBe(verdict.ok);
          if (!step) {
            if (!verdict.ok) expect(verdict.message.zh).toContain('规则');
            continue;
          }
          for (const f of step.effects) expect(effectSchema.safeParse(f).success).toBe(true);
          expect(step.effects[0]?.type).toBe('record');
          expect(step.effects.filter((f) => f.type === 'record')).toHaveLength(1);
          expect(step.effects[0]?.type === 'record' && step.effects[0].params.seq).toBe(s.context.seq + 1);
          applyTimers(timers, step.effects);
          s = step.snapshot;
          assertInvariants(s, timers);
        }
        // a new run (continue-as-new) re-arms exactly what the last step left armed
        const restored = new Map<string, string>();
        applyTimers(restored, restoreEffects(s));
        expect(restored).toEqual(timers);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });

  test('arbitrary junk never throws: it is refused as malformed (or as not handled in this phase)', () => {
    const { snapshot } = start(nomination());
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom(
            'approval.approve',
            'deadline.reached',
            'admin.case.force',
            'calendar.update',
          ),
          x: fc.anything(),
        }),
        (junk) => {
          const verdict = checkEvent(snapshot, junk);
          expect(verdict.ok).toBe(false);
          expect(['INVALID_EVENT', 'NOT_IN_STATE']).toContain(!verdict.ok && verdict.code);
          expect(advance(snapshot, junk as never)).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });
});
