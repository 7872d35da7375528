// What a nomination (推荐) creates. No personal data goes into caseId: it is a random id.
import { z } from 'zod';
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

export const cadreSchema = z
  .object({
    id: z.string().trim().min(1).max(128),
    displayName: z.string().trim().min(1).max(64),
    birthDate: isoDateSchema.optional(),
    age: z.number().int().min(16).max(80).optional(),
    rank: rankSchema,
    cpcMember: z.boolean(),
    categories: z.array(categorySchema).default([]),
    /** Eligibility for 下派: never held a principal post (主要领导职务) at the grassroots. */
    heldGrassrootsPrincipalPost: z.boolean().default(false),
    /** Recent annual grades, newest last (used by the 优秀 hint of the final assessment). */
    previousAnnualGrades: z.array(gradeSchema).default([]),
  })
  .refine((c) => c.birthDate !== undefined || c.age !== undefined, {
    message: 'birthDate or age is required',
    path: ['birthDate'],
  });

export const secondmentInputSchema = z.object({
  caseId: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{6,64}$/,
      'caseId: 6–64 letters, digits, _ or - (a random id, never personal data)',
    ),
  year: z.number().int().min(2000).max(2100),
  cohort: z.string().trim().min(1).max(64).optional(),
  kind: kindSchema,
  programme: programmeSchema.default('none'),
  cadre: cadreSchema,
  sendingUnit: unitCodeSchema,
  requestedReceivingUnit: unitCodeSchema,
  /** The organization department (组织部/下派办) in charge of this case. */
  orgUnit: unitCodeSchema,
  /** The united front work department (统战部) that receives copies for 党外干部. */
  unitedFrontUnit: unitCodeSchema,
  termMonths: z.number().int().min(1).max(60),
  source: nominationSourceSchema,
  nominatedBy: actorSchema,
  at: isoDateTimeSchema,
  /** A shipped policy id ('default' | 'demo') or a full policy object; the case keeps a copy. */
  policy: z.union([z.string().min(1), policySchema]),
});
export type SecondmentInput = z.infer<typeof secondmentInputSchema>;
/** What callers may pass before defaults are applied (the machine accepts either). */
export type SecondmentInputDraft = z.input<typeof secondmentInputSchema>;
