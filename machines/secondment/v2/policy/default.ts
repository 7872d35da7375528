// Real durations, counted mostly in Chinese working days (法定节假日与调休 from the case's holiday table).
import type { Duration, Policy } from './schema';
import { policySchema } from './schema';

const wd = (amount: number): Duration => ({ amount, unit: 'workingDays' });
const cd = (amount: number): Duration => ({ amount, unit: 'calendarDays' });
const months = (amount: number): Duration => ({ amount, unit: 'months' });

export const defaultPolicy: Policy = policySchema.parse({
  id: 'default',
  version: 2,
  name: { zh: '标准政策（工作日计算）', en: 'standard policy (Chinese working days)' },
  timeZoneOffsetMinutes: 480,
  termClock: { kind: 'calendar' },
  durations: {
    'approval.decide': wd(20),
    'posting.post': wd(10),
    'posting.election': cd(45),
    'posting.appointment': wd(10),
    'posting.unitedFront': wd(5),
    'posting.party': wd(15),
    'posting.introduction': wd(5),
    'posting.mentor': wd(10),
    'posting.duties': wd(10),
    'posting.arrival': wd(10),
    // periodic duties: time allowed after the end of the period they cover
    'service.quarterly': wd(10),
    'service.halfYearReport': wd(10),
    'service.halfYearAssessment': wd(20),
    'service.contact': wd(5),
    // the sending unit's record of the year before the term: at the earliest this long after posting
    'service.firstHalfRecord': wd(5),
    // the annual assessment: after the year end (年度考核 in January)
    'service.annualAssessment': wd(20),
    'service.termEnd': wd(0),
    'service.leaveDecision': wd(2),
    // 销假: report back on the first working day after the leave
    'service.leaveReturn': wd(1),
    'service.sendingTaskDecision': wd(5),
    'service.breachResponse': wd(5),
    'service.breachFollowUp': wd(15),
    'extension.consent': wd(10),
    'extension.decision': wd(10),
    'recall.consent': wd(10),
    'hold.review': cd(30),
    'final.summary': wd(10),
    'final.appraisal': wd(15),
    'final.inspection': wd(20),
    'final.democratic': wd(20),
    'final.grade': wd(30),
    'final.disposition': wd(20),
    'return.handover': wd(10),
    'return.party': wd(15),
    'return.post': wd(20),
    'tracking.review': wd(20),
  },
  // 双人复核: forcing a state and waiving a duty need a second admin, and so does a bulk run over 20 cases
  fourEyes: { interventions: ['admin.case.force', 'admin.duty.waive'], bulkOver: 20, decideWithin: wd(3) },
  escalation: {
    reminderBefore: wd(3),
    overdueAfter: wd(0),
    unitHeadAfter: wd(5),
    orgDeptAfter: wd(10),
    stuckAfter: wd(20),
  },
  kinds: {
    up: {
      termMonths: { min: 6, max: 24 },
      rotationAllowed: false,
      requiresNoGrassrootsPrincipalPost: false,
      // 上挂干部，一般要安排副科级领导职务
      expectedPostLevel: 'deputy_section',
      durationOverrides: {},
    },
    down: {
      termMonths: { min: 12, max: 24 },
      rotationAllowed: true,
      requiresNoGrassrootsPrincipalPost: true,
      expectedPostLevel: null,
      // 人代会选举 for deputy township heads waits for a congress session
      durationOverrides: { 'posting.election': cd(90) },
    },
    out: {
      termMonths: { min: 6, max: 24 },
      rotationAllowed: false,
      requiresNoGrassrootsPrincipalPost: false,
      expectedPostLevel: null,
      durationOverrides: { 'posting.arrival': wd(20), 'posting.party': wd(20) },
    },
    exchange: {
      termMonths: { min: 12, max: 24 },
      rotationAllowed: true,
      requiresNoGrassrootsPrincipalPost: false,
      expectedPostLevel: null,
      durationOverrides: {},
    },
    deployment: {
      termMonths: { min: 12, max: 24 },
      rotationAllowed: true,
      requiresNoGrassrootsPrincipalPost: false,
      expectedPostLevel: null,
      // 抽调 work groups are formed for an urgent key project
      durationOverrides: { 'posting.arrival': wd(5) },
    },
  },
  programmes: {
    poverty_alleviation: { durationOverrides: { 'service.quarterly': wd(5) } },
    petition: { durationOverrides: { 'service.quarterly': wd(5) } },
  },
  eligibility: {
    maxAgeByRank: {
      clerk: 35,
      deputy_section: 35,
      section: 40,
      deputy_division: 45,
      division: 50,
      deputy_bureau: 55,
    },
    competitive: { examWeight: 0.5, interviewWeight: 0.5, minScore: 60 },
  },
  scoring: {
    weights: { appraisal: 0.35, inspection: 0.2, democratic: 0.25, routine: 0.2 },
    voteValues: { excellent: 100, competent: 80, basically_competent: 60, incompetent: 0 },
    thresholds: { excellent: 90, competent: 75, basically_competent: 60 },
    integrityFloor: 60,
  },
  annual: {
    excellentGuidance: { previousExcellentYears: 2, minExcellentVoteShare: 0.6 },
    priorRecordLead: wd(20),
    priorRecordMinDays: 30,
  },
  service: {
    reportOpensBefore: wd(10),
    rotationMinTermMonths: 18,
    extensionMaxTotalMonths: 12,
    extensionRequestLead: months(1),
    finalOpenLead: wd(20),
    trackingMonths: 12,
  },
  waivable: [
    'posting.introduction',
    'posting.mentor',
    'posting.duties',
    'posting.unitedFront',
    'posting.party',
    'service.quarterly',
    'service.halfYearReport',
    'service.halfYearAssessment',
    'service.contact',
    'service.firstHalfRecord',
    'service.annualAssessment',
    'service.breachResponse',
    'return.handover',
    'return.party',
    'return.post',
  ],
  forcedTransitions: [
    'POSTING->WITHDRAWN',
    'IN_SERVICE->FINAL_ASSESSMENT',
    'EXTENDED->FINAL_ASSESSMENT',
    'RETURNING->TRACKING',
    'RETURNING->CLOSED_PROMOTED',
    'RETURNING->RECALLED',
    'TRACKING->CLOSED_RETURNED',
  ],
} satisfies Policy);
