// 推荐与审批: rule facts only, eligibility, the quota as host facts, refusals that name the rule.
import {
  advance,
  checkEvent,
  secondmentInputSchema,
  start,
  statusCode,
} from '../../../machines/secondment/v2';
import { CaseDriver, days, ofType } from './support/driver';
import { P, UNITS, actor, intake, nomination } from './support/fixtures';

describe('nomination and approval (推荐与审批)', () => {
  test('the nomination carries rule facts only: a name or birth date is refused by the input schema', () => {
    const withName = {
      ...nomination(),
      cadre: { ...nomination().cadre, displayName: '张三', birthDate: '1992-03-14' },
    };
    const parsed = secondmentInputSchema.safeParse(withName);
    // zod strips unknown keys: the name never reaches the context
    expect(parsed.success && JSON.stringify(start(parsed.data).snapshot.context)).not.toContain('张三');
    expect(
      secondmentInputSchema.safeParse({ ...nomination(), cadre: { id: 'p1', rank: 'clerk' } }).success,
    ).toBe(false);
  });

  test('the organization department approves within the quota; the posting checklist opens', () => {
    const d = new CaseDriver(nomination());
    d.advance(days(3)).send('approval.approve', { facts: intake(1, 3) });
    expect(statusCode(d.snapshot)).toBe('POSTING');
    expect(d.ctx.approval).toMatchObject({ quota: 3, approvedBefore: 1, receivingUnitChanged: false });
    expect(ofType(d.effects, 'record')[0]?.params.payload).toMatchObject({
      intake: { quota: 3, approvedBefore: 1 },
    });
  });

  test('over quota the approval is refused naming the unit, the quota and the count (approval.quota)', () => {
    const d = new CaseDriver(nomination());
    const r = d.refuse('approval.approve', { facts: intake(3, 3) });
    expect(r.rule).toBe('approval.quota');
    expect(r.message.zh).toContain(`接收单位${UNITS.receiving}名额3人，已批准3人`);
    expect(r.message.en).toContain('quota of 3 and 3 already approved');
  });

  test('no stored allocation means no cap', () => {
    const d = new CaseDriver(nomination());
    d.send('approval.approve', { facts: intake(40, null) });
    expect(statusCode(d.snapshot)).toBe('POSTING');
  });

  test('without the host’s quota facts the machine refuses; the validator may judge everything else first', () => {
    const d = new CaseDriver(nomination());
    const e = d.make('approval.approve', {});
    expect(d.refuseRaw(e).rule).toBe('event.facts');
    expect(checkEvent(d.snapshot, e, { factsPending: true })).toEqual({ ok: true });
    expect(checkEvent(d.snapshot, { ...e, actor: actor('cadre') }, { factsPending: true })).toMatchObject({
      code: 'ROLE_FORBIDDEN',
    });
  });

  test('the organization department may post to another unit; the requested unit is told', () => {
    const d = new CaseDriver(nomination());
    const fx = d.send('approval.approve', { receivingUnit: UNITS.other, facts: intake() });
    expect(d.ctx.receivingUnit).toBe(UNITS.other);
    expect(
      ofType(fx, 'notify').find((n) => n.params.template === 'case.receivingUnitChanged')?.params.recipients,
    ).toEqual([{ role: 'receiving_officer', unit: UNITS.receiving }]);
    expect(d.duty('posting.party').owner.unit).toBe(UNITS.other);
  });

  test('an ineligible nominee (age by rank, grassroots principal post for 下派) can only be rejected', () => {
    const d = new CaseDriver(nomination({ cadre: { age: 41, heldGrassrootsPrincipalPost: true } }));
    expect(d.ctx.eligibility.failures.map((f) => f.code)).toEqual(['age', 'grassrootsPrincipal']);
    expect(d.refuse('approval.approve', P.approveWithQuota).rule).toBe('nomination.eligibility');
    d.send('approval.reject', { reason: '年龄超过规定' });
    expect(statusCode(d.snapshot)).toBe('REJECTED');
    expect(d.snapshot.status).toBe('done');
  });

  test('the sending unit may withdraw; nobody else', () => {
    const d = new CaseDriver(nomination());
    expect(d.refuse('nomination.withdraw', { reason: '工作需要' }, actor('receiving_officer')).code).toBe(
      'ROLE_FORBIDDEN',
    );
    expect(
      d.refuse('nomination.withdraw', { reason: '工作需要' }, actor('sending_officer', UNITS.other)).code,
    ).toBe('WRONG_UNIT');
    d.send('nomination.withdraw', { reason: '工作需要' });
    expect(statusCode(d.snapshot)).toBe('WITHDRAWN');
  });

  test('an event out of its phase, back in time, or malformed is refused and changes nothing', () => {
    const d = new CaseDriver(nomination());
    expect(d.refuse('posting.mentor.name', P.mentor).code).toBe('NOT_IN_STATE');
    expect(
      d.refuseRaw({ ...d.make('approval.reject', { reason: '名额' }), at: '2025-01-01T00:00:00Z' }).code,
    ).toBe('TIME_ORDER');
    expect(d.refuseRaw({ type: 'approval.reject', actor: actor('org_admin'), at: d.now }).code).toBe(
      'INVALID_EVENT',
    );
    expect(advance(d.snapshot, { type: 'nonsense' } as never)).toBeNull();
  });

  test('an auditor only reads; acting on behalf follows the practice', () => {
    const d = new CaseDriver(nomination());
    expect(d.refuse('approval.reject', { reason: '名额调整' }, actor('auditor')).code).toBe('READ_ONLY');
    const clerkForOther = { ...actor('sending_officer'), onBehalfOf: { ...actor('org_admin') } };
    expect(d.refuse('approval.reject', { reason: '名额调整' }, clerkForOther).code).toBe(
      'ON_BEHALF_FORBIDDEN',
    );
    const orgForSending = { ...actor('org_admin'), onBehalfOf: actor('sending_officer') };
    d.send('nomination.withdraw', { reason: '组织部代录' }, orgForSending);
    expect(ofType(d.effects, 'record')[0]?.params.onBehalfOf).toEqual(actor('sending_officer'));
  });
});
