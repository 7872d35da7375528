// 年度考核 at year end (seed 001): the receiving unit assesses every cadre serving at year end, the
// sending unit gives it the record of the part of the year before the secondment, and the seed's
// 优秀 guidance steers that assessment — not the final grade.
import { statusCode } from '../../../machines/secondment/v2';
import { days, ofType } from './support/driver';
import { P, intake, nomination } from './support/fixtures';
import { posted } from './support/scenarios';
import { CaseDriver } from './support/driver';

/** A 2026 round case: nominated in July, arriving 3 August, one-year term to August 2027. */
function augustCase(over: Parameters<typeof nomination>[0] = {}): CaseDriver {
  const d = new CaseDriver(nomination({ at: '2026-07-01T09:00:00+08:00', ...over }));
  d.advance(days(2)).send('approval.approve', { facts: intake() });
  d.advance('2026-08-03T09:00:00+08:00');
  d.send('posting.post.arrange', P.arrange);
  d.send('posting.appointment.file', P.appointment);
  d.send('posting.party.transfer', P.party);
  d.send('posting.introduction.send', P.intro);
  d.send('posting.mentor.name', P.mentor);
  d.send('posting.duties.assign', P.duties);
  d.send('posting.arrival.confirm', P.arrival('2026-08-03'));
  return d;
}

const assess = (over: Record<string, unknown> = {}) => ({
  year: 2026,
  grade: 'competent' as const,
  score: 85,
  comment: '表现良好',
  votes: { excellent: 10, total: 40 },
  ...over,
});

describe('annual assessment at year end (年度考核)', () => {
  test('a one-year August term has the 2026 annual assessment by the receiving unit, after the year end', () => {
    const d = augustCase();
    const a = d.duty('service.annualAssessment/2026');
    expect(a.owner.role).toBe('receiving_officer');
    expect(a.periodEnd).toBe('2026-12-31T16:00:00.000Z'); // 1 January 2027, 00:00 Beijing time
    expect(Date.parse(a.dueAt)).toBeGreaterThan(Date.parse('2027-01-01T00:00:00+08:00'));
    // no 2027 assessment: the term ends in August, before the 2027 year end
    expect(d.ctx.duties.some((x) => x.key === 'service.annualAssessment/2027')).toBe(false);
  });

  test('the sending unit owes the record of January–July, due before the year end — not at the 12-month anniversary', () => {
    const d = augustCase();
    const r = d.duty('service.firstHalfRecord/2026');
    expect(r.owner.role).toBe('sending_officer');
    expect(r.state).toBe('open');
    expect(Date.parse(r.dueAt)).toBeLessThan(Date.parse('2027-01-01T00:00:00+08:00'));
    expect(Date.parse(r.dueAt)).toBeGreaterThan(Date.parse('2026-11-01T00:00:00+08:00'));
  });

  test('a term that begins in early January owes no record of the year before it', () => {
    const d = posted(); // arrives 9 January 2026
    expect(d.ctx.duties.some((x) => x.kind === 'service.firstHalfRecord')).toBe(false);
    expect(d.duty('service.annualAssessment/2026').owner.role).toBe('receiving_officer');
  });

  test('the annual assessment waits for its window, then for the sending unit’s record', () => {
    const d = augustCase();
    expect(d.refuse('service.annual.assess', assess()).rule).toBe('service.reportWindow');
    d.advance('2026-12-20T10:00:00+08:00');
    expect(d.refuse('service.annual.assess', assess()).rule).toBe('service.firstHalfRecord');
    d.send('service.firstHalfRecord.provide', { summary: '1–7月在原单位表现良好' });
    const fx = d.send('service.annual.assess', assess());
    expect(ofType(fx, 'personnelFile')[0]?.params).toMatchObject({
      kind: 'annualAssessment',
      content: { year: 2026, grade: 'competent', by: d.ctx.receivingUnit },
    });
    expect(d.ctx.annualAssessments).toEqual([expect.objectContaining({ year: 2026, grade: 'competent' })]);
  });

  test('a grade must match its score: 优秀 with a score of 10 is refused', () => {
    const d = augustCase();
    d.advance('2026-12-20T10:00:00+08:00').send('service.firstHalfRecord.provide', { summary: '良好' });
    const r = d.refuse('service.annual.assess', assess({ grade: 'excellent', score: 10 }));
    expect(r.rule).toBe('assessment.gradeScore');
    expect(r.message.zh).toContain('10分对应「不称职」');
  });

  test('two previous years 优秀 and a high share of 优秀 votes suggest 优秀: another grade needs a reason, 优秀 may lift a 称职 score', () => {
    const d = augustCase({ cadre: { previousAnnualGrades: ['competent', 'excellent', 'excellent'] } });
    d.advance('2026-12-20T10:00:00+08:00').send('service.firstHalfRecord.provide', { summary: '良好' });
    const strongVotes = { excellent: 30, total: 40 };
    expect(d.refuse('service.annual.assess', assess({ votes: strongVotes })).rule).toBe(
      'annual.excellentGuidance',
    );
    // the guidance lifts a 称职 score (85) to 优秀
    d.send('service.annual.assess', assess({ grade: 'excellent', votes: strongVotes }));
    expect(d.ctx.annualAssessments[0]).toMatchObject({
      grade: 'excellent',
      guidance: 'excellent',
      excellentVoteShare: 0.75,
    });
  });

  test('without the guidance (a weak vote), 优秀 with a 称职 score is refused', () => {
    const d = augustCase({ cadre: { previousAnnualGrades: ['excellent', 'excellent'] } });
    d.advance('2026-12-20T10:00:00+08:00').send('service.firstHalfRecord.provide', { summary: '良好' });
    expect(d.refuse('service.annual.assess', assess({ grade: 'excellent' })).rule).toBe(
      'assessment.gradeScore',
    );
  });

  test('grading against the guidance is accepted with a stated reason', () => {
    const d = augustCase({ cadre: { previousAnnualGrades: ['excellent', 'excellent'] } });
    d.advance('2026-12-20T10:00:00+08:00').send('service.firstHalfRecord.provide', { summary: '良好' });
    d.send(
      'service.annual.assess',
      assess({ votes: { excellent: 35, total: 40 }, deviationReason: '下半年请假较多' }),
    );
    expect(d.ctx.annualAssessments[0]).toMatchObject({ grade: 'competent', guidance: 'excellent' });
  });

  test('the half-year assessment’s grade must match its score too', () => {
    const d = augustCase();
    d.advance('2027-01-25T10:00:00+08:00');
    expect(
      d.refuse('service.halfYear.assess', { half: 1, grade: 'excellent', score: 10, feedback: '好' }).rule,
    ).toBe('assessment.gradeScore');
    d.send('service.halfYear.assess', { half: 1, grade: 'excellent', score: 92, feedback: '好' });
    expect(statusCode(d.snapshot)).toBe('IN_SERVICE');
  });

  test('a two-year term has an annual assessment at each year end it spans', () => {
    const d = augustCase({ termMonths: 24 });
    expect(d.ctx.duties.filter((x) => x.kind === 'service.annualAssessment').map((x) => x.key)).toEqual([
      'service.annualAssessment/2026',
      'service.annualAssessment/2027',
    ]);
  });
});
