// Every business step is an event: `{ type, actor, at, ...payload }`. `at` is the caller's current
// time — the machine has no clock of its own.
import { z } from 'zod';
import { actorSchema, roleSchema, unitCodeSchema, type Actor } from './roles';
import { statusCodeSchema } from './status';
import { isoDateSchema, isoDateTimeSchema } from './time';
import { gradeSchema, rankSchema } from './vocabulary';

const text = z.string().trim().min(1).max(5000);
/** Admin interventions and refusals of others' work must say why (mandatory reason). */
const reason = z.string().trim().min(2, 'a reason is required').max(2000);
const score = z.number().min(0).max(100);
const count = z.number().int().min(0);
const period = z.number().int().min(1).max(20);
const dimension = z.object({ score, comment: text });

const payloadShapes = {
  'nomination.withdraw': { reason },
  'approval.approve': {
    /** The organization department may post to another unit than requested. */
    receivingUnit: unitCodeSchema.optional(),
    /** Supplied by the workflow: this year's approved intake of the receiving unit and its quota. */
    intake: z.object({ approved: count, quota: count }),
    note: text.optional(),
  },
  'approval.reject': { reason },
  'posting.post.arrange': { title: text, level: rankSchema, elected: z.boolean() },
  'posting.election.record': { elected: z.boolean(), votesFor: count, votesTotal: count, session: text },
  'posting.appointment.file': { documentNo: text },
  'posting.unitedFront.acknowledge': { documentNo: text },
  'posting.party.transfer': { branch: text },
  'posting.introduction.send': { letterNo: text },
  'posting.mentor.name': { mentorName: text, mentorTitle: text },
  'posting.duties.assign': { portfolio: text },
  'posting.arrival.confirm': { arrivedOn: isoDateSchema, fullTime: z.boolean() },
  'service.quarterly.submit': { quarter: period, study: text, work: text, life: text },
  'service.halfYear.report': { half: period, thought: text, work: text },
  'service.halfYear.assess': { half: period, grade: gradeSchema, score, feedback: text },
  'service.contact.log': {
    half: period,
    channel: z.enum(['visit', 'call', 'meeting', 'letter']),
    summary: text,
  },
  'service.firstHalfRecord.provide': { summary: text },
  'service.annual.assess': { year: period, grade: gradeSchema, score, comment: text },
  'service.leave.request': { from: isoDateSchema, to: isoDateSchema, reason },
  'service.leave.decide': { requestId: z.string().min(1), approved: z.boolean(), note: text.optional() },
  'service.sendingTask.request': { task: text, reason },
  'service.sendingTask.decide': {
    requestId: z.string().min(1),
    approved: z.boolean(),
    note: text.optional(),
  },
  'service.post.rotate': { title: text, level: rankSchema, portfolio: text },
  'extension.request': { months: z.number().int().min(1).max(24), reason },
  'extension.consent': { consent: z.boolean(), note: text.optional() },
  'extension.decide': { approved: z.boolean(), reason },
  'recall.request': {
    ground: z.enum(['promotion', 'campaign', 'other']),
    /** Document of the promotion decision or of the mandated campaign. */
    reference: text.optional(),
    reason,
  },
  'recall.consent': { consent: z.boolean(), note: text.optional() },
  'promotion.decide': { newPost: text, newRank: rankSchema, documentNo: text, inPlace: z.boolean() },
  'final.open': { note: text.optional() },
  'final.summary.submit': { summary: text },
  'final.appraisal.submit': {
    thought: dimension,
    work: dimension,
    study: dimension,
    life: dimension,
    integrity: dimension,
  },
  'final.inspection.submit': { score, findings: text },
  'final.democratic.record': {
    excellent: count,
    competent: count,
    basically_competent: count,
    incompetent: count,
  },
  'final.grade.decide': { comment: text.optional() },
  'return.start': { note: text.optional() },
  'return.handover.complete': { receivedBy: text, summary: text },
  'return.party.return': { branch: text },
  'return.post.resume': { post: text },
  'tracking.review.submit': { summary: text },
  'admin.deadline.extend': { dutyId: z.string().min(1), until: isoDateTimeSchema, reason },
  'admin.duty.waive': { dutyId: z.string().min(1), reason },
  'admin.duty.reassign': {
    dutyId: z.string().min(1),
    owner: z.object({ role: roleSchema, unit: z.string().min(1) }),
    reason,
  },
  'admin.case.hold': { reason },
  'admin.case.resume': { reason },
  'admin.case.force': { to: statusCodeSchema, reason },
  'deadline.reached': { dutyId: z.string().min(1) },
} satisfies Record<string, z.ZodRawShape>;

type Shapes = typeof payloadShapes;
export type EventType = keyof Shapes;
export const EVENT_TYPES = Object.keys(payloadShapes) as EventType[];
export const eventTypeSchema = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);

const base = { actor: actorSchema, at: isoDateTimeSchema };
type PayloadSchemaOf<K extends EventType> = z.ZodObject<Shapes[K]>;
export type EventPayload<K extends EventType> = z.infer<PayloadSchemaOf<K>>;
export type EventOf<K extends EventType> = { type: K; actor: Actor; at: string } & EventPayload<K>;
export type SecondmentEvent = { [K in EventType]: EventOf<K> }[EventType];

/** Per-type payload schema (without type/actor/at): a console builds one form per event from it. */
export const eventPayloadSchemas = Object.fromEntries(
  EVENT_TYPES.map((t) => [t, z.object(payloadShapes[t])]),
) as unknown as { [K in EventType]: PayloadSchemaOf<K> };

/** Full schema per type, including type, actor and at. */
export const eventSchemas = Object.fromEntries(
  EVENT_TYPES.map((t) => [t, z.object({ type: z.literal(t), ...base, ...payloadShapes[t] })]),
) as unknown as { [K in EventType]: z.ZodType<EventOf<K>> };

/** Discriminated union on `type` of every event the machine understands. */
export const secondmentEventSchema = z.discriminatedUnion(
  'type',
  EVENT_TYPES.map((t) => z.object({ type: z.literal(t), ...base, ...payloadShapes[t] })) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<EventType> }>,
  ],
) as unknown as z.ZodType<SecondmentEvent>;

export const eventLabels: Record<EventType, { zh: string; en: string }> = {
  'nomination.withdraw': { zh: '撤回推荐', en: 'withdraw the nomination' },
  'approval.approve': { zh: '批准选派', en: 'approve the secondment' },
  'approval.reject': { zh: '不予批准', en: 'reject the nomination' },
  'posting.post.arrange': { zh: '安排挂职岗位', en: 'arrange the post' },
  'posting.election.record': { zh: '登记选举结果', en: 'record the election result' },
  'posting.appointment.file': { zh: '任职文件备案', en: 'file the appointment documents' },
  'posting.unitedFront.acknowledge': { zh: '统战部确认收到抄送', en: 'united front acknowledges the copy' },
  'posting.party.transfer': { zh: '转入临时党支部', en: 'transfer party relation to the temporary branch' },
  'posting.introduction.send': { zh: '出具介绍信', en: 'send the letter of introduction' },
  'posting.mentor.name': { zh: '明确传帮带联系人', en: 'name the mentor' },
  'posting.duties.assign': { zh: '明确工作分工', en: 'assign concrete duties' },
  'posting.arrival.confirm': { zh: '确认到岗', en: 'confirm arrival on post' },
  'service.quarterly.submit': { zh: '提交季度汇报', en: 'submit the quarterly report' },
  'service.halfYear.report': { zh: '提交半年思想工作汇报', en: 'submit the half-year report' },
  'service.halfYear.assess': { zh: '半年考核', en: 'half-year assessment' },
  'service.contact.log': { zh: '登记派出单位联系情况', en: 'log the sending unit’s contact' },
  'service.firstHalfRecord.provide': { zh: '提供上半年表现情况', en: 'provide the first-half record' },
  'service.annual.assess': { zh: '年度考核', en: 'annual assessment' },
  'service.leave.request': { zh: '请假', en: 'request leave' },
  'service.leave.decide': { zh: '审批请假', en: 'decide a leave request' },
  'service.sendingTask.request': {
    zh: '申请派出单位临时使用',
    en: 'ask to use the cadre for a sending-unit task',
  },
  'service.sendingTask.decide': { zh: '审批派出单位临时使用', en: 'decide a sending-unit task request' },
  'service.post.rotate': { zh: '轮岗', en: 'rotate to another post' },
  'extension.request': { zh: '申请延期', en: 'ask for an extension' },
  'extension.consent': { zh: '派出单位答复延期', en: 'sending unit answers the extension' },
  'extension.decide': { zh: '组织部审批延期', en: 'organization department decides the extension' },
  'recall.request': { zh: '申请召回', en: 'ask for recall' },
  'recall.consent': { zh: '接收单位答复召回', en: 'receiving unit answers the recall' },
  'promotion.decide': { zh: '提拔任用', en: 'decide a promotion' },
  'final.open': { zh: '启动期满考核', en: 'open the final assessment' },
  'final.summary.submit': { zh: '提交挂职工作总结', en: 'submit the work summary' },
  'final.appraisal.submit': { zh: '接收单位出具鉴定', en: 'submit the appraisal (鉴定)' },
  'final.inspection.submit': { zh: '派出单位考察', en: 'submit the sending unit’s inspection' },
  'final.democratic.record': { zh: '登记民主测评结果', en: 'record the democratic evaluation' },
  'final.grade.decide': { zh: '综合评定等次', en: 'decide the final grade' },
  'return.start': { zh: '安排返回原单位', en: 'start the return' },
  'return.handover.complete': { zh: '完成工作交接', en: 'complete the handover' },
  'return.party.return': { zh: '党组织关系转回', en: 'return the party relation' },
  'return.post.resume': { zh: '回原单位岗位', en: 'back at the original post' },
  'tracking.review.submit': { zh: '提交跟踪培养情况', en: 'submit the tracking review' },
  'admin.deadline.extend': { zh: '延长期限', en: 'extend a deadline' },
  'admin.duty.waive': { zh: '免除事项', en: 'waive a duty' },
  'admin.duty.reassign': { zh: '变更责任方', en: 'reassign a duty' },
  'admin.case.hold': { zh: '暂停', en: 'put the case on hold' },
  'admin.case.resume': { zh: '恢复', en: 'resume the case' },
  'admin.case.force': { zh: '强制变更状态', en: 'force a transition' },
  'deadline.reached': { zh: '期限到达（系统）', en: 'deadline reached (system)' },
};
