// Moving a running v1 case to machine v2 (admin.case.migrate): the request, and the dry run that
// shows per case the state, open duties and due dates before → after (the workflow's own migration).
import { z } from 'zod';
import { labelSchema } from './cases';
import { storableText } from './text';

/** POST /api/cases/:id/interventions/admin.case.migrate (org admin; a reason is required) */
export const migrateBodySchema = z
  .object({
    reason: storableText(2, 500, 'reason: 须说明理由 / a reason is required'),
  })
  .strict();
export type MigrateBody = z.infer<typeof migrateBodySchema>;

const dutySummarySchema = z.object({
  id: z.string(),
  key: z.string(),
  what: labelSchema,
  owner: z.object({ role: z.string(), unit: z.string() }),
  /** planned: a v2 duty whose window has not opened yet (a report of a later period) */
  state: z.enum(['open', 'planned']),
  dueAt: z.string(),
  provisional: z.boolean(),
});
const caseSideSchema = z.object({
  machineVersion: z.number().int(),
  status: z.string(),
  duties: z.array(dutySummarySchema),
});

export const migrationPreviewSchema = z.object({
  before: caseSideSchema,
  after: caseSideSchema,
  /** every difference a person would notice: status, duties opened, closed, moved, planned */
  changes: z.array(z.string()),
});
export type MigrationPreviewBody = z.infer<typeof migrationPreviewSchema>;

/** GET /api/cases/:id/migration */
export const migrationAnswerSchema = z.object({
  caseId: z.string(),
  machineVersion: z.number().int().nullable(),
  /** true when an org admin may migrate the case now (open, on version 1) */
  migratable: z.boolean(),
  /** why not, when it is not */
  reason: z.string().nullable(),
  preview: migrationPreviewSchema.nullable(),
});
export type MigrationAnswer = z.infer<typeof migrationAnswerSchema>;
