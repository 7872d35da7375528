// Version 1 → version 2, pure: a v1 snapshot (flat state key, status stored beside it, term from the
// end of the posting checklist, holidays from a package) becomes the v2 snapshot the same case
// would have under the v2 rules, computed with the holiday tables the host provides. The same
// function gives the admin's dry-run preview and the workflow's migration, so they agree.
import type { StateValue } from 'xstate';
import { addWorkingDays, shippedCalendar, type Calendar } from '../../calendar';
import type { SecondmentContext as V1Context, Duty as V1Duty } from '../v1/context';
import type { Policy as V1Policy } from '../v1/policy/schema';
import type { StateKey as V1State } from '../v1/status';
import { addTermMonths, yearEndsBetween } from './clock';
import type { AnnualAssessment, Duty, SecondmentContext } from './context';
import { Draft } from './draft';
import type { Effect } from './effects';
import { armed, closed, dueAfter, durationFor, dutyText, isLive } from './duties';
import { fromPersisted, type PersistedSecondment } from './persistence';
import { periodOf, periodTimes, priorRecordYear, syncServicePlan, termStartOf } from './plans';
import { defaultPolicy, demoPolicy } from './policy';
import { policySchema, type Policy } from './policy/schema';
import { recomputed } from './reschedule';
import type { StatusCode } from './status';
import { restoreEffects, statusOf, type SecondmentSnapshot } from './step';
import { iso, ms, normalize } from './time';
import { MACHINE_VERSION } from './machine';
import type { Actor } from './roles';

export interface V1Persisted {
  machineVersion: number;
  value: string;
  context: V1Context;
}
export interface MigrationFacts {
  /** The holiday tables the migrated case computes with (from the database, via an activity). */
  calendar: Calendar;
  /** When the migration happens (the admin action's time). */
  at: string;
}

const SERVING_V1: V1State[] = ['service', 'extensionRequested', 'extensionConsented', 'recallRequested'];
const ID = 'secondment';

function servingValue(c1: V1Context, negotiation: string): StateValue {
  return {
    active: {
      serving: {
        term: c1.extensionMonths > 0 ? 'extended' : 'regular',
        negotiation,
        reviews: 'running',
        attendance: 'present',
        conduct: 'compliant',
      },
    },
  };
}

const VALUE: Record<Exclude<V1State, 'onHold'>, (c1: V1Context) => StateValue> = {
  nominated: () => 'nominated',
  posting: () => ({ active: 'posting' }),
  service: (c1) => servingValue(c1, 'idle'),
  extensionRequested: (c1) => servingValue(c1, 'extensionRequested'),
  extensionConsented: (c1) => servingValue(c1, 'extensionConsented'),
  recallRequested: (c1) => servingValue(c1, 'recallRequested'),
  finalAssessment: () => ({ active: { concluding: 'finalAssessment' } }),
  assessed: () => ({ active: { concluding: 'assessed' } }),
  returning: () => ({ active: { returning: 'afterTerm' } }),
  tracking: () => ({ active: 'tracking' }),
  closedReturned: () => 'closedReturned',
  promoted: () => 'promoted',
  rejected: () => 'rejected',
  withdrawn: () => 'withdrawn',
  recalled: () => 'recalled',
};

const V1_STATE_OF_STATUS: Record<string, V1State> = {
  POSTING: 'posting',
  IN_SERVICE: 'service',
  EXTENDED: 'service',
  EXTENSION_REQUESTED: 'extensionRequested',
  EXTENSION_CONSENTED: 'extensionConsented',
  RECALL_REQUESTED: 'recallRequested',
  FINAL_ASSESSMENT: 'finalAssessment',
  ASSESSED: 'assessed',
  RETURNING: 'returning',
  TRACKING: 'tracking',
};

/** The state-node ids a deep history remembers for a state value (its leaves). */
function leafIds(value: StateValue, prefix = ID): string[] {
  if (typeof value === 'string') return [`${prefix}.${value}`];
  return Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : leafIds(v, `${prefix}.${k}`)));
}

/** v1's policy copy in the v2 shape: its durations and rules kept, v2's new settings from the shipped policy. */
export function migratePolicy(p1: V1Policy): Policy {
  const base = p1.termClock.kind === 'compressed' ? demoPolicy : defaultPolicy;
  const { excellentHint, ...scoring } = p1.scoring;
  const { annualAssessmentAboveMonths: _dropped, ...service } = p1.service;
  return policySchema.parse({
    ...p1,
    durations: { ...base.durations, ...p1.durations },
    kinds: Object.fromEntries(
      Object.entries(p1.kinds).map(([k, rule]) => [
        k,
        { ...rule, expectedPostLevel: base.kinds[k as keyof Policy['kinds']].expectedPostLevel },
      ]),
    ),
    scoring,
    annual: { ...base.annual, excellentGuidance: excellentHint },
    service: { ...service, reportOpensBefore: base.service.reportOpensBefore },
  });
}

function ageOf(c1: V1Context): number {
  const cadre = c1.cadre;
  if (cadre.age !== undefined) return cadre.age;
  if (cadre.birthDate === undefined) return 0;
  const b = new Date(cadre.birthDate);
  const at = new Date(ms(c1.nominatedAt));
  let age = at.getUTCFullYear() - b.getUTCFullYear();
  if (
    at.getUTCMonth() < b.getUTCMonth() ||
    (at.getUTCMonth() === b.getUTCMonth() && at.getUTCDate() < b.getUTCDate())
  )
    age -= 1;
  return age;
}

/** v1 computed a due date as duration-after-origin; when the stored date still says so, v2 can re-plan it. */
function basisOf(c1: V1Context, x: V1Duty, policy: Policy): Duty['basis'] {
  const kindRule = c1.policy.kinds[c1.kind].durationOverrides[x.kind];
  const d =
    kindRule ?? c1.policy.programmes[c1.programme]?.durationOverrides[x.kind] ?? c1.policy.durations[x.kind];
  if (d.unit !== 'workingDays') return null;
  let from = x.periodEnd ?? x.createdAt;
  if (x.kind === 'tracking.review' && c1.trackingStart)
    from = addTermMonths(c1.trackingStart, c1.policy.service.trackingMonths, policy);
  // v1 counted with chinese-days, whose days the shipped tables reproduce exactly
  const v1Due = addWorkingDays(shippedCalendar(), from, d.amount, c1.policy.timeZoneOffsetMinutes).at;
  return v1Due === x.dueAt ? { from, workingDays: d.amount } : null;
}

function dutyOf(c1: V1Context, x: V1Duty, policy: Policy): Duty {
  return {
    ...x,
    owner: x.owner.role === 'cadre' ? { ...x.owner, personId: c1.cadre.id } : x.owner,
    opensAt: null,
    basis: isLive(x as unknown as Duty) ? basisOf(c1, x, policy) : null,
    calendarVersion: null,
    provisional: false,
  } as Duty;
}

const PERIODIC_V1 = [
  'service.quarterly',
  'service.halfYearReport',
  'service.halfYearAssessment',
  'service.contact',
];

/** The v2 snapshot of a v1 case. Throws if the v1 snapshot is not one v1 could have. */
export function migrateFromV1(p: V1Persisted, facts: MigrationFacts): PersistedSecondment {
  if (p.machineVersion !== 1) throw new Error(`not a version 1 snapshot (${p.machineVersion})`);
  const c1 = p.context;
  const key = p.value as V1State;
  const at = normalize(facts.at);
  const policy = migratePolicy(c1.policy);
  const disposition: SecondmentContext['disposition'] =
    key === 'returning' || key === 'tracking' || key === 'closedReturned'
      ? 'returned'
      : key === 'promoted'
        ? 'promoted'
        : key === 'recalled'
          ? 'recalled'
          : null;
  const heldState: V1State | null =
    key === 'onHold' && c1.hold ? (V1_STATE_OF_STATUS[c1.hold.heldStatus] ?? null) : null;
  const effective = heldState ?? key;
  const post = c1.posting.post;
  const base: SecondmentContext = {
    caseId: c1.caseId,
    year: c1.year,
    cohort: c1.cohort,
    roundId: null,
    kind: c1.kind,
    programme: c1.programme,
    // v2 keeps rule facts only: the name and birth date leave the snapshot
    cadre: {
      id: c1.cadre.id,
      age: ageOf(c1),
      rank: c1.cadre.rank,
      cpcMember: c1.cadre.cpcMember,
      categories: c1.cadre.categories,
      heldGrassrootsPrincipalPost: c1.cadre.heldGrassrootsPrincipalPost,
      previousAnnualGrades: c1.cadre.previousAnnualGrades,
    },
    sendingUnit: c1.sendingUnit,
    requestedReceivingUnit: c1.requestedReceivingUnit,
    receivingUnit: c1.receivingUnit,
    orgUnit: c1.orgUnit,
    unitedFrontUnit: c1.unitedFrontUnit,
    termMonths: c1.termMonths,
    plannedTerm: null,
    source: c1.source,
    nominatedBy: c1.nominatedBy,
    nominatedAt: c1.nominatedAt,
    policy,
    calendar: facts.calendar,
    seq: c1.seq,
    lastAt: c1.lastAt,
    eligibility: c1.eligibility,
    approval: c1.approval
      ? {
          at: c1.approval.at,
          quota: c1.approval.quota,
          approvedBefore: Math.max(0, c1.approval.intake - 1),
          receivingUnitChanged: c1.approval.receivingUnitChanged,
        }
      : null,
    posting: {
      ...c1.posting,
      post: post
        ? {
            title: post.title,
            postType: post.elected ? 'deputy_township_head' : 'other',
            level: post.level,
            elected: post.elected,
            levelReason: null,
          }
        : null,
    },
    postedAt: c1.postedAt,
    termStart: c1.posting.arrivedOn
      ? termStartOf(
          { ...c1, policy } as unknown as SecondmentContext,
          c1.posting.arrivedOn,
          c1.postedAt ?? at,
        )
      : null,
    termEnd: c1.termEnd,
    heldMs: c1.heldMs,
    extensionMonths: c1.extensionMonths,
    extensionRequest: c1.extensionRequest,
    recallRequest: c1.recallRequest
      ? { ground: 'other', reason: c1.recallRequest.reason, at: c1.recallRequest.at }
      : null,
    rotations: c1.rotations,
    // v1 had no 销假: an approved v1 leave is over as far as v2 is concerned
    leaves: c1.leaves.map((l) => ({
      ...l,
      state: l.state === 'approved' ? 'returned' : l.state,
      returnedOn: null,
    })),
    sendingTasks: c1.sendingTasks,
    breaches: [],
    priorRecords: [],
    halfYearAssessments: c1.halfYearAssessments,
    annualAssessments: [],
    final: c1.final,
    disposition,
    returned: c1.returned,
    trackingStart: c1.trackingStart,
    promotion: c1.promotion,
    recall: c1.recall,
    hold: c1.hold ? { at: c1.hold.at, reason: c1.hold.reason } : null,
    duties: c1.duties.map((x) => dutyOf(c1, x, policy)),
    counters: { ...c1.counters, breach: 0 },
  };
  const d = new Draft(base, at);

  if (SERVING_V1.includes(effective) && d.c.termStart !== null) replanTerm(d, c1);

  // every due date still computed by its rule is re-planned with the given tables
  d.updateDuties(isLive, (x) => armed(d.c, recomputed(d.c, x), at));
  if (d.c.hold !== null) {
    const pausedAt = d.c.hold.at;
    d.updateDuties(isLive, (x) => ({ ...x, pausedAt, nextAlarmAt: null }));
  }
  const value = key === 'onHold' ? 'onHold' : VALUE[key](c1);
  const heldValue = heldState ? VALUE[heldState as Exclude<V1State, 'onHold'>](c1) : null;
  return {
    machineVersion: MACHINE_VERSION,
    value,
    context: d.c,
    ...(heldValue ? { historyValue: { [`${ID}.active.hist`]: leafIds(heldValue) } } : {}),
  };
}

/** Re-anchor the term at arrival and plan its reviews by the v2 rules (periods, windows, year ends). */
function replanTerm(d: Draft, c1: V1Context): void {
  const at = d.now;
  // v1 anchored reviews at the end of the checklist; v2 at arrival: the term end moves with it
  const months = c1.termMonths + c1.extensionMonths;
  const start = d.c.termStart as string;
  d.set({ termEnd: iso(ms(addTermMonths(start, months, d.c.policy)) + d.c.heldMs) });
  for (const x of d.c.duties) {
    if (!isLive(x)) continue;
    if (PERIODIC_V1.includes(x.kind)) {
      const period = periodOf(d.c, x.kind, Number(x.key.split('/')[1]));
      if (!period) {
        d.updateDuty(x.id, (y) => closed(y, 'lapsed', at));
        continue;
      }
      const { opensAt, due } = periodTimes(d.c, x.kind, period);
      const planned = ms(opensAt) > ms(at);
      d.updateDuty(x.id, (y) => ({
        ...y,
        periodEnd: period.end,
        dueAt: due.at,
        basis: due.basis,
        calendarVersion: due.calendarVersion,
        provisional: due.provisional,
        state: planned ? 'planned' : 'open',
        opensAt: planned ? opensAt : null,
        ladder: planned ? 0 : y.ladder,
      }));
    }
  }
  // annual assessments by anniversary become those of the calendar years ending in the term
  const yearEnds = yearEndsBetween(start, d.c.termEnd as string, d.c.policy);
  const annual: AnnualAssessment[] = c1.annualAssessments.map((a) => ({
    year: yearEnds[a.period - 1]?.year ?? new Date(ms(a.at)).getUTCFullYear(),
    grade: a.grade,
    score: a.score,
    excellentVoteShare: 0,
    guidance: null,
    at: a.at,
  }));
  d.set({ annualAssessments: annual });
  for (const x of d.c.duties) {
    if (x.kind !== 'service.annualAssessment' && x.kind !== 'service.firstHalfRecord') continue;
    const n = Number(x.key.split('/')[1]);
    const ye = yearEnds[(x.kind === 'service.annualAssessment' ? n : 1) - 1];
    if (x.kind === 'service.firstHalfRecord' && c1.firstHalfRecordAt && ye)
      d.set({ priorRecords: [{ year: ye.year, at: c1.firstHalfRecordAt }] });
    const unwanted = x.kind === 'service.firstHalfRecord' && ye?.year !== priorRecordYear(d.c, start);
    if (!ye || unwanted) {
      if (isLive(x)) d.updateDuty(x.id, (y) => closed(y, 'lapsed', at));
      continue;
    }
    d.updateDuty(x.id, (y) => ({ ...y, key: `${x.kind}/${ye.year}`, what: dutyText(x.kind, ye.year) }));
    if (!isLive(x)) continue;
    if (x.kind === 'service.annualAssessment') {
      const { opensAt, due } = periodTimes(d.c, x.kind, { start, end: ye.at });
      const planned = ms(opensAt) > ms(at);
      d.updateDuty(x.id, (y) => ({
        ...y,
        periodEnd: ye.at,
        dueAt: due.at,
        basis: due.basis,
        calendarVersion: due.calendarVersion,
        provisional: due.provisional,
        state: planned ? 'planned' : 'open',
        opensAt: planned ? opensAt : null,
        ladder: planned ? 0 : y.ladder,
      }));
    } else {
      const byYearEnd = dueAfter(d.c, ye.at, d.c.policy.annual.priorRecordLead, -1);
      const earliest = dueAfter(d.c, at, durationFor(d.c, 'service.firstHalfRecord'));
      const due = ms(byYearEnd.at) > ms(earliest.at) ? byYearEnd : earliest;
      d.updateDuty(x.id, (y) => ({
        ...y,
        dueAt: due.at,
        basis: due.basis,
        calendarVersion: due.calendarVersion,
        provisional: due.provisional,
      }));
    }
  }
  syncServicePlan(d);
}

/** The v1 status code of a v1 snapshot (v1 stored it beside the state). */
export const v1Status = (p: V1Persisted): StatusCode => p.context.status;

export interface DutySummary {
  id: string;
  key: string;
  what: { zh: string; en: string };
  owner: { role: string; unit: string };
  state: 'open' | 'planned';
  dueAt: string;
  provisional: boolean;
}
export interface CaseSummary {
  machineVersion: number;
  status: StatusCode;
  duties: DutySummary[];
}

const summary = (machineVersion: number, status: StatusCode, duties: (Duty | V1Duty)[]): CaseSummary => ({
  machineVersion,
  status,
  duties: duties
    .filter((x) => x.state === 'open' || x.state === 'planned')
    .map((x) => ({
      id: x.id,
      key: x.key,
      what: x.what,
      owner: { role: x.owner.role, unit: x.owner.unit },
      state: x.state as 'open' | 'planned',
      dueAt: x.dueAt,
      provisional: 'provisional' in x ? x.provisional : false,
    })),
});

export interface MigrationPreview {
  before: CaseSummary;
  after: CaseSummary;
  /** Every difference a person would notice: status, duties opened, closed, moved, planned. */
  changes: string[];
}

export function describeMigration(before: CaseSummary, after: CaseSummary): string[] {
  const out: string[] = [];
  if (before.status !== after.status) out.push(`status ${before.status} → ${after.status}`);
  const label = (x: DutySummary) => `${x.key} (${x.what.zh} / ${x.what.en})`;
  const afterById = new Map(after.duties.map((x) => [x.id, x]));
  const beforeIds = new Set(before.duties.map((x) => x.id));
  for (const b of before.duties) {
    const a = afterById.get(b.id);
    if (!a) out.push(`${label(b)}: closed`);
    else {
      if (a.dueAt !== b.dueAt) out.push(`${label(b)}: due ${b.dueAt} → ${a.dueAt}`);
      if (a.state !== b.state) out.push(`${label(b)}: ${b.state} → ${a.state}`);
      if (a.provisional && !b.provisional)
        out.push(`${label(b)}: provisional (no holiday table for its year)`);
    }
  }
  for (const a of after.duties)
    if (!beforeIds.has(a.id))
      out.push(`${label(a)}: ${a.state === 'planned' ? 'planned' : 'opened'}, due ${a.dueAt}`);
  return out;
}

/** The dry run: what migrating this v1 case now would give, by the same function the workflow runs. */
export function previewMigration(p: V1Persisted, facts: MigrationFacts): MigrationPreview {
  const after = fromPersisted(migrateFromV1(p, facts));
  const b = summary(1, v1Status(p), p.context.duties);
  const a = summary(MACHINE_VERSION, statusOf(after), after.context.duties);
  return { before: b, after: a, changes: describeMigration(b, a) };
}

/**
 * The migration as a step of the case (the admin action admin.case.migrate, org admin, reason
 * required): the v2 snapshot stamped with the next audit sequence, its audit record and what the
 * host must arm in the new run.
 */
export function migrationStep(
  p: V1Persisted,
  facts: MigrationFacts,
  by: { actor: Actor; reason: string },
): { snapshot: SecondmentSnapshot; persisted: PersistedSecondment; effects: Effect[] } {
  const migrated = migrateFromV1(p, facts);
  const at = normalize(facts.at);
  const persisted = { ...migrated, context: { ...migrated.context, seq: p.context.seq + 1, lastAt: at } };
  const snapshot = fromPersisted(persisted);
  const { onBehalfOf, ...actor } = by.actor;
  const record: Effect = {
    type: 'record',
    params: {
      caseId: p.context.caseId,
      seq: persisted.context.seq,
      at,
      eventType: 'admin.case.migrate',
      actor: { id: actor.id, role: actor.role, unit: actor.unit },
      onBehalfOf: onBehalfOf ?? null,
      reason: by.reason,
      fromState: v1Status(p),
      toState: statusOf(snapshot),
      payload: {
        fromVersion: 1,
        toVersion: MACHINE_VERSION,
        reason: by.reason,
        calendar: Object.entries(facts.calendar)
          .map(([y, t]) => `${y}:${t.version}`)
          .join(','),
      },
    },
  };
  return { snapshot, persisted, effects: [record, ...restoreEffects(snapshot)] };
}
