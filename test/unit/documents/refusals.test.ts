import {
  DocumentInputError,
  DocumentRefusedError,
  generateDocument,
  missingForDocument,
} from '../../../documents';
import type { DocumentFormat } from '../../../documents';
import {
  sampleAnnualAssessmentForm,
  sampleAppraisalForm,
  sampleAppointmentApproval,
  sampleIntroductionLetter,
  sampleRoundList,
} from '../../../documents/samples';
import { pdfText, squash } from './readBack';

/**
 * A document that lacks required data is refused with what is missing — never generated with the
 * part left blank — and bad input names the field and what was expected.
 */

async function refusal(kind: Parameters<typeof generateDocument>[0], format: DocumentFormat, input: unknown) {
  const err: unknown = await generateDocument(kind, format, input).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DocumentRefusedError);
  return err as DocumentRefusedError;
}

test.each(['pdf', 'docx'] as DocumentFormat[])(
  'no appraisal yet: the %s appraisal form is refused, naming it',
  async (format) => {
    const err = await refusal('appraisalForm', format, { ...sampleAppraisalForm, appraisal: null });
    expect(err.code).toBe('DOCUMENT_INCOMPLETE');
    expect(err.kind).toBe('appraisalForm');
    expect(err.missing).toEqual([
      { field: 'appraisal', zh: '接收单位鉴定意见尚未提交', en: 'no appraisal yet' },
    ]);
    expect(err.message).toBe(
      '挂职干部鉴定表无法生成，缺少：接收单位鉴定意见尚未提交 / cannot generate the appraisal form of the seconded cadre: no appraisal yet',
    );
  },
);

test('everything the final assessment has not produced is named at once, in the order of the form', async () => {
  const input = { ...sampleAppraisalForm, summary: null, appraisal: null, inspection: null, result: null };
  expect(missingForDocument('appraisalForm', input).map((m) => m.field)).toEqual([
    'summary',
    'appraisal',
    'inspection',
    'result',
  ]);
  const err = await refusal('appraisalForm', 'pdf', input);
  expect(err.missing.map((m) => m.zh)).toEqual([
    '本人挂职工作总结尚未提交',
    '接收单位鉴定意见尚未提交',
    '派出单位考察意见尚未提交',
    '综合得分和等次尚未评定',
  ]);
});

test('each kind refuses for its own missing data', async () => {
  const post = { ...sampleAppointmentApproval, case: { ...sampleAppointmentApproval.case, post: null } };
  expect((await refusal('appointmentApproval', 'pdf', post)).missing.map((m) => m.field)).toEqual([
    'case.post',
  ]);
  expect(
    (await refusal('introductionLetter', 'docx', { ...sampleIntroductionLetter, letterNo: null })).missing,
  ).toEqual([{ field: 'letterNo', zh: '介绍信尚未编号', en: 'the letter has no number yet' }]);
  const annual = { ...sampleAnnualAssessmentForm, assessment: null, firstHalfRecord: null };
  expect((await refusal('annualAssessmentForm', 'pdf', annual)).missing.map((m) => m.field)).toEqual([
    'firstHalfRecord',
    'assessment',
  ]);
  const nobody = {
    ...sampleRoundList,
    entries: sampleRoundList.entries.map((e) => ({
      ...e,
      status: e.caseId.endsWith('1') ? 'WITHDRAWN' : 'REJECTED',
    })),
  };
  expect((await refusal('roundList', 'pdf', nobody)).missing).toEqual([
    { field: 'entries', zh: '本批次尚无选派人员', en: 'the round has nobody to list yet' },
  ]);
});

test('the complete inputs lack nothing', () => {
  expect(missingForDocument('appointmentApproval', sampleAppointmentApproval)).toEqual([]);
  expect(missingForDocument('introductionLetter', sampleIntroductionLetter)).toEqual([]);
  expect(missingForDocument('appraisalForm', sampleAppraisalForm)).toEqual([]);
  expect(missingForDocument('annualAssessmentForm', sampleAnnualAssessmentForm)).toEqual([]);
  expect(missingForDocument('roundList', sampleRoundList)).toEqual([]);
});

test('optional data the system does not hold is no refusal: its box stays blank', async () => {
  const input = { ...sampleAnnualAssessmentForm, assessment: { grade: 'competent', score: 86 } };
  expect(missingForDocument('annualAssessmentForm', input)).toEqual([]);
  const text = squash(pdfText((await generateDocument('annualAssessmentForm', 'pdf', input)).bytes));
  // no comment from the receiving unit: only the score in its box, before the seal line
  expect(text).toContain('接收单位考核意见考核得分：86接收单位（盖章）');
});

test('invalid input names each field and what was expected', async () => {
  const bad = {
    ...sampleAppraisalForm,
    person: { ...sampleAppraisalForm.person, birthDate: '1991-13-45', gender: 'x' },
    case: { ...sampleAppraisalForm.case, caseId: '张三', term: { start: '2027-08-01', end: '2026-08-01' } },
  };
  const err: unknown = await generateDocument('appraisalForm', 'pdf', bad).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DocumentInputError);
  const fields = (err as DocumentInputError).issues.map((i) => i.field).sort();
  expect(fields).toEqual(['case.caseId', 'case.term.end', 'person.birthDate', 'person.gender']);
  expect((err as DocumentInputError).message).toContain(
    'case.caseId: caseId: 6–64 letters, digits, _ or - (a random id, never personal data)',
  );
  expect((err as DocumentInputError).message).toContain('case.term.end: term.end must be after term.start');
});
