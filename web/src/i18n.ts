import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Label, Vocabulary } from './api';
import { ROUND_MESSAGES } from './messages';
import { FOUR_EYES_MESSAGES } from './fourEyesMessages';
import { PAPERWORK_MESSAGES } from './paperworkMessages';

export type Lang = 'zh' | 'en';
export type { Label };

/**
 * The lifecycle's own names for statuses, kinds, roles, escalation steps, units … (GET
 * /api/meta/vocabulary, read from the machine), so the console never keeps a second copy of them.
 * Importing the machine's modules instead would bundle zod (450 kB) into the page.
 */
export type { Vocabulary };

export const EMPTY_VOCABULARY: Vocabulary = {
  statuses: {},
  kinds: {},
  roles: {},
  ranks: {},
  grades: {},
  programmes: {},
  categories: {},
  escalationSteps: {},
  personnelFileKinds: {},
  units: {},
  unitTypes: {},
  unitLevels: {},
  genders: {},
  partyStatuses: {},
  roundStatuses: {},
  recommendationStatuses: {},
  sources: {},
  statusState: {},
  terminalStatuses: [],
};

const LANG_KEY = 'secondment.console.lang';

export function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function persistLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/** Interface text: zh-CN first. */
const M = {
  ...ROUND_MESSAGES,
  ...FOUR_EYES_MESSAGES,
  ...PAPERWORK_MESSAGES,
  appTitle: { zh: '挂职锻炼管理系统', en: 'Secondment Management Console' },
  appSubtitle: { zh: '组织部门工作平台', en: 'for organization departments' },
  navDashboard: { zh: '工作台', en: 'Dashboard' },
  navCases: { zh: '案件列表', en: 'Cases' },
  navDuties: { zh: '我的待办', en: 'My duties' },
  navBulk: { zh: '批量干预', en: 'Bulk operations' },
  logout: { zh: '退出登录', en: 'Log out' },
  login: { zh: '登录', en: 'Log in' },
  loginTitle: { zh: '用户登录', en: 'Sign in' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  demoUsers: { zh: '演示用户（密码 secondment-demo）', en: 'Demo users (password secondment-demo)' },
  loading: { zh: '正在加载…', en: 'Loading…' },
  refresh: { zh: '刷新', en: 'Refresh' },
  total: { zh: '案件总数', en: 'Cases' },
  overdue: { zh: '逾期', en: 'Overdue' },
  stuck: { zh: '停滞', en: 'Stuck' },
  technicalStuck: { zh: '技术故障', en: 'Technical faults' },
  next30: { zh: '30 日内到期', en: 'Due in 30 days' },
  byStatus: { zh: '按状态', en: 'By status' },
  byKind: { zh: '按挂职类型', en: 'By kind' },
  byReceivingUnit: { zh: '按接收单位', en: 'By receiving unit' },
  bySendingUnit: { zh: '按派出单位', en: 'By sending unit' },
  stuckList: { zh: '停滞案件', en: 'Stuck cases' },
  stuckBusiness: { zh: '业务停滞', en: 'business' },
  stuckTechnical: { zh: '技术故障', en: 'technical' },
  overdueList: { zh: '逾期案件', en: 'Overdue cases' },
  upcoming: { zh: '30 日内到期事项', en: 'Deadlines in the next 30 days' },
  deadlineStrip: { zh: '未来 30 日到期分布', en: 'Deadlines over the next 30 days' },
  none: { zh: '暂无', en: 'None' },
  caseId: { zh: '案件编号', en: 'Case' },
  status: { zh: '状态', en: 'Status' },
  kind: { zh: '类型', en: 'Kind' },
  year: { zh: '年度', en: 'Year' },
  sendingUnit: { zh: '派出单位', en: 'Sending unit' },
  receivingUnit: { zh: '接收单位', en: 'Receiving unit' },
  cadreName: { zh: '姓名', en: 'Name' },
  nonCpc: { zh: '党外', en: 'non-CPC' },
  nameFilter: { zh: '干部姓名', en: 'Cadre name' },
  round: { zh: '批次', en: 'Round' },
  term: { zh: '挂职期限', en: 'Term' },
  subsidy: { zh: '生活补助', en: 'Living subsidy' },
  payRule: { zh: '工资待遇', en: 'Pay' },
  perDay: { zh: '元/天', en: 'yuan/day' },
  nextDuty: { zh: '下一事项', en: 'Next duty' },
  nextDeadline: { zh: '下一期限', en: 'Next deadline' },
  updatedAt: { zh: '更新时间', en: 'Updated' },
  reason: { zh: '原因', en: 'Reason' },
  openTemporal: { zh: '在 Temporal 中查看', en: 'Open in Temporal' },
  retry: { zh: '重试', en: 'Retry' },
  retried: { zh: '已请求重试', en: 'Retry requested' },
  filters: { zh: '筛选条件', en: 'Filters' },
  any: { zh: '全部', en: 'Any' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  deadlineFrom: { zh: '期限起', en: 'Deadline from' },
  deadlineTo: { zh: '期限止', en: 'Deadline to' },
  within7: { zh: '7 日内', en: '7 days' },
  within30: { zh: '30 日内', en: '30 days' },
  apply: { zh: '查询', en: 'Search' },
  reset: { zh: '重置', en: 'Reset' },
  sort: { zh: '排序', en: 'Sort' },
  asc: { zh: '升序', en: 'ascending' },
  desc: { zh: '降序', en: 'descending' },
  perPage: { zh: '每页', en: 'Per page' },
  prev: { zh: '上一页', en: 'Previous' },
  next: { zh: '下一页', en: 'Next' },
  rangeOf: { zh: '第 {from}–{to} 条，共 {total} 条', en: '{from}–{to} of {total}' },
  statusSelected: { zh: '已选 {n} 项', en: '{n} selected' },
  notFoundTitle: { zh: '案件不存在或无权查看', en: 'Case not found or not visible to you' },
  notFoundPage: { zh: '页面不存在', en: 'Page not found' },
  notFoundHint: {
    zh: '请核对案件编号；本单位职责范围以外的案件不会显示。',
    en: 'Check the case number; cases outside your unit’s remit are not shown.',
  },
  backToList: { zh: '返回案件列表', en: 'Back to the case list' },
  overview: { zh: '基本情况', en: 'Overview' },
  openDuties: { zh: '未完成事项', en: 'Open duties' },
  duty: { zh: '事项', en: 'Duty' },
  owner: { zh: '责任方', en: 'Owner' },
  dueAt: { zh: '期限', en: 'Due' },
  escalation: { zh: '督办阶段', en: 'Escalation' },
  actions: { zh: '可办理事项', en: 'What you can do now' },
  noActions: { zh: '当前没有可由您办理的事项', en: 'Nothing for you to do on this case now' },
  intervene: { zh: '干预', en: 'Intervene' },
  interventionTitle: { zh: '组织部干预', en: 'Organization department intervention' },
  interventionType: { zh: '干预方式', en: 'Intervention' },
  interventionHint: {
    zh: '干预将记入审计记录，必须填写理由。',
    en: 'Interventions are written to the audit trail; a reason is required.',
  },
  reasonRequired: { zh: '必须填写理由（至少 2 个字）', en: 'A reason is required (at least 2 characters)' },
  submit: { zh: '提交', en: 'Submit' },
  cancel: { zh: '取消', en: 'Cancel' },
  close: { zh: '关闭', en: 'Close' },
  submitted: { zh: '已提交', en: 'Submitted' },
  required: { zh: '必填', en: 'required' },
  invalidNumber: { zh: '请输入数字', en: 'Enter a number' },
  tooShort: { zh: '至少 {n} 个字符', en: 'At least {n} characters' },
  tooLong: { zh: '最多 {n} 个字符', en: 'At most {n} characters' },
  tooSmall: { zh: '不得小于 {n}', en: 'Must be at least {n}' },
  tooLarge: { zh: '不得大于 {n}', en: 'Must be at most {n}' },
  badFormat: { zh: '格式不正确', en: 'Invalid format' },
  addItem: { zh: '添加一项', en: 'Add item' },
  removeItem: { zh: '删除', en: 'Remove' },
  onBehalfOf: { zh: '代为办理（组织部代录）', en: 'On behalf of (entered by the org department)' },
  selfAct: { zh: '本人办理', en: 'myself' },
  timeline: { zh: '办理记录（审计）', en: 'Audit trail' },
  actor: { zh: '办理人', en: 'By' },
  onBehalf: { zh: '代', en: 'on behalf of' },
  statechart: { zh: '流程图', en: 'Statechart' },
  statechartLegendCurrent: { zh: '当前状态', en: 'current state' },
  statechartLegendVisited: { zh: '已经过', en: 'visited' },
  statechartNotes: { zh: '显示事件名称', en: 'show event names' },
  personnelFile: { zh: '干部档案记录', en: 'Personnel-file entries' },
  liveUnavailable: { zh: '工作流暂不可查询', en: 'Live state unavailable' },
  dutiesTitle: { zh: '本单位待办事项', en: 'What your unit owes' },
  dutiesHint: { zh: '按期限先后排列', en: 'soonest first' },
  dueIn: { zh: '剩 {t}', en: 'in {t}' },
  overdueBy: { zh: '逾期 {t}', en: '{t} overdue' },
  paused: { zh: '已暂停', en: 'paused' },
  auditorNoDuties: { zh: '审计角色只读，没有待办事项。', en: 'Auditors only read; they owe no duties.' },
  bulkTitle: { zh: '批量干预', en: 'Bulk intervention' },
  bulkOnlyAdmin: {
    zh: '仅组织部（下派办）可以批量干预。',
    en: 'Only the organization department may run bulk interventions.',
  },
  bulkStep1: { zh: '① 选择案件', en: '① Choose cases' },
  bulkStep2: { zh: '② 干预内容', en: '② Intervention' },
  bulkStep3: { zh: '③ 预览与执行', en: '③ Preview and run' },
  dutySelector: { zh: '针对事项', en: 'Which duty' },
  dutyNext: { zh: '最早到期的事项', en: 'the soonest due' },
  dutyStuck: { zh: '停滞的事项', en: 'the stuck one' },
  preview: { zh: '预览（不执行）', en: 'Preview (dry run)' },
  execute: { zh: '执行 {n} 件', en: 'Run on {n} cases' },
  stop: { zh: '停止', en: 'Stop' },
  willChange: { zh: '将变更', en: 'Will change' },
  change: { zh: '变更内容', en: 'Change' },
  skipReason: { zh: '不变更原因', en: 'Why not' },
  outcome: { zh: '执行结果', en: 'Outcome' },
  matched: { zh: '符合条件 {m} 件，将变更 {w} 件', en: '{m} matched, {w} will change' },
  truncatedNote: { zh: '只处理前 {n} 件', en: 'only the first {n} are handled' },
  progress: { zh: '已处理 {n}/{N}', en: '{n}/{N} done' },
  outcomeChanged: { zh: '已变更', en: 'changed' },
  outcomeFailed: { zh: '失败', en: 'failed' },
  outcomeSkipped: { zh: '跳过', en: 'skipped' },
  outcomePending: { zh: '等待', en: 'waiting' },
  outcomeDrift: {
    zh: '预览后案件已变化，未执行',
    en: 'the case changed since the preview; not run',
  },
  navCalendar: { zh: '节假日安排', en: 'Holiday calendar' },
  provisional: { zh: '暂定期限', en: 'Provisional' },
  provisionalHint: {
    zh: '该年尚无节假日安排，期限暂按周一至周五计算；载入当年安排后自动重排。',
    en: 'No holiday table for that year yet: counted on weekdays for now, re-planned when the table is loaded.',
  },
  calendarVersion: { zh: '节假日安排版本', en: 'Holiday table' },
  machineVersion: { zh: '规则版本', en: 'Machine version' },
  machineV1: { zh: '第1版规则', en: 'machine v1' },
  plannedDuties: { zh: '待开始事项', en: 'Planned duties' },
  opensAt: { zh: '开始办理', en: 'Opens' },
  kpiProvisional: { zh: '含暂定期限', en: 'With provisional deadlines' },
  kpiNotMigrated: { zh: '待迁移（第1版）', en: 'To migrate (v1)' },
  migrate: { zh: '迁移到第2版规则', en: 'Migrate to machine v2' },
  migrateTitle: { zh: '迁移到第2版规则（预演）', en: 'Migrate to machine version 2 (dry run)' },
  migrateHint: {
    zh: '以下为迁移前后对比，尚未做任何更改。执行后记入审计记录，案件按第2版规则继续办理。',
    en: 'Before and after, nothing changed yet. Migrating is recorded in the audit trail and the case continues under the v2 rules.',
  },
  migrateBefore: { zh: '迁移前', en: 'Before' },
  migrateAfter: { zh: '迁移后', en: 'After' },
  migrateChanges: { zh: '变化', en: 'Changes' },
  migrateNoChanges: { zh: '状态与期限不变', en: 'Same state and due dates' },
  migrateRun: { zh: '执行迁移', en: 'Migrate' },
  migrateDone: { zh: '已迁移到第2版规则', en: 'migrated to machine version 2' },
  migrateNot: { zh: '不能迁移', en: 'Cannot be migrated' },
  dutyStateOpen: { zh: '办理中', en: 'open' },
  dutyStatePlanned: { zh: '待开始', en: 'planned' },
  calendarTitle: { zh: '节假日安排（国务院办公厅通知）', en: 'Holiday tables (State Council notices)' },
  calendarLastYear: {
    zh: '已有节假日安排至 {year} 年；此后年份的工作日期限为暂定。',
    en: 'Tables up to {year}; working-day deadlines in later years are provisional.',
  },
  calendarYear: { zh: '年度', en: 'Year' },
  calendarVersionNo: { zh: '版本', en: 'Version' },
  calendarHolidays: { zh: '法定节假日', en: 'Holidays' },
  calendarWorkdays: { zh: '调休上班', en: 'Make-up workdays' },
  calendarSource: { zh: '来源', en: 'Source' },
  calendarLoadedBy: { zh: '载入', en: 'Loaded by' },
  calendarShipped: { zh: '随系统提供', en: 'shipped' },
  calendarLoad: { zh: '载入一年的节假日安排', en: 'Load a year' },
  calendarLoadHint: {
    zh: '按国务院办公厅当年通知填写（JSON）：year、holidays（name、from、to）、workdays（date、name）。载入后，所有未结束案件在该年的期限自动重排，每件记入审计记录。',
    en: 'As the State Council notice gives it (JSON): year, holidays (name, from, to), workdays (date, name). Every open case then re-plans its deadlines in that year, each recorded in its audit trail.',
  },
  calendarTable: { zh: '节假日安排（JSON）', en: 'Table (JSON)' },
  calendarSourceField: { zh: '来源（通知文号）', en: 'Source (the notice)' },
  calendarSubmit: { zh: '载入并重排', en: 'Load and re-plan' },
  calendarBadJson: { zh: 'JSON 格式错误', en: 'not valid JSON' },
  calendarLoaded: {
    zh: '已载入 {year} 年第 {version} 版：重排 {changed} 件，跳过 {skipped} 件，失败 {failed} 件',
    en: 'Loaded {year} version {version}: {changed} re-planned, {skipped} skipped, {failed} failed',
  },
  calendarOnlyAdmin: {
    zh: '仅组织部可以载入节假日安排。',
    en: 'Only the organization department loads tables.',
  },
  language: { zh: 'English', en: '中文' },
  role: { zh: '角色', en: 'Role' },
  error: { zh: '出错了', en: 'Error' },
  sessionExpired: { zh: '会话已过期，请重新登录', en: 'Session expired, please log in again' },
} satisfies Record<string, Label>;
export type MessageKey = keyof typeof M;

/** Form field names of the event payloads (the JSON schemas carry no titles). */
export const FIELD_LABELS: Record<string, Label> = {
  reason: { zh: '理由', en: 'Reason' },
  receivingUnit: { zh: '接收单位', en: 'Receiving unit' },
  intake: { zh: '接收名额', en: 'Intake' },
  approved: { zh: '已批准人数', en: 'Approved so far' },
  quota: { zh: '名额', en: 'Quota' },
  note: { zh: '备注', en: 'Note' },
  title: { zh: '职务名称', en: 'Post title' },
  level: { zh: '职级', en: 'Level' },
  elected: { zh: '选举产生', en: 'Elected post' },
  votesFor: { zh: '赞成票', en: 'Votes for' },
  votesTotal: { zh: '总票数', en: 'Votes cast' },
  session: { zh: '会议', en: 'Session' },
  documentNo: { zh: '文号', en: 'Document no.' },
  branch: { zh: '临时党支部', en: 'Party branch' },
  letterNo: { zh: '介绍信编号', en: 'Letter no.' },
  mentorName: { zh: '联系人姓名', en: 'Mentor' },
  mentorTitle: { zh: '联系人职务', en: 'Mentor’s post' },
  portfolio: { zh: '分工', en: 'Portfolio' },
  arrivedOn: { zh: '到岗日期', en: 'Arrived on' },
  fullTime: { zh: '全脱产到岗', en: 'Full time' },
  quarter: { zh: '季度', en: 'Quarter' },
  study: { zh: '学习', en: 'Study' },
  work: { zh: '工作', en: 'Work' },
  life: { zh: '生活', en: 'Life' },
  half: { zh: '半年度', en: 'Half-year' },
  thought: { zh: '思想', en: 'Thinking' },
  grade: { zh: '等次', en: 'Grade' },
  score: { zh: '分数', en: 'Score' },
  feedback: { zh: '反馈意见', en: 'Feedback' },
  channel: { zh: '联系方式', en: 'Channel' },
  summary: { zh: '内容摘要', en: 'Summary' },
  comment: { zh: '评语', en: 'Comment' },
  from: { zh: '开始日期', en: 'From' },
  to: { zh: '结束日期 / 目标状态', en: 'To' },
  requestId: { zh: '申请编号', en: 'Request' },
  task: { zh: '任务', en: 'Task' },
  months: { zh: '月数', en: 'Months' },
  consent: { zh: '同意', en: 'Consent' },
  ground: { zh: '召回事由', en: 'Ground' },
  reference: { zh: '依据文号', en: 'Reference' },
  newPost: { zh: '新职务', en: 'New post' },
  newRank: { zh: '新职级', en: 'New rank' },
  inPlace: { zh: '就地提拔', en: 'Promoted in place' },
  integrity: { zh: '廉洁', en: 'Integrity' },
  findings: { zh: '考察意见', en: 'Findings' },
  excellent: { zh: '优秀票', en: 'Excellent' },
  competent: { zh: '称职票', en: 'Competent' },
  basically_competent: { zh: '基本称职票', en: 'Basically competent' },
  incompetent: { zh: '不称职票', en: 'Incompetent' },
  receivedBy: { zh: '接收人', en: 'Received by' },
  post: { zh: '岗位', en: 'Post' },
  dutyId: { zh: '事项', en: 'Duty' },
  until: { zh: '新期限', en: 'New deadline' },
  owner: { zh: '新责任方', en: 'New owner' },
  role: { zh: '角色', en: 'Role' },
  unit: { zh: '单位', en: 'Unit' },
  decision: { zh: '决定', en: 'Decision' },
  approve: { zh: '批准', en: 'Approve' },
  year: { zh: '年度', en: 'Year' },
  kind: { zh: '挂职类型', en: 'Kind' },
  source: { zh: '推荐方式', en: 'Source' },
  eligible: { zh: '符合选派条件', en: 'Eligible' },
  programme: { zh: '专项', en: 'Programme' },
  termMonths: { zh: '挂职期限（月）', en: 'Term (months)' },
  sendingUnit: { zh: '派出单位', en: 'Sending unit' },
  requestedReceivingUnit: { zh: '申报接收单位', en: 'Requested receiving unit' },
  step: { zh: '督办阶段', en: 'Escalation' },
};

/** Events GET /api/meta/events does not list (nobody sends them through the API). */
export const SYSTEM_EVENT_LABELS: Record<string, Label> = {
  'deadline.reached': { zh: '期限到达（系统）', en: 'deadline reached (system)' },
  'nomination.create': { zh: '推荐（立案）', en: 'nomination (case opened)' },
  'calendar.update': {
    zh: '节假日安排更新，重排期限（系统）',
    en: 're-planned for a new holiday table (system)',
  },
  'admin.case.migrate': { zh: '迁移到第2版规则', en: 'migrated to machine version 2' },
};

/** Server texts written "中文 / English" (projection labels): the part in the current language. */
export function pickLang(text: string, lang: Lang): string {
  const parts = text.split(' / ');
  return parts.length === 2 ? ((lang === 'zh' ? parts[0] : parts[1]) ?? text) : text;
}

/** Enum values in the payload schemas that have a Chinese name (besides the vocabulary's). */
const EXTRA_ENUM_LABELS: Record<string, Label> = {
  promotion: { zh: '提拔', en: 'promotion' },
  campaign: { zh: '专项任务', en: 'mandated campaign' },
  other: { zh: '其他', en: 'other' },
  first: { zh: '上半年', en: 'first half' },
  self: { zh: '个人自荐', en: 'self-nominated' },
  mass: { zh: '群众推荐', en: 'nominated by colleagues' },
  organization: { zh: '组织推荐', en: 'nominated by the organization' },
  competitive: { zh: '竞争性选拔', en: 'competitive selection' },
  second: { zh: '下半年', en: 'second half' },
};

export interface I18n {
  lang: Lang;
  vocab: Vocabulary;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** a {zh, en} pair in the current language */
  l: (label: Label | null | undefined, fallback?: string) => string;
  status: (code: string | null | undefined) => string;
  kind: (code: string) => string;
  role: (code: string) => string;
  unit: (code: string) => string;
  enumValue: (value: string) => string;
  field: (name: string) => string;
  escalation: (step: string | null | undefined) => string;
  personnelFileKind: (kind: string) => string;
}

const fill = (s: string, vars?: Record<string, string | number>) =>
  vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;

export function makeI18n(lang: Lang, vocab: Vocabulary = EMPTY_VOCABULARY): I18n {
  const enumLabels: Record<string, Label> = {
    ...vocab.ranks,
    ...vocab.grades,
    ...vocab.roles,
    ...vocab.statuses,
    ...vocab.programmes,
    ...vocab.categories,
    ...EXTRA_ENUM_LABELS,
  };
  const l = (label: Label | null | undefined, fallback = '') => (label ? label[lang] : fallback);
  // Domain terms keep their Chinese name in English mode: that is how the documents name them.
  const domain = (label: Label | undefined, code: string) =>
    !label ? code : lang === 'zh' ? label.zh : `${label.en} · ${label.zh}`;
  return {
    lang,
    vocab,
    t: (key, vars) => fill(M[key][lang], vars),
    l,
    status: (code) => (code ? domain(vocab.statuses[code], code) : '—'),
    kind: (code) => domain(vocab.kinds[code], code),
    role: (code) => domain(vocab.roles[code], code),
    unit: (code) => l(vocab.units[code], code),
    enumValue: (value) => l(enumLabels[value], value),
    field: (name) => l(FIELD_LABELS[name], name),
    escalation: (step) => (step ? l(vocab.escalationSteps[step], step) : '—'),
    personnelFileKind: (kind) => l(vocab.personnelFileKinds[kind], kind),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('zh'));
export const useI18n = (): I18n => useContext(I18nContext);
