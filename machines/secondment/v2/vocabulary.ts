// Domain vocabularies shared by input, events and policy. Codes are stable English identifiers; the
// Chinese names stay beside them because that is how the organization department speaks.
import { z } from 'zod';

export const kindSchema = z.enum(['up', 'down', 'out', 'exchange', 'deployment']);
export type Kind = z.infer<typeof kindSchema>;
export const kindLabels: Record<Kind, { zh: string; en: string }> = {
  up: { zh: '上挂', en: 'upward secondment' },
  down: { zh: '下派', en: 'downward secondment' },
  out: { zh: '外派', en: 'outward secondment (developed regions / other provinces)' },
  exchange: { zh: '双向挂职', en: 'two-way exchange' },
  deployment: { zh: '抽调', en: 'temporary deployment to a key project' },
};

export const programmeSchema = z.enum([
  'none',
  'sci_tech_deputy',
  'petition',
  'poverty_alleviation',
  'rural_instructor',
  'teaching_support',
  'medical_support',
  'law_vice_principal',
  'community_party_liaison',
]);
export type Programme = z.infer<typeof programmeSchema>;
export const programmeLabels: Record<Programme, { zh: string; en: string }> = {
  none: { zh: '无', en: 'none' },
  sci_tech_deputy: { zh: '科技副职', en: 'science-and-technology deputy' },
  petition: { zh: '信访', en: 'petitions' },
  poverty_alleviation: { zh: '扶贫', en: 'poverty alleviation' },
  rural_instructor: { zh: '农村工作指导员', en: 'rural work instructor' },
  teaching_support: { zh: '支教', en: 'teaching support' },
  medical_support: { zh: '支医', en: 'medical support' },
  law_vice_principal: { zh: '法制副校长', en: 'vice-principal for law' },
  community_party_liaison: { zh: '社区党建联络员', en: 'community party-building liaison' },
};

export const rankSchema = z.enum([
  'clerk',
  'deputy_section',
  'section',
  'deputy_division',
  'division',
  'deputy_bureau',
]);
export type Rank = z.infer<typeof rankSchema>;
export const rankLabels: Record<Rank, { zh: string; en: string }> = {
  clerk: { zh: '科员', en: 'clerk' },
  deputy_section: { zh: '副科级', en: 'deputy section level' },
  section: { zh: '正科级', en: 'section level' },
  deputy_division: { zh: '副处级', en: 'deputy division level' },
  division: { zh: '正处级', en: 'division level' },
  deputy_bureau: { zh: '副厅级', en: 'deputy bureau level' },
};

/**
 * The post a cadre takes at the receiving unit. Whether it needs an election follows from the
 * post, never from the receiving unit's say-so: a deputy township or county head (副乡镇长, 副县长)
 * is chosen by the people's congress (人代会选举).
 */
export const postTypeSchema = z.enum([
  'deputy_township_head',
  'deputy_county_head',
  'township_head_assistant',
  'deputy_leader',
  'rural_instructor',
  'liaison',
  'professional_support',
  'shadow_learning',
  'other',
]);
export type PostType = z.infer<typeof postTypeSchema>;
export const POST_TYPES: Record<PostType, { zh: string; en: string; elected: boolean }> = {
  deputy_township_head: { zh: '副乡（镇）长', en: 'deputy township head', elected: true },
  deputy_county_head: { zh: '副县（区）长', en: 'deputy county head', elected: true },
  township_head_assistant: { zh: '乡（镇）长助理', en: 'township head assistant', elected: false },
  deputy_leader: {
    zh: '副职领导职务（副局长、副主任、副科长等）',
    en: 'deputy leadership post (deputy director, deputy section chief …)',
    elected: false,
  },
  rural_instructor: { zh: '农村工作指导员', en: 'rural work instructor', elected: false },
  liaison: { zh: '联络员', en: 'liaison', elected: false },
  professional_support: {
    zh: '专业技术岗位（科技副职、支教、支医、法制副校长）',
    en: 'professional post (sci-tech deputy, teacher, doctor, vice-principal for law)',
    elected: false,
  },
  shadow_learning: { zh: '跟班学习', en: 'shadow learning', elected: false },
  other: { zh: '其他岗位', en: 'other post', elected: false },
};

export const categorySchema = z.enum([
  'selected_graduate',
  'county_reserve',
  'reserve',
  'young',
  'professional',
]);
export type Category = z.infer<typeof categorySchema>;
export const categoryLabels: Record<Category, { zh: string; en: string }> = {
  selected_graduate: { zh: '选调生', en: 'selected graduate' },
  county_reserve: { zh: '县级后备干部', en: 'county-level reserve cadre' },
  reserve: { zh: '后备干部', en: 'reserve cadre' },
  young: { zh: '年轻干部', en: 'young cadre' },
  professional: { zh: '专业技术干部', en: 'professional / technical cadre' },
};

export const gradeSchema = z.enum(['excellent', 'competent', 'basically_competent', 'incompetent']);
export type Grade = z.infer<typeof gradeSchema>;
export const gradeLabels: Record<Grade, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'excellent' },
  competent: { zh: '称职', en: 'competent' },
  basically_competent: { zh: '基本称职', en: 'basically competent' },
  incompetent: { zh: '不称职', en: 'incompetent' },
};

/**
 * Every kind of duty the machine tracks. One place, so policy durations are exhaustive: a duty
 * without a configured duration could not get a deadline ("两头管理，两头落空").
 */
export const dutyKindSchema = z.enum([
  'approval.decide',
  'posting.post',
  'posting.election',
  'posting.appointment',
  'posting.unitedFront',
  'posting.party',
  'posting.introduction',
  'posting.mentor',
  'posting.duties',
  'posting.arrival',
  'service.quarterly',
  'service.halfYearReport',
  'service.halfYearAssessment',
  'service.contact',
  'service.firstHalfRecord',
  'service.annualAssessment',
  'service.termEnd',
  'service.leaveDecision',
  'service.leaveReturn',
  'service.sendingTaskDecision',
  'service.breachResponse',
  'service.breachFollowUp',
  'extension.consent',
  'extension.decision',
  'recall.consent',
  'hold.review',
  'final.summary',
  'final.appraisal',
  'final.inspection',
  'final.democratic',
  'final.grade',
  'final.disposition',
  'return.handover',
  'return.party',
  'return.post',
  'tracking.review',
]);
export type DutyKind = z.infer<typeof dutyKindSchema>;

/** Periodic reviews of the term: planned for their period, open only in their report window. */
export const PERIODIC_KINDS: readonly DutyKind[] = [
  'service.quarterly',
  'service.halfYearReport',
  'service.halfYearAssessment',
  'service.contact',
  'service.annualAssessment',
];

/**
 * Duties that can never be waived, whatever the policy says: they are the evidence itself, or a
 * decision someone asked for (waiving it would leave the request unanswered).
 */
export const NEVER_WAIVABLE: readonly DutyKind[] = [
  'approval.decide',
  'service.leaveDecision',
  'service.leaveReturn',
  'service.sendingTaskDecision',
  'service.breachFollowUp',
  'extension.consent',
  'extension.decision',
  'recall.consent',
  'hold.review',
  'tracking.review',
  'posting.post',
  'posting.election',
  'posting.appointment',
  'posting.arrival',
  'service.termEnd',
  'final.summary',
  'final.appraisal',
  'final.inspection',
  'final.democratic',
  'final.grade',
  'final.disposition',
];
