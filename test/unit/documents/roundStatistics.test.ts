import { roundListInputSchema, roundStatistics } from '../../../documents';
import { sampleRoundList } from '../../../documents/samples';

/** The statistics a round reports upward count the listed cadres; rejected and withdrawn apart. */

const entries = roundListInputSchema.parse(sampleRoundList).entries;

test('counts by kind, 党外, 选调生, 县级后备, townships, status and grade over the listed cadres', () => {
  const s = roundStatistics(entries);
  expect(s.total).toBe(7);
  expect(s.byKind).toEqual({ up: 5, down: 2, out: 0, exchange: 0, deployment: 0 });
  expect(s.nonCpc).toBe(3); // 民盟, 无党派人士, 农工党
  expect(s.selectedGraduate).toBe(2); // the rejected 选调生 is not counted
  expect(s.countyReserve).toBe(3);
  expect(s.fromTownship).toBe(3);
  expect(s.byGrade).toEqual({ excellent: 1, competent: 0, basically_competent: 0, incompetent: 0, none: 6 });
  expect(Object.fromEntries(s.byStatus.map((x) => [x.status, x.count]))).toEqual({
    IN_SERVICE: 3,
    EXTENDED: 1,
    POSTING: 1,
    NOMINATED: 1,
    CLOSED_PROMOTED: 1,
  });
  expect(s.rejected).toBe(1);
  expect(s.withdrawn).toBe(0);
});

test('a withdrawn nomination leaves every figure but its own', () => {
  const withdrawn = entries.map((e) =>
    e.person.name === '王静怡' ? { ...e, status: 'WITHDRAWN' as const } : e,
  );
  const s = roundStatistics(withdrawn);
  expect(s.total).toBe(6);
  expect(s.nonCpc).toBe(2);
  expect(s.fromTownship).toBe(2);
  expect(s.withdrawn).toBe(1);
});

test('a decided round not yet launched counts its cases as not started', () => {
  const s = roundStatistics(entries.map((e) => ({ ...e, status: null, grade: null })));
  expect(s.total).toBe(8);
  expect(s.byStatus).toEqual([{ status: null, count: 8 }]);
});
