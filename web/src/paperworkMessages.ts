import type { Label } from './api';

/** Interface text of the documents (文书) and the calendar subscription (日历订阅): zh-CN first. */
export const PAPERWORK_MESSAGES = {
  documents: { zh: '文书', en: 'Documents' },
  documentReady: { zh: '可生成', en: 'ready' },
  documentMissing: { zh: '缺少', en: 'missing' },
  downloadDocx: { zh: '下载 Word', en: 'Word (DOCX)' },
  downloadPdf: { zh: '下载 PDF', en: 'PDF' },
  documentRecords: { zh: '生成记录', en: 'Generated' },
  documentBy: { zh: '生成人', en: 'By' },
  documentRefused: { zh: '无法生成', en: 'Cannot generate' },
  roundListDocument: { zh: '选派名单及统计', en: 'Round list and statistics' },
  feedTitle: { zh: '日历订阅', en: 'Calendar subscription' },
  feedHint: {
    zh: '把地址添加到 Outlook、Apple 日历、WPS 或手机日历（订阅日历），截止时间和提醒会随案件变化自动更新。地址即密钥，请勿外传。',
    en: 'Add the URL to Outlook, Apple Calendar, WPS or your phone (subscribe to calendar); deadlines and reminders follow the cases. The URL is the key: keep it private.',
  },
  feedDuties: { zh: '我的待办', en: 'My duties' },
  feedOverdue: { zh: '本部门逾期与停滞事项', en: 'Department overdue and stuck' },
  feedCreate: { zh: '生成订阅地址', en: 'Create URL' },
  feedRegenerate: { zh: '重新生成', en: 'Regenerate' },
  feedRevoke: { zh: '撤销', en: 'Revoke' },
  feedCopy: { zh: '复制', en: 'Copy' },
  feedCopied: { zh: '已复制', en: 'Copied' },
  feedActiveSince: { zh: '已订阅，生成于', en: 'Active since' },
  feedShownOnce: {
    zh: '地址只显示这一次；丢失后请重新生成（旧地址随即失效）。',
    en: 'The URL is shown once; if lost, regenerate it (the old one stops working).',
  },
  feedNone: { zh: '尚未订阅', en: 'Not subscribed' },
} satisfies Record<string, Label>;
