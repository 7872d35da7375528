// What happens to a round, as events: `{ type, actor, at, ...payload }`, ids and counts only.
import { z } from 'zod';
import { identifier, storableText } from '../common/text';
import { actorSchema, unitCodeSchema, type Actor } from '../secondment/v2/roles';
import { isoDateTimeSchema } from '../secondment/v2/time';

const count = z.number().int().min(0).max(10_000);
const reason = storableText(2, 2000);
const units = z.array(unitCodeSchema).max(500);
const id = identifier(64);

const payloadShapes = {
  /** more units asked to apply (receiving) or to recommend (sending) */
  'round.invite': { receiving: units.default([]), sending: units.default([]) },
  'round.application.submit': { unit: unitCodeSchema, applicationId: id, requested: count.min(1) },
  'round.application.decline': { unit: unitCodeSchema, applicationId: id, reason },
  'round.recommendation.submit': { unit: unitCodeSchema, recommendationId: id },
  'round.recommendation.withdraw': { unit: unitCodeSchema, recommendationId: id, reason },
  /** 组织确定: the board is fixed (counts of the board as it stands) */
  'round.decide': { assigned: count, rejected: count, allocations: count },
  'round.launch.start': { total: count },
  /** the host's report when every case of the launch has been started */
  'round.launch.finish': { started: count, already: count, failed: count },
  'round.close': { reason },
  'admin.deadline.extend': { dutyId: identifier(), until: isoDateTimeSchema, reason },
  'admin.duty.waive': { dutyId: identifier(), reason },
  'deadline.reached': { dutyId: identifier() },
} satisfies Record<string, z.ZodRawShape>;

type Shapes = typeof payloadShapes;
export type RoundEventType = keyof Shapes;
export const ROUND_EVENT_TYPES = Object.keys(payloadShapes) as RoundEventType[];
/** Events only the hosting workflow sends. */
export const ROUND_SYSTEM_EVENTS: RoundEventType[] = ['round.launch.finish', 'deadline.reached'];

const base = { actor: actorSchema, at: isoDateTimeSchema };
export type RoundEventPayload<K extends RoundEventType> = z.infer<z.ZodObject<Shapes[K]>>;
export type RoundEventOf<K extends RoundEventType> = {
  type: K;
  actor: Actor;
  at: string;
} & RoundEventPayload<K>;
export type RoundEvent = { [K in RoundEventType]: RoundEventOf<K> }[RoundEventType];

export const roundEventPayloadSchemas = Object.fromEntries(
  ROUND_EVENT_TYPES.map((t) => [t, z.object(payloadShapes[t])]),
) as unknown as { [K in RoundEventType]: z.ZodObject<Shapes[K]> };

export const roundEventSchema = z.discriminatedUnion(
  'type',
  ROUND_EVENT_TYPES.map((t) => z.object({ type: z.literal(t), ...base, ...payloadShapes[t] })) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<RoundEventType> }>,
  ],
) as unknown as z.ZodType<RoundEvent>;

export const roundEventLabels: Record<RoundEventType, { zh: string; en: string }> = {
  'round.invite': { zh: '发函征求需求与推荐', en: 'invite units' },
  'round.application.submit': { zh: '单位申报', en: 'submit an application' },
  'round.application.decline': { zh: '单位不申报', en: 'decline to apply' },
  'round.recommendation.submit': { zh: '推荐人选', en: 'recommend a candidate' },
  'round.recommendation.withdraw': { zh: '撤回推荐', en: 'withdraw a recommendation' },
  'round.decide': { zh: '组织确定', en: 'decide the round' },
  'round.launch.start': { zh: '启动选派', en: 'launch the cases' },
  'round.launch.finish': { zh: '选派启动完成（系统）', en: 'launch finished (system)' },
  'round.close': { zh: '结束批次', en: 'close the round' },
  'admin.deadline.extend': { zh: '延长期限', en: 'extend a deadline' },
  'admin.duty.waive': { zh: '免除事项', en: 'waive a duty' },
  'deadline.reached': { zh: '期限到达（系统）', en: 'deadline reached (system)' },
};
