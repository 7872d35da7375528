// The machine's context: everything later transitions need, as plain JSON (it is persisted and
// replayed). The policy is a copy, so a later policy change never rewrites a running case.
import type { Policy } from './policy/schema';
import type { Principal, Role } from './roles';
import type { StatusCode } from './status';
import type { Category, DutyKind, Grade, Kind, Programme, Rank } from './vocabulary';
import type { NominationSource } from './input';

export const LADDER_STEPS = ['reminder', 'overdue', 'unitHead', 'orgDept', 'stuck'] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];
/** The escalation ladder (催办 → 督办 → 停滞) as the organization department names its steps. */
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
}

export interface Duty {
  id: string;
  /** Business key, unique among duties of the same purpose (e.g. `service.quarterly/3`). */
  key: string;
  kind: DutyKind;
  what: { zh: string; en: string };
  owner: Owner;
  createdAt: string;
  dueAt: string;
  /** The next moment the host must send deadline.reached; null once closed, stuck or paused. */
  nextAlarmAt: string | null;
  /** Index into LADDER_STEPS of the next step to take. */
  ladder: number;
  escalations: { step: LadderStep; at: string }[];
  state: 'open' | 'done' | 'waived' | 'lapsed';
  stuck: boolean;
  /** Set while the case is on hold: the alarm is paused and the due date shifts on resume. */
  pausedAt: string | null;
  closedAt: string | null;
  /** End of the period a periodic duty covers (a quarter, a half-year); null otherwise. */
  periodEnd: string | null;
  /** A milestone is not a task: at its due time the machine itself moves on (term end). */
  milestone: boolean;
}

export interface Cadre {
  id: string;
  displayName: string;
  birthDate?: string | undefined;
  age?: number | undefined;
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

export interface FinalResult {
  composite: number;
  grade: Grade;
  components: { appraisal: number; inspection: number; democratic: number; routine: number | null };
  reasons: string[];
}

export interface SecondmentContext {
  caseId: string;
  year: number;
  cohort: string | null;
  kind: Kind;
  programme: Programme;
  cadre: Cadre;
  sendingUnit: string;
  requestedReceivingUnit: string;
  receivingUnit: string;
  orgUnit: string;
  unitedFrontUnit: string;
  termMonths: number;
  source: NominationSource;
  nominatedBy: Principal;
  nominatedAt: string;
  policy: Policy;

  status: StatusCode;
  /** Audit sequence: +1 for every accepted transition (the initial nomination is 1). */
  seq: number;
  lastAt: string;
  eligibility: { ok: boolean; failures: { code: string; zh: string; en: string }[] };

  approval: { at: string; intake: number; quota: number; receivingUnitChanged: boolean } | null;
  posting: {
    post: { title: string; level: Rank; elected: boolean } | null;
    election: { elected: boolean; votesFor: number; votesTotal: number; session: string } | null;
    appointmentNo: string | null;
    unitedFrontAckAt: string | null;
    partyBranch: string | null;
    introductionLetter: string | null;
    mentor: { name: string; title: string } | null;
    portfolio: string | null;
    arrivedOn: string | null;
  };
  postedAt: string | null;
  termEnd: string | null;
  extensionMonths: number;
  extensionRequest: { months: number; reason: string; at: string } | null;
  recallRequest: {
    ground: 'promotion' | 'campaign' | 'other';
    reference: string | null;
    reason: string;
    at: string;
  } | null;
  rotations: { title: string; level: Rank; portfolio: string; at: string }[];
  leaves: {
    id: string;
    from: string;
    to: string;
    reason: string;
    state: 'pending' | 'approved' | 'denied';
  }[];
  sendingTasks: { id: string; task: string; state: 'pending' | 'approved' | 'denied' }[];
  firstHalfRecordAt: string | null;
  halfYearAssessments: Assessment[];
  annualAssessments: Assessment[];
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
  returned: { handoverAt: string | null; partyReturnedAt: string | null; postResumedAt: string | null };
  trackingStart: string | null;
  promotion: { newPost: string; newRank: Rank; documentNo: string; inPlace: boolean; at: string } | null;
  recall: { ground: 'promotion' | 'campaign' | 'other'; reference: string | null; at: string } | null;
  hold: { at: string; reason: string; heldStatus: StatusCode } | null;
  /** Total time spent on hold while serving: term anchors move by it. */
  heldMs: number;
  duties: Duty[];
  counters: { duty: number; leave: number; task: number };
}
