// Test data for v2: a realistic 下派 nomination (rule facts only: no name, no birth date) and
// actors for each party of the case.
import { shippedCalendar } from '../../../../machines/calendar';
import type {
  Actor,
  EventOf,
  EventPayload,
  EventType,
  Role,
  SecondmentInputDraft,
} from '../../../../machines/secondment/v2';

export const UNITS = {
  sending: 'city.dev-reform',
  receiving: 'county.a.town-b',
  other: 'county.c.town-d',
  org: 'city.org-dept',
  unitedFront: 'city.united-front',
} as const;

export const CADRE_ID = 'p0123456789abcdef0123';
export const T0 = '2026-01-05T09:00:00+08:00';

export function actor(role: Role, unit?: string): Actor {
  const units: Record<Role, string> = {
    org_admin: UNITS.org,
    sending_officer: UNITS.sending,
    receiving_officer: UNITS.receiving,
    cadre: UNITS.receiving,
    united_front: UNITS.unitedFront,
    auditor: 'audit',
    system: 'system',
  };
  return {
    id: role === 'cadre' ? CADRE_ID : role === 'system' ? 'system' : `${role}-1`,
    role,
    unit: unit ?? units[role],
  };
}

export function nomination(
  over: Omit<Partial<SecondmentInputDraft>, 'cadre'> & {
    cadre?: Partial<SecondmentInputDraft['cadre']>;
  } = {},
): SecondmentInputDraft {
  const { cadre, ...rest } = over;
  return {
    caseId: 'case-0001abcd',
    year: 2026,
    kind: 'down',
    programme: 'none',
    cadre: {
      id: CADRE_ID,
      age: 33,
      rank: 'deputy_section',
      cpcMember: true,
      categories: ['selected_graduate'],
      ...cadre,
    },
    sendingUnit: UNITS.sending,
    requestedReceivingUnit: UNITS.receiving,
    orgUnit: UNITS.org,
    unitedFrontUnit: UNITS.unitedFront,
    termMonths: 12,
    source: { type: 'organization' },
    nominatedBy: actor('sending_officer'),
    at: T0,
    policy: 'default',
    calendar: shippedCalendar(),
    ...rest,
  };
}

/** Default actor for each event type (the role the permission table names first). */
export const DEFAULT_ROLE: Record<EventType, Role> = {
  'nomination.withdraw': 'sending_officer',
  'approval.approve': 'org_admin',
  'approval.reject': 'org_admin',
  'posting.post.arrange': 'receiving_officer',
  'posting.election.record': 'receiving_officer',
  'posting.appointment.file': 'receiving_officer',
  'posting.unitedFront.acknowledge': 'united_front',
  'posting.party.transfer': 'cadre',
  'posting.introduction.send': 'sending_officer',
  'posting.mentor.name': 'receiving_officer',
  'posting.duties.assign': 'receiving_officer',
  'posting.arrival.confirm': 'receiving_officer',
  'service.quarterly.submit': 'cadre',
  'service.halfYear.report': 'cadre',
  'service.halfYear.assess': 'org_admin',
  'service.contact.log': 'sending_officer',
  'service.firstHalfRecord.provide': 'sending_officer',
  'service.annual.assess': 'receiving_officer',
  'service.leave.request': 'cadre',
  'service.leave.decide': 'receiving_officer',
  'service.leave.return': 'cadre',
  'service.sendingTask.request': 'sending_officer',
  'service.sendingTask.decide': 'org_admin',
  'service.breach.report': 'cadre',
  'service.breach.respond': 'sending_officer',
  'service.breach.resolve': 'org_admin',
  'service.post.rotate': 'receiving_officer',
  'extension.request': 'receiving_officer',
  'extension.consent': 'sending_officer',
  'extension.decide': 'org_admin',
  'recall.request': 'sending_officer',
  'recall.consent': 'receiving_officer',
  'promotion.decide': 'org_admin',
  'final.open': 'org_admin',
  'final.summary.submit': 'cadre',
  'final.appraisal.submit': 'receiving_officer',
  'final.inspection.submit': 'sending_officer',
  'final.democratic.record': 'org_admin',
  'final.grade.decide': 'org_admin',
  'return.start': 'org_admin',
  'return.handover.complete': 'cadre',
  'return.party.return': 'cadre',
  'return.post.resume': 'sending_officer',
  'tracking.review.submit': 'sending_officer',
  'admin.deadline.extend': 'org_admin',
  'admin.duty.waive': 'org_admin',
  'admin.duty.reassign': 'org_admin',
  'admin.case.hold': 'org_admin',
  'admin.case.resume': 'org_admin',
  'admin.case.force': 'org_admin',
  'calendar.update': 'system',
  'deadline.reached': 'system',
};

export function event<K extends EventType>(
  type: K,
  payload: EventPayload<K> & { facts?: unknown },
  at: string,
  by?: Actor,
): EventOf<K> {
  return { type, actor: by ?? actor(DEFAULT_ROLE[type]), at, ...payload } as EventOf<K>;
}

/** The quota facts the workflow attaches to an approval (from the reserveIntake activity). */
export const intake = (approvedBefore = 1, quota: number | null = 3) => ({
  intake: { quota, approvedBefore, reserved: true },
});

/** Typical payloads, so a test names only what it is about. */
export const P = {
  /** what a caller sends: the workflow attaches the quota facts itself */
  approve: {},
  /** the approval as the machine receives it from its host */
  approveWithQuota: { facts: intake() },
  arrangeElected: {
    title: '副镇长',
    postType: 'deputy_township_head' as const,
    level: 'deputy_section' as const,
  },
  arrange: {
    title: '镇长助理',
    postType: 'township_head_assistant' as const,
    level: 'deputy_section' as const,
  },
  elected: { elected: true, votesFor: 40, votesTotal: 45, session: '第十八届人大第三次会议' },
  appointment: { documentNo: '县委组〔2026〕12号' },
  party: { branch: '挂职干部临时党支部' },
  intro: { letterNo: '介字〔2026〕3号' },
  mentor: { mentorName: '李四', mentorTitle: '镇党委副书记' },
  duties: { portfolio: '分管招商引资和农村人居环境整治' },
  arrival: (date: string) => ({ arrivedOn: date, fullTime: true }),
  appraisal: {
    thought: { score: 92, comment: '政治坚定' },
    work: { score: 90, comment: '实绩突出' },
    study: { score: 88, comment: '勤于学习' },
    life: { score: 90, comment: '作风朴素' },
    integrity: { score: 95, comment: '廉洁自律' },
  },
  inspection: { score: 90, findings: '群众认可度高' },
  votes: { excellent: 30, competent: 10, basically_competent: 1, incompetent: 0 },
  promotion: {
    newPost: '镇党委副书记',
    newRank: 'section' as const,
    documentNo: '县委〔2026〕88号',
    inPlace: true,
  },
} satisfies Record<string, unknown>;
