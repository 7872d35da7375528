// Deadlines and interventions: the ladder, stale alarms, extend, waive, reassign, hold/resume, force.
import { openDuties, statusCode } from '../../../machines/secondment/v1';
import { days, ofType } from './support/driver';
import { P, UNITS, actor, nomination } from './support/fixtures';
import { approved, posted, returning } from './support/scenarios';

describe('deadlines and escalation (期限与督办)', () => {
  test('each ladder step notifies the right party: owner, owner’s unit head, organization department', () => {
    const d = approved();
    const templates: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const fx = d.fire('posting.mentor');
      const n = ofType(fx, 'notify')[0];
      templates.push(`${n?.params.template}:${n?.params.recipients[0]?.role}`);
    }
    expect(templates).toEqual([
      'duty.reminder:receiving_officer',
      'duty.overdue:receiving_officer',
      'duty.escalated.unitHead:unit_head',
      'duty.escalated.orgDept:org_admin',
      'duty.stuck:org_admin',
    ]);
  });

  test('an overdue cadre report is also told to the sending unit (两头管理)', () => {
    const d = posted();
    d.fire('service.quarterly/1');
    const fx = d.fire('service.quarterly/1');
    expect(ofType(fx, 'notify')[0]?.params.recipients.map((r) => r.role)).toEqual([
      'cadre',
      'sending_officer',
    ]);
    expect(ofType(fx, 'searchAttributes')[0]?.params.overdue).toBe(true);
  });

  test('a late alarm takes every step that has come due, in order', () => {
    const d = approved();
    const duty = d.duty('posting.mentor');
    d.advance(days(60));
    d.send('deadline.reached', { dutyId: duty.id }, actor('system'));
    const after = d.ctx.duties.find((x) => x.id === duty.id);
    expect(after?.escalations.map((e) => e.step)).toEqual([
      'reminder',
      'overdue',
      'unitHead',
      'orgDept',
      'stuck',
    ]);
  });

  test('an early or stale alarm is refused and changes nothing', () => {
    const d = approved();
    const duty = d.duty('posting.mentor');
    expect(d.refuse('deadline.reached', { dutyId: duty.id }, actor('system')).code).toBe('STALE_ALARM');
    expect(d.refuse('deadline.reached', { dutyId: 'd999:nope' }, actor('system')).code).toBe('UNKNOWN_DUTY');
  });

  test('only the system sends deadline alarms', () => {
    const d = approved();
    const duty = d.duty('posting.mentor');
    d.advance(duty.nextAlarmAt!);
    expect(d.refuse('deadline.reached', { dutyId: duty.id }, actor('org_admin')).code).toBe('ROLE_FORBIDDEN');
  });

  test('the organization department extends a stuck duty: the ladder restarts from the new due date', () => {
    const d = approved();
    for (let i = 0; i < 5; i += 1) d.fire('posting.mentor');
    const duty = d.duty('posting.mentor');
    const until = new Date(Date.parse(d.now) + days(20)).toISOString();
    const fx = d.send('admin.deadline.extend', { dutyId: duty.id, until, reason: '接收单位领导调整' });
    const after = d.duty('posting.mentor');
    expect(after).toMatchObject({ stuck: false, dueAt: until, ladder: 0 });
    expect(after.escalations).toHaveLength(5);
    expect(ofType(fx, 'deadline.set')[0]?.params).toEqual({ dutyId: duty.id, at: after.nextAlarmAt });
    expect(ofType(fx, 'record')[0]?.params.reason).toBe('接收单位领导调整');
  });

  test('a deadline can only be moved later, and the term end only through an extension', () => {
    const d = posted();
    const q1 = d.duty('service.quarterly/1');
    expect(d.refuse('admin.deadline.extend', { dutyId: q1.id, until: d.now, reason: '提前' }).rule).toBe(
      'admin.later',
    );
    const end = d.duty('service.termEnd');
    expect(
      d.refuse('admin.deadline.extend', { dutyId: end.id, until: '2030-01-01T00:00:00Z', reason: '延长' })
        .rule,
    ).toBe('admin.milestone');
  });

  test('interventions need a reason', () => {
    const d = posted();
    const q1 = d.duty('service.quarterly/1');
    expect(
      d.refuseRaw({ type: 'admin.duty.waive', actor: actor('org_admin'), at: d.now, dutyId: q1.id }).code,
    ).toBe('INVALID_EVENT');
  });

  test('waiving a waivable duty closes it and clears its timer', () => {
    const d = posted();
    const q1 = d.duty('service.quarterly/1');
    const fx = d.send('admin.duty.waive', { dutyId: q1.id, reason: '病假期间免报' });
    expect(d.ctx.duties.find((x) => x.id === q1.id)?.state).toBe('waived');
    expect(ofType(fx, 'deadline.clear')).toEqual([{ type: 'deadline.clear', params: { dutyId: q1.id } }]);
  });

  test('arrival and the final inputs can never be waived', () => {
    const d = approved();
    const r = d.refuse('admin.duty.waive', { dutyId: d.duty('posting.arrival').id, reason: '特殊' });
    expect(r.rule).toBe('admin.notWaivable');
  });

  test('waiving the last open posting item completes the checklist', () => {
    const d = approved();
    d.send('posting.post.arrange', P.arrange);
    d.send('posting.appointment.file', P.appointment);
    d.send('posting.party.transfer', P.party);
    d.send('posting.introduction.send', P.intro);
    d.send('posting.duties.assign', P.duties);
    d.send('posting.arrival.confirm', P.arrival(d.now.slice(0, 10)));
    d.send('admin.duty.waive', { dutyId: d.duty('posting.mentor').id, reason: '镇党委书记直接带教' });
    expect(statusCode(d.snapshot)).toBe('IN_SERVICE');
  });

  test('a reassigned duty escalates to its new owner, who may then perform it', () => {
    const d = approved();
    const mentor = d.duty('posting.mentor');
    d.send('admin.duty.reassign', {
      dutyId: mentor.id,
      owner: { role: 'org_admin', unit: UNITS.org },
      reason: '接收单位无合适人选',
    });
    const fx = d.fire('posting.mentor');
    expect(ofType(fx, 'notify')[0]?.params.recipients).toEqual([{ role: 'org_admin', unit: UNITS.org }]);
    d.send('posting.mentor.name', P.mentor, actor('org_admin'));
    expect(d.ctx.posting.mentor?.name).toBe(P.mentor.mentorName);
  });

  test('hold pauses every alarm; resume shifts due dates and the term by the time on hold', () => {
    const d = posted();
    const q1Before = d.duty('service.quarterly/1').dueAt;
    const endBefore = d.ctx.termEnd!;
    const held = d.advance(days(10)).send('admin.case.hold', { reason: '干部病休' });
    expect(statusCode(d.snapshot)).toBe('ON_HOLD');
    const paused = openDuties(d.snapshot).filter((x) => x.kind !== 'hold.review');
    expect(paused.every((x) => x.nextAlarmAt === null && x.pausedAt !== null)).toBe(true);
    expect(ofType(held, 'deadline.clear').length).toBe(paused.length);
    expect(d.duty('hold.review').nextAlarmAt).not.toBeNull();
    d.advance(days(30)).send('admin.case.resume', { reason: '病愈返岗' });
    expect(statusCode(d.snapshot)).toBe('IN_SERVICE');
    expect(Date.parse(d.duty('service.quarterly/1').dueAt) - Date.parse(q1Before)).toBe(days(30));
    expect(Date.parse(d.ctx.termEnd!) - Date.parse(endBefore)).toBe(days(30));
    expect(openDuties(d.snapshot).every((x) => x.nextAlarmAt !== null || x.stuck)).toBe(true);
  });

  test('forced transitions only along edges the policy allows', () => {
    const d = posted();
    const r = d.refuse('admin.case.force', { to: 'CLOSED_RETURNED', reason: '直接结束' });
    expect(r.rule).toBe('admin.forceEdge');
    expect(r.message.zh).toContain('IN_SERVICE->FINAL_ASSESSMENT');
    d.send('admin.case.force', { to: 'FINAL_ASSESSMENT', reason: '任期调整提前结束' });
    expect(statusCode(d.snapshot)).toBe('FINAL_ASSESSMENT');
  });

  test('a policy without forced edges refuses every force', () => {
    const d = approved(
      nomination({ policy: { ...posted().ctx.policy, id: 'strict', forcedTransitions: [] } }),
    );
    expect(d.refuse('admin.case.force', { to: 'WITHDRAWN', reason: '未到位' }).rule).toBe('admin.forceEdge');
  });

  test('forcing a returning case into tracking lapses the remaining return steps', () => {
    const d = returning();
    d.send('admin.case.force', { to: 'TRACKING', reason: '已实际回原单位' });
    expect(statusCode(d.snapshot)).toBe('TRACKING');
    expect(d.ctx.duties.filter((x) => x.kind.startsWith('return.')).every((x) => x.state === 'lapsed')).toBe(
      true,
    );
  });

  test('only the organization department intervenes', () => {
    const d = posted();
    expect(d.refuse('admin.case.hold', { reason: '我方要求' }, actor('receiving_officer')).code).toBe(
      'ROLE_FORBIDDEN',
    );
  });
});
