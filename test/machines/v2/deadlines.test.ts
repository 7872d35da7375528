// Deadlines and interventions: the ladder, stale alarms, extend, waive, reassign, hold/resume by
// working days (never onto a holiday), forced transitions along the policy's edges.
import { isWorkingDay } from '../../../machines/calendar';
import { inState, liveDuties, openDuties, statusCode } from '../../../machines/secondment/v2';
import { CaseDriver, days, ofType } from './support/driver';
import { P, UNITS, actor, nomination } from './support/fixtures';
import { approved, posted, returning } from './support/scenarios';

describe('deadlines and escalation (期限与督办)', () => {
  test('each ladder step notifies the right party: owner, owner’s unit head, organization department', () => {
    const d = approved();
    const steps: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const n = ofType(d.fire('posting.mentor'), 'notify')[0];
      steps.push(`${n?.params.template}:${n?.params.recipients[0]?.role}`);
    }
    expect(steps).toEqual([
      'duty.reminder:receiving_officer',
      'duty.overdue:receiving_officer',
      'duty.escalated.unitHead:unit_head',
      'duty.escalated.orgDept:org_admin',
      'duty.stuck:org_admin',
    ]);
    expect(d.duty('posting.mentor')).toMatchObject({ stuck: true, nextAlarmAt: null });
  });

  test('a late alarm takes every step that has come due, in order', () => {
    const d = approved();
    const duty = d.duty('posting.mentor');
    d.advance(days(60)).send('deadline.reached', { dutyId: duty.id }, actor('system'));
    expect(d.duty('posting.mentor').escalations.map((e) => e.step)).toEqual([
      'reminder',
      'overdue',
      'unitHead',
      'orgDept',
      'stuck',
    ]);
  });

  test('an early or unknown alarm is refused and changes nothing', () => {
    const d = approved();
    expect(d.refuse('deadline.reached', { dutyId: d.duty('posting.mentor').id }, actor('system')).code).toBe(
      'STALE_ALARM',
    );
    expect(d.refuse('deadline.reached', { dutyId: 'd99:none' }, actor('system')).code).toBe('UNKNOWN_DUTY');
  });

  test('every due date under a working-day rule lands on a working day', () => {
    const d = posted();
    for (const x of liveDuties(d.snapshot).filter((y) => y.basis !== null))
      expect([x.key, isWorkingDay(d.ctx.calendar, x.dueAt, 480)]).toEqual([x.key, true]);
  });
});

describe('interventions (干预)', () => {
  test('extending a stuck duty clears stuck and restarts the ladder; the term end cannot be extended this way', () => {
    const d = approved();
    for (let i = 0; i < 5; i += 1) d.fire('posting.mentor');
    const id = d.duty('posting.mentor').id;
    d.send('admin.deadline.extend', { dutyId: id, until: '2026-03-01T18:00:00+08:00', reason: '人员调整' });
    expect(d.duty('posting.mentor')).toMatchObject({ stuck: false, ladder: 0, basis: null });
    const s = posted();
    expect(
      s.refuse('admin.deadline.extend', {
        dutyId: s.duty('service.termEnd').id,
        until: '2027-06-01T00:00:00+08:00',
        reason: '延长',
      }).rule,
    ).toBe('admin.milestone');
  });

  test('waiving the last open checklist item completes posting; evidence can never be waived', () => {
    const d = approved();
    d.advance(days(1)).send('posting.post.arrange', P.arrange);
    d.send('posting.appointment.file', P.appointment);
    d.send('posting.party.transfer', P.party);
    d.send('posting.introduction.send', P.intro);
    d.send('posting.duties.assign', P.duties);
    d.send('posting.arrival.confirm', P.arrival('2026-01-09'));
    expect(
      d.refuse('admin.duty.waive', {
        dutyId: d.ctx.duties.find((x) => x.kind === 'approval.decide')!.id,
        reason: '已审批',
      }).rule,
    ).toBe('admin.unknownDuty');
    d.send('admin.duty.waive', { dutyId: d.duty('posting.mentor').id, reason: '本镇暂无合适人选' });
    expect(statusCode(d.snapshot)).toBe('IN_SERVICE');
  });

  test('a reassigned duty may be discharged by its new owner', () => {
    const d = approved();
    d.send('admin.duty.reassign', {
      dutyId: d.duty('posting.introduction').id,
      owner: { role: 'org_admin', unit: UNITS.org },
      reason: '派出单位人员调整，组织部代办',
    });
    d.send('posting.introduction.send', P.intro, actor('org_admin'));
    expect(d.ctx.posting.introductionLetter).toBe(P.intro.letterNo);
  });

  test('hold pauses every alarm and opens a review; resume returns to the same regions and shifts due dates by working days', () => {
    const d = posted();
    d.send('service.leave.request', { from: '2026-02-02', to: '2026-02-03', reason: '探亲' });
    d.send('service.leave.decide', { requestId: 'L1', approved: true });
    const before = d.duty('service.quarterly/1');
    d.advance('2026-01-30T10:00:00+08:00').send('admin.case.hold', { reason: '干部病假' });
    expect(statusCode(d.snapshot)).toBe('ON_HOLD');
    expect(
      openDuties(d.snapshot)
        .filter((x) => x.kind !== 'hold.review')
        .every((x) => x.nextAlarmAt === null),
    ).toBe(true);
    expect(d.duty('hold.review').owner.role).toBe('org_admin');
    // on hold over 春节 2026 (15–23 February off, Saturday 14 February worked): 11 working days of 21 calendar days
    d.advance('2026-02-20T10:00:00+08:00');
    const fx = d.send('admin.case.resume', { reason: '病愈返岗' });
    expect(
      ofType(fx, 'notify').find((n) => n.params.template === 'case.resumed')?.params.vars.heldWorkingDays,
    ).toBe(11);
    expect(inState(d.snapshot, { active: { serving: { attendance: 'onLeave', term: 'regular' } } })).toBe(
      true,
    );
    const after = d.duty('service.quarterly/1');
    expect(after.basis?.workingDays).toBe((before.basis?.workingDays ?? 0) + 11);
    expect(isWorkingDay(d.ctx.calendar, after.dueAt, 480)).toBe(true);
    expect(Date.parse(d.ctx.termEnd!) - Date.parse(posted().ctx.termEnd!)).toBe(d.ctx.heldMs);
  });

  test('forced transitions only along the policy’s edges', () => {
    const d = posted();
    expect(d.refuse('admin.case.force', { to: 'TRACKING', reason: '测试' }).code).toBe('NOT_IN_STATE');
    d.send('admin.case.force', { to: 'FINAL_ASSESSMENT', reason: '提前结束' });
    expect(statusCode(d.snapshot)).toBe('FINAL_ASSESSMENT');
    const strict = new CaseDriver(
      nomination({ policy: { ...(posted().ctx.policy as object), forcedTransitions: [] } as never }),
    );
    strict.advance(days(3)).send('approval.approve', P.approveWithQuota);
    expect(strict.refuse('admin.case.force', { to: 'WITHDRAWN', reason: '未到位' }).rule).toBe(
      'admin.forceEdge',
    );
    const r = returning();
    r.send('admin.case.force', { to: 'TRACKING', reason: '已实际返回' });
    expect(statusCode(r.snapshot)).toBe('TRACKING');
  });

  test('only the organization department intervenes, with a reason', () => {
    const d = posted();
    expect(d.refuse('admin.case.hold', { reason: '干部病假' }, actor('sending_officer')).code).toBe(
      'ROLE_FORBIDDEN',
    );
    expect(d.refuseRaw({ ...d.make('admin.case.hold', { reason: 'x' }), reason: '' }).code).toBe(
      'INVALID_EVENT',
    );
  });
});
