import { z } from 'zod';

/** Who may act. `system` is the hosting workflow (only for deadline.reached); `auditor` only reads. */
export const roleSchema = z.enum([
  'org_admin',
  'sending_officer',
  'receiving_officer',
  'cadre',
  'united_front',
  'auditor',
  'system',
]);
export type Role = z.infer<typeof roleSchema>;
export const ROLES = roleSchema.options;

export const roleLabels: Record<Role, { zh: string; en: string }> = {
  org_admin: { zh: '组织部（下派办）', en: 'organization department (secondment office)' },
  sending_officer: { zh: '派出单位', en: 'sending unit' },
  receiving_officer: { zh: '接收单位', en: 'receiving unit' },
  cadre: { zh: '挂职干部', en: 'seconded cadre' },
  united_front: { zh: '统战部', en: 'united front work department' },
  auditor: { zh: '审计（只读）', en: 'auditor (read-only)' },
  system: { zh: '系统（工作流）', en: 'system (workflow)' },
};

export const unitCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.:-]+$/, 'unit code: letters, digits, _ . : - only');

const principalSchema = z.object({
  id: z.string().trim().min(1).max(128),
  role: roleSchema,
  unit: z.string().min(1).max(64),
});
/** onBehalfOf: the party the actor enters the step for (组织部代录, a clerk for the unit head). */
export const actorSchema = principalSchema.extend({ onBehalfOf: principalSchema.optional() });
export type Actor = z.infer<typeof actorSchema>;
export type Principal = z.infer<typeof principalSchema>;

/** Notification recipients: a role at a unit, or the head of a unit (escalation target). */
export const recipientSchema = z.object({
  role: z.union([roleSchema, z.literal('unit_head')]),
  unit: z.string(),
});
export type Recipient = z.infer<typeof recipientSchema>;
