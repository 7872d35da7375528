// The round (批次, migration 007): the round itself, invited units, applications, recommendations,
// the decision board (allocations are in intake.ts), the cases a launch started and its progress.
// Names are joined here so every answer shows them.
import { createHash } from 'node:crypto';
import type { Label } from '../contract';
import type { Db, Queryable } from '../db';
import type { Kind, Rank } from '../machines/secondment';
import type { NominationSource } from '../machines/secondment/v2/input';
import { inJurisdictionSql } from './units';
import type { Viewer } from './scope';

export interface RoundRow {
  id: string;
  year: number;
  name: string;
  org_unit: string;
  united_front_unit: string;
  kinds: Kind[];
  policy_id: string;
  term_start: string;
  term_end: string;
  subsidy_per_day: string | number;
  subsidy_payer: 'sending_unit';
  pay_rule: 'home_unit_unchanged';
  application_deadline: Date | string;
  recommendation_deadline: Date | string;
  max_recommendations_per_unit: number;
  created_by: string;
  created_at: Date | string;
  status: string | null;
  org_zh: string;
  org_en: string;
  uf_zh: string;
  uf_en: string;
}

export interface StoredRound {
  id: string;
  year: number;
  name: string;
  orgUnit: string;
  orgUnitName: Label;
  unitedFrontUnit: string;
  unitedFrontUnitName: Label;
  kinds: Kind[];
  policyId: string;
  termStart: string;
  termEnd: string;
  subsidyPerDay: number;
  subsidyPayer: 'sending_unit';
  payRule: 'home_unit_unchanged';
  applicationDeadline: string;
  recommendationDeadline: string;
  maxRecommendationsPerUnit: number;
  /** the round machine's status (round_state), COLLECTING before its first transition is written */
  status: string;
  createdBy: string;
  createdAt: string;
}

const iso = (v: Date | string): string => new Date(typeof v === 'string' ? v : v.valueOf()).toISOString();

const ROUND_SELECT = `SELECT r.id, r.year, r.name, r.org_unit, r.united_front_unit, r.kinds, r.policy_id,
    r.term_start::text AS term_start, r.term_end::text AS term_end, r.subsidy_per_day, r.subsidy_payer, r.pay_rule,
    r.application_deadline, r.recommendation_deadline, r.max_recommendations_per_unit, r.created_by, r.created_at,
    s.status, o.name_zh AS org_zh, o.name_en AS org_en, f.name_zh AS uf_zh, f.name_en AS uf_en
  FROM rounds r
  JOIN units o ON o.code = r.org_unit
  JOIN units f ON f.code = r.united_front_unit
  LEFT JOIN round_state s ON s.round_id = r.id`;

function toRound(r: RoundRow): StoredRound {
  return {
    id: r.id,
    year: r.year,
    name: r.name,
    orgUnit: r.org_unit,
    orgUnitName: { zh: r.org_zh, en: r.org_en },
    unitedFrontUnit: r.united_front_unit,
    unitedFrontUnitName: { zh: r.uf_zh, en: r.uf_en },
    kinds: r.kinds,
    policyId: r.policy_id,
    termStart: r.term_start,
    termEnd: r.term_end,
    subsidyPerDay: Number(r.subsidy_per_day),
    subsidyPayer: r.subsidy_payer,
    payRule: r.pay_rule,
    applicationDeadline: iso(r.application_deadline),
    recommendationDeadline: iso(r.recommendation_deadline),
    maxRecommendationsPerUnit: r.max_recommendations_per_unit,
    status: r.status ?? 'COLLECTING',
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
  };
}

export interface NewRoundRow {
  id: string;
  year: number;
  name: string;
  orgUnit: string;
  unitedFrontUnit: string;
  kinds: Kind[];
  policyId: string;
  termStart: string;
  termEnd: string;
  subsidyPerDay: number;
  applicationDeadline: string;
  recommendationDeadline: string;
  maxRecommendationsPerUnit: number;
  receivingUnits: string[];
  sendingUnits: string[];
  createdBy: string;
}

/** Inserts a round and its invited units; false when the id is taken. */
export function insertRound(db: Db, r: NewRoundRow): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO rounds (id, year, name, org_unit, united_front_unit, kinds, policy_id, term_start, term_end,
         subsidy_per_day, application_deadline, recommendation_deadline, max_recommendations_per_unit, created_by)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8::date, $9::date, $10, $11::timestamptz, $12::timestamptz, $13, $14)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        r.id,
        r.year,
        r.name,
        r.orgUnit,
        r.unitedFrontUnit,
        JSON.stringify(r.kinds),
        r.policyId,
        r.termStart,
        r.termEnd,
        r.subsidyPerDay,
        r.applicationDeadline,
        r.recommendationDeadline,
        r.maxRecommendationsPerUnit,
        r.createdBy,
      ],
    );
    if (inserted.length === 0) return false;
    await addRoundUnits(tx, r.id, 'receiving', r.receivingUnits);
    await addRoundUnits(tx, r.id, 'sending', r.sendingUnits);
    return true;
  });
}

/** Undoes insertRound when the round's workflow could not be started. */
export async function deleteRound(db: Db, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM round_units WHERE round_id = $1', [id]);
    await tx.query('DELETE FROM rounds WHERE id = $1', [id]);
  });
}

export async function addRoundUnits(
  db: Queryable,
  roundId: string,
  part: 'receiving' | 'sending',
  units: readonly string[],
): Promise<void> {
  for (const unit of units)
    await db.query(
      'INSERT INTO round_units (round_id, part, unit) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [roundId, part, unit],
    );
}

export async function getRound(db: Queryable, id: string): Promise<StoredRound | null> {
  const rows = await db.query<RoundRow>(`${ROUND_SELECT} WHERE r.id = $1`, [id]);
  return rows[0] ? toRound(rows[0]) : null;
}

/**
 * Rounds a user sees: a department's (or auditor's) whose org unit lies in their jurisdiction; an
 * officer's where their unit is invited or has a case of the round; never a cadre's.
 */
function roundScopeSql(user: Viewer, params: unknown[]): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  switch (user.role) {
    case 'org_admin':
    case 'auditor':
    case 'united_front':
      return inJurisdictionSql('r.org_unit', p(user.units));
    case 'sending_officer':
    case 'receiving_officer': {
      const units = p(user.units);
      return `(EXISTS (SELECT 1 FROM round_units ru WHERE ru.round_id = r.id AND ru.unit = ANY(${units}::text[]))
        OR EXISTS (SELECT 1 FROM round_recommendations rr WHERE rr.round_id = r.id AND rr.sending_unit = ANY(${units}::text[]))
        OR EXISTS (SELECT 1 FROM round_assignments ra WHERE ra.round_id = r.id AND ra.receiving_unit = ANY(${units}::text[])))`;
    }
    case 'cadre':
      return 'false';
  }
}

export async function roundInScope(db: Queryable, user: Viewer, id: string): Promise<StoredRound | null> {
  const params: unknown[] = [id];
  const scope = roundScopeSql(user, params);
  const rows = await db.query<RoundRow>(`${ROUND_SELECT} WHERE r.id = $1 AND ${scope}`, params);
  return rows[0] ? toRound(rows[0]) : null;
}

export async function listRoundsInScope(db: Queryable, user: Viewer): Promise<StoredRound[]> {
  const params: unknown[] = [];
  const scope = roundScopeSql(user, params);
  const rows = await db.query<RoundRow>(`${ROUND_SELECT} WHERE ${scope} ORDER BY r.year DESC, r.id`, params);
  return rows.map(toRound);
}

export async function roundUnitsOf(
  db: Queryable,
  roundId: string,
): Promise<{ receiving: { code: string; name: Label }[]; sending: { code: string; name: Label }[] }> {
  const rows = await db.query<{
    part: 'receiving' | 'sending';
    unit: string;
    name_zh: string;
    name_en: string;
  }>(
    `SELECT ru.part, ru.unit, u.name_zh, u.name_en FROM round_units ru JOIN units u ON u.code = ru.unit
      WHERE ru.round_id = $1 ORDER BY ru.part, ru.unit`,
    [roundId],
  );
  const of = (part: 'receiving' | 'sending') =>
    rows
      .filter((r) => r.part === part)
      .map((r) => ({ code: r.unit, name: { zh: r.name_zh, en: r.name_en } }));
  return { receiving: of('receiving'), sending: of('sending') };
}

// ── applications (单位申报) ────────────────────────────────────────────────────────────────

export interface StoredPost {
  title: string;
  level: Rank;
  elected: boolean;
  count: number;
}

export interface StoredApplication {
  id: string;
  roundId: string;
  unit: string;
  unitName: Label;
  status: 'submitted' | 'declined';
  requested: number;
  posts: StoredPost[];
  note: string | null;
  submittedBy: string;
  submittedAt: string;
}

/** One application per (round, unit): a later one replaces the earlier. */
export async function upsertApplication(
  db: Queryable,
  a: Omit<StoredApplication, 'unitName' | 'submittedAt'>,
): Promise<void> {
  await db.query(
    `INSERT INTO round_applications (id, round_id, unit, status, requested, posts, note, submitted_by, submitted_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, now())
     ON CONFLICT (round_id, unit) DO UPDATE SET id = EXCLUDED.id, status = EXCLUDED.status,
       requested = EXCLUDED.requested, posts = EXCLUDED.posts, note = EXCLUDED.note,
       submitted_by = EXCLUDED.submitted_by, submitted_at = EXCLUDED.submitted_at`,
    [a.id, a.roundId, a.unit, a.status, a.requested, JSON.stringify(a.posts), a.note, a.submittedBy],
  );
}

export async function listApplications(
  db: Queryable,
  roundId: string,
  units?: readonly string[],
): Promise<StoredApplication[]> {
  const rows = await db.query<{
    id: string;
    round_id: string;
    unit: string;
    status: 'submitted' | 'declined';
    requested: number;
    posts: StoredPost[];
    note: string | null;
    submitted_by: string;
    submitted_at: Date | string;
    name_zh: string;
    name_en: string;
  }>(
    `SELECT a.*, u.name_zh, u.name_en FROM round_applications a JOIN units u ON u.code = a.unit
      WHERE a.round_id = $1 AND ($2::text[] IS NULL OR a.unit = ANY($2::text[])) ORDER BY a.unit`,
    [roundId, units ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    roundId: r.round_id,
    unit: r.unit,
    unitName: { zh: r.name_zh, en: r.name_en },
    status: r.status,
    requested: r.requested,
    posts: r.posts,
    note: r.note,
    submittedBy: r.submitted_by,
    submittedAt: iso(r.submitted_at),
  }));
}

export async function deleteApplication(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM round_applications WHERE id = $1', [id]);
}

// ── recommendations (推荐) ─────────────────────────────────────────────────────────────────

export interface Eligibility {
  ok: boolean;
  failures: { code: string; zh: string; en: string }[];
  age: number;
  at: string;
}

export type RecommendationStatus = 'candidate' | 'assigned' | 'rejected' | 'withdrawn';

export interface StoredRecommendation {
  id: string;
  roundId: string;
  personId: string;
  sendingUnit: string;
  kind: Kind;
  requestedReceivingUnit: string | null;
  source: NominationSource;
  eligibility: Eligibility;
  status: RecommendationStatus;
  statusReason: string | null;
  note: string | null;
  createdBy: string;
  createdAt: string;
  assignment: { receivingUnit: string; title: string; level: Rank; elected: boolean } | null;
  caseId: string | null;
}

export async function insertRecommendation(
  db: Queryable,
  r: Omit<StoredRecommendation, 'status' | 'statusReason' | 'createdAt' | 'assignment' | 'caseId'>,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO round_recommendations (id, round_id, person_id, sending_unit, kind, requested_receiving_unit, source,
       eligibility, note, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, now())
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      r.id,
      r.roundId,
      r.personId,
      r.sendingUnit,
      r.kind,
      r.requestedReceivingUnit,
      JSON.stringify(r.source),
      JSON.stringify(r.eligibility),
      r.note,
      r.createdBy,
    ],
  );
  return rows.length > 0;
}

export async function deleteRecommendation(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM round_recommendations WHERE id = $1', [id]);
}

interface RecommendationRow {
  id: string;
  round_id: string;
  person_id: string;
  sending_unit: string;
  kind: Kind;
  requested_receiving_unit: string | null;
  source: NominationSource;
  eligibility: Eligibility;
  status: RecommendationStatus;
  status_reason: string | null;
  note: string | null;
  created_by: string;
  created_at: Date | string;
  a_unit: string | null;
  a_title: string | null;
  a_level: Rank | null;
  a_elected: boolean | null;
  case_id: string | null;
}

const toRecommendation = (r: RecommendationRow): StoredRecommendation => ({
  id: r.id,
  roundId: r.round_id,
  personId: r.person_id,
  sendingUnit: r.sending_unit,
  kind: r.kind,
  requestedReceivingUnit: r.requested_receiving_unit,
  source: r.source,
  eligibility: r.eligibility,
  status: r.status,
  statusReason: r.status_reason,
  note: r.note,
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  assignment:
    r.a_unit === null
      ? null
      : {
          receivingUnit: r.a_unit,
          title: r.a_title ?? '',
          level: r.a_level ?? 'deputy_section',
          elected: r.a_elected ?? false,
        },
  caseId: r.case_id,
});

const RECOMMENDATION_SELECT = `SELECT rr.*, ra.receiving_unit AS a_unit, ra.post_title AS a_title, ra.post_level AS a_level,
    ra.post_elected AS a_elected, rc.case_id
  FROM round_recommendations rr
  LEFT JOIN round_assignments ra ON ra.recommendation_id = rr.id
  LEFT JOIN round_cases rc ON rc.recommendation_id = rr.id`;

export async function listRecommendations(
  db: Queryable,
  roundId: string,
  filter: { sendingUnits?: readonly string[]; receivingUnits?: readonly string[] } = {},
): Promise<StoredRecommendation[]> {
  const rows = await db.query<RecommendationRow>(
    `${RECOMMENDATION_SELECT}
      WHERE rr.round_id = $1 AND ($2::text[] IS NULL OR rr.sending_unit = ANY($2::text[]))
        AND ($3::text[] IS NULL OR ra.receiving_unit = ANY($3::text[]))
      ORDER BY rr.created_at, rr.id`,
    [roundId, filter.sendingUnits ?? null, filter.receivingUnits ?? null],
  );
  return rows.map(toRecommendation);
}

export async function getRecommendation(
  db: Queryable,
  roundId: string,
  id: string,
): Promise<StoredRecommendation | null> {
  const rows = await db.query<RecommendationRow>(
    `${RECOMMENDATION_SELECT} WHERE rr.round_id = $1 AND rr.id = $2`,
    [roundId, id],
  );
  return rows[0] ? toRecommendation(rows[0]) : null;
}

export async function setRecommendationStatus(
  db: Queryable,
  id: string,
  status: RecommendationStatus,
  reason: string | null,
): Promise<void> {
  await db.query('UPDATE round_recommendations SET status = $2, status_reason = $3 WHERE id = $1', [
    id,
    status,
    reason,
  ]);
}

// ── the decision board (组织确定) ─────────────────────────────────────────────────────────

export async function assign(
  db: Db,
  a: {
    roundId: string;
    recommendationId: string;
    receivingUnit: string;
    title: string;
    level: Rank;
    elected: boolean;
    by: string;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO round_assignments (recommendation_id, round_id, receiving_unit, post_title, post_level, post_elected,
         decided_by, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (recommendation_id) DO UPDATE SET receiving_unit = EXCLUDED.receiving_unit,
         post_title = EXCLUDED.post_title, post_level = EXCLUDED.post_level, post_elected = EXCLUDED.post_elected,
         decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at`,
      [a.recommendationId, a.roundId, a.receivingUnit, a.title, a.level, a.elected, a.by],
    );
    await setRecommendationStatus(tx, a.recommendationId, 'assigned', null);
  });
}

export async function unassign(
  db: Db,
  recommendationId: string,
  status: RecommendationStatus,
  reason: string | null,
) {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM round_assignments WHERE recommendation_id = $1', [recommendationId]);
    await setRecommendationStatus(tx, recommendationId, status, reason);
  });
}

/** Assigned places per receiving unit of a round. */
export async function assignmentsPerUnit(db: Queryable, roundId: string): Promise<Map<string, number>> {
  const rows = await db.query<{ unit: string; n: number }>(
    'SELECT receiving_unit AS unit, count(*)::int AS n FROM round_assignments WHERE round_id = $1 GROUP BY 1',
    [roundId],
  );
  return new Map(rows.map((r) => [r.unit, r.n]));
}

export async function allocationsOfRound(db: Queryable, roundId: string): Promise<Map<string, number>> {
  const rows = await db.query<{ unit: string; quota: number }>(
    'SELECT receiving_unit AS unit, quota FROM intake_allocations WHERE round_id = $1',
    [roundId],
  );
  return new Map(rows.map((r) => [r.unit, r.quota]));
}

// ── cases of the round and the launch ────────────────────────────────────────────────────

/**
 * The case id of a recommendation's case: derived from (round, recommendation) so a retried
 * launch names the same case and starts nothing twice. Random-looking, never personal data.
 */
export function roundCaseId(roundId: string, recommendationId: string): string {
  return `rc${createHash('sha256').update(`${roundId}\u0000${recommendationId}`).digest('hex').slice(0, 20)}`;
}

export type LaunchState = 'starting' | 'started' | 'approved' | 'failed';

export async function insertRoundCase(
  db: Queryable,
  rc: {
    caseId: string;
    roundId: string;
    recommendationId: string;
    termStart: string;
    termEnd: string;
    termReason: string | null;
    subsidyPerDay: number;
    subsidyPayer: string;
    payRule: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO round_cases (case_id, round_id, recommendation_id, term_start, term_end, term_reason, subsidy_per_day,
       subsidy_payer, pay_rule, launch_state, launched_at)
     VALUES ($1, $2, $3, $4::date, $5::date, $6, $7, $8, $9, 'starting', now()) ON CONFLICT (case_id) DO NOTHING`,
    [
      rc.caseId,
      rc.roundId,
      rc.recommendationId,
      rc.termStart,
      rc.termEnd,
      rc.termReason,
      rc.subsidyPerDay,
      rc.subsidyPayer,
      rc.payRule,
    ],
  );
}

export async function setLaunchState(
  db: Queryable,
  caseId: string,
  state: LaunchState,
  error: string | null,
) {
  await db.query('UPDATE round_cases SET launch_state = $2, launch_error = $3 WHERE case_id = $1', [
    caseId,
    state,
    error,
  ]);
}

export interface StoredRoundCase {
  caseId: string;
  recommendationId: string;
  personId: string;
  name: string;
  state: LaunchState;
  error: string | null;
  termStart: string;
  termEnd: string;
}

export async function listRoundCases(db: Queryable, roundId: string): Promise<StoredRoundCase[]> {
  const rows = await db.query<{
    case_id: string;
    recommendation_id: string;
    person_id: string;
    name: string;
    launch_state: LaunchState;
    launch_error: string | null;
    term_start: string;
    term_end: string;
  }>(
    `SELECT rc.case_id, rc.recommendation_id, rr.person_id, pe.name, rc.launch_state, rc.launch_error,
            rc.term_start::text AS term_start, rc.term_end::text AS term_end
       FROM round_cases rc JOIN round_recommendations rr ON rr.id = rc.recommendation_id
       JOIN persons pe ON pe.id = rr.person_id
      WHERE rc.round_id = $1 ORDER BY rc.launched_at, rc.case_id`,
    [roundId],
  );
  return rows.map((r) => ({
    caseId: r.case_id,
    recommendationId: r.recommendation_id,
    personId: r.person_id,
    name: r.name,
    state: r.launch_state,
    error: r.launch_error,
    termStart: r.term_start,
    termEnd: r.term_end,
  }));
}

/** The round link of a case (term, subsidy, pay rule) as the case page shows it, or null. */
export async function caseRoundOf(
  db: Queryable,
  caseId: string,
): Promise<{
  roundId: string;
  roundName: string;
  term: { start: string; end: string; reason: string | null };
  subsidy: { amountPerDay: number; payer: string };
  payRule: { code: string; label: Label };
} | null> {
  const rows = await db.query<{
    round_id: string;
    name: string;
    term_start: string;
    term_end: string;
    term_reason: string | null;
    subsidy_per_day: string | number;
    sending_unit: string;
    pay_rule: string;
  }>(
    `SELECT rc.round_id, r.name, rc.term_start::text AS term_start, rc.term_end::text AS term_end, rc.term_reason,
            rc.subsidy_per_day, rr.sending_unit, rc.pay_rule
       FROM round_cases rc JOIN rounds r ON r.id = rc.round_id
       JOIN round_recommendations rr ON rr.id = rc.recommendation_id
      WHERE rc.case_id = $1`,
    [caseId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    roundId: r.round_id,
    roundName: r.name,
    term: { start: r.term_start, end: r.term_end, reason: r.term_reason },
    // 生活补助 is paid by the home unit: the payer of a case is its sending unit.
    subsidy: { amountPerDay: Number(r.subsidy_per_day), payer: r.sending_unit },
    payRule: { code: r.pay_rule, label: PAY_RULE_LABEL },
  };
}

/** 原单位职务不免、工资待遇不变，由原单位发放 */
export const PAY_RULE_LABEL: Label = {
  zh: '工资待遇不变，由原单位发放',
  en: 'pay and benefits unchanged, paid by the home unit',
};
export const SUBSIDY_PAYER_LABEL: Label = { zh: '派出单位（原单位）', en: 'the home (sending) unit' };

export async function startLaunch(
  db: Queryable,
  roundId: string,
  total: number,
  by: string,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO round_launches (round_id, total, started_by, started_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (round_id) DO NOTHING RETURNING round_id`,
    [roundId, total, by],
  );
  return rows.length > 0;
}

export async function finishLaunch(db: Queryable, roundId: string): Promise<void> {
  await db.query('UPDATE round_launches SET finished_at = COALESCE(finished_at, now()) WHERE round_id = $1', [
    roundId,
  ]);
}

export async function launchOf(
  db: Queryable,
  roundId: string,
): Promise<{ total: number; startedBy: string; startedAt: string; finishedAt: string | null } | null> {
  const rows = await db.query<{
    total: number;
    started_by: string;
    started_at: Date | string;
    finished_at: Date | string | null;
  }>('SELECT total, started_by, started_at, finished_at FROM round_launches WHERE round_id = $1', [roundId]);
  const r = rows[0];
  return r
    ? {
        total: r.total,
        startedBy: r.started_by,
        startedAt: iso(r.started_at),
        finishedAt: r.finished_at === null ? null : iso(r.finished_at),
      }
    : null;
}

/** The round machine's stored state (its context) after its latest transition. */
export async function getRoundState(
  db: Queryable,
  roundId: string,
): Promise<{ seq: number; status: string; context: unknown } | null> {
  const rows = await db.query<{ seq: number; status: string; snapshot: unknown }>(
    'SELECT seq, status, snapshot FROM round_state WHERE round_id = $1',
    [roundId],
  );
  const r = rows[0];
  if (!r) return null;
  const state = (typeof r.snapshot === 'string' ? JSON.parse(r.snapshot) : r.snapshot) as {
    snapshot?: unknown;
  };
  return { seq: r.seq, status: r.status, context: state.snapshot ?? null };
}

export interface RoundLink {
  roundId: string;
  roundName: string;
  termStart: string;
  termEnd: string;
  termReason: string | null;
  subsidyPerDay: number;
  payRule: string;
}

/** The round links of many cases at once (the export). */
export async function roundLinksOf(
  db: Queryable,
  caseIds: readonly string[],
): Promise<Map<string, RoundLink>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.query<{
    case_id: string;
    round_id: string;
    name: string;
    term_start: string;
    term_end: string;
    term_reason: string | null;
    subsidy_per_day: string | number;
    pay_rule: string;
  }>(
    `SELECT rc.case_id, rc.round_id, r.name, rc.term_start::text AS term_start, rc.term_end::text AS term_end,
            rc.term_reason, rc.subsidy_per_day, rc.pay_rule
       FROM round_cases rc JOIN rounds r ON r.id = rc.round_id WHERE rc.case_id = ANY($1::text[])`,
    [caseIds],
  );
  return new Map(
    rows.map((r) => [
      r.case_id,
      {
        roundId: r.round_id,
        roundName: r.name,
        termStart: r.term_start,
        termEnd: r.term_end,
        termReason: r.term_reason,
        subsidyPerDay: Number(r.subsidy_per_day),
        payRule: r.pay_rule,
      },
    ]),
  );
}
