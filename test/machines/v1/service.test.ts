// 挂职期间: periodic reviews anchored to the posting date, leave, rotation, recall, promotion.
import { addTermMonths, defaultPolicy, openDuties, statusCode } from '../../../machines/secondment/v1';
import { days, ofType } from './support/driver';
import { P, UNITS, actor, nomination } from './support/fixtures';
import { posted } from './support/scenarios';

const keys = (d: ReturnType<typeof posted>, kind: string) =>
  openDuties(d.snapshot)
    .filter((x) => x.kind === kind)
    .map((x) => x.key);

describe('service (挂职期间)', () => {
  test('a one-year term plans four quarterly reports anchored to the posting date', () => {
    const d = posted();
    expect(keys(d, 'service.quarterly')).toEqual([
      'service.quarterly/1',
      'service.quarterly/2',
      'service.quarterly/3',
      'service.quarterly/4',
    ]);
    const q1 = d.duty('service.quarterly/1');
    expect(q1.periodEnd).toBe(addTermMonths(d.ctx.postedAt!, 3, defaultPolicy));
    expect(q1.owner.role).toBe('cadre');
  });

  test('half-year report, half-year assessment and sending-unit contact are planned; the last half-year is the final assessment', () => {
    const d = posted();
    expect(keys(d, 'service.halfYearReport')).toEqual(['service.halfYearReport/1']);
    expect(d.duty('service.halfYearAssessment/1').owner).toEqual({ role: 'org_admin', unit: UNITS.org });
    expect(d.duty('service.contact/1').owner.role).toBe('sending_officer');
  });

  test('a quarterly report goes to the sending unit and the organization department', () => {
    const d = posted();
    const fx = d.send('service.quarterly.submit', { quarter: 1, study: '学习', work: '工作', life: '生活' });
    const recipients = ofType(fx, 'notify').find((n) => n.params.template === 'case.reportReceived')?.params
      .recipients;
    expect(recipients).toEqual([
      { role: 'sending_officer', unit: UNITS.sending },
      { role: 'org_admin', unit: UNITS.org },
    ]);
    expect(ofType(fx, 'deadline.clear').map((c) => c.params.dutyId)).toContain(
      d.ctx.duties.find((x) => x.key === 'service.quarterly/1')?.id,
    );
  });

  test('a report for a quarter not in the term is refused', () => {
    const d = posted();
    expect(d.refuse('service.quarterly.submit', { quarter: 7, study: 'a', work: 'b', life: 'c' }).rule).toBe(
      'service.period',
    );
  });

  test('the half-year assessment goes into the personnel file and is fed back', () => {
    const d = posted();
    const fx = d.send('service.halfYear.assess', {
      half: 1,
      grade: 'competent',
      score: 84,
      feedback: '加强调研',
    });
    expect(ofType(fx, 'personnelFile')[0]?.params).toMatchObject({
      kind: 'halfYearAssessment',
      content: { grade: 'competent' },
    });
    expect(
      ofType(fx, 'notify')
        .find((n) => n.params.template === 'case.feedback')
        ?.params.recipients.map((r) => r.role),
    ).toEqual(['cadre', 'sending_officer', 'receiving_officer']);
  });

  test('no annual assessment when the term does not exceed a year', () => {
    const d = posted();
    expect(
      d.refuse('service.annual.assess', { year: 1, grade: 'excellent', score: 90, comment: '好' }).rule,
    ).toBe('service.longTermOnly');
  });

  test('a long term has an annual assessment that waits for the sending unit’s first-half record', () => {
    const d = posted(nomination({ termMonths: 24 }));
    expect(d.duty('service.annualAssessment/1').owner.role).toBe('receiving_officer');
    const r = d.refuse('service.annual.assess', { year: 1, grade: 'excellent', score: 90, comment: '好' });
    expect(r.rule).toBe('service.firstHalfRecord');
    d.send('service.firstHalfRecord.provide', { summary: '上半年表现良好' }, actor('sending_officer'));
    const fx = d.send('service.annual.assess', { year: 1, grade: 'excellent', score: 90, comment: '好' });
    expect(ofType(fx, 'personnelFile')[0]?.params.kind).toBe('annualAssessment');
  });

  test('leave is requested by the cadre and decided by the receiving unit within a deadline', () => {
    const d = posted();
    d.send('service.leave.request', { from: '2026-03-01', to: '2026-03-03', reason: '探亲' });
    const duty = d.duty('service.leaveDecision');
    expect(duty.owner.role).toBe('receiving_officer');
    expect(
      d.refuse('service.leave.decide', { requestId: 'L1', approved: true }, actor('sending_officer')).code,
    ).toBe('ROLE_FORBIDDEN');
    d.send('service.leave.decide', { requestId: 'L1', approved: true });
    expect(d.ctx.leaves[0]?.state).toBe('approved');
  });

  test('leave must end after it starts; unknown requests are refused', () => {
    const d = posted();
    expect(
      d.refuse('service.leave.request', { from: '2026-03-05', to: '2026-03-01', reason: '探亲' }).rule,
    ).toBe('service.leaveDates');
    expect(d.refuse('service.leave.decide', { requestId: 'L9', approved: true }).rule).toBe(
      'service.unknownRequest',
    );
  });

  test('the sending unit must ask the secondment office before using the cadre', () => {
    const d = posted();
    d.send('service.sendingTask.request', { task: '参加年度预算编制', reason: '业务骨干' });
    expect(d.duty('service.sendingTaskDecision').owner.role).toBe('org_admin');
    d.send('service.sendingTask.decide', { requestId: 'T1', approved: false, note: '不影响挂职工作' });
    expect(d.ctx.sendingTasks[0]?.state).toBe('denied');
  });

  test('rotation between posts (轮岗) only for long terms', () => {
    const short = posted();
    expect(
      short.refuse('service.post.rotate', {
        title: '镇长助理',
        level: 'deputy_section',
        portfolio: '安全生产',
      }).rule,
    ).toBe('service.rotation');
    const long = posted(nomination({ termMonths: 24 }));
    const fx = long.send('service.post.rotate', {
      title: '镇长助理',
      level: 'deputy_section',
      portfolio: '安全生产',
    });
    expect(ofType(fx, 'personnelFile')[0]?.params.kind).toBe('rotation');
  });

  test('rotation is refused for a kind that does not rotate (上挂)', () => {
    const d = posted(nomination({ kind: 'up', termMonths: 24 }));
    expect(
      d.refuse('service.post.rotate', { title: '科员', level: 'clerk', portfolio: '综合文字' }).message.en,
    ).toContain('no rotation');
  });

  test('recall for a mandated campaign needs the mandate reference and ends the case', () => {
    const d = posted();
    expect(d.refuse('recall.request', { ground: 'campaign', reason: '专项任务' }).rule).toBe('recall.ground');
    const fx = d.send('recall.request', {
      ground: 'campaign',
      reference: '区委〔2026〕5号',
      reason: '拆迁安置专项',
    });
    expect(statusCode(d.snapshot)).toBe('RECALLED');
    expect(ofType(fx, 'personnelFile')[0]?.params.kind).toBe('recall');
  });

  test('recall for promotion is allowed with the promotion decision', () => {
    const d = posted();
    d.send('recall.request', { ground: 'promotion', reference: '县委〔2026〕9号', reason: '提拔为科长' });
    expect(statusCode(d.snapshot)).toBe('RECALLED');
  });

  test('any other recall needs the receiving unit’s consent', () => {
    const d = posted();
    d.send('recall.request', { ground: 'other', reason: '单位人手紧张' });
    expect(statusCode(d.snapshot)).toBe('RECALL_REQUESTED');
    expect(d.duty('recall.consent').owner.role).toBe('receiving_officer');
    d.send('recall.consent', { consent: false, note: '项目关键期' });
    expect(statusCode(d.snapshot)).toBe('IN_SERVICE');
    d.send('recall.request', { ground: 'other', reason: '再次协商' });
    d.send('recall.consent', { consent: true });
    expect(statusCode(d.snapshot)).toBe('RECALLED');
  });

  test('reports keep flowing while a recall is being negotiated', () => {
    const d = posted();
    d.send('recall.request', { ground: 'other', reason: '协商' });
    d.send('service.quarterly.submit', { quarter: 1, study: 'a', work: 'b', life: 'c' });
    expect(statusCode(d.snapshot)).toBe('RECALL_REQUESTED');
  });

  test('promotion during the term closes the case and is recorded in the personnel file', () => {
    const d = posted();
    const fx = d.advance(days(100)).send('promotion.decide', P.promotion);
    expect(statusCode(d.snapshot)).toBe('CLOSED_PROMOTED');
    expect(ofType(fx, 'personnelFile')[0]?.params).toMatchObject({
      kind: 'promotion',
      content: { phase: 'IN_SERVICE' },
    });
  });

  test('the term-end alarm moves the case to the final assessment by itself', () => {
    const d = posted();
    d.fire('service.termEnd');
    expect(statusCode(d.snapshot)).toBe('FINAL_ASSESSMENT');
    expect(ofType(d.effects, 'record')[0]?.params).toMatchObject({
      eventType: 'deadline.reached',
      toState: 'FINAL_ASSESSMENT',
    });
  });

  test('the organization department cannot open the final assessment months early', () => {
    const d = posted();
    expect(d.refuse('final.open', {}).rule).toBe('final.tooEarly');
  });
});
