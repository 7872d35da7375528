// Notification templates, zh-CN first. Variables in {braces}; the delivery side picks the
// language per recipient. Ids are part of the effect contract (effectSchema validates them).
export const notifyTemplates = {
  'case.nominated': {
    zh: '收到挂职推荐（{kind}），请于{dueAt}前审批。',
    en: 'New secondment nomination ({kind}); please decide by {dueAt}.',
  },
  'case.approved': {
    zh: '挂职已获批准，接收单位：{receivingUnit}。',
    en: 'Secondment approved; receiving unit: {receivingUnit}.',
  },
  'case.receivingUnitChanged': {
    zh: '组织部已将接收单位由{from}调整为{to}。',
    en: 'The organization department changed the receiving unit from {from} to {to}.',
  },
  'case.rejected': { zh: '挂职推荐未获批准：{reason}', en: 'The nomination was rejected: {reason}' },
  'case.withdrawn': {
    zh: '派出单位已撤回推荐：{reason}',
    en: 'The sending unit withdrew the nomination: {reason}',
  },
  'case.posted': {
    zh: '到岗清单已完成，挂职期至{termEnd}。',
    en: 'Posting checklist complete; the term runs until {termEnd}.',
  },
  'case.unitedFrontCopy': {
    zh: '党外干部任职文件抄送：文号{documentNo}。',
    en: 'Copy of appointment documents for a non-CPC cadre: {documentNo}.',
  },
  'case.electionCopy': {
    zh: '党外干部选举结果抄送：{session}，{votesFor}/{votesTotal}票。',
    en: 'Election result for a non-CPC cadre: {session}, {votesFor}/{votesTotal} votes.',
  },
  'case.electionFailed': {
    zh: '选举未通过，请重新安排岗位。',
    en: 'The election failed; please arrange another post.',
  },
  'case.feedback': {
    zh: '{what}结果：{grade}（{score}分）。{feedback}',
    en: '{what} result: {grade} ({score} points). {feedback}',
  },
  'case.reportReceived': { zh: '已收到{what}。', en: '{what} received.' },
  'case.leaveRequested': {
    zh: '挂职干部申请请假{from}至{to}，请审批。',
    en: 'The cadre asks for leave from {from} to {to}; please decide.',
  },
  'case.leaveDecided': { zh: '请假申请{result}。', en: 'Leave request {result}.' },
  'case.sendingTaskRequested': {
    zh: '派出单位申请临时使用挂职干部：{task}',
    en: 'The sending unit asks to use the cadre for: {task}',
  },
  'case.sendingTaskDecided': {
    zh: '派出单位临时使用申请{result}。',
    en: 'Sending-unit task request {result}.',
  },
  'case.rotated': { zh: '挂职干部轮岗至{title}。', en: 'The cadre rotated to {title}.' },
  'case.extensionRequested': {
    zh: '接收单位申请延期{months}个月：{reason}',
    en: 'The receiving unit asks to extend by {months} months: {reason}',
  },
  'case.extensionAnswered': { zh: '延期申请：{result}。', en: 'Extension request: {result}.' },
  'case.extended': {
    zh: '挂职期延长至{termEnd}，后续考核与期限已重新安排。',
    en: 'Term extended to {termEnd}; remaining reviews and deadlines re-planned.',
  },
  'case.recallRequested': { zh: '派出单位申请召回挂职干部：{reason}', en: 'Recall asked: {reason}' },
  'case.recalled': { zh: '挂职干部已召回（{ground}）。', en: 'The cadre was recalled ({ground}).' },
  'case.recallRefused': {
    zh: '接收单位不同意召回。',
    en: 'The receiving unit did not consent to the recall.',
  },
  'case.promoted': {
    zh: '挂职干部提拔任用为{newPost}（文号{documentNo}）。',
    en: 'The cadre was promoted to {newPost} ({documentNo}).',
  },
  'case.finalOpened': { zh: '期满考核已启动。', en: 'The final assessment has started.' },
  'case.graded': {
    zh: '期满考核等次：{grade}（综合得分{composite}）。',
    en: 'Final grade: {grade} (composite score {composite}).',
  },
  'case.returnStarted': {
    zh: '请办理返回原单位手续。',
    en: 'Please complete the return to the sending unit.',
  },
  'case.tracking': {
    zh: '挂职干部已回原单位，进入跟踪培养期至{until}。',
    en: 'The cadre is back; follow-up tracking until {until}.',
  },
  'case.closed': { zh: '挂职案件已结束：{status}。', en: 'The secondment case is closed: {status}.' },
  'case.held': {
    zh: '案件已暂停：{reason}。期限暂停计算。',
    en: 'The case is on hold: {reason}. Deadlines are paused.',
  },
  'case.resumed': {
    zh: '案件已恢复：{reason}。期限顺延{heldMinutes}分钟。',
    en: 'The case resumed: {reason}. Deadlines shifted by {heldMinutes} minutes.',
  },
  'case.forced': {
    zh: '组织部强制变更状态为{to}：{reason}',
    en: 'The organization department forced the case to {to}: {reason}',
  },
  'duty.opened': { zh: '新的待办：{what}，期限{dueAt}。', en: 'New duty: {what}, due {dueAt}.' },
  'duty.reminder': { zh: '提醒：{what}将于{dueAt}到期。', en: 'Reminder: {what} is due {dueAt}.' },
  'duty.overdue': { zh: '已逾期：{what}（期限{dueAt}）。', en: 'Overdue: {what} (was due {dueAt}).' },
  'duty.escalated.unitHead': {
    zh: '督办：{what}已逾期，请单位负责人督促。',
    en: 'Escalation: {what} is overdue; the unit head is asked to act.',
  },
  'duty.escalated.orgDept': {
    zh: '督办：{what}已逾期，报组织部。',
    en: 'Escalation: {what} is overdue; reported to the organization department.',
  },
  'duty.stuck': { zh: '案件停滞：{what}长期未办理。', en: 'Case stuck: {what} has not been done.' },
  'duty.extended': { zh: '{what}期限延长至{dueAt}：{reason}', en: '{what} extended until {dueAt}: {reason}' },
  'duty.waived': { zh: '{what}已免除：{reason}', en: '{what} waived: {reason}' },
  'duty.reassigned': { zh: '{what}改由你方负责：{reason}', en: '{what} is now yours: {reason}' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type TemplateId = keyof typeof notifyTemplates;
export const TEMPLATE_IDS = Object.keys(notifyTemplates) as TemplateId[];
