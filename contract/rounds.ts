// The organization department's round (年度挂职工作 / 批次) over HTTP: the round and its page,
// applications (单位申报), recommendations (推荐) with eligibility, the decision board (组织确定),
// the launch with its preview and progress, the statistics. Names are joined in by the server.
import { z } from 'zod';
import { unitCodeSchema } from '../machines/secondment/v2/roles';
import { labelSchema } from '../machines/secondment/projections';
import { nominationSourceSchema } from '../machines/secondment/v2/input';
import { categorySchema, gradeSchema, kindSchema, rankSchema } from '../machines/secondment/v2/vocabulary';
import { dutyViewSchema } from '../machines/secondment/projections';
import { personIdSchema } from './persons';
import { dateBetween, domainYear, DOMAIN_YEARS, identifier, instantBetween, storableText } from './text';

export const ROUND_ID_PATTERN = /^[A-Za-z0-9_-]{3,64}$/;
export const roundIdSchema = z.string().regex(ROUND_ID_PATTERN, 'round id: 3–64 letters, digits, _ or -');
export const roundIdParamSchema = z.object({ id: roundIdSchema });

const instant = instantBetween(DOMAIN_YEARS.from, DOMAIN_YEARS.to);
const termDate = dateBetween(2000, 2100);

/** POST /api/rounds */
export const newRoundSchema = z
  .object({
    id: roundIdSchema.optional(),
    year: domainYear,
    name: storableText(1, 200),
    kinds: z.array(kindSchema).min(1).max(5),
    /** a shipped policy: 'default' or 'demo' */
    policy: identifier(32).default('default'),
    term: z
      .object({ start: termDate, end: termDate })
      .refine((t) => t.end > t.start, { message: 'term.end must be after term.start', path: ['end'] }),
    /** 生活补助: yuan per day, paid by the home (sending) unit */
    subsidyPerDay: z.number().min(0).max(10_000),
    /** default: the end of December of the year before */
    applicationDeadline: instant.optional(),
    recommendationDeadline: instant.optional(),
    maxRecommendationsPerUnit: z.number().int().min(1).max(20).default(2),
    receivingUnits: z.array(unitCodeSchema).max(500).default([]),
    sendingUnits: z.array(unitCodeSchema).max(500).default([]),
  })
  .strict();
export type NewRound = z.infer<typeof newRoundSchema>;

const unitRef = z.object({ code: z.string(), name: labelSchema });

export const roundSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  name: z.string(),
  orgUnit: unitRef,
  unitedFrontUnit: unitRef,
  kinds: z.array(kindSchema),
  policy: z.string(),
  term: z.object({ start: z.string(), end: z.string(), months: z.number().int() }),
  subsidy: z.object({ amountPerDay: z.number(), payer: z.literal('sending_unit'), payerLabel: labelSchema }),
  payRule: z.object({ code: z.literal('home_unit_unchanged'), label: labelSchema }),
  applicationDeadline: z.string(),
  recommendationDeadline: z.string(),
  maxRecommendationsPerUnit: z.number().int(),
  status: z.string(),
  statusLabel: labelSchema,
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Round = z.infer<typeof roundSchema>;

export const roundListSchema = z.object({ items: z.array(roundSchema) });
export const roundAnswerSchema = z.object({ round: roundSchema });

/** GET /api/rounds/:id/launch */
export const launchProgressSchema = z.object({
  roundId: z.string(),
  running: z.boolean(),
  total: z.number().int(),
  started: z.number().int(),
  approved: z.number().int(),
  failed: z.number().int(),
  startedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  items: z.array(
    z.object({
      caseId: z.string(),
      recommendationId: z.string(),
      name: z.string(),
      state: z.enum(['starting', 'started', 'approved', 'failed']),
      error: z.string().nullable(),
    }),
  ),
});
export type LaunchProgress = z.infer<typeof launchProgressSchema>;

/** A round duty as the round page shows it (who owes what by when, the ladder step reached). */
export const roundDutySchema = dutyViewSchema
  // a round's duties are open from the start and timed by the round's policy, not by a case's calendar
  .omit({ state: true, opensAt: true, provisional: true, calendarVersion: true })
  .extend({
    ownerUnitName: labelSchema,
    escalationStep: z.string().nullable(),
  });

/** GET /api/rounds/:id: the round page */
export const roundDetailSchema = z.object({
  round: roundSchema,
  invited: z.object({ receiving: z.array(unitRef), sending: z.array(unitRef) }),
  duties: z.array(roundDutySchema),
  counts: z.object({
    applications: z.number().int(),
    declined: z.number().int(),
    requested: z.number().int(),
    recommendations: z.number().int(),
    eligible: z.number().int(),
    assigned: z.number().int(),
    rejected: z.number().int(),
    withdrawn: z.number().int(),
    allocated: z.number().int(),
    cases: z.number().int(),
  }),
  launch: launchProgressSchema.nullable(),
  seminars: z.array(z.object({ id: z.string(), title: z.string(), heldAt: z.string(), place: z.string() })),
  /** round events the caller may send now */
  allowed: z.array(z.string()),
});

export const postSchema = z.object({
  title: storableText(1, 100),
  level: rankSchema,
  /** e.g. a 下派 deputy township head: needs the people's-congress election (人代会选举) */
  elected: z.boolean(),
  count: z.number().int().min(1).max(100).default(1),
});

/** POST /api/rounds/:id/applications */
export const applicationBodySchema = z
  .object({
    unit: unitCodeSchema,
    posts: z.array(postSchema).min(1).max(50),
    note: storableText(1, 2000).optional(),
  })
  .strict();
/** POST /api/rounds/:id/applications/decline */
export const declineBodySchema = z.object({ unit: unitCodeSchema, reason: storableText(2, 2000) }).strict();

export const applicationSchema = z.object({
  id: z.string(),
  unit: unitRef,
  status: z.enum(['submitted', 'declined']),
  requested: z.number().int(),
  posts: z.array(
    z.object({
      title: z.string(),
      level: rankSchema,
      levelLabel: labelSchema,
      elected: z.boolean(),
      count: z.number().int(),
    }),
  ),
  note: z.string().nullable(),
  submittedBy: z.string(),
  submittedAt: z.string(),
});
export const applicationListSchema = z.object({ items: z.array(applicationSchema) });
export const applicationAnswerSchema = z.object({ application: applicationSchema });

export const eligibilitySchema = z.object({
  ok: z.boolean(),
  failures: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  /** age on the day of entry */
  age: z.number().int(),
  at: z.string(),
});

/** POST /api/rounds/:id/recommendations */
export const recommendationBodySchema = z
  .object({
    personId: personIdSchema,
    /** the recommending (sending) unit; a sending officer's own */
    sendingUnit: unitCodeSchema,
    kind: kindSchema,
    source: nominationSourceSchema,
    requestedReceivingUnit: unitCodeSchema.optional(),
    note: storableText(1, 2000).optional(),
  })
  .strict();

export const RECOMMENDATION_STATUSES = ['candidate', 'assigned', 'rejected', 'withdrawn'] as const;
export const recommendationStatusLabels = {
  candidate: { zh: '待确定', en: 'candidate' },
  assigned: { zh: '已确定', en: 'assigned' },
  rejected: { zh: '未入选', en: 'not selected' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
} as const;

export const recommendationSchema = z.object({
  id: z.string(),
  person: z.object({
    id: z.string(),
    name: z.string(),
    gender: z.string().nullable(),
    birthDate: z.string().nullable(),
    partyStatus: z.enum(['cpc', 'non_cpc']),
    partyName: z.string().nullable(),
    rank: rankSchema.nullable(),
    categories: z.array(categorySchema),
    currentUnitName: labelSchema.nullable(),
    currentPost: z.string().nullable(),
  }),
  sendingUnit: unitRef,
  kind: kindSchema,
  requestedReceivingUnit: unitRef.nullable(),
  source: nominationSourceSchema,
  eligibility: eligibilitySchema,
  status: z.enum(RECOMMENDATION_STATUSES),
  statusLabel: labelSchema,
  statusReason: z.string().nullable(),
  assignment: z
    .object({
      receivingUnit: unitRef,
      post: z.object({ title: z.string(), level: rankSchema, elected: z.boolean() }),
    })
    .nullable(),
  caseId: z.string().nullable(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;
export const recommendationListSchema = z.object({ items: z.array(recommendationSchema) });
export const recommendationAnswerSchema = z.object({ recommendation: recommendationSchema });
export const recommendationParamsSchema = roundIdParamSchema.extend({ recId: identifier(64) });
export const reasonBodySchema = z.object({ reason: storableText(2, 2000) }).strict();

/** POST /api/rounds/:id/allocations: the quota of a receiving unit (may be fewer than asked, or a unit that did not ask) */
export const allocationBodySchema = z
  .object({ receivingUnit: unitCodeSchema, quota: z.number().int().min(0).max(1000) })
  .strict();

/** POST /api/rounds/:id/assignments */
export const assignmentBodySchema = z
  .object({
    recommendationId: identifier(64),
    receivingUnit: unitCodeSchema,
    post: z.object({ title: storableText(1, 100), level: rankSchema, elected: z.boolean() }),
  })
  .strict();

/** GET /api/rounds/:id/board: applications vs allocations vs assignments per receiving unit */
export const boardSchema = z.object({
  roundId: z.string(),
  status: z.string(),
  units: z.array(
    z.object({
      unit: unitRef,
      applied: z.boolean(),
      declined: z.boolean(),
      requested: z.number().int(),
      posts: applicationSchema.shape.posts,
      /** the stored allocation (the quota the case workflow enforces); null: none set */
      allocation: z.number().int().nullable(),
      assigned: z.array(
        z.object({
          recommendationId: z.string(),
          personId: z.string(),
          name: z.string(),
          kind: kindSchema,
          post: z.object({ title: z.string(), level: rankSchema, elected: z.boolean() }),
          eligible: z.boolean(),
        }),
      ),
      /** approved cases holding a place (the workflow's count) */
      approved: z.number().int(),
    }),
  ),
  candidates: z.array(recommendationSchema),
  totals: z.object({
    requested: z.number().int(),
    allocated: z.number().int(),
    assigned: z.number().int(),
    candidates: z.number().int(),
  }),
});
export type Board = z.infer<typeof boardSchema>;

/** GET /api/rounds/:id/launch/preview: exactly what a launch would start */
export const launchPreviewSchema = z.object({
  roundId: z.string(),
  status: z.string(),
  items: z.array(
    z.object({
      recommendationId: z.string(),
      caseId: z.string(),
      name: z.string(),
      kind: kindSchema,
      sendingUnit: unitRef,
      receivingUnit: unitRef,
      post: z.string(),
      term: z.object({ start: z.string(), end: z.string() }),
      subsidyPerDay: z.number(),
      /** start: a new case; already: launched before, nothing happens; blocked: refused, with the reason */
      outcome: z.enum(['start', 'already', 'blocked']),
      reason: z.string().nullable(),
    }),
  ),
  counts: z.object({ start: z.number().int(), already: z.number().int(), blocked: z.number().int() }),
});

const countRow = z.object({ key: z.string(), label: labelSchema, count: z.number().int() });

/** GET /api/rounds/:id/stats: the counts the department reports upward, from the cases' real state */
export const roundStatsSchema = z.object({
  roundId: z.string(),
  year: z.number().int(),
  /** cases of the round (secondments: rejected and withdrawn nominations apart) */
  total: z.number().int(),
  byKind: z.array(countRow),
  byReceivingUnit: z.array(countRow),
  bySendingUnit: z.array(countRow),
  nonCpc: z.object({ count: z.number().int(), share: z.number() }),
  selectedGraduates: z.number().int(),
  countyReserve: z.number().int(),
  /** 选调生 + 县级后备 (each cadre once) and their share */
  graduatesAndReserve: z.object({ count: z.number().int(), share: z.number() }),
  fromTownships: z.number().int(),
  progress: z.object({
    arrived: z.number().int(),
    inService: z.number().int(),
    extended: z.number().int(),
    recalled: z.number().int(),
    promoted: z.number().int(),
    returned: z.number().int(),
  }),
  byStatus: z.array(countRow),
  grades: z.array(countRow),
  overdue: z.number().int(),
  stuck: z.number().int(),
  /** nominations that never became secondments, and recommendations that were not posted */
  apart: z.object({
    rejectedCases: z.number().int(),
    withdrawnCases: z.number().int(),
    recommendationsRejected: z.number().int(),
    recommendationsWithdrawn: z.number().int(),
  }),
  /** one row per case, with names: what the CSV and XLSX list */
  cases: z.array(
    z.object({
      caseId: z.string(),
      name: z.string(),
      gender: z.string().nullable(),
      birthDate: z.string().nullable(),
      party: z.string(),
      kind: kindSchema,
      sendingUnit: z.string(),
      receivingUnit: z.string(),
      post: z.string().nullable(),
      categories: z.array(z.string()),
      termStart: z.string(),
      termEnd: z.string(),
      termReason: z.string().nullable(),
      subsidyPerDay: z.number(),
      subsidyPayer: z.string(),
      payRule: z.string(),
      status: z.string(),
      statusLabel: labelSchema,
      grade: gradeSchema.nullable(),
    }),
  ),
});
export type RoundStats = z.infer<typeof roundStatsSchema>;

/** POST /api/rounds/:id/interventions/:type: extend or waive a round duty (org admins, reason) */
export const roundInterventionParamsSchema = roundIdParamSchema.extend({
  type: z.enum(['admin.deadline.extend', 'admin.duty.waive']),
});
export const roundInterventionBodySchema = z
  .object({ dutyId: identifier(200), until: instant.optional(), reason: storableText(2, 2000) })
  .strict();

/** POST /api/allocations: the quota of a receiving unit for a year's cases outside any round */
export const yearAllocationBodySchema = z
  .object({
    year: domainYear,
    receivingUnit: unitCodeSchema,
    quota: z.number().int().min(0).max(1000),
  })
  .strict();
export const yearAllocationSchema = z.object({
  year: z.number().int(),
  receivingUnit: z.object({ code: z.string(), name: labelSchema }),
  quota: z.number().int(),
  approved: z.number().int(),
});
export const yearAllocationListSchema = z.object({ items: z.array(yearAllocationSchema) });
export const yearQuerySchema = z.object({ year: z.coerce.number().pipe(domainYear) });
