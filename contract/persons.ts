// The cadre registry (干部库): one record per person, independent of cases. Personal data travels
// only over this HTTP contract and lives only in the database; a case knows a person by id.
import { z } from 'zod';
import { unitCodeSchema } from '../machines/secondment/v2/roles';
import { labelSchema } from '../machines/secondment/projections';
import { categorySchema, gradeSchema, kindSchema, rankSchema } from '../machines/secondment/v2/vocabulary';
import { personnelFileEntrySchema } from './cases';
import { booleanish, dateBetween, storableText } from './text';

export const PERSON_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
export const personIdSchema = z
  .string()
  .trim()
  .regex(PERSON_ID_PATTERN, 'person id: letters, digits, _ or -');

export const genderSchema = z.enum(['male', 'female']);
export const genderLabels = { male: { zh: '男', en: 'male' }, female: { zh: '女', en: 'female' } } as const;
export const partyStatusSchema = z.enum(['cpc', 'non_cpc']);
export const partyStatusLabels = {
  cpc: { zh: '中共党员', en: 'CPC member' },
  non_cpc: { zh: '党外', en: 'non-CPC' },
} as const;

export const educationSchema = z.object({
  /** e.g. 大学本科, 研究生 */
  level: storableText(1, 32),
  degree: storableText(1, 32).optional(),
  school: storableText(1, 100).optional(),
  major: storableText(1, 100).optional(),
});

export const gradeEntrySchema = z.object({ year: z.number().int().min(1990).max(2100), grade: gradeSchema });

/** A working-age cadre: born between 1940 and 2010. */
const birthDate = dateBetween(1940, 2010);
const pastDate = dateBetween(1950, 2100);

/** POST /api/persons */
export const newPersonSchema = z
  .object({
    name: storableText(1, 64),
    gender: genderSchema,
    birthDate,
    ethnicity: storableText(1, 16),
    nativePlace: storableText(1, 64).optional(),
    partyStatus: partyStatusSchema,
    /** 中国民主同盟, 无党派人士 … for a non-CPC cadre */
    partyName: storableText(1, 32).optional(),
    partyJoinedOn: pastDate.optional(),
    education: educationSchema,
    workStartedOn: pastDate.optional(),
    currentUnit: unitCodeSchema,
    currentPost: storableText(1, 100),
    rank: rankSchema,
    categories: z.array(categorySchema).max(5).default([]),
    heldGrassrootsPrincipalPost: z.boolean().default(false),
    email: z.email().max(200).optional(),
    grades: z.array(gradeEntrySchema).max(20).default([]),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.partyStatus === 'cpc' && p.partyName !== undefined)
      ctx.addIssue({ code: 'custom', path: ['partyName'], message: 'a CPC member has no other party' });
    if (p.partyStatus === 'non_cpc' && p.partyJoinedOn !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['partyJoinedOn'],
        message: 'only CPC members have a joining date',
      });
  });
export type NewPerson = z.infer<typeof newPersonSchema>;

/** POST /api/persons/:id: any field but the id; grades are set one by one. */
export const personPatchSchema = z
  .object({
    name: storableText(1, 64).optional(),
    gender: genderSchema.optional(),
    birthDate: birthDate.optional(),
    ethnicity: storableText(1, 16).optional(),
    nativePlace: storableText(1, 64).optional(),
    partyStatus: partyStatusSchema.optional(),
    partyName: storableText(1, 32).nullable().optional(),
    partyJoinedOn: pastDate.nullable().optional(),
    education: educationSchema.optional(),
    workStartedOn: pastDate.optional(),
    currentUnit: unitCodeSchema.optional(),
    currentPost: storableText(1, 100).optional(),
    rank: rankSchema.optional(),
    categories: z.array(categorySchema).max(5).optional(),
    heldGrassrootsPrincipalPost: z.boolean().optional(),
    email: z.email().max(200).nullable().optional(),
  })
  .strict();
export type PersonPatch = z.infer<typeof personPatchSchema>;

export const personSchema = z.object({
  id: z.string(),
  name: z.string(),
  gender: genderSchema.nullable(),
  birthDate: z.string().nullable(),
  ethnicity: z.string().nullable(),
  nativePlace: z.string().nullable(),
  partyStatus: partyStatusSchema,
  partyName: z.string().nullable(),
  partyJoinedOn: z.string().nullable(),
  education: z.object({
    level: z.string().optional(),
    degree: z.string().optional(),
    school: z.string().optional(),
    major: z.string().optional(),
  }),
  workStartedOn: z.string().nullable(),
  currentUnit: z.string().nullable(),
  currentUnitName: labelSchema.nullable(),
  currentPost: z.string().nullable(),
  rank: rankSchema.nullable(),
  categories: z.array(categorySchema),
  heldGrassrootsPrincipalPost: z.boolean(),
  email: z.string().nullable(),
  /** 'backfill': a cadre found in a case written before the registry (name from its snapshot) */
  origin: z.enum(['registry', 'backfill']),
  inReservePool: z.boolean(),
});
export type Person = z.infer<typeof personSchema>;

/** GET /api/persons */
export const personQuerySchema = z.object({
  /** part of the name */
  q: storableText(1, 64).optional(),
  unit: unitCodeSchema.optional(),
  category: categorySchema.optional(),
  partyStatus: partyStatusSchema.optional(),
  /** only persons in the reserve pool */
  pool: booleanish.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PersonQuery = z.infer<typeof personQuerySchema>;

export const personPageSchema = z.object({
  items: z.array(personSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const personIdParamSchema = z.object({ id: personIdSchema });

/** One secondment of a person, any year (a person's page). */
export const personCaseSchema = z.object({
  caseId: z.string(),
  year: z.number().int().nullable(),
  kind: kindSchema.nullable(),
  status: z.string().nullable(),
  statusLabel: labelSchema.nullable(),
  sendingUnit: z.string(),
  sendingUnitName: labelSchema,
  receivingUnit: z.string(),
  receivingUnitName: labelSchema,
  roundId: z.string().nullable(),
  roundName: z.string().nullable(),
  term: z.object({ start: z.string(), end: z.string(), reason: z.string().nullable() }).nullable(),
});

export const personSeminarSchema = z.object({
  seminarId: z.string(),
  title: z.string(),
  heldAt: z.string(),
  place: z.string(),
  roundId: z.string().nullable(),
  /** null until attendance is recorded */
  attended: z.boolean().nullable(),
});

export const reservePoolEntrySchema = z.object({
  personId: z.string(),
  enteredOn: z.string(),
  source: z.enum(['survey', 'self', 'mass', 'organization']),
  note: z.string().nullable(),
  active: z.boolean(),
});

/** GET /api/persons/:id: the person's page */
export const personDetailSchema = z.object({
  person: personSchema,
  grades: z.array(gradeEntrySchema),
  cases: z.array(personCaseSchema),
  personnelFile: z.array(personnelFileEntrySchema),
  seminars: z.array(personSeminarSchema),
  reservePool: reservePoolEntrySchema.nullable(),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;

export const personAnswerSchema = z.object({ person: personSchema });
export const gradeBodySchema = gradeEntrySchema.strict();

/** POST /api/reserve-pool */
export const poolEntryBodySchema = z
  .object({
    personId: personIdSchema,
    enteredOn: dateBetween(2000, 2100),
    source: reservePoolEntrySchema.shape.source,
    note: storableText(1, 500).optional(),
  })
  .strict();
export const poolAnswerSchema = z.object({ entry: reservePoolEntrySchema });

/** GET /api/search: persons by name, and cases by their cadre's name, in the caller's scope. */
export const searchQuerySchema = z.object({
  q: storableText(1, 64),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const searchAnswerSchema = z.object({
  persons: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      currentUnit: z.string().nullable(),
      currentUnitName: labelSchema.nullable(),
      currentPost: z.string().nullable(),
    }),
  ),
  cases: z.array(
    z.object({
      caseId: z.string(),
      cadreName: z.string(),
      year: z.number().int(),
      status: z.string(),
      kind: z.string(),
      receivingUnitName: labelSchema,
    }),
  ),
});

/** A new random person id: `p` and 20 hex digits (never derived from a name or ID number). */
export function newPersonId(): string {
  return `p${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
}
