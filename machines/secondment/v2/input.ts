// What a nomination (推荐) creates. Only rule facts about the cadre: no name, birth date or ID
// number ever enters the machine (the API builds these facts from the cadre registry).
import { z } from 'zod';
import { domainYear, identifier, storableText } from '../../common/text';
import { calendarSchema } from '../../calendar';
import { policySchema } from './policy/schema';
import { actorSchema, unitCodeSchema } from './roles';
import { isoDateSchema, isoDateTimeSchema } from './time';
import { categorySchema, gradeSchema, kindSchema, programmeSchema, rankSchema } from './vocabulary';

export const nominationSourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('self') }), // 个人自荐
  z.object({ type: z.literal('mass') }), // 群众推荐
  z.object({ type: z.literal('organization') }), // 组织推荐
  z.object({
    type: z.literal('competitive'), // 竞争性选拔: written exam and interview
    examScore: z.number().min(0).max(100),
    interviewScore: z.number().min(0).max(100),
  }),
]);
export type NominationSource = z.infer<typeof nominationSourceSchema>;

export const cadreFactsSchema = z.object({
  /** The person id of the cadre registry (干部库); never derived from a name or ID number. */
  id: identifier(128),
  /** Age on the nomination date. */
  age: z.number().int().min(16).max(80),
  rank: rankSchema,
  cpcMember: z.boolean(),
  categories: z.array(categorySchema).default([]),
  /** Eligibility for 下派: never held a principal post (主要领导职务) at the grassroots. */
  heldGrassrootsPrincipalPost: z.boolean().default(false),
  /**
   * Annual grades (年度考核) of the years before the case's year, newest last: the last is year − 1.
   * They feed the 优秀 guidance of the annual assessments during the term.
   */
  previousAnnualGrades: z.array(gradeSchema).max(10).default([]),
});

/** The round's common term (e.g. 2026-08-01 → 2027-08-01): the planned end when given. */
export const plannedTermSchema = z
  .object({ start: isoDateSchema, end: isoDateSchema, reason: storableText(1, 500).optional() })
  .refine((t) => t.end > t.start, { message: 'term.end must be after term.start', path: ['end'] });

export const nominationSchema = z.object({
  caseId: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{6,64}$/,
      'caseId: 6–64 letters, digits, _ or - (a random id, never personal data)',
    ),
  year: domainYear,
  cohort: storableText(1, 64).optional(),
  /** The round (批次) this case belongs to, if any. */
  roundId: identifier(64).optional(),
  kind: kindSchema,
  programme: programmeSchema.default('none'),
  cadre: cadreFactsSchema,
  sendingUnit: unitCodeSchema,
  requestedReceivingUnit: unitCodeSchema,
  /** The organization department (组织部/下派办) in charge of this case. */
  orgUnit: unitCodeSchema,
  /** The united front work department (统战部) that receives copies for 党外干部. */
  unitedFrontUnit: unitCodeSchema,
  termMonths: z.number().int().min(1).max(60),
  term: plannedTermSchema.optional(),
  source: nominationSourceSchema,
  nominatedBy: actorSchema,
  at: isoDateTimeSchema,
  /** A shipped policy id ('default' | 'demo') or a full policy object; the case keeps a copy. */
  policy: z.union([identifier(64), policySchema]),
});
export type Nomination = z.infer<typeof nominationSchema>;
export type NominationDraft = z.input<typeof nominationSchema>;

/**
 * What the machine starts from: the nomination plus what only the host provides — the holiday
 * tables of the years the case may span, loaded by an activity so they are recorded in history.
 * Without a table every year is counted on weekdays and its deadlines are provisional.
 */
export const secondmentInputSchema = nominationSchema.extend({ calendar: calendarSchema.default({}) });
export type SecondmentInput = z.infer<typeof secondmentInputSchema>;
export type SecondmentInputDraft = z.input<typeof secondmentInputSchema>;

/** The calendar years a case may need: from its year to well past the longest term plus tracking. */
export function calendarYearsFor(n: Pick<Nomination, 'year' | 'termMonths'>): { from: number; to: number } {
  return { from: n.year - 1, to: n.year + Math.ceil((n.termMonths + 12 + 12) / 12) + 1 };
}
