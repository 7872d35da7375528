// The demo policy: a one-year secondment plays out in about five minutes of wall time.
// - one term month lasts 10 s (termClock.compressed), so a 12-month term is 2 min, quarterly
//   reports fall due every 30 s and the 3-month tracking period lasts 30 s; the calendar year runs
//   on the same compressed clock, so the year-end annual assessment happens too;
// - every duty gets seconds instead of working days, so a silent party climbs the whole ladder
//   (reminder → overdue → unit head → organization department → stuck) within 35 s;
// - the rules themselves (roles, checklist, quota, grading) are exactly the default policy's.
import { defaultPolicy } from './default';
import type { Duration, Policy } from './schema';
import { policySchema } from './schema';

const s = (amount: number): Duration => ({ amount, unit: 'seconds' });

export const DEMO_SECONDS_PER_MONTH = 10;

export const demoPolicy: Policy = policySchema.parse({
  ...defaultPolicy,
  id: 'demo',
  version: 2,
  name: { zh: '演示政策（时间压缩）', en: 'demo policy (compressed time)' },
  termClock: { kind: 'compressed', secondsPerMonth: DEMO_SECONDS_PER_MONTH },
  durations: {
    'approval.decide': s(30),
    'posting.post': s(20),
    'posting.election': s(30),
    'posting.appointment': s(20),
    'posting.unitedFront': s(15),
    'posting.party': s(20),
    'posting.introduction': s(15),
    'posting.mentor': s(20),
    'posting.duties': s(20),
    'posting.arrival': s(20),
    'service.quarterly': s(5),
    'service.halfYearReport': s(5),
    'service.halfYearAssessment': s(8),
    'service.contact': s(5),
    'service.firstHalfRecord': s(3),
    'service.annualAssessment': s(8),
    'service.termEnd': s(0),
    'service.leaveDecision': s(10),
    'service.leaveReturn': s(5),
    'service.sendingTaskDecision': s(10),
    'service.breachResponse': s(10),
    'service.breachFollowUp': s(20),
    'extension.consent': s(10),
    'extension.decision': s(10),
    'recall.consent': s(10),
    'hold.review': s(60),
    'final.summary': s(20),
    'final.appraisal': s(20),
    'final.inspection': s(20),
    'final.democratic': s(20),
    'final.grade': s(30),
    'final.disposition': s(20),
    'return.handover': s(20),
    'return.party': s(20),
    'return.post': s(20),
    'tracking.review': s(5),
  },
  // 双人复核: forcing a state and waiving a duty need a second admin, and so does a bulk run over 20 cases
  fourEyes: { interventions: ['admin.case.force', 'admin.duty.waive'], bulkOver: 20, decideWithin: s(30) },
  escalation: {
    reminderBefore: s(5),
    overdueAfter: s(0),
    unitHeadAfter: s(10),
    orgDeptAfter: s(20),
    stuckAfter: s(30),
  },
  // day-based overrides would stretch the demo back to real time
  kinds: Object.fromEntries(
    Object.entries(defaultPolicy.kinds).map(([k, rule]) => [k, { ...rule, durationOverrides: {} }]),
  ),
  programmes: {},
  annual: { ...defaultPolicy.annual, priorRecordLead: s(5) },
  service: {
    ...defaultPolicy.service,
    reportOpensBefore: s(5),
    extensionRequestLead: s(DEMO_SECONDS_PER_MONTH),
    finalOpenLead: s(DEMO_SECONDS_PER_MONTH),
    trackingMonths: 3,
  },
});
