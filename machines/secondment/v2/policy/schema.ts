// The policy is data, validated and versioned, and copied into every case at nomination: a case is
// judged by the rules in force when it began, and replay never depends on a registry lookup.
import { z } from 'zod';
import { forceEdgeSchema } from '../status';
import { NEVER_WAIVABLE, dutyKindSchema, kindSchema, programmeSchema, rankSchema } from '../vocabulary';

export const durationUnitSchema = z.enum([
  'seconds',
  'minutes',
  'hours',
  'calendarDays',
  'workingDays',
  'months',
]);
export const durationSchema = z.object({ amount: z.number().int().min(0), unit: durationUnitSchema });
export type Duration = z.infer<typeof durationSchema>;

const durationOverridesSchema = z.partialRecord(dutyKindSchema, durationSchema);

export const kindRuleSchema = z.object({
  termMonths: z.object({ min: z.number().int().min(1), max: z.number().int().min(1) }),
  /** 轮岗 between posts is allowed for this kind (and only when the term is long, see service). */
  rotationAllowed: z.boolean(),
  /** 下派 to a township: never held a principal post at the grassroots. */
  requiresNoGrassrootsPrincipalPost: z.boolean(),
  /** The level the post is usually at (上挂: 副科级); another level needs a stated reason. */
  expectedPostLevel: rankSchema.nullable(),
  durationOverrides: durationOverridesSchema,
});

const ladderSchema = z.object({
  /** Reminder to the owner this long before the due time. */
  reminderBefore: durationSchema,
  /** Overdue notice to the owner this long after the due time (0 = at the due time). */
  overdueAfter: durationSchema,
  /** Escalation to the head of the owner's unit. */
  unitHeadAfter: durationSchema,
  /** Escalation to the organization department (组织部/下派办). */
  orgDeptAfter: durationSchema,
  /** The duty, and so the case, is flagged stuck; no further alarms. */
  stuckAfter: durationSchema,
});

const gradeNumbers = z.object({
  excellent: z.number().min(0).max(100),
  competent: z.number().min(0).max(100),
  basically_competent: z.number().min(0).max(100),
  incompetent: z.number().min(0).max(100),
});

export const fourEyesSchema = z.object({
  /** intervention types (admin.…) proposed by one admin and approved by another before they apply */
  interventions: z.array(z.string().regex(/^admin\.[a-z]+(\.[a-z]+)*$/, 'an admin.… intervention type')),
  /** a bulk run over more than this many cases to change needs a second admin (null: never) */
  bulkOver: z.number().int().min(0).nullable(),
  /** how long the other admins have to decide, and then the policy's escalation ladder runs */
  decideWithin: durationSchema,
});
export type FourEyes = z.infer<typeof fourEyesSchema>;

export const policySchema = z
  .object({
    id: z.string().min(1),
    version: z.number().int().min(1),
    name: z.object({ zh: z.string(), en: z.string() }),
    /** Civil time for working days and calendar months: China Standard Time is UTC+8 all year. */
    timeZoneOffsetMinutes: z.number().int(),
    termClock: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('calendar') }),
      z.object({ kind: z.literal('compressed'), secondsPerMonth: z.number().int().min(1) }),
    ]),
    durations: z.record(dutyKindSchema, durationSchema),
    escalation: ladderSchema,
    kinds: z.record(kindSchema, kindRuleSchema),
    programmes: z.partialRecord(programmeSchema, z.object({ durationOverrides: durationOverridesSchema })),
    eligibility: z.object({
      maxAgeByRank: z.record(rankSchema, z.number().int().min(18).max(70)),
      competitive: z.object({
        examWeight: z.number().min(0).max(1),
        interviewWeight: z.number().min(0).max(1),
        minScore: z.number().min(0).max(100),
      }),
    }),
    scoring: z.object({
      weights: z.object({
        appraisal: z.number().min(0).max(1),
        inspection: z.number().min(0).max(1),
        democratic: z.number().min(0).max(1),
        routine: z.number().min(0).max(1),
      }),
      /** Points a democratic-evaluation vote (民主测评) is worth, by the grade voted. */
      voteValues: gradeNumbers,
      /**
       * Lowest score of each grade (不称职 below basically_competent): the final composite, and
       * every half-year and annual assessment, whose grade must match its score.
       */
      thresholds: z.object({
        excellent: z.number().min(0).max(100),
        competent: z.number().min(0).max(100),
        basically_competent: z.number().min(0).max(100),
      }),
      /** 廉洁 below this appraisal score means 不称职 regardless of the composite (null: no veto). */
      integrityFloor: z.number().min(0).max(100).nullable(),
    }),
    annual: z.object({
      /**
       * Seed guidance for the receiving unit's annual assessment (年度考核): 优秀 in the previous
       * years plus a high share of 优秀 votes at the year-end evaluation suggests 优秀.
       */
      excellentGuidance: z
        .object({
          previousExcellentYears: z.number().int().min(1),
          minExcellentVoteShare: z.number().min(0).max(1),
        })
        .nullable(),
      /** The sending unit's record of the year before the secondment is due this long before year end. */
      priorRecordLead: durationSchema,
      /** No record is asked when the cadre spent fewer days of the year at home before the term. */
      priorRecordMinDays: z.number().int().min(0),
    }),
    service: z.object({
      /** A periodic report or review opens this long before its period ends (a report belongs to its period). */
      reportOpensBefore: durationSchema,
      /** 轮岗 only for long terms. */
      rotationMinTermMonths: z.number().int().min(1),
      extensionMaxTotalMonths: z.number().int().min(0),
      /** An extension must be asked at least this long before the term ends. */
      extensionRequestLead: durationSchema,
      /** The organization department may open the final assessment this long before the term ends. */
      finalOpenLead: durationSchema,
      trackingMonths: z.number().int().min(0),
    }),
    waivable: z.array(dutyKindSchema),
    forcedTransitions: z.array(forceEdgeSchema),
    /**
     * 双人复核 (four eyes): the interventions that only a second admin of the same organization
     * department may let through, and the size from which a bulk run needs one. Optional: a case
     * nominated before four eyes existed has a copy without it and needs no second admin.
     */
    fourEyes: fourEyesSchema.optional(),
  })
  .superRefine((p, ctx) => {
    const w = p.scoring.weights;
    if (Math.abs(w.appraisal + w.inspection + w.democratic + w.routine - 1) > 1e-9)
      ctx.addIssue({ code: 'custom', path: ['scoring', 'weights'], message: 'weights must sum to 1' });
    const t = p.scoring.thresholds;
    if (!(t.excellent >= t.competent && t.competent >= t.basically_competent))
      ctx.addIssue({ code: 'custom', path: ['scoring', 'thresholds'], message: 'thresholds must descend' });
    const c = p.eligibility.competitive;
    if (Math.abs(c.examWeight + c.interviewWeight - 1) > 1e-9)
      ctx.addIssue({
        code: 'custom',
        path: ['eligibility', 'competitive'],
        message: 'weights must sum to 1',
      });
    for (const k of p.waivable)
      if (NEVER_WAIVABLE.includes(k))
        ctx.addIssue({ code: 'custom', path: ['waivable'], message: `${k} can never be waived` });
    for (const [kind, rule] of Object.entries(p.kinds))
      if (rule.termMonths.min > rule.termMonths.max)
        ctx.addIssue({ code: 'custom', path: ['kinds', kind], message: 'termMonths.min > max' });
  });
export type Policy = z.infer<typeof policySchema>;
