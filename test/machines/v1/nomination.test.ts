// 推荐与审批: eligibility, quota, who may decide, and refusals that name the rule and the role.
import { statusCode } from '../../../machines/secondment/v1';
import { CaseDriver, days, ofType } from './support/driver';
import { P, UNITS, actor, nomination } from './support/fixtures';

describe('nomination and approval (推荐与审批)', () => {
  test('a nomination opens a decision duty for the organization department with a deadline', () => {
    // Arrange / Act
    const d = new CaseDriver(nomination());
    // Assert
    expect(statusCode(d.snapshot)).toBe('NOMINATED');
    const duty = d.duty('approval.decide');
    expect(duty.owner).toEqual({ role: 'org_admin', unit: UNITS.org });
    expect(duty.nextAlarmAt).not.toBeNull();
    expect(ofType(d.effects, 'record')).toHaveLength(1);
    expect(ofType(d.effects, 'deadline.set')[0]?.params.dutyId).toBe(duty.id);
  });

  test('the organization department approves when intake is below quota; the posting checklist opens', () => {
    const d = new CaseDriver(nomination());
    const fx = d.advance(days(2)).send('approval.approve', P.approve);
    expect(statusCode(d.snapshot)).toBe('POSTING');
    expect(ofType(fx, 'record')[0]?.params).toMatchObject({ fromState: 'NOMINATED', toState: 'POSTING' });
    expect(d.duty('posting.arrival').owner.role).toBe('receiving_officer');
    expect(d.duty('posting.introduction').owner.role).toBe('sending_officer');
    expect(d.duty('posting.party').owner.role).toBe('cadre');
  });

  test('approval is refused when the receiving unit has reached its quota (名额已满)', () => {
    const d = new CaseDriver(nomination());
    const r = d.refuse('approval.approve', { intake: { approved: 3, quota: 3 } });
    expect(r.rule).toBe('approval.quota');
    expect(r.message.zh).toContain('名额3人');
  });

  test('the receiving unit may not be the sending unit', () => {
    const d = new CaseDriver(nomination());
    expect(d.refuse('approval.approve', { ...P.approve, receivingUnit: UNITS.sending }).rule).toBe(
      'approval.unit',
    );
  });

  test('the organization department may post the cadre to another unit than requested', () => {
    const d = new CaseDriver(nomination());
    const fx = d.send('approval.approve', { ...P.approve, receivingUnit: UNITS.other });
    expect(d.ctx.receivingUnit).toBe(UNITS.other);
    expect(d.duty('posting.mentor').owner.unit).toBe(UNITS.other);
    const told = ofType(fx, 'notify').find((n) => n.params.template === 'case.receivingUnitChanged');
    expect(told?.params.recipients).toEqual([{ role: 'receiving_officer', unit: UNITS.receiving }]);
  });

  test('a nominee above the age limit for the rank cannot be approved, only rejected', () => {
    const d = new CaseDriver(nomination({ cadre: { birthDate: '1980-01-01', rank: 'deputy_section' } }));
    expect(d.ctx.eligibility.ok).toBe(false);
    const r = d.refuse('approval.approve', P.approve);
    expect(r.rule).toBe('nomination.eligibility');
    expect(r.message.zh).toContain('年龄上限35岁');
    d.send('approval.reject', { reason: '年龄超过选派条件' });
    expect(statusCode(d.snapshot)).toBe('REJECTED');
  });

  test('下派 requires never having held a principal post at the grassroots', () => {
    const d = new CaseDriver(nomination({ kind: 'down', cadre: { heldGrassrootsPrincipalPost: true } }));
    expect(d.ctx.eligibility.failures.map((f) => f.code)).toContain('grassrootsPrincipal');
  });

  test('competitive selection below the minimum combined exam and interview score is ineligible', () => {
    const d = new CaseDriver(
      nomination({ source: { type: 'competitive', examScore: 50, interviewScore: 60 } }),
    );
    expect(d.ctx.eligibility.failures.map((f) => f.code)).toEqual(['competitiveScore']);
  });

  test('a term outside the kind’s range is ineligible', () => {
    const d = new CaseDriver(nomination({ kind: 'deployment', termMonths: 36 }));
    expect(d.ctx.eligibility.failures.map((f) => f.code)).toEqual(['term']);
  });

  test('rejection needs a reason', () => {
    const d = new CaseDriver(nomination());
    const r = d.refuseRaw({ type: 'approval.reject', actor: actor('org_admin'), at: d.now, reason: '' });
    expect(r.code).toBe('INVALID_EVENT');
    expect(r.rule).toBe('event.schema');
  });

  test('the sending unit may withdraw its nomination; the case closes and its duties lapse', () => {
    const d = new CaseDriver(nomination());
    const fx = d.send('nomination.withdraw', { reason: '工作需要' });
    expect(statusCode(d.snapshot)).toBe('WITHDRAWN');
    expect(d.snapshot.status).toBe('done');
    expect(ofType(fx, 'deadline.clear')).toHaveLength(1);
    expect(d.ctx.duties.every((x) => x.state !== 'open')).toBe(true);
  });

  test('only the organization department approves: a sending officer is refused by role', () => {
    const d = new CaseDriver(nomination());
    const r = d.refuse('approval.approve', P.approve, actor('sending_officer'));
    expect(r.code).toBe('ROLE_FORBIDDEN');
    expect(r.message.zh).toContain('组织部');
    expect(r.message.zh).toContain('派出单位无权执行');
  });

  test('another county’s organization department is refused by unit', () => {
    const d = new CaseDriver(nomination());
    const r = d.refuse('approval.approve', P.approve, actor('org_admin', 'county.x.org'));
    expect(r.code).toBe('WRONG_UNIT');
    expect(r.rule).toBe('unit.binding');
  });

  test('another sending unit cannot withdraw this nomination', () => {
    const d = new CaseDriver(nomination());
    expect(
      d.refuse('nomination.withdraw', { reason: '误报' }, actor('sending_officer', 'city.other')).code,
    ).toBe('WRONG_UNIT');
  });

  test('an auditor can never change a case', () => {
    const d = new CaseDriver(nomination());
    expect(d.refuse('approval.reject', { reason: '测试' }, actor('auditor')).code).toBe('READ_ONLY');
  });

  test('the organization department may enter a step on behalf of another party; the audit names both', () => {
    const d = new CaseDriver(nomination());
    const by = { ...actor('org_admin'), onBehalfOf: actor('sending_officer') };
    const fx = d.send('nomination.withdraw', { reason: '派出单位电话告知撤回' }, by);
    expect(ofType(fx, 'record')[0]?.params).toMatchObject({
      actor: { role: 'org_admin' },
      onBehalfOf: { role: 'sending_officer', unit: UNITS.sending },
      reason: '派出单位电话告知撤回',
    });
  });

  test('a receiving officer cannot act on behalf of the sending unit', () => {
    const d = new CaseDriver(nomination());
    const by = { ...actor('receiving_officer'), onBehalfOf: actor('sending_officer') };
    expect(d.refuse('nomination.withdraw', { reason: '代撤回' }, by).code).toBe('ON_BEHALF_FORBIDDEN');
  });

  test('an event in the wrong phase is refused with the phase named', () => {
    const d = new CaseDriver(nomination());
    const r = d.refuse('final.grade.decide', {});
    expect(r.code).toBe('NOT_IN_STATE');
    expect(r.message.zh).toContain('已推荐，待组织部审批');
  });

  test('events may not go back in time', () => {
    const d = new CaseDriver(nomination());
    const r = d.refuseRaw({
      type: 'approval.reject',
      actor: actor('org_admin'),
      at: '2025-12-01T00:00:00Z',
      reason: '过早',
    });
    expect(r.rule).toBe('time.order');
  });
});
