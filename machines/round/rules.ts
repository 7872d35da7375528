// The round's rules by id, as refusals name them (api/README.md lists them).
export const ROUND_RULES = {
  'event.schema': { zh: '事件须符合格式要求', en: 'An event must match its schema' },
  'time.order': { zh: '事件时间不得早于上一事件', en: 'Events may not go back in time' },
  'auditor.readOnly': { zh: '审计角色只读', en: 'Auditors only read' },
  'round.closed': { zh: '已结束的批次不再接受操作', en: 'A closed round accepts no further steps' },
  'round.state': { zh: '每个阶段只接受该阶段的事项', en: 'Each phase of a round accepts only its own steps' },
  'round.role': {
    zh: '申报由接收单位、推荐由派出单位、确定与启动由组织部办理',
    en: 'Receiving units apply, sending units recommend, the organization department decides and launches',
  },
  'round.unit': { zh: '只能为本单位申报或推荐', en: 'A unit applies or recommends only for itself' },
  'round.invited': { zh: '只有列入本批次的单位申报或推荐', en: 'Only invited units apply or recommend' },
  'round.maxRecommendations': {
    zh: '每个单位推荐1—2名人选（以批次设定为准）',
    en: 'Each unit recommends 1–2 candidates (as the round sets)',
  },
  'round.noRecommendation': {
    zh: '只能撤回已有的推荐',
    en: 'Only an existing recommendation can be withdrawn',
  },
  'round.nothingAssigned': {
    zh: '组织确定须至少确定一名人选',
    en: 'A decision assigns at least one candidate',
  },
  'round.later': {
    zh: '延长后的期限须晚于原期限和当前时间',
    en: 'An extension must be later than the deadline and now',
  },
  'round.unknownDuty': { zh: '只能处理未完成的事项', en: 'Only an open duty can be acted on' },
  'round.staleAlarm': { zh: '期限提醒须在到期时发出', en: 'A deadline alarm fires only when due' },
} as const;
export type RoundRuleId = keyof typeof ROUND_RULES;
