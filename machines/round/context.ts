// The round machine's context (年度挂职工作 / 批次): ids, units and counts only — names, persons'
// data and the applications' texts stay in the database. Plain JSON: persisted and replayed.
import type { LadderStep } from '../secondment/v2/context';
import type { Policy } from '../secondment/v1/policy/schema';
import type { Principal } from '../secondment/v2/roles';

export const ROUND_STATUSES = ['COLLECTING', 'DECIDED', 'LAUNCHING', 'LAUNCHED', 'CLOSED'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const roundStatusLabels: Record<RoundStatus, { zh: string; en: string }> = {
  COLLECTING: { zh: '申报推荐中', en: 'collecting applications and recommendations' },
  DECIDED: { zh: '组织已确定', en: 'decided' },
  LAUNCHING: { zh: '启动中', en: 'launching' },
  LAUNCHED: { zh: '已启动', en: 'launched' },
  CLOSED: { zh: '已结束', en: 'closed' },
};

export type RoundDutyKind = 'round.application' | 'round.recommendation';

/** A duty of the round, with the same ladder fields as a case's duty (the same ladder code arms it). */
export interface RoundDuty {
  id: string;
  key: string;
  kind: RoundDutyKind;
  what: { zh: string; en: string };
  owner: { role: 'receiving_officer' | 'sending_officer'; unit: string };
  createdAt: string;
  dueAt: string;
  nextAlarmAt: string | null;
  ladder: number;
  escalations: { step: LadderStep; at: string }[];
  state: 'open' | 'done' | 'waived' | 'lapsed';
  stuck: boolean;
  pausedAt: string | null;
  closedAt: string | null;
  /** never: a round's duties are tasks; kept so the ladder code reads one shape */
  milestone: false;
}

export interface RoundContext {
  roundId: string;
  year: number;
  orgUnit: string;
  /** the round's policy (a copy): its escalation ladder times the duties */
  policy: Policy;
  deadlines: { application: string; recommendation: string };
  maxRecommendationsPerUnit: number;
  invited: { receiving: string[]; sending: string[] };
  /** per receiving unit: cadres asked for (0 when it declined) */
  applications: Record<string, { requested: number; declined: boolean }>;
  /** per sending unit: its active recommendations */
  recommendations: Record<string, number>;
  decision: { at: string; assigned: number; rejected: number; allocations: number } | null;
  launch: {
    at: string;
    /** who launched: the approvals of the launched cases are theirs */
    by: string;
    total: number;
    finishedAt: string | null;
    started: number;
    already: number;
    failed: number;
  } | null;
  status: RoundStatus;
  seq: number;
  lastAt: string;
  createdBy: Principal;
  duties: RoundDuty[];
  counters: { duty: number };
}
