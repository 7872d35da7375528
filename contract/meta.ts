// What the console builds its forms and labels from, and the health check.
import { z } from 'zod';
import { labelSchema } from './cases';

const labels = z.record(z.string(), labelSchema);

/**
 * GET /api/meta/vocabulary: the lifecycle's own names (zh / en) for every code the console shows,
 * so it never keeps a copy of them.
 */
export const vocabularySchema = z.object({
  statuses: labels,
  kinds: labels,
  roles: labels,
  ranks: labels,
  grades: labels,
  programmes: labels,
  categories: labels,
  /** steps of the escalation ladder (提醒 → 逾期 → 单位负责人督办 → 组织部督办 → 停滞) */
  escalationSteps: labels,
  /** kinds of personnel-file (个人档案) entries */
  personnelFileKinds: labels,
  /** unit codes with their names (the unit directory) */
  units: labels,
  unitTypes: labels,
  unitLevels: labels,
  genders: labels,
  partyStatuses: labels,
  /** statuses of a round (批次) and of a recommendation on the decision board */
  roundStatuses: labels,
  recommendationStatuses: labels,
  /** nomination sources (个人自荐, 群众推荐, 组织推荐, 竞争性选拔) */
  sources: labels,
  /** status code → the statechart's state (node id), e.g. EXTENDED → service */
  statusState: z.record(z.string(), z.string()),
  terminalStatuses: z.array(z.string()),
});
export type Vocabulary = z.infer<typeof vocabularySchema>;

/** One event type with its payload's JSON schema (z.toJSONSchema of the machine's schema). */
export const eventMetaSchema = z.object({
  type: z.string(),
  label: labelSchema,
  intervention: z.boolean(),
  schema: z.record(z.string(), z.unknown()),
});
export type EventMeta = z.infer<typeof eventMetaSchema>;
export const eventsAnswerSchema = z.object({ events: z.array(eventMetaSchema) });

/** Whether each dependency answered the health check. */
export const dependencyStateSchema = z.enum(['reachable', 'unreachable']);

export const healthSchema = z.object({
  status: z.literal('ok'),
  temporal: z.literal('reachable'),
  database: z.literal('reachable'),
  namespace: z.string(),
  taskQueue: z.string(),
});
/** 503: at least one dependency did not answer; `message` says which and why. */
export const degradedSchema = z.object({
  status: z.literal('degraded'),
  temporal: dependencyStateSchema,
  database: dependencyStateSchema,
  namespace: z.string(),
  message: z.string(),
});
