// 期满考核: summary, appraisal on five dimensions, inspection, democratic evaluation → grade.
import {
  computeFinal,
  defaultPolicy,
  statusCode,
  type SecondmentContext,
} from '../../../machines/secondment/v1';
import { ofType } from './support/driver';
import { P, nomination } from './support/fixtures';
import { graded, inFinal } from './support/scenarios';

describe('final assessment (期满考核)', () => {
  test('entering the final assessment opens one duty per input, each for its own party', () => {
    const d = inFinal();
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

  test('no grade without all inputs: the refusal lists what is missing', () => {
    const d = inFinal();
    d.send('final.summary.submit', { summary: '总结' });
    const r = d.refuse('final.grade.decide', {});
    expect(r.rule).toBe('final.inputs');
    expect(r.message.zh).toContain('接收单位鉴定');
    expect(r.message.zh).toContain('民主测评');
    expect(r.message.zh).not.toContain('挂职工作总结');
  });

  test('the grade comes from the policy weights and goes into the personnel file', () => {
    const d = graded();
    expect(statusCode(d.snapshot)).toBe('ASSESSED');
    const result = d.ctx.final.result!;
    expect(result.grade).toBe('excellent');
    const file = ofType(d.effects, 'personnelFile')[0];
    expect(file?.params).toMatchObject({ kind: 'assessmentGrade', content: { grade: 'excellent' } });
    expect(d.duty('final.disposition').owner.role).toBe('org_admin');
  });

  test('the appraisal (鉴定) covers thought, work, study, life and integrity and is filed', () => {
    const d = inFinal();
    const fx = d.send('final.appraisal.submit', P.appraisal);
    expect(Object.keys(ofType(fx, 'personnelFile')[0]?.params.content ?? {})).toEqual(
      expect.arrayContaining(['thought', 'work', 'study', 'life', 'integrity']),
    );
  });

  test('a democratic evaluation without votes is refused', () => {
    const d = inFinal();
    expect(
      d.refuse('final.democratic.record', {
        excellent: 0,
        competent: 0,
        basically_competent: 0,
        incompetent: 0,
      }).rule,
    ).toBe('final.votes');
  });

  describe('composite score → grade (pure scoring)', () => {
    const base = (
      over: Partial<SecondmentContext['final']>,
      extra: Partial<SecondmentContext> = {},
    ): SecondmentContext =>
      ({
        policy: defaultPolicy,
        cadre: { previousAnnualGrades: [] },
        halfYearAssessments: [],
        annualAssessments: [],
        final: {
          summaryAt: 'x',
          appraisal: P.appraisal,
          inspection: P.inspection,
          democratic: P.votes,
          result: null,
          ...over,
        },
        ...extra,
      }) as unknown as SecondmentContext;

    test('thresholds map the composite to 优秀 / 称职 / 基本称职 / 不称职', () => {
      const dims = (s: number) => ({ score: s, comment: '' });
      const appraisal = (s: number) => ({
        thought: dims(s),
        work: dims(s),
        study: dims(s),
        life: dims(s),
        integrity: dims(Math.max(s, 60)),
      });
      const votes = { excellent: 0, competent: 10, basically_competent: 0, incompetent: 0 };
      expect(
        computeFinal(
          base({ appraisal: appraisal(80), inspection: { score: 78, findings: '' }, democratic: votes }),
        ).grade,
      ).toBe('competent');
      expect(
        computeFinal(
          base({
            appraisal: appraisal(65),
            inspection: { score: 60, findings: '' },
            democratic: { ...votes, competent: 0, basically_competent: 10 },
          }),
        ).grade,
      ).toBe('basically_competent');
      expect(
        computeFinal(
          base({
            appraisal: appraisal(40),
            inspection: { score: 40, findings: '' },
            democratic: { ...votes, competent: 0, incompetent: 10 },
          }),
        ).grade,
      ).toBe('incompetent');
    });

    test('two previous years of 优秀 plus a high share of 优秀 votes lifts 称职 to 优秀 (seed guidance)', () => {
      const dims = { score: 82, comment: '' };
      const final = {
        appraisal: { thought: dims, work: dims, study: dims, life: dims, integrity: dims },
        inspection: { score: 82, findings: '' },
        democratic: { excellent: 8, competent: 2, basically_competent: 0, incompetent: 0 },
      };
      expect(computeFinal(base(final)).grade).toBe('competent');
      const withHistory = base(final, {
        cadre: { previousAnnualGrades: ['excellent', 'excellent'] } as SecondmentContext['cadre'],
      });
      expect(computeFinal(withHistory).grade).toBe('excellent');
    });

    test('integrity (廉洁) below the floor means 不称职 whatever the composite', () => {
      const r = computeFinal(base({ appraisal: { ...P.appraisal, integrity: { score: 50, comment: '' } } }));
      expect(r.grade).toBe('incompetent');
      expect(r.reasons.join()).toContain('廉洁');
    });

    test('routine assessments count when there are any; otherwise their weight is shared out', () => {
      const without = computeFinal(base({}));
      expect(without.components.routine).toBeNull();
      const withRoutine = computeFinal(
        base({}, { halfYearAssessments: [{ period: 1, grade: 'competent', score: 50, at: 'x' }] }),
      );
      expect(withRoutine.composite).toBeLessThan(without.composite);
    });
  });

  test('a non-CPC cadre’s case grades the same way', () => {
    const d = graded(nomination({ cadre: { cpcMember: false } }));
    expect(statusCode(d.snapshot)).toBe('ASSESSED');
  });
});
