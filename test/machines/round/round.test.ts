// The round machine (批次): duties per invited unit with the case ladder, who may apply, recommend,
// decide and launch, and what its events carry (ids and counts, never names).
import {
  roundAlarms,
  startRound,
  stepRound,
  type RoundEvent,
  type RoundSnapshot,
} from '../../../machines/round';

const T0 = '2025-11-03T01:00:00.000Z';
const APPLY_BY = '2025-11-28T10:00:00.000Z';
const RECOMMEND_BY = '2025-12-31T10:00:00.000Z';
const org = { id: 'admin', role: 'org_admin' as const, unit: 'city.org-dept' };
const receiver = (unit: string) => ({ id: `r@${unit}`, role: 'receiving_officer' as const, unit });
const sender = (unit: string) => ({ id: `s@${unit}`, role: 'sending_officer' as const, unit });
const system = { id: 'system', role: 'system' as const, unit: 'system' };

function newRound(): RoundSnapshot {
  return startRound({
    roundId: 'r2026',
    year: 2026,
    orgUnit: 'city.org-dept',
    policy: 'default',
    applicationDeadline: APPLY_BY,
    recommendationDeadline: RECOMMEND_BY,
    maxRecommendationsPerUnit: 2,
    receivingUnits: ['city.finance', 'city.justice'],
    sendingUnits: ['county.a.finance'],
    createdBy: org,
    at: T0,
  }).snapshot;
}

type Draft = RoundEvent extends infer E
  ? E extends RoundEvent
    ? Omit<E, 'at'> & { at?: string }
    : never
  : never;

function send(s: RoundSnapshot, e: Draft) {
  const event = { at: T0, ...e };
  const r = stepRound(s, event);
  return { ...r, accepted: r.snapshot !== s };
}

describe('the round machine (批次)', () => {
  test('a new round opens one application duty per receiving unit and one recommendation duty per sending unit, each with its deadline and an alarm', () => {
    const first = startRound({
      roundId: 'r2026',
      year: 2026,
      orgUnit: 'city.org-dept',
      policy: 'default',
      applicationDeadline: APPLY_BY,
      recommendationDeadline: RECOMMEND_BY,
      maxRecommendationsPerUnit: 2,
      receivingUnits: ['city.finance', 'city.justice'],
      sendingUnits: ['county.a.finance'],
      createdBy: org,
      at: T0,
    });
    const c = first.snapshot.context;
    expect(c.duties.map((d) => [d.kind, d.owner.unit, d.dueAt])).toEqual([
      ['round.application', 'city.finance', APPLY_BY],
      ['round.application', 'city.justice', APPLY_BY],
      ['round.recommendation', 'county.a.finance', RECOMMEND_BY],
    ]);
    expect(roundAlarms(c).size).toBe(3);
    const invitations = first.effects.filter((e) => e.type === 'notify');
    expect(invitations.map((n) => n.params.template)).toEqual([
      'round.application.requested',
      'round.application.requested',
      'round.recommendation.requested',
    ]);
    expect(first.effects[0]).toMatchObject({ type: 'record', params: { eventType: 'round.create', seq: 1 } });
  });

  test('a receiving unit applies for itself only; its duty closes', () => {
    let s = newRound();
    const other = send(s, {
      type: 'round.application.submit',
      actor: receiver('city.justice'),
      unit: 'city.finance',
      applicationId: 'a1',
      requested: 2,
    });
    expect(other.accepted).toBe(false);
    const ok = send(s, {
      type: 'round.application.submit',
      actor: receiver('city.finance'),
      unit: 'city.finance',
      applicationId: 'a1',
      requested: 2,
    });
    expect(ok.accepted).toBe(true);
    s = ok.snapshot;
    expect(s.context.applications['city.finance']).toEqual({ requested: 2, declined: false });
    expect(s.context.duties.find((d) => d.owner.unit === 'city.finance')?.state).toBe('done');
  });

  test('a sending unit recommends at most the round’s maximum (1–2 per unit)', () => {
    let s = newRound();
    for (const id of ['x1', 'x2']) {
      const r = send(s, {
        type: 'round.recommendation.submit',
        actor: sender('county.a.finance'),
        unit: 'county.a.finance',
        recommendationId: id,
      });
      expect(r.accepted).toBe(true);
      s = r.snapshot;
    }
    const third = stepRound(s, {
      type: 'round.recommendation.submit',
      actor: sender('county.a.finance'),
      unit: 'county.a.finance',
      recommendationId: 'x3',
      at: T0,
    });
    expect(third.snapshot).toBe(s);
    expect(s.context.recommendations['county.a.finance']).toBe(2);
  });

  test('an unanswered duty climbs the case ladder to stuck; an extension unsticks it', () => {
    let s = newRound();
    const dutyId = s.context.duties[0]!.id;
    const steps: string[] = [];
    for (let i = 0; i < 5; i++) {
      const d = s.context.duties.find((x) => x.id === dutyId)!;
      const r = send(s, { type: 'deadline.reached', actor: system, dutyId, at: d.nextAlarmAt! });
      expect(r.accepted).toBe(true);
      steps.push(r.effects.find((e) => e.type === 'notify')?.params.template ?? '');
      s = r.snapshot;
    }
    expect(steps).toEqual([
      'duty.reminder',
      'duty.overdue',
      'duty.escalated.unitHead',
      'duty.escalated.orgDept',
      'duty.stuck',
    ]);
    const stuck = s.context.duties.find((x) => x.id === dutyId)!;
    expect([stuck.stuck, stuck.nextAlarmAt]).toEqual([true, null]);
    const later = new Date(Date.parse(stuck.escalations.at(-1)!.at) + 10 * 86_400_000).toISOString();
    const ext = send(s, {
      type: 'admin.deadline.extend',
      actor: org,
      dutyId,
      until: later,
      reason: '延长申报期限',
      at: stuck.escalations.at(-1)!.at,
    });
    expect(ext.accepted).toBe(true);
    expect(ext.snapshot.context.duties.find((x) => x.id === dutyId)).toMatchObject({
      stuck: false,
      dueAt: later,
    });
  });

  test('only the organization department decides; the decision lapses unanswered duties; launch runs DECIDED → LAUNCHING → LAUNCHED', () => {
    let s = newRound();
    expect(
      send(s, {
        type: 'round.decide',
        actor: receiver('city.finance'),
        assigned: 1,
        rejected: 0,
        allocations: 1,
      }).accepted,
    ).toBe(false);
    s = send(s, { type: 'round.decide', actor: org, assigned: 3, rejected: 1, allocations: 2 }).snapshot;
    expect(s.context.status).toBe('DECIDED');
    expect(s.context.duties.every((d) => d.state === 'lapsed')).toBe(true);
    expect(roundAlarms(s.context).size).toBe(0);
    s = send(s, { type: 'round.launch.start', actor: org, total: 3 }).snapshot;
    expect(s.value).toBe('launching');
    expect(
      send(s, { type: 'round.launch.finish', actor: org, started: 3, already: 0, failed: 0 }).accepted,
    ).toBe(false);
    s = send(s, { type: 'round.launch.finish', actor: system, started: 2, already: 1, failed: 0 }).snapshot;
    expect([s.value, s.context.launch?.started, s.context.launch?.already]).toEqual(['launched', 2, 1]);
  });

  test('its records carry ids, units and counts only', () => {
    const s = newRound();
    const r = send(s, {
      type: 'round.recommendation.submit',
      actor: sender('county.a.finance'),
      unit: 'county.a.finance',
      recommendationId: 'rec-1',
    });
    const record = r.effects.find((e) => e.type === 'record');
    expect(record?.params.payload).toEqual({ unit: 'county.a.finance', recommendationId: 'rec-1' });
  });
});
