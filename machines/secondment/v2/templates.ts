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
  'case.electionResult': {
    zh: '人代会选举结果报告：{session}，得票{votesFor}/{votesTotal}，{result}。',
    en: 'People’s congress election result: {session}, {votesFor}/{votesTotal} votes, {result}.',
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
  'case.leaveReturned': {
    zh: '挂职干部已于{returnedOn}销假（超假{overstayDays}天）。',
    en: 'The cadre reported back on {returnedOn} ({overstayDays} days past the leave).',
  },
  'case.breachReported': {
    zh: '反映派出单位擅自安排挂职干部工作（{breachId}），请说明并整改。',
    en: 'Reported: the sending unit assigned the cadre work without approval ({breachId}); please explain and correct.',
  },
  'case.breachAnswered': {
    zh: '派出单位已就{breachId}作出说明。',
    en: 'The sending unit answered report {breachId}.',
  },
  'case.breachResolved': {
    zh: '组织部对{breachId}的处理结论：{result}。{measures}',
    en: 'Organization department’s conclusion on {breachId}: {result}. {measures}',
  },
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
    zh: '案件已恢复：{reason}。期限按暂停期间的工作日顺延（{heldWorkingDays}个工作日）。',
    en: 'The case resumed: {reason}. Deadlines moved by the working days on hold ({heldWorkingDays}).',
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
  'duty.replanned': {
    zh: '节假日安排更新，{what}期限由{from}调整为{dueAt}。',
    en: 'Holiday table updated: {what} is now due {dueAt} (was {from}).',
  },
  'duty.reassigned': { zh: '{what}改由你方负责：{reason}', en: '{what} is now yours: {reason}' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type TemplateId = keyof typeof notifyTemplates;
export const TEMPLATE_IDS = Object.keys(notifyTemplates) as TemplateId[];
