// What a calendar feed is made from: the open duties a user (or a department) may see, as the read
// model already derives them (caseView), plus the policy's reminder lead. Nothing personal beyond
// the label the caller passes, which is what that user may see in the console anyway.
import { z } from 'zod';
import { roleSchema } from '../machines/secondment';
import { isoDateTimeSchema } from '../machines/secondment';

/** The escalation ladder (提醒 → 逾期 → 单位负责人督办 → 组织部督办 → 停滞): the last step taken. */
export const escalationStepSchema = z.enum(['none', 'reminder', 'overdue', 'unitHead', 'orgDept', 'stuck']);
export type EscalationStep = z.infer<typeof escalationStepSchema>;

export const feedDutySchema = z.object({
  /** The duty's id, unique within its case (e.g. `d7:service.quarterly/2`). */
  id: z.string().trim().min(1).max(200),
  caseId: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'caseId: 6–64 letters, digits, _ or -'),
  /** How the case is shown to this user, e.g. 李思远 · 内江市发展和改革委员会. */
  label: z.string().trim().min(1).max(120),
  what: z.object({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }),
  dueAt: isoDateTimeSchema,
  owner: z.object({ role: roleSchema, unitName: z.string().trim().min(1).max(120) }),
  escalationStep: escalationStepSchema,
  overdue: z.boolean(),
  stuck: z.boolean(),
  /** A deadline that may still move (e.g. planned before the case is launched). */
  provisional: z.boolean().default(false),
  /** The exact reminder moment when the caller knows it (working-day leads vary by duty). */
  reminderAt: isoDateTimeSchema.optional(),
  /** Bumped when the duty changes (extension, reassignment), so clients replace their copy. */
  revision: z.number().int().min(0).default(0),
});
export type FeedDuty = z.infer<typeof feedDutySchema>;

export const feedOptionsSchema = z.object({
  /** Calendar name shown in the client, e.g. 挂职工作待办（李思远）. */
  name: z.string().trim().min(1).max(120),
  /** DTSTAMP of every event: the time of the newest change, so an unchanged feed is byte-identical. */
  generatedAt: isoDateTimeSchema,
  /** The console link of a case; `{caseId}` is replaced. */
  caseUrlTemplate: z
    .url()
    .refine((u) => u.includes('%7BcaseId%7D') || u.includes('{caseId}'), 'must contain {caseId}'),
  /** The policy's reminder lead (the first step of the ladder), in seconds. */
  reminderBeforeSeconds: z
    .number()
    .int()
    .min(0)
    .max(366 * 86400),
  /** How often clients should refetch. */
  refreshSeconds: z.number().int().min(300).max(86400).default(900),
});
export type FeedOptions = z.infer<typeof feedOptionsSchema>;

export const personalFeedInputSchema = feedOptionsSchema.extend({
  duties: z.array(feedDutySchema).max(5000),
});
export type PersonalFeedInput = z.infer<typeof personalFeedInputSchema>;

/** The admin variant has no reminder: its items are already past due. */
export const adminFeedInputSchema = feedOptionsSchema
  .omit({ reminderBeforeSeconds: true })
  .extend({ duties: z.array(feedDutySchema).max(20000) });
export type AdminFeedInput = z.infer<typeof adminFeedInputSchema>;
