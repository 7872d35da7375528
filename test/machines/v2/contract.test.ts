// The host contract: effects as validated plain data, one record per accepted transition and first,
// timers and search attributes emitted (the host recomputes nothing), the cadre addressed by person
// id, allowedEvents and snapshot.can() agreeing with the machine.
import {
  advance,
  allowedEvents,
  effectSchema,
  EVENT_TYPES,
  eventLabels,
  eventPayloadSchemas,
  restoreEffects,
  start,
  STATUS_CODES,
  statusCode,
  statusLabels,
} from '../../../machines/secondment/v2';
import { ofType } from './support/driver';
import { CADRE_ID, P, UNITS, actor, event, nomination } from './support/fixtures';
import { approved, posted, tracking } from './support/scenarios';

describe('host contract (v2)', () => {
  test('the nomination’s effects: one record first, the approval duty’s timer, search attributes', () => {
    const { effects } = start(nomination());
    expect(effects[0]?.type).toBe('record');
    expect(ofType(effects, 'record')).toHaveLength(1);
    expect(effects.map((f) => f.type)).toEqual(
      expect.arrayContaining(['notify', 'deadline.set', 'searchAttributes']),
    );
    for (const f of effects) expect(effectSchema.safeParse(f).success).toBe(true);
  });

  test('a full lifecycle: every accepted step returns exactly one record, first, with a gap-free sequence', () => {
    const d = tracking();
    expect(ofType(d.effects, 'record')).toHaveLength(1);
    expect(d.effects[0]?.type).toBe('record');
    expect(ofType(d.effects, 'record')[0]?.params.seq).toBe(d.ctx.seq);
    expect(d.ctx.seq).toBeGreaterThan(12);
  });

  test('the status lives in the state value only', () => {
    const d = posted();
    expect('status' in d.ctx).toBe(false);
    expect(statusCode(d.snapshot)).toBe('IN_SERVICE');
    expect(d.snapshot.value).toEqual({
      active: {
        serving: {
          term: 'regular',
          negotiation: 'idle',
          reviews: 'running',
          attendance: 'present',
          conduct: 'compliant',
        },
      },
    });
  });

  test('search attributes carry no personal data; the cadre is addressed by person id', () => {
    const d = posted();
    const sa = ofType(d.effects, 'searchAttributes')[0]?.params;
    expect(sa).toEqual({
      status: 'IN_SERVICE',
      kind: 'down',
      sendingUnit: UNITS.sending,
      receivingUnit: UNITS.receiving,
      nextDeadline: expect.any(String) as unknown,
      overdue: false,
      stuck: false,
    });
    const posted_ = ofType(d.effects, 'notify').find((n) => n.params.template === 'case.posted');
    expect(posted_?.params.recipients).toContainEqual({
      role: 'cadre',
      unit: UNITS.receiving,
      personId: CADRE_ID,
    });
  });

  test('the timers the host keeps from deadline.set / deadline.clear are exactly the armed duties', () => {
    const d = approved();
    const timers = new Map<string, string>();
    for (const f of restoreEffects(d.snapshot))
      if (f.type === 'deadline.set') timers.set(f.params.dutyId, f.params.at);
    d.send('posting.mentor.name', P.mentor);
    for (const f of d.effects) {
      if (f.type === 'deadline.set') timers.set(f.params.dutyId, f.params.at);
      if (f.type === 'deadline.clear') timers.delete(f.params.dutyId);
    }
    const armed = new Map(
      d.ctx.duties.filter((x) => x.nextAlarmAt !== null).map((x) => [x.id, x.nextAlarmAt!]),
    );
    expect(timers).toEqual(armed);
  });

  test('every status code and event type has a Chinese and an English label; every event a payload schema', () => {
    for (const code of STATUS_CODES) expect(statusLabels[code].zh && statusLabels[code].en).toBeTruthy();
    for (const t of EVENT_TYPES) {
      expect(eventLabels[t].zh && eventLabels[t].en).toBeTruthy();
      expect(eventPayloadSchemas[t]).toBeDefined();
    }
  });

  test('allowedEvents lists what each party may send now', () => {
    const d = approved();
    expect(allowedEvents(d.snapshot, 'sending_officer', UNITS.sending)).toEqual([
      'posting.introduction.send',
    ]);
    expect(allowedEvents(d.snapshot, 'cadre', UNITS.receiving)).toEqual(['posting.party.transfer']);
    expect(allowedEvents(d.snapshot, 'receiving_officer', UNITS.receiving)).toEqual(
      expect.arrayContaining(['posting.post.arrange', 'posting.mentor.name', 'posting.arrival.confirm']),
    );
    expect(allowedEvents(d.snapshot, 'receiving_officer', UNITS.receiving)).not.toContain(
      'posting.appointment.file',
    );
    expect(allowedEvents(d.snapshot, 'receiving_officer', UNITS.other)).toEqual([]);
    expect(allowedEvents(d.snapshot, 'auditor', 'audit')).toEqual([]);
    expect(allowedEvents(d.snapshot, 'org_admin', UNITS.org)).toEqual(
      expect.arrayContaining(['admin.case.hold', 'admin.case.force', 'admin.deadline.extend']),
    );
  });

  test('in service the cadre is offered reports only once their window opens', () => {
    const d = posted();
    expect(allowedEvents(d.snapshot, 'cadre', UNITS.receiving)).toEqual(
      expect.arrayContaining(['service.leave.request', 'service.breach.report']),
    );
    expect(allowedEvents(d.snapshot, 'sending_officer', UNITS.sending)).not.toContain(
      'service.firstHalfRecord.provide',
    );
  });

  test('snapshot.can(event) agrees with the machine: true exactly when the event would be accepted', () => {
    const d = approved();
    const good = event('posting.mentor.name', P.mentor, d.now);
    const wrongRole = event('posting.mentor.name', P.mentor, d.now, actor('cadre'));
    const notOwed = event('posting.election.record', P.elected, d.now);
    for (const e of [good, wrongRole, notOwed])
      expect([e.type, e.actor.role, d.snapshot.can(e as never)]).toEqual([
        e.type,
        e.actor.role,
        advance(d.snapshot, e) !== null,
      ]);
    expect(d.snapshot.can(good as never)).toBe(true);
    expect(d.snapshot.can(wrongRole as never)).toBe(false);
  });

  test('a refused event leaves the snapshot unchanged: advance returns null', () => {
    const { snapshot } = start(nomination());
    expect(
      advance(snapshot, {
        ...event('approval.approve', P.approveWithQuota, '2026-01-06T00:00:00Z'),
        actor: actor('cadre'),
      }),
    ).toBeNull();
  });
});
