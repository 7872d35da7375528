// How a case ends: recall (for promotion it counts as a promotion), promotion, extension, the final
// assessment without the seed's 优秀 guidance, return and tracking. A cadre who leaves early still
// hands over and returns the party relation.
import {
  computeFinal,
  defaultPolicy,
  statusCode,
  type SecondmentContext,
} from '../../../machines/secondment/v2';
import { CaseDriver, days, ofType } from './support/driver';
import { P, nomination } from './support/fixtures';
import { graded, inFinal, posted, returning, tracking } from './support/scenarios';

const handOver = (d: CaseDriver) => {
  d.send('return.handover.complete', { receivedBy: '王五', summary: '交接完毕' });
  if (d.ctx.cadre.cpcMember) d.send('return.party.return', P.party);
};

describe('recall (召回)', () => {
  test('a recall for promotion closes the case as promoted, after the handover and the party relation', () => {
    const d = posted();
    expect(
      d.refuse('recall.request', { ground: 'promotion', reference: '县委〔2026〕9号', reason: '提拔为科长' })
        .rule,
    ).toBe('recall.promotionDetails');
    const fx = d.send('recall.request', {
      ground: 'promotion',
      reference: '县委〔2026〕9号',
      reason: '提拔为科长',
      newPost: '发改局科长',
      newRank: 'section',
    });
    expect(statusCode(d.snapshot)).toBe('RETURNING');
    expect(ofType(fx, 'personnelFile')[0]?.params).toMatchObject({
      kind: 'promotion',
      content: { newPost: '发改局科长', documentNo: '县委〔2026〕9号', byRecall: true },
    });
    expect(d.duty('return.handover').owner.role).toBe('cadre');
    expect(d.duty('return.party').owner.role).toBe('cadre');
    expect(d.duty('return.post').owner.role).toBe('sending_officer');
    handOver(d);
    d.send('return.post.resume', { post: '发改局科长' });
    expect(statusCode(d.snapshot)).toBe('CLOSED_PROMOTED');
  });

  test('a recall for a mandated campaign needs the mandate and ends as recalled after the handover', () => {
    const d = posted();
    expect(d.refuse('recall.request', { ground: 'campaign', reason: '专项任务' }).rule).toBe('recall.ground');
    d.send('recall.request', { ground: 'campaign', reference: '区委〔2026〕5号', reason: '拆迁安置专项' });
    expect(statusCode(d.snapshot)).toBe('RETURNING');
    handOver(d);
    d.send('return.post.resume', { post: '原岗位' });
    expect(statusCode(d.snapshot)).toBe('RECALLED');
  });

  test('any other recall needs the receiving unit’s consent; refused, the term goes on', () => {
    const d = posted();
    d.send('recall.request', { ground: 'other', reason: '单位人手紧张' });
    expect(statusCode(d.snapshot)).toBe('RECALL_REQUESTED');
    d.send('recall.consent', { consent: false, note: '项目关键期' });
    expect(statusCode(d.snapshot)).toBe('IN_SERVICE');
    d.send('recall.request', { ground: 'other', reason: '再次协商' });
    d.send('recall.consent', { consent: true });
    expect(statusCode(d.snapshot)).toBe('RETURNING');
    expect(d.ctx.disposition).toBe('recalled');
  });

  test('reports keep flowing while a recall is being negotiated', () => {
    const d = posted();
    d.send('recall.request', { ground: 'other', reason: '协商' });
    d.fire('service.quarterly/1');
    d.send('service.quarterly.submit', { quarter: 1, study: 'a', work: 'b', life: 'c' });
    expect(statusCode(d.snapshot)).toBe('RECALL_REQUESTED');
  });
});

describe('promotion (提拔)', () => {
  test('promotion during the term goes through the handover; promoted in place there is no home post to resume', () => {
    const d = posted();
    d.advance(days(100)).send('promotion.decide', P.promotion);
    expect(statusCode(d.snapshot)).toBe('RETURNING');
    expect(d.ctx.duties.some((x) => x.kind === 'return.post' && x.state === 'open')).toBe(false);
    handOver(d);
    expect(statusCode(d.snapshot)).toBe('CLOSED_PROMOTED');
  });

  test('promotion after the grade also hands over first; during tracking it closes at once', () => {
    const d = graded();
    d.send('promotion.decide', { ...P.promotion, inPlace: false });
    expect(statusCode(d.snapshot)).toBe('RETURNING');
    const t = tracking();
    t.send('promotion.decide', P.promotion);
    expect(statusCode(t.snapshot)).toBe('CLOSED_PROMOTED');
  });
});

describe('extension (延期)', () => {
  test('the receiving unit asks, the sending unit consents, the organization department approves: the term and reviews extend', () => {
    const d = posted();
    d.advance(days(200)).send('extension.request', { months: 6, reason: '项目未完成' });
    expect(statusCode(d.snapshot)).toBe('EXTENSION_REQUESTED');
    d.send('extension.consent', { consent: true });
    expect(statusCode(d.snapshot)).toBe('EXTENSION_CONSENTED');
    const before = d.ctx.termEnd;
    d.send('extension.decide', { approved: true, reason: '同意' });
    expect(statusCode(d.snapshot)).toBe('EXTENDED');
    expect(Date.parse(d.ctx.termEnd!)).toBeGreaterThan(Date.parse(before!));
    expect(d.ctx.duties.some((x) => x.key === 'service.quarterly/6')).toBe(true);
    expect(d.ctx.duties.some((x) => x.key === 'service.annualAssessment/2027')).toBe(false);
  });

  test('the extension limit and the request lead time hold', () => {
    const d = posted();
    expect(d.refuse('extension.request', { months: 13, reason: '项目' }).rule).toBe('extension.limit');
    d.advance(days(350));
    expect(d.refuse('extension.request', { months: 3, reason: '项目' }).rule).toBe('extension.lead');
  });
});

describe('final assessment (期满考核)', () => {
  test('the term-end alarm opens the final assessment, one duty per input, each for its party', () => {
    const d = inFinal();
    expect(statusCode(d.snapshot)).toBe('FINAL_ASSESSMENT');
    const owners = Object.fromEntries(
      d.ctx.duties
        .filter((x) => x.state === 'open' && x.kind.startsWith('final.'))
        .map((x) => [x.kind, x.owner.role]),
    );
    expect(owners).toEqual({
      'final.summary': 'cadre',
      'final.appraisal': 'receiving_officer',
      'final.inspection': 'sending_officer',
      'final.democratic': 'org_admin',
      'final.grade': 'org_admin',
    });
  });

  test('no grade without all inputs; the grade goes into the personnel file', () => {
    const d = inFinal();
    expect(d.refuse('final.grade.decide', {}).rule).toBe('final.inputs');
    const g = graded();
    expect(statusCode(g.snapshot)).toBe('ASSESSED');
    expect(ofType(g.effects, 'personnelFile')[0]?.params.kind).toBe('assessmentGrade');
  });

  test('the 优秀 guidance no longer lifts the final grade: a 称职 composite stays 称职', () => {
    const dims = { score: 82, comment: '' };
    const c = {
      policy: defaultPolicy,
      cadre: { previousAnnualGrades: ['excellent', 'excellent'] },
      halfYearAssessments: [],
      annualAssessments: [],
      final: {
        summaryAt: 'x',
        appraisal: { thought: dims, work: dims, study: dims, life: dims, integrity: dims },
        inspection: { score: 82, findings: '' },
        democratic: { excellent: 8, competent: 2, basically_competent: 0, incompetent: 0 },
        result: null,
      },
    } as unknown as SecondmentContext;
    expect(computeFinal(c).grade).toBe('competent');
  });

  test('the final assessment cannot open months early, nor while an extension is negotiated', () => {
    const d = posted();
    expect(d.refuse('final.open', {}).rule).toBe('final.tooEarly');
    d.advance(days(200)).send('extension.request', { months: 3, reason: '项目' });
    d.advance(days(150));
    expect(d.refuse('final.open', {}).rule).toBe('final.negotiationPending');
  });
});

describe('return and tracking (返回与跟踪培养)', () => {
  test('return steps lead to tracking; tracking is closed by the sending unit’s review after the period', () => {
    const d = returning();
    expect(statusCode(d.snapshot)).toBe('RETURNING');
    handOver(d);
    d.send('return.post.resume', { post: '综合科副科长' });
    expect(statusCode(d.snapshot)).toBe('TRACKING');
    expect(d.refuse('tracking.review.submit', { summary: '良好' }).rule).toBe('tracking.period');
    d.advance(days(370)).send('tracking.review.submit', { summary: '跟踪培养情况良好' });
    expect(statusCode(d.snapshot)).toBe('CLOSED_RETURNED');
    expect(d.snapshot.status).toBe('done');
  });

  test('a non-CPC cadre has no party relation to return', () => {
    const d = returning(nomination({ cadre: { cpcMember: false } }));
    expect(d.refuse('return.party.return', P.party).rule).toBe('return.party');
  });
});
