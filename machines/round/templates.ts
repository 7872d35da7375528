// Notifications of a round, zh-CN first; {braces} are filled at delivery (unit codes become names).
export const roundTemplates = {
  'round.application.requested': {
    zh: '{year}年度挂职工作：请于{dueAt}前申报接收挂职干部的需求（人数、岗位）。',
    en: 'Secondment round {year}: please state by {dueAt} how many cadres you would take and for which posts.',
  },
  'round.recommendation.requested': {
    zh: '{year}年度挂职工作：请于{dueAt}前从拟选派干部库中推荐1—{max}名人选。',
    en: 'Secondment round {year}: please recommend 1–{max} candidates from the reserve pool by {dueAt}.',
  },
  'round.decided': {
    zh: '{year}年度挂职人选已由组织确定：共{assigned}人。',
    en: 'The {year} secondment round is decided: {assigned} cadres.',
  },
  'round.launched': {
    zh: '{year}年度挂职工作已启动：{started}名干部的挂职案件已建立。',
    en: 'The {year} secondment round is launched: cases for {started} cadres were started.',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
export type RoundTemplateId = keyof typeof roundTemplates;
