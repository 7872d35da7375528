// A refusal tells a person which rule stopped them and, where it is about roles, whose step it is.
export type RefusalCode =
  | 'INVALID_EVENT'
  | 'CASE_CLOSED'
  | 'NOT_IN_STATE'
  | 'TIME_ORDER'
  | 'READ_ONLY'
  | 'ROLE_FORBIDDEN'
  | 'WRONG_UNIT'
  | 'ON_BEHALF_FORBIDDEN'
  | 'UNKNOWN_DUTY'
  | 'STALE_ALARM'
  | 'RULE_VIOLATION';

export interface Refusal {
  ok: false;
  code: RefusalCode;
  rule: RuleId;
  message: { zh: string; en: string };
}
export type CheckResult = { ok: true } | Refusal;

/** The rules the machine enforces, by id. docs/lifecycle.md lists them with their tests. */
export const RULES = {
  'event.schema': { zh: '事件须符合格式要求', en: 'An event must match its schema' },
  'event.facts': {
    zh: '该事件须附带系统查询的事实（名额、节假日安排）',
    en: 'This event needs the facts the system looks up (quota, holiday table)',
  },
  'case.closed': { zh: '已结束的案件不再接受操作', en: 'A closed case accepts no further steps' },
  'state.events': { zh: '每个阶段只接受该阶段的事项', en: 'Each phase accepts only its own steps' },
  'time.order': { zh: '事件时间不得早于上一事件', en: 'Events may not go back in time' },
  'auditor.readOnly': { zh: '审计角色只读', en: 'Auditors only read' },
  'role.permission': { zh: '每项操作由指定角色执行', en: 'Each step belongs to a given role' },
  'unit.binding': {
    zh: '只能由本案的派出单位、接收单位、组织部或干部本人执行',
    en: 'Only this case’s own units and cadre may act',
  },
  'actor.onBehalf': {
    zh: '代为办理仅限组织部或同一单位同一角色',
    en: 'Acting on behalf is for the organization department or the same role of the same unit',
  },
  'nomination.eligibility': { zh: '被推荐人须符合选派条件', en: 'The nominee must be eligible' },
  'approval.quota': {
    zh: '接收单位批准人数不得超过名额',
    en: 'A receiving unit’s approved intake may not exceed its quota',
  },
  'approval.unit': {
    zh: '接收单位不得与派出单位相同',
    en: 'The receiving unit must differ from the sending unit',
  },
  'posting.order': {
    zh: '到岗清单按顺序办理：先定岗位（需选举的先选举），再备案，再抄送',
    en: 'Checklist order: post (and election), then filing, then copies',
  },
  'posting.itemDone': { zh: '该事项已办理或无需办理', en: 'The item is already done or not owed' },
  'posting.postLevel': {
    zh: '挂职岗位层级应符合要求（上挂一般为副科级），不符的须说明理由',
    en: 'The post is at the expected level (上挂: deputy section level) unless a reason is given',
  },
  'posting.unitedFront': {
    zh: '党外干部的任职文件和选举结果抄送统战部',
    en: 'Non-CPC cadres: copies go to the united front department',
  },
  'posting.party': {
    zh: '中共党员须将组织关系转入临时党支部',
    en: 'CPC members transfer their party relation to the temporary branch',
  },
  'posting.votes': { zh: '选举票数须合理', en: 'Election votes must add up' },
  'posting.realDuties': {
    zh: '接收单位须明确具体分工',
    en: 'The receiving unit must assign concrete duties',
  },
  'posting.fullTime': {
    zh: '须全脱产到岗，半到位不算到岗',
    en: 'Arrival means on post full time; half on post does not count',
  },
  'posting.arrivalDate': {
    zh: '到岗日期不得晚于确认日期或挂职期满日',
    en: 'The arrival date cannot be in the future or after the planned term end',
  },
  'service.period': {
    zh: '只能办理已排定且未完成的定期事项',
    en: 'Only a planned, open periodic review can be submitted',
  },
  'service.reportWindow': {
    zh: '定期汇报和考核属于其所在期间，期间临近结束方可办理',
    en: 'A periodic report or review belongs to its period and opens only as the period ends',
  },
  'assessment.gradeScore': {
    zh: '考核等次须与得分相符',
    en: 'An assessment’s grade must match its score',
  },
  'annual.excellentGuidance': {
    zh: '前两年年度考核均为优秀且年终民主测评优秀票比例较高的，建议确定为优秀；不确定为优秀须说明理由',
    en: 'Two previous years 优秀 and a high share of 优秀 votes suggest 优秀; another grade needs a reason',
  },
  'service.firstHalfRecord': {
    zh: '年度考核须以派出单位提供的挂职前表现情况为依据',
    en: 'The annual assessment needs the sending unit’s record of the year before the secondment',
  },
  'service.leaveDates': { zh: '请销假日期须合理', en: 'Leave and return dates must make sense' },
  'service.leaveInTerm': { zh: '请假须在挂职期内', en: 'Leave must fall within the term' },
  'service.leaveOpen': {
    zh: '上一次请假尚未审批或销假',
    en: 'The previous leave is not decided or reported back from yet',
  },
  'service.unknownRequest': { zh: '没有该待办申请', en: 'No such pending request' },
  'service.rotation': {
    zh: '轮岗仅适用于允许轮岗的挂职类型和较长挂职期',
    en: 'Rotation only for kinds that allow it and long terms',
  },
  'extension.limit': {
    zh: '延期累计不得超过政策上限',
    en: 'Total extension may not exceed the policy limit',
  },
  'extension.lead': {
    zh: '延期须在期满前提前申请',
    en: 'An extension must be asked well before the term ends',
  },
  'recall.ground': {
    zh: '挂职期间除提拔或专项任务外不得召回；其他召回须接收单位同意',
    en: 'No recall during the term except for promotion or a mandated campaign; any other recall needs the receiving unit’s consent',
  },
  'recall.promotionDetails': {
    zh: '因提拔召回须写明新任职务和职级',
    en: 'A recall for promotion names the new post and rank',
  },
  'final.tooEarly': { zh: '期满考核不得过早启动', en: 'The final assessment may not start too early' },
  'final.negotiationPending': {
    zh: '延期或召回协商未结束，不能启动期满考核',
    en: 'An extension or recall is being negotiated: the final assessment cannot start',
  },
  'final.inputs': {
    zh: '评定等次须具备总结、鉴定、考察和民主测评',
    en: 'A grade needs the summary, appraisal, inspection and democratic evaluation',
  },
  'final.votes': { zh: '民主测评须有有效票', en: 'The democratic evaluation needs votes' },
  'return.party': { zh: '党外干部无需转回党组织关系', en: 'Non-CPC cadres have no party relation to return' },
  'tracking.period': { zh: '跟踪培养期满后方可结束', en: 'Tracking ends only after the tracking period' },
  'admin.unknownDuty': { zh: '没有该未完成事项', en: 'No such open duty' },
  'admin.milestone': {
    zh: '挂职期满时间只能通过延期程序变更',
    en: 'The term end changes only through the extension procedure',
  },
  'admin.later': {
    zh: '新的期限须晚于原期限和当前时间',
    en: 'A new deadline must be later than the old one and than now',
  },
  'admin.notWaivable': { zh: '该事项依政策不可免除', en: 'The policy does not allow waiving this duty' },
  'admin.owner': { zh: '责任方须为可办事的角色', en: 'A duty’s owner must be an acting role' },
  'admin.forceEdge': {
    zh: '强制变更只能沿政策允许的路径',
    en: 'Forced transitions only along edges the policy allows',
  },
  'calendar.noChange': {
    zh: '该年度节假日安排没有更新的版本，或本案无须重排',
    en: 'No newer holiday table for that year, or nothing of this case depends on it',
  },
  'deadline.unknown': { zh: '期限提醒须指向未完成事项', en: 'A deadline alarm must name an open duty' },
  'deadline.stale': { zh: '过期或提前的期限提醒不予处理', en: 'Stale or early alarms are ignored' },
} as const satisfies Record<string, { zh: string; en: string }>;
export type RuleId = keyof typeof RULES;

export function refuse(code: RefusalCode, rule: RuleId, zh: string, en: string): Refusal {
  const r = RULES[rule];
  return {
    ok: false,
    code,
    rule,
    message: { zh: `${zh}（规则 ${rule}：${r.zh}）`, en: `${en} (rule ${rule}: ${r.en})` },
  };
}

/** Shorthand for business-rule refusals. */
export const violation = (rule: RuleId, zh: string, en: string): Refusal =>
  refuse('RULE_VIOLATION', rule, zh, en);
