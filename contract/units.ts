// The unit directory (单位库): codes only where a machine needs them, names everywhere else.
import { z } from 'zod';
import { unitCodeSchema } from '../machines/secondment/v2/roles';
import { labelSchema } from '../machines/secondment/projections';
import { booleanish, storableText } from './text';

export const UNIT_TYPES = [
  'party_organ',
  'government_organ',
  'org_dept',
  'united_front_dept',
  'people_congress',
  'township',
  'subdistrict',
  'village',
  'community',
  'enterprise',
  'school',
  'hospital',
  'institution',
  'region',
  'other',
] as const;
export const unitTypeSchema = z.enum(UNIT_TYPES);
export type UnitType = z.infer<typeof unitTypeSchema>;

/** 单位类型 by their Chinese names. */
export const unitTypeLabels: Record<UnitType, { zh: string; en: string }> = {
  party_organ: { zh: '党委机关', en: 'party organ' },
  government_organ: { zh: '政府部门', en: 'government department' },
  org_dept: { zh: '组织部', en: 'organization department' },
  united_front_dept: { zh: '统战部', en: 'united front work department' },
  people_congress: { zh: '人大机关', en: "people's congress" },
  township: { zh: '乡镇', en: 'township' },
  subdistrict: { zh: '街道', en: 'subdistrict' },
  village: { zh: '村', en: 'village' },
  community: { zh: '社区', en: 'community' },
  enterprise: { zh: '企业', en: 'enterprise' },
  school: { zh: '学校', en: 'school' },
  hospital: { zh: '医院', en: 'hospital' },
  institution: { zh: '事业单位', en: 'public institution' },
  region: { zh: '行政区', en: 'region' },
  other: { zh: '其他', en: 'other' },
};

export const UNIT_LEVELS = ['city', 'county', 'township', 'village'] as const;
export const unitLevelSchema = z.enum(UNIT_LEVELS);
export type UnitLevel = z.infer<typeof unitLevelSchema>;
export const unitLevelLabels: Record<UnitLevel, { zh: string; en: string }> = {
  city: { zh: '市级', en: 'city' },
  county: { zh: '县级', en: 'county' },
  township: { zh: '乡镇级', en: 'township' },
  village: { zh: '村级', en: 'village' },
};

export const unitSchema = z.object({
  code: z.string(),
  name: labelSchema,
  type: unitTypeSchema,
  level: unitLevelSchema,
  parentCode: z.string().nullable(),
  active: z.boolean(),
  /** 'backfill': found in data written before the directory, named by its code until renamed */
  origin: z.enum(['directory', 'backfill']),
});
export type Unit = z.infer<typeof unitSchema>;

/** A unit with its parent's name (lists show names, never bare codes). */
export const unitRowSchema = unitSchema.extend({ parentName: labelSchema.nullable() });
export type UnitRow = z.infer<typeof unitRowSchema>;

const unitName = z.object({ zh: storableText(1, 100), en: storableText(1, 200) });

/** POST /api/units */
export const newUnitSchema = z
  .object({
    code: unitCodeSchema,
    name: unitName,
    type: unitTypeSchema,
    level: unitLevelSchema,
    parentCode: unitCodeSchema,
  })
  .strict();
export type NewUnit = z.infer<typeof newUnitSchema>;

/** POST /api/units/:code: what may change (a new parent moves the unit and everything under it). */
export const unitPatchSchema = z
  .object({
    name: unitName.optional(),
    type: unitTypeSchema.optional(),
    level: unitLevelSchema.optional(),
    parentCode: unitCodeSchema.optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const unitCodeParamSchema = z.object({ code: unitCodeSchema });

/** GET /api/units */
export const unitQuerySchema = z.object({
  parent: unitCodeSchema.optional(),
  type: unitTypeSchema.optional(),
  q: storableText(1, 64).optional(),
  /** only units in the caller's jurisdiction (default true; false lists the whole directory) */
  mine: booleanish.default(true),
  includeInactive: booleanish.default(false),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const unitPageSchema = z.object({
  items: z.array(unitRowSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

/** GET /api/units/:code */
export const unitDetailSchema = z.object({
  unit: unitRowSchema,
  /** nearest first */
  ancestors: z.array(unitSchema),
  children: z.array(unitSchema),
  /** the departments responsible for it (derived from the tree) */
  orgDept: z.object({ code: z.string(), name: labelSchema }).nullable(),
  unitedFrontDept: z.object({ code: z.string(), name: labelSchema }).nullable(),
  /** the caller may manage it (within their jurisdiction, org admins) */
  manageable: z.boolean(),
});
export const unitAnswerSchema = z.object({ unit: unitRowSchema });
