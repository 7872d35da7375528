// The machine's context: everything later transitions need, as plain JSON (it is persisted and
// replayed). No status field: the status is the state value's. The policy and the holiday tables
// are copies, so a later change of either never rewrites a running case behind its back.
import type { Calendar } from '../../calendar';
import type { NominationSource } from './input';
import type { Policy } from './policy/schema';
import type { Principal, Role } from './roles';
import type { Category, DutyKind, Grade, Kind, PostType, Programme, Rank } from './vocabulary';

export const LADDER_STEPS = ['reminder', 'overdue', 'unitHead', 'orgDept', 'stuck'] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];
export const ladderStepLabels: Record<LadderStep, { zh: string; en: string }> = {
  reminder: { zh: '提醒', en: 'reminder' },
  overdue: { zh: '逾期', en: 'overdue' },
  unitHead: { zh: '单位负责人督办', en: 'unit head' },
  orgDept: { zh: '组织部督办', en: 'org department' },
  stuck: { zh: '停滞', en: 'stuck' },
};

export interface Owner {
  role: Role;
  unit: string;
  /** The cadre, addressed as a person (their own mailbox), not only as a desk. */
  personId?: string;
}

export type DutyState = 'planned' | 'open' | 'done' | 'waived' | 'lapsed';

export interface Duty {
  id: string;
  /** Business key, unique among duties of the same purpose (e.g. `service.quarterly/3`). */
  key: string;
  kind: DutyKind;
  what: { zh: string; en: string };
  owner: Owner;
  createdAt: string;
  /** `planned`: not yet owed (a report before its window); it opens by itself at `opensAt`. */
  state: DutyState;
  opensAt: string | null;
  dueAt: string;
  /** The next moment the host must send deadline.reached; null once closed, stuck or paused. */
  nextAlarmAt: string | null;
  /** Index into LADDER_STEPS of the next step to take. */
  ladder: number;
  escalations: { step: LadderStep; at: string }[];
  stuck: boolean;
  /** Set while the case is on hold: the alarm is paused and the due date shifts on resume. */
  pausedAt: string | null;
  closedAt: string | null;
  /** End of the period a periodic duty covers (a quarter, a half-year, a calendar year); null otherwise. */
  periodEnd: string | null;
  /** A milestone is not a task: at its due time the machine itself moves on (term end). */
  milestone: boolean;
  /** How a working-day due date was computed, so it can be re-planned: null for other rules. */
  basis: { from: string; workingDays: number } | null;
  /** The holiday tables the due date relied on ('2026:1,2027:none'); null when no working days were counted. */
  calendarVersion: string | null;
  /** Computed on weekdays for a year without a holiday table: re-planned when the table is loaded. */
  provisional: boolean;
}

export interface CadreFacts {
  id: string;
  /** Only in snapshots migrated from v1 before names left Temporal; never set by v2. */
  displayName?: string;
  age: number;
  rank: Rank;
  cpcMember: boolean;
  categories: Category[];
  heldGrassrootsPrincipalPost: boolean;
  previousAnnualGrades: Grade[];
}

export interface Assessment {
  period: number;
  grade: Grade;
  score: number;
  at: string;
}

export interface AnnualAssessment {
  year: number;
  grade: Grade;
  score: number;
  excellentVoteShare: number;
  /** 'excellent' when the seed's guidance suggested 优秀 for this year. */
  guidance: Grade | null;
  at: string;
}

export interface FinalResult {
  composite: number;
  grade: Grade;
  components: { appraisal: number; inspection: number; democratic: number; routine: number | null };
  reasons: string[];
}

export interface Leave {
  id: string;
  from: string;
  to: string;
  reason: string;
  state: 'pending' | 'approved' | 'denied' | 'returned';
  returnedOn: string | null;
}

export interface Breach {
  id: string;
  task: string;
  reportedBy: { role: Role; unit: string };
  at: string;
  state: 'open' | 'responded' | 'upheld' | 'dismissed';
}

export type Disposition = 'returned' | 'promoted' | 'recalled';

export interface SecondmentContext {
  caseId: string;
  year: number;
  cohort: string | null;
  roundId: string | null;
  kind: Kind;
  programme: Programme;
  cadre: CadreFacts;
  sendingUnit: string;
  requestedReceivingUnit: string;
  receivingUnit: string;
  orgUnit: string;
  unitedFrontUnit: string;
  termMonths: number;
  /** The round's common term, when the case belongs to one. */
  plannedTerm: { start: string; end: string; reason: string | null } | null;
  source: NominationSource;
  nominatedBy: Principal;
  nominatedAt: string;
  policy: Policy;
  calendar: Calendar;

  /** Audit sequence: +1 for every accepted transition (the nomination is 1). */
  seq: number;
  lastAt: string;
  eligibility: { ok: boolean; failures: { code: string; zh: string; en: string }[] };

  approval: {
    at: string;
    quota: number | null;
    approvedBefore: number;
    receivingUnitChanged: boolean;
  } | null;
  posting: {
    post: {
      title: string;
      postType: PostType;
      level: Rank;
      elected: boolean;
      levelReason: string | null;
    } | null;
    election: { elected: boolean; votesFor: number; votesTotal: number; session: string } | null;
    appointmentNo: string | null;
    unitedFrontAckAt: string | null;
    partyBranch: string | null;
    introductionLetter: string | null;
    mentor: { name: string; title: string } | null;
    portfolio: string | null;
    arrivedOn: string | null;
  };
  /** The posting checklist completed (到岗手续办结). */
  postedAt: string | null;
  /** The term runs from arrival (到岗之日) to its planned end, both shifted by time on hold. */
  termStart: string | null;
  termEnd: string | null;
  heldMs: number;
  extensionMonths: number;
  extensionRequest: { months: number; reason: string; at: string } | null;
  recallRequest: { ground: 'other'; reason: string; at: string } | null;
  rotations: { title: string; level: Rank; portfolio: string; at: string }[];
  leaves: Leave[];
  sendingTasks: { id: string; task: string; state: 'pending' | 'approved' | 'denied' }[];
  breaches: Breach[];
  priorRecords: { year: number; at: string }[];
  halfYearAssessments: Assessment[];
  annualAssessments: AnnualAssessment[];
  final: {
    summaryAt: string | null;
    appraisal: Record<
      'thought' | 'work' | 'study' | 'life' | 'integrity',
      { score: number; comment: string }
    > | null;
    inspection: { score: number; findings: string } | null;
    democratic: Record<Grade, number> | null;
    result: FinalResult | null;
  };
  disposition: Disposition | null;
  returned: { handoverAt: string | null; partyReturnedAt: string | null; postResumedAt: string | null };
  trackingStart: string | null;
  promotion: {
    newPost: string;
    newRank: Rank;
    documentNo: string;
    inPlace: boolean;
    at: string;
  } | null;
  recall: { ground: 'promotion' | 'campaign' | 'other'; reference: string | null; at: string } | null;
  hold: { at: string; reason: string } | null;
  duties: Duty[];
  counters: { duty: number; leave: number; task: number; breach: number };
}
