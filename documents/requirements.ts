// What each document cannot be printed without. A document with a required part missing is refused
// with this list, never generated with that part blank.
import type { MissingItem } from './errors';
import type { DocumentInputs, DocumentKind } from './inputs';

const notListed = new Set(['REJECTED', 'WITHDRAWN']);

type Check<K extends DocumentKind> = (input: DocumentInputs[K]) => MissingItem[];

const postMissing: MissingItem = {
  field: 'case.post',
  zh: '接收单位尚未安排挂职职务',
  en: 'no post arranged at the receiving unit yet',
};

const checks: { [K in DocumentKind]: Check<K> } = {
  appointmentApproval: (i) => (i.case.post === null ? [postMissing] : []),
  introductionLetter: (i) =>
    i.letterNo === null
      ? [{ field: 'letterNo', zh: '介绍信尚未编号', en: 'the letter has no number yet' }]
      : [],
  appraisalForm: (i) => {
    const missing: MissingItem[] = [];
    if (i.case.post === null) missing.push(postMissing);
    if (i.summary === null)
      missing.push({ field: 'summary', zh: '本人挂职工作总结尚未提交', en: 'no work summary yet' });
    if (i.appraisal === null)
      missing.push({ field: 'appraisal', zh: '接收单位鉴定意见尚未提交', en: 'no appraisal yet' });
    if (i.inspection === null)
      missing.push({ field: 'inspection', zh: '派出单位考察意见尚未提交', en: 'no inspection yet' });
    if (i.result === null)
      missing.push({
        field: 'result',
        zh: '综合得分和等次尚未评定',
        en: 'no composite score and grade yet',
      });
    return missing;
  },
  annualAssessmentForm: (i) => {
    const missing: MissingItem[] = [];
    if (i.case.post === null) missing.push(postMissing);
    if (i.firstHalfRecord === null)
      missing.push({
        field: 'firstHalfRecord',
        zh: '派出单位尚未提供挂职前表现',
        en: 'the sending unit has not provided the record before the secondment',
      });
    if (i.assessment === null)
      missing.push({
        field: 'assessment',
        zh: '接收单位年度考核尚未完成',
        en: 'no annual assessment by the receiving unit yet',
      });
    return missing;
  },
  roundList: (i) =>
    i.entries.some((e) => isListed(e.status))
      ? []
      : [{ field: 'entries', zh: '本批次尚无选派人员', en: 'the round has nobody to list yet' }],
};

/** What the document still lacks; empty when it can be generated. */
export function requirements<K extends DocumentKind>(kind: K, input: DocumentInputs[K]): MissingItem[] {
  return (checks[kind] as Check<K>)(input);
}

/** Rejected and withdrawn nominations are counted apart, never listed. */
export const isListed = (status: string | null): boolean => status === null || !notListed.has(status);
