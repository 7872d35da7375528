// Mail texts per template and locale. `{{name}}` is replaced by the notification's var of that name.
// zh-CN is the default language of every recipient; English is chosen per recipient in `directory`.
import type { Locale } from '../store';

export interface MailText {
  subject: string;
  body: string;
}

export const notificationTemplates: Record<string, Record<Locale, MailText>> = {
  'duty.assigned': {
    'zh-CN': {
      subject: '【挂职锻炼】新的待办事项：{{dutyLabel}}',
      body: '案件 {{caseId}} 有一项新的待办事项由贵单位负责：\n{{dutyLabel}}\n截止时间：{{dueAt}}',
    },
    en: {
      subject: '[Secondment] New duty: {{dutyLabel}}',
      body: 'Case {{caseId}} has a new duty owned by your unit:\n{{dutyLabel}}\nDue: {{dueAt}}',
    },
  },
  'duty.reminder': {
    'zh-CN': {
      subject: '【挂职锻炼】提醒：{{dutyLabel}} 即将到期',
      body: '案件 {{caseId}} 的待办事项“{{dutyLabel}}”将于 {{dueAt}} 到期，请及时办理。',
    },
    en: {
      subject: '[Secondment] Reminder: {{dutyLabel}} is due soon',
      body: 'The duty "{{dutyLabel}}" of case {{caseId}} is due on {{dueAt}}. Please complete it in time.',
    },
  },
  'duty.overdue': {
    'zh-CN': {
      subject: '【挂职锻炼】逾期：{{dutyLabel}}',
      body: '案件 {{caseId}} 的待办事项“{{dutyLabel}}”已于 {{dueAt}} 逾期，请尽快办理。',
    },
    en: {
      subject: '[Secondment] Overdue: {{dutyLabel}}',
      body: 'The duty "{{dutyLabel}}" of case {{caseId}} was due on {{dueAt}} and is overdue. Please act now.',
    },
  },
  'duty.escalated': {
    'zh-CN': {
      subject: '【挂职锻炼】督办：{{dutyLabel}}',
      body: '案件 {{caseId}} 的待办事项“{{dutyLabel}}”逾期未办，已提请贵单位督办（第 {{step}} 级）。',
    },
    en: {
      subject: '[Secondment] Escalation: {{dutyLabel}}',
      body: 'The duty "{{dutyLabel}}" of case {{caseId}} is overdue and has been escalated to you (step {{step}}).',
    },
  },
  'case.stuck': {
    'zh-CN': {
      subject: '【挂职锻炼】案件停滞：{{caseId}}',
      body: '案件 {{caseId}} 已停滞，需要管理员介入。原因：{{reason}}',
    },
    en: {
      subject: '[Secondment] Case stuck: {{caseId}}',
      body: 'Case {{caseId}} is stuck and needs an administrator. Reason: {{reason}}',
    },
  },
  'case.status_changed': {
    'zh-CN': {
      subject: '【挂职锻炼】案件状态变更：{{status}}',
      body: '案件 {{caseId}} 的状态已变更为：{{status}}。',
    },
    en: {
      subject: '[Secondment] Case status changed: {{status}}',
      body: 'The status of case {{caseId}} is now: {{status}}.',
    },
  },
  'assessment.recorded': {
    'zh-CN': {
      subject: '【挂职锻炼】考核结果已记入个人档案',
      body: '案件 {{caseId}} 的{{assessment}}结果“{{grade}}”已记入个人档案。',
    },
    en: {
      subject: '[Secondment] Assessment recorded in the personnel file',
      body: 'The {{assessment}} result "{{grade}}" of case {{caseId}} has been recorded in the personnel file.',
    },
  },
};

notificationTemplates['seminar.invited'] = {
  'zh-CN': {
    subject: '【挂职锻炼】座谈会邀请：{{title}}',
    body: '兹定于 {{heldAt}} 在{{place}}召开“{{title}}”，请准时参加。',
  },
  en: {
    subject: '[Secondment] Invitation: {{title}}',
    body: 'You are invited to "{{title}}" at {{place}} on {{heldAt}}.',
  },
};

/** For templates nobody wrote yet: still delivered, listing every var so nothing is lost. */
export const fallbackTemplate: Record<Locale, { subject: string; intro: string }> = {
  'zh-CN': {
    subject: '【挂职锻炼】通知：{{template}}',
    intro: '案件 {{caseId}} 有一条通知（{{template}}）：',
  },
  en: {
    subject: '[Secondment] Notification: {{template}}',
    intro: 'Case {{caseId}} has a notification ({{template}}):',
  },
};

notificationTemplates['proposal.opened'] = {
  'zh-CN': {
    subject: '【挂职锻炼】双人复核待决定：{{intervention}}',
    body: '本组织部管理员 {{proposedBy}} 提议“{{intervention}}”（{{scope}}），请另一名管理员于 {{dueAt}} 前在“复核”页批准或驳回。',
  },
  en: {
    subject: '[Secondment] Four-eyes review: {{intervention}}',
    body: 'Admin {{proposedBy}} of your department proposes "{{intervention}}" ({{scope}}); another admin approves or rejects it on the Review page by {{dueAt}}.',
  },
};

notificationTemplates['proposal.escalated'] = {
  'zh-CN': {
    subject: '【挂职锻炼】双人复核催办（{{step}}）：{{intervention}}',
    body: '复核申请 {{proposalId}}（“{{intervention}}”，期限 {{dueAt}}）尚无人决定，请本组织部另一名管理员在“复核”页批准或驳回。',
  },
  en: {
    subject: '[Secondment] Four-eyes review escalated ({{step}}): {{intervention}}',
    body: 'Proposal {{proposalId}} ("{{intervention}}", due {{dueAt}}) is still undecided; another admin of the department approves or rejects it on the Review page.',
  },
};
