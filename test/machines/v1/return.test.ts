// 返回或提拔: handover, party relation returned, back at the original post, tracking; or promotion.
import { statusCode } from '../../../machines/secondment/v1';
import { days, ofType } from './support/driver';
import { P, nomination } from './support/fixtures';
import { graded, returning, tracking } from './support/scenarios';

describe('return, tracking and promotion (返回、跟踪培养、提拔)', () => {
  test('return opens handover (cadre), party return (cadre) and back-at-post (sending unit)', () => {
    const d = returning();
    expect(statusCode(d.snapshot)).toBe('RETURNING');
    expect(d.duty('return.handover').owner.role).toBe('cadre');
    expect(d.duty('return.party').owner.role).toBe('cadre');
    expect(d.duty('return.post').owner.role).toBe('sending_officer');
  });

  test('tracking starts only when every return step is done', () => {
    const d = returning();
    d.send('return.handover.complete', { receivedBy: '王五', summary: '交接' });
    d.send('return.post.resume', { post: '原岗位' });
    expect(statusCode(d.snapshot)).toBe('RETURNING');
    d.send('return.party.return', P.party);
    expect(statusCode(d.snapshot)).toBe('TRACKING');
    expect(d.duty('tracking.review').owner.role).toBe('sending_officer');
  });

  test('a non-CPC cadre has no party relation to return and reaches tracking without it', () => {
    const d = tracking(nomination({ cadre: { cpcMember: false } }));
    expect(statusCode(d.snapshot)).toBe('TRACKING');
  });

  test('tracking cannot be closed before the tracking period ends', () => {
    const d = tracking();
    expect(d.refuse('tracking.review.submit', { summary: '良好' }).rule).toBe('tracking.period');
    d.advance(days(370));
    d.send('tracking.review.submit', { summary: '良好' });
    expect(statusCode(d.snapshot)).toBe('CLOSED_RETURNED');
  });

  test('promotion on return is decided instead of the return', () => {
    const d = graded();
    const fx = d.send('promotion.decide', P.promotion);
    expect(statusCode(d.snapshot)).toBe('CLOSED_PROMOTED');
    expect(ofType(fx, 'personnelFile')[0]?.params.content).toMatchObject({ phase: 'ASSESSED' });
  });

  test('promotion during tracking (同等条件优先) closes the case as promoted', () => {
    const d = tracking();
    d.send('promotion.decide', P.promotion);
    expect(statusCode(d.snapshot)).toBe('CLOSED_PROMOTED');
  });

  test('a closed case refuses every further step', () => {
    const d = graded();
    d.send('promotion.decide', P.promotion);
    expect(d.refuse('return.start', {}).code).toBe('CASE_CLOSED');
  });
});
