// 挂职期间: a report belongs to its period (open only in its window), leave with 销假 and its effect,
// the sending unit's requests and a breach reported and followed up, rotation.
import { isWorkingDay } from '../../../machines/calendar';
import { inState, liveDuties, openDuties, statusCode } from '../../../machines/secondment/v2';
import { days, ofType } from './support/driver';
import { UNITS, actor, nomination } from './support/fixtures';
import { posted } from './support/scenarios';

const q = (quarter: number) => ({ quarter, study: '学习', work: '工作', life: '生活' });

describe('periodic reports belong to their period (定期汇报)', () => {
  test('at posting the quarterly reports are planned, not owed: none is open and none is on my duty list', () => {
    const d = posted();
    const quarterly = liveDuties(d.snapshot).filter((x) => x.kind === 'service.quarterly');
    expect(quarterly.map((x) => [x.key, x.state])).toEqual([
      ['service.quarterly/1', 'planned'],
      ['service.quarterly/2', 'planned'],
      ['service.quarterly/3', 'planned'],
      ['service.quarterly/4', 'planned'],
    ]);
    expect(openDuties(d.snapshot).some((x) => x.kind === 'service.quarterly')).toBe(false);
  });

  test('a quarter-3 report in term month 1 is refused; it opens 10 working days before its quarter ends', () => {
    const d = posted();
    d.advance(days(20));
    const r = d.refuse('service.quarterly.submit', q(3));
    expect(r.rule).toBe('service.reportWindow');
    const q3 = d.duty('service.quarterly/3');
    expect(r.message.zh).toContain(q3.opensAt ?? '');
    d.advance(q3.opensAt!);
    d.send('service.quarterly.submit', q(3));
    expect(d.ctx.duties.find((x) => x.key === 'service.quarterly/3')?.state).toBe('done');
  });

  test('the window’s alarm opens the duty and tells its owner; the ladder then runs to the due date', () => {
    const d = posted();
    const fx = d.fire('service.quarterly/1');
    expect(d.duty('service.quarterly/1').state).toBe('open');
    expect(ofType(fx, 'notify').map((n) => [n.params.template, n.params.recipients[0]?.role])).toEqual([
      ['duty.opened', 'cadre'],
    ]);
    const reminder = d.fire('service.quarterly/1');
    expect(ofType(reminder, 'notify')[0]?.params.template).toBe('duty.reminder');
  });

  test('a report for a period not in the term is refused', () => {
    const d = posted();
    expect(d.refuse('service.quarterly.submit', q(7)).rule).toBe('service.period');
  });
});

describe('leave (请销假)', () => {
  test('leave is decided by the receiving unit; once granted the cadre owes 销假 by the first working day after it', () => {
    const d = posted();
    d.advance(days(30)).send('service.leave.request', {
      from: '2026-04-30',
      to: '2026-05-06',
      reason: '探亲',
    });
    expect(d.duty('service.leaveDecision').owner.role).toBe('receiving_officer');
    d.send('service.leave.decide', { requestId: 'L1', approved: true });
    expect(inState(d.snapshot, { active: { serving: { attendance: 'onLeave' } } })).toBe(true);
    const back = d.duty('service.leaveReturn/L1');
    expect(back.owner).toEqual({ role: 'cadre', unit: UNITS.receiving, personId: d.ctx.cadre.id });
    // 2026: 1–5 May 劳动节, Thursday 7 May is the first working day after the leave
    expect(back.dueAt).toBe('2026-05-07T10:00:00.000Z');
  });

  test('a cadre who does not report back is escalated like any duty; 销假 late records the days over', () => {
    const d = posted();
    d.advance(days(30)).send('service.leave.request', {
      from: '2026-03-02',
      to: '2026-03-06',
      reason: '探亲',
    });
    d.send('service.leave.decide', { requestId: 'L1', approved: true });
    d.fire('service.leaveReturn/L1');
    const fx0 = d.fire('service.leaveReturn/L1');
    expect(d.duty('service.leaveReturn/L1').escalations.map((e) => e.step)).toEqual(['reminder', 'overdue']);
    // a cadre's missed duty is the sending unit's business too (两头管理)
    expect(ofType(fx0, 'notify')[0]?.params.recipients.map((r) => r.role)).toEqual([
      'cadre',
      'sending_officer',
    ]);
    d.advance('2026-03-11T09:00:00+08:00');
    const fx = d.send('service.leave.return', { requestId: 'L1', returnedOn: '2026-03-11' });
    expect(
      ofType(fx, 'notify').find((n) => n.params.template === 'case.leaveReturned')?.params,
    ).toMatchObject({
      vars: { overstayDays: 2 },
      recipients: expect.arrayContaining([{ role: 'org_admin', unit: UNITS.org }]) as unknown,
    });
    expect(inState(d.snapshot, { active: { serving: { attendance: 'present' } } })).toBe(true);
  });

  test('the cadre’s own duties falling due during the leave move past it by its working days', () => {
    const d = posted();
    d.fire('service.quarterly/1'); // opens the quarter-1 report
    const before = d.duty('service.quarterly/1');
    const due = before.dueAt.slice(0, 10);
    d.send('service.leave.request', { from: '2026-04-20', to: '2026-04-24', reason: '病假' });
    d.send('service.leave.decide', { requestId: 'L1', approved: true });
    const after = d.duty('service.quarterly/1');
    expect(due >= '2026-04-19' && due <= '2026-04-24').toBe(true);
    expect(Date.parse(after.dueAt)).toBeGreaterThan(Date.parse(before.dueAt));
    expect(isWorkingDay(d.ctx.calendar, after.dueAt, 480)).toBe(true);
    expect(after.basis?.workingDays).toBe((before.basis?.workingDays ?? 0) + 5);
  });

  test('one leave at a time, inside the term, ending after it starts', () => {
    const d = posted();
    expect(
      d.refuse('service.leave.request', { from: '2026-03-05', to: '2026-03-01', reason: '探亲' }).rule,
    ).toBe('service.leaveDates');
    expect(
      d.refuse('service.leave.request', { from: '2027-03-01', to: '2027-03-05', reason: '探亲' }).rule,
    ).toBe('service.leaveInTerm');
    d.send('service.leave.request', { from: '2026-03-02', to: '2026-03-03', reason: '探亲' });
    expect(
      d.refuse('service.leave.request', { from: '2026-03-09', to: '2026-03-10', reason: '探亲' }).rule,
    ).toBe('service.leaveOpen');
    expect(d.refuse('service.leave.decide', { requestId: 'L9', approved: true }).rule).toBe(
      'service.unknownRequest',
    );
  });
});

describe('the sending unit may not assign the cadre work (派出单位不得安排工作)', () => {
  test('a request to the secondment office is decided within a deadline', () => {
    const d = posted();
    d.send('service.sendingTask.request', { task: '参加年度预算编制', reason: '业务骨干' });
    expect(d.duty('service.sendingTaskDecision').owner.role).toBe('org_admin');
    d.send('service.sendingTask.decide', { requestId: 'T1', approved: false, note: '不影响挂职工作' });
    expect(d.ctx.sendingTasks[0]?.state).toBe('denied');
  });

  test('work assigned without approval can be reported; the sending unit must answer and the 组织部 follow up', () => {
    const d = posted();
    const fx = d.send('service.breach.report', { task: '回原单位值班一周', detail: '未经下派办批准' });
    expect(inState(d.snapshot, { active: { serving: { conduct: 'breachOpen' } } })).toBe(true);
    expect(ofType(fx, 'notify')[0]?.params.recipients).toEqual([
      { role: 'sending_officer', unit: UNITS.sending },
      { role: 'unit_head', unit: UNITS.sending },
      { role: 'org_admin', unit: UNITS.org },
    ]);
    expect(d.duty('service.breachResponse/B1').owner.role).toBe('sending_officer');
    expect(d.duty('service.breachFollowUp/B1').owner.role).toBe('org_admin');
    d.send('service.breach.respond', { breachId: 'B1', response: '已停止安排，今后严格执行' });
    const resolved = d.send('service.breach.resolve', { breachId: 'B1', upheld: true, measures: '通报批评' });
    expect(ofType(resolved, 'notify')[0]?.params.vars).toMatchObject({ result: '情况属实，责令整改' });
    expect(inState(d.snapshot, { active: { serving: { conduct: 'compliant' } } })).toBe(true);
    expect(d.ctx.breaches[0]?.state).toBe('upheld');
  });

  test('the receiving unit and the organization department may report too; a sending officer may not', () => {
    const d = posted();
    d.send(
      'service.breach.report',
      { task: '临时抽回参加检查', detail: '未请示' },
      actor('receiving_officer'),
    );
    expect(d.refuse('service.breach.report', { task: 'x', detail: 'y' }, actor('sending_officer')).code).toBe(
      'ROLE_FORBIDDEN',
    );
  });
});

describe('rotation (轮岗)', () => {
  test('only for long terms of a kind that rotates', () => {
    const short = posted();
    const post = { title: '镇长助理', level: 'deputy_section' as const, portfolio: '安全生产' };
    expect(short.refuse('service.post.rotate', post).rule).toBe('service.rotation');
    const long = posted(nomination({ termMonths: 24 }));
    expect(ofType(long.send('service.post.rotate', post), 'personnelFile')[0]?.params.kind).toBe('rotation');
    expect(statusCode(long.snapshot)).toBe('IN_SERVICE');
  });
});
