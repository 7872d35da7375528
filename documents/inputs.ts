// What each generated document is made from: resolved display data (unit NAMES, not codes), as the
// cadre registry (干部库), unit directory (单位库) and round (批次) of issue 10 will hold it. One
// schema per kind; the generators never look anything up themselves.
//
// Two kinds of "not there": a field that is `.nullable()` is data the process has not produced yet
// (no appraisal submitted, no post arranged) — `requirements()` names it and generation refuses; a
// field that is `.optional()` is data the system may never hold (health, family members) — it is
// printed as a blank box for hand filling.
import { z } from 'zod';
import { statusCodeSchema } from '../machines/secondment';
import { categorySchema, gradeSchema, kindSchema, rankSchema } from '../machines/secondment';
import { dateBetween, storableText } from '../machines/common/text';

/** Dates of a record: birth dates and past careers as well as the term (PostgreSQL holds them all). */
const isoDateSchema = dateBetween(1900, 2100);

const name = storableText(1, 64);
const unitName = storableText(1, 120);
const line = storableText(1, 200);
const text = storableText(1, 5000);
const score = z.number().min(0).max(100);
const year = z.number().int().min(2000).max(2100);
/** `YYYY-MM` (简历 entries are kept to the month, as the form prints them). */
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

export const caseIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{6,64}$/, 'caseId: 6–64 letters, digits, _ or - (a random id, never personal data)');

export const educationSchema = z.object({
  /** 学历, e.g. 大学, 研究生, 大专 */
  level: z.string().trim().min(1).max(20),
  /** 学位, e.g. 法学学士 */
  degree: z.string().trim().min(1).max(40).optional(),
  /** 毕业院校系, e.g. 四川大学法学院 */
  school: z.string().trim().min(1).max(80).optional(),
  /** 专业, e.g. 法学 */
  major: z.string().trim().min(1).max(60).optional(),
});
export type Education = z.infer<typeof educationSchema>;

export const partyMembershipSchema = z.object({
  /** 中共党员 or 党外 (non-CPC: a democratic party member, 无党派人士, or 群众). */
  status: z.enum(['cpc', 'non_cpc']),
  /** For non-CPC: the party or standing, e.g. 中国民主同盟, 无党派人士; absent means 群众. */
  party: z.string().trim().min(1).max(40).optional(),
  /** 入党时间 (or joining the democratic party). */
  joinedOn: isoDateSchema.optional(),
});
export type PartyMembership = z.infer<typeof partyMembershipSchema>;

/** One person of the cadre registry (干部库), as the documents print them. */
export const personSchema = z.object({
  name,
  gender: z.enum(['male', 'female']),
  birthDate: isoDateSchema,
  /** 民族, e.g. 汉族 */
  ethnicity: z.string().trim().min(1).max(20),
  /** 籍贯 */
  nativePlace: z.string().trim().min(1).max(40).optional(),
  /** 出生地 */
  birthPlace: z.string().trim().min(1).max(40).optional(),
  partyMembership: partyMembershipSchema,
  /** 全日制教育 */
  education: educationSchema,
  /** 在职教育 */
  inServiceEducation: educationSchema.optional(),
  /** 参加工作时间 */
  workStartedOn: isoDateSchema.optional(),
  /** 健康状况 */
  health: z.string().trim().min(1).max(20).optional(),
  /** 专业技术职务 */
  professionalTitle: z.string().trim().min(1).max(40).optional(),
  /** 熟悉专业有何专长 */
  specialty: z.string().trim().min(1).max(80).optional(),
  currentUnitName: unitName,
  currentPost: line,
  rank: rankSchema,
  categories: z.array(categorySchema).default([]),
  /** 年度考核结果 by calendar year, any order. */
  annualGrades: z.array(z.object({ year, grade: gradeSchema })).default([]),
});
export type Person = z.infer<typeof personSchema>;

export const termSchema = z
  .object({ start: isoDateSchema, end: isoDateSchema })
  .refine((t) => t.start < t.end, { message: 'term.end must be after term.start', path: ['end'] });
export type Term = z.infer<typeof termSchema>;

/** The post at the receiving unit (posting.post.arrange); null until it is arranged. */
export const postSchema = z.object({
  title: line,
  level: rankSchema,
  /** An elected post (e.g. 副乡镇长) needs the people's congress election (人代会选举). */
  elected: z.boolean(),
});
export type Post = z.infer<typeof postSchema>;

/** The case as documents need it. */
export const caseSchema = z.object({
  caseId: caseIdSchema,
  kind: kindSchema,
  post: postSchema.nullable(),
  term: termSchema,
  sendingUnitName: unitName,
  receivingUnitName: unitName,
});
export type CaseFacts = z.infer<typeof caseSchema>;

const dimension = z.object({ score, comment: text });
/** 接收单位鉴定: the five parts 思想、工作、学习、生活、廉洁. */
export const appraisalSchema = z.object({
  thought: dimension,
  work: dimension,
  study: dimension,
  life: dimension,
  integrity: dimension,
  submittedOn: isoDateSchema.optional(),
});
export type Appraisal = z.infer<typeof appraisalSchema>;

const common = {
  person: personSchema,
  case: caseSchema,
  /** The organization department (组织部 / 下派办) in charge, e.g. 中共内江市委组织部. */
  orgUnitName: unitName,
  /** The date printed on the document and stamped as its creation date (so digests are stable). */
  preparedOn: isoDateSchema,
};

/** 干部任免审批表 for the post at the receiving unit. */
export const appointmentApprovalInputSchema = z.object({
  ...common,
  /** 年度挂职工作, e.g. 2026年度市直机关干部挂职锻炼; used for the 任免理由 when none is given. */
  roundName: line.optional(),
  /** 任免理由; composed from round, post and term when absent. */
  reason: text.optional(),
  /** 拟免职务 (a secondment keeps the original post, so usually absent). */
  proposedRemoval: line.optional(),
  /** 简历, oldest first. */
  resume: z.array(z.object({ from: yearMonth, to: yearMonth.optional(), text: line })).optional(),
  /** 奖惩情况 */
  rewardsAndPenalties: text.optional(),
  /** 家庭主要成员及重要社会关系; printed as blank rows when absent (hand filling). */
  familyMembers: z
    .array(
      z.object({
        relation: z.string().trim().min(1).max(10),
        name,
        birthDate: isoDateSchema.optional(),
        politicalStatus: z.string().trim().min(1).max(20).optional(),
        workplaceAndPost: line,
      }),
    )
    .max(8)
    .optional(),
  /** 呈报单位; the organization department when absent. */
  reportingUnitName: unitName.optional(),
});
export type AppointmentApprovalInput = z.infer<typeof appointmentApprovalInputSchema>;

/** 介绍信 from the organization department to the receiving unit (存根 and 正文). */
export const introductionLetterInputSchema = z.object({
  ...common,
  /** 编号, e.g. 组介字〔2026〕第12号; null until the department numbers the letter. */
  letterNo: line.nullable(),
  /** 有效期 in days, printed on the letter. */
  validDays: z.number().int().min(1).max(365).default(30),
  /** 联系人及电话 of the department, optional. */
  contact: line.optional(),
});
export type IntroductionLetterInput = z.infer<typeof introductionLetterInputSchema>;

/** 挂职干部鉴定表 at the end of the term. */
export const appraisalFormInputSchema = z.object({
  ...common,
  /** 本人总结 (final.summary.submit): null until submitted. */
  summary: z.object({ submittedOn: isoDateSchema, text: text.optional() }).nullable(),
  appraisal: appraisalSchema.nullable(),
  /** 派出单位考察意见 (final.inspection.submit). */
  inspection: z.object({ score, findings: text, submittedOn: isoDateSchema.optional() }).nullable(),
  /** 综合得分 and 等次 of the final assessment (final.grade). */
  result: z.object({ composite: score, grade: gradeSchema }).nullable(),
  /** 组织部意见; blank for hand filling when absent. */
  orgOpinion: text.optional(),
});
export type AppraisalFormInput = z.infer<typeof appraisalFormInputSchema>;

/** 年度考核登记表 for an annual assessment during the term. */
export const annualAssessmentFormInputSchema = z.object({
  ...common,
  /** The calendar year assessed (考核年度). */
  year,
  /** 接收单位考核 (service.annual.assess): null until recorded. */
  assessment: z.object({ grade: gradeSchema, score, comment: text.optional() }).nullable(),
  /** 个人总结: blank box when absent. */
  personalSummary: text.optional(),
  /** 派出单位提供的挂职前表现 (service.firstHalfRecord.provide): null until provided. */
  firstHalfRecord: z.object({ summary: text, providedOn: isoDateSchema.optional() }).nullable(),
});
export type AnnualAssessmentFormInput = z.infer<typeof annualAssessmentFormInputSchema>;

export const roundSchema = z.object({
  year,
  /** e.g. 2026年度市直机关干部挂职锻炼 */
  name: line,
  orgUnitName: unitName,
  /** The round's common term; a case may differ (its own term is on the entry). */
  term: termSchema,
  /** 生活补助: amount per day (yuan) and who pays it (the home unit). */
  subsidy: z.object({ amountPerDay: z.number().min(0).max(10000), payer: line }),
});
export type Round = z.infer<typeof roundSchema>;

export const roundEntrySchema = z.object({
  caseId: caseIdSchema,
  person: personSchema,
  kind: kindSchema,
  sendingUnitName: unitName,
  /** The sending unit is a township (乡镇 / 街道) in the unit directory. */
  fromTownship: z.boolean(),
  receivingUnitName: unitName,
  post: postSchema.nullable(),
  term: termSchema,
  /** The case's status; null while the round is decided but not launched. */
  status: statusCodeSchema.nullable(),
  /** Final grade once assessed. */
  grade: gradeSchema.nullable(),
});
export type RoundEntry = z.infer<typeof roundEntrySchema>;

/** 选派名单及统计 of a round, for reporting upward. */
export const roundListInputSchema = z.object({
  round: roundSchema,
  /** Every nomination of the round; rejected and withdrawn ones are counted apart, not listed. */
  entries: z.array(roundEntrySchema).max(5000),
  preparedOn: isoDateSchema,
});
export type RoundListInput = z.infer<typeof roundListInputSchema>;

export const documentKindSchema = z.enum([
  'appointmentApproval',
  'introductionLetter',
  'appraisalForm',
  'annualAssessmentForm',
  'roundList',
]);
export type DocumentKind = z.infer<typeof documentKindSchema>;

export const documentInputSchemas = {
  appointmentApproval: appointmentApprovalInputSchema,
  introductionLetter: introductionLetterInputSchema,
  appraisalForm: appraisalFormInputSchema,
  annualAssessmentForm: annualAssessmentFormInputSchema,
  roundList: roundListInputSchema,
} as const satisfies Record<DocumentKind, z.ZodType>;

export interface DocumentInputs {
  appointmentApproval: AppointmentApprovalInput;
  introductionLetter: IntroductionLetterInput;
  appraisalForm: AppraisalFormInput;
  annualAssessmentForm: AnnualAssessmentFormInput;
  roundList: RoundListInput;
}
/** What callers may pass before defaults are applied. */
export type DocumentInputDrafts = { [K in DocumentKind]: z.input<(typeof documentInputSchemas)[K]> };

export const documentFormatSchema = z.enum(['docx', 'pdf']);
export type DocumentFormat = z.infer<typeof documentFormatSchema>;
