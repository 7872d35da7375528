// 延期: receiving unit asks, sending unit consents, organization department approves; re-plans.
import { openDuties, statusCode } from '../../../machines/secondment/v1';
import { days, ofType } from './support/driver';
import { posted } from './support/scenarios';

describe('extension (延期)', () => {
  test('asked by the receiving unit, consented by the sending unit, approved by the organization department', () => {
    // Arrange
    const d = posted();
    const oldEnd = d.ctx.termEnd!;
    // Act
    d.advance(days(200)).send('extension.request', { months: 6, reason: '项目未完成' });
    expect(statusCode(d.snapshot)).toBe('EXTENSION_REQUESTED');
    expect(d.duty('extension.consent').owner.role).toBe('sending_officer');
    d.send('extension.consent', { consent: true });
    expect(statusCode(d.snapshot)).toBe('EXTENSION_CONSENTED');
    const fx = d.send('extension.decide', { approved: true, reason: '工作需要' });
    // Assert: new end date, remaining reviews re-planned, term-end timer moved
    expect(statusCode(d.snapshot)).toBe('EXTENDED');
    expect(Date.parse(d.ctx.termEnd!)).toBeGreaterThan(Date.parse(oldEnd));
    const quarters = openDuties(d.snapshot)
      .filter((x) => x.kind === 'service.quarterly')
      .map((x) => x.key);
    expect(quarters).toEqual(expect.arrayContaining(['service.quarterly/5', 'service.quarterly/6']));
    expect(d.duty('service.halfYearAssessment/2')).toBeDefined();
    expect(d.duty('service.annualAssessment/1')).toBeDefined();
    const termEnd = d.duty('service.termEnd');
    expect(ofType(fx, 'deadline.set').find((s) => s.params.dutyId === termEnd.id)?.params.at).toBe(
      d.ctx.termEnd,
    );
  });

  test('the sending unit may refuse: the term is unchanged', () => {
    const d = posted();
    d.advance(days(200)).send('extension.request', { months: 6, reason: '项目未完成' });
    d.send('extension.consent', { consent: false, note: '原单位急需' });
    expect(statusCode(d.snapshot)).toBe('IN_SERVICE');
    expect(d.ctx.extensionMonths).toBe(0);
  });

  test('the organization department may refuse after consent', () => {
    const d = posted();
    d.advance(days(200)).send('extension.request', { months: 6, reason: '项目未完成' });
    d.send('extension.consent', { consent: true });
    d.send('extension.decide', { approved: false, reason: '名额有限' });
    expect(statusCode(d.snapshot)).toBe('IN_SERVICE');
  });

  test('only the receiving unit asks; the sending unit cannot ask to extend', () => {
    const d = posted();
    const r = d.refuse(
      'extension.request',
      { months: 3, reason: '想延长' },
      { id: 's', role: 'sending_officer', unit: d.ctx.sendingUnit },
    );
    expect(r.code).toBe('ROLE_FORBIDDEN');
    expect(r.message.zh).toContain('接收单位');
  });

  test('the total extension is capped by policy', () => {
    const d = posted();
    expect(d.refuse('extension.request', { months: 18, reason: '长期需要' }).rule).toBe('extension.limit');
  });

  test('an extension asked too close to the end of the term is refused', () => {
    const d = posted();
    d.advance(d.ctx.termEnd!).advance(-days(5));
    expect(d.refuse('extension.request', { months: 3, reason: '临时' }).rule).toBe('extension.lead');
  });

  test('the term ending while the request is pending lapses the request', () => {
    const d = posted();
    d.advance(days(200)).send('extension.request', { months: 6, reason: '项目未完成' });
    d.fire('service.termEnd');
    expect(statusCode(d.snapshot)).toBe('FINAL_ASSESSMENT');
    expect(d.ctx.extensionRequest).toBeNull();
    expect(d.ctx.duties.find((x) => x.kind === 'extension.consent')?.state).toBe('lapsed');
  });
});
