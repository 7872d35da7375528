// Effects are plain data the machine emits for each accepted transition; the host carries out
// exactly these (one activity per transition, its timers, its search attributes). Their schema is
// the contract with the workflow side.
import { z } from 'zod';
import { recipientSchema, roleSchema } from './roles';
import { statusCodeSchema } from './status';
import { kindSchema } from './vocabulary';
import { TEMPLATE_IDS, type TemplateId } from './templates';

const varsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const principal = z.object({ id: z.string(), role: roleSchema, unit: z.string() });

export const personnelFileKindSchema = z.enum([
  'appointment',
  'halfYearAssessment',
  'annualAssessment',
  'appraisal',
  'assessmentGrade',
  'promotion',
  'recall',
  'rotation',
  'leave',
]);
export type PersonnelFileKind = z.infer<typeof personnelFileKindSchema>;
export const personnelFileKindLabels: Record<PersonnelFileKind, { zh: string; en: string }> = {
  appointment: { zh: '任职（岗位与层级）', en: 'appointment (post and level)' },
  halfYearAssessment: { zh: '半年考核', en: 'half-year assessment' },
  annualAssessment: { zh: '年度考核', en: 'annual assessment' },
  appraisal: { zh: '接收单位鉴定', en: 'appraisal' },
  assessmentGrade: { zh: '期满考核等次', en: 'final grade' },
  promotion: { zh: '提拔任用', en: 'promotion' },
  recall: { zh: '召回', en: 'recall' },
  rotation: { zh: '轮岗', en: 'rotation' },
  leave: { zh: '请销假', en: 'leave' },
};

export const searchAttributesSchema = z.object({
  status: statusCodeSchema,
  kind: kindSchema,
  sendingUnit: z.string(),
  receivingUnit: z.string(),
  nextDeadline: z.string().nullable(),
  overdue: z.boolean(),
  stuck: z.boolean(),
});

export const effectSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('notify'),
    params: z.object({
      recipients: z.array(recipientSchema).min(1),
      template: z.enum(TEMPLATE_IDS as [TemplateId, ...TemplateId[]]),
      vars: varsSchema,
    }),
  }),
  z.object({
    type: z.literal('record'),
    params: z.object({
      caseId: z.string(),
      /** Audit sequence number, gap-free per case: the host's idempotency key is (caseId, seq). */
      seq: z.number().int().min(1),
      at: z.string(),
      eventType: z.string(),
      actor: principal,
      onBehalfOf: principal.nullable(),
      reason: z.string().nullable(),
      fromState: statusCodeSchema.nullable(),
      toState: statusCodeSchema,
      payload: z.record(z.string(), z.unknown()),
    }),
  }),
  z.object({
    type: z.literal('personnelFile'),
    params: z.object({
      caseId: z.string(),
      cadreId: z.string(),
      kind: personnelFileKindSchema,
      at: z.string(),
      content: z.record(z.string(), z.unknown()),
    }),
  }),
  z.object({ type: z.literal('deadline.set'), params: z.object({ dutyId: z.string(), at: z.string() }) }),
  z.object({ type: z.literal('deadline.clear'), params: z.object({ dutyId: z.string() }) }),
  z.object({ type: z.literal('searchAttributes'), params: searchAttributesSchema }),
]);
export type Effect = z.infer<typeof effectSchema>;
export type EffectOf<T extends Effect['type']> = Extract<Effect, { type: T }>;
export type NotifyParams = EffectOf<'notify'>['params'];
export type Vars = NotifyParams['vars'];
export type SearchAttributes = z.infer<typeof searchAttributesSchema>;

/** The effect kinds a step emits: exactly one `record`, first. */
export const EFFECT_TYPES = [
  'notify',
  'record',
  'personnelFile',
  'deadline.set',
  'deadline.clear',
  'searchAttributes',
] as const;
