// Sample inputs for every document kind: a fictitious cadre of a city's 2026 round, as the registry
// of issue 10 would resolve them. Used by the README pictures (scripts/renderDocumentSamples.ts)
// and the tests. Every name here is invented.
import type { DocumentInputDrafts, RoundEntry } from './inputs';

const term = { start: '2026-08-01', end: '2027-07-31' };

export const samplePerson = {
  name: '李思远',
  gender: 'male',
  birthDate: '1991-03-15',
  ethnicity: '汉族',
  nativePlace: '四川资中',
  birthPlace: '四川内江',
  partyMembership: { status: 'cpc', joinedOn: '2012-06-01' },
  education: { level: '大学', degree: '管理学学士', school: '西南财经大学公共管理学院', major: '行政管理' },
  inServiceEducation: {
    level: '研究生',
    degree: '公共管理硕士',
    school: '四川大学公共管理学院',
    major: '公共管理',
  },
  workStartedOn: '2013-07-01',
  health: '健康',
  currentUnitName: '资中县发展和改革局',
  currentPost: '副局长',
  rank: 'deputy_section',
  categories: ['selected_graduate', 'county_reserve'],
  annualGrades: [
    { year: 2023, grade: 'competent' },
    { year: 2024, grade: 'excellent' },
    { year: 2025, grade: 'excellent' },
  ],
} satisfies DocumentInputDrafts['appointmentApproval']['person'];

export const sampleCase = {
  caseId: 'c7f3a9e2b41d',
  kind: 'up',
  post: { title: '规划与区域协调科副科长', level: 'deputy_section', elected: false },
  term,
  sendingUnitName: '资中县发展和改革局',
  receivingUnitName: '内江市发展和改革委员会',
} satisfies DocumentInputDrafts['appointmentApproval']['case'];

const orgUnitName = '中共内江市委组织部';

export const sampleAppointmentApproval: DocumentInputDrafts['appointmentApproval'] = {
  person: samplePerson,
  case: sampleCase,
  orgUnitName,
  preparedOn: '2026-07-20',
  roundName: '2026年度县（区）干部到市直机关挂职锻炼',
  resume: [
    { from: '2009-09', to: '2013-07', text: '西南财经大学公共管理学院行政管理专业学习' },
    { from: '2013-07', to: '2016-03', text: '资中县球溪镇人民政府科员（选调生）' },
    { from: '2016-03', to: '2019-12', text: '资中县球溪镇党政办公室主任' },
    { from: '2019-12', to: '2023-02', text: '资中县发展和改革局综合股股长' },
    {
      from: '2023-02',
      text: '资中县发展和改革局副局长（2019.09—2022.06 在四川大学公共管理学院公共管理专业在职研究生学习，获公共管理硕士学位）',
    },
  ],
  rewardsAndPenalties: '2021年被评为内江市脱贫攻坚先进个人；2024年记三等功一次。',
};

export const sampleIntroductionLetter: DocumentInputDrafts['introductionLetter'] = {
  person: samplePerson,
  case: sampleCase,
  orgUnitName,
  preparedOn: '2026-07-28',
  letterNo: '内组介字〔2026〕第17号',
  contact: '市委组织部干部教育科　0832-2012345',
};

export const sampleAppraisalForm: DocumentInputDrafts['appraisalForm'] = {
  person: samplePerson,
  case: sampleCase,
  orgUnitName,
  preparedOn: '2027-07-25',
  summary: { submittedOn: '2027-07-05' },
  appraisal: {
    thought: {
      score: 92,
      comment: '政治立场坚定，认真学习贯彻党的路线方针政策，服从组织安排，思想上积极要求进步。',
    },
    work: {
      score: 90,
      comment:
        '牵头起草全市区域协调发展年度要点，参与重点项目谋划12个，协调解决项目用地和要素保障问题，工作主动，成效明显。',
    },
    study: {
      score: 88,
      comment: '坚持向书本学、向实践学，系统学习发展改革业务，撰写调研报告3篇，其中1篇获市领导批示。',
    },
    life: { score: 91, comment: '严格遵守单位考勤和请销假制度，团结同事，作风朴实，生活上严格要求自己。' },
    integrity: { score: 95, comment: '严格落实中央八项规定精神，廉洁自律，未发现违规违纪问题。' },
    submittedOn: '2027-07-15',
  },
  inspection: {
    score: 89,
    findings:
      '经个别谈话、查阅工作日志和民主测评，该同志挂职期间表现突出，与派出单位保持经常联系，按时报告思想和工作情况。',
    submittedOn: '2027-07-20',
  },
  result: { composite: 90.6, grade: 'excellent' },
};

export const sampleAnnualAssessmentForm: DocumentInputDrafts['annualAssessmentForm'] = {
  person: samplePerson,
  case: sampleCase,
  orgUnitName,
  preparedOn: '2027-01-10',
  year: 2026,
  assessment: {
    grade: 'competent',
    score: 86,
    comment: '该同志到岗以来迅速进入角色，分工明确，能够独立承担区域协调科日常工作，较好完成年度各项任务。',
  },
  firstHalfRecord: {
    summary:
      '2026年1月至7月，该同志在资中县发展和改革局分管项目和投资工作，完成上半年固定资产投资目标，考勤正常，无违纪情况。',
    providedOn: '2026-12-20',
  },
};

const roundTerm = term;
type EntryDraft = DocumentInputDrafts['roundList']['entries'][number];
const person = (
  name: string,
  gender: 'male' | 'female',
  birthDate: string,
  party: DocumentInputDrafts['roundList']['entries'][number]['person']['partyMembership'],
  currentUnitName: string,
  currentPost: string,
  categories: RoundEntry['person']['categories'] = [],
): EntryDraft['person'] => ({
  name,
  gender,
  birthDate,
  ethnicity: '汉族',
  partyMembership: party,
  education: { level: '大学' },
  currentUnitName,
  currentPost,
  rank: 'deputy_section',
  categories,
});
const cpc = { status: 'cpc' } as const;
const entry = (
  n: number,
  p: EntryDraft['person'],
  kind: EntryDraft['kind'],
  fromTownship: boolean,
  receivingUnitName: string,
  postTitle: string | null,
  status: EntryDraft['status'],
  grade: EntryDraft['grade'] = null,
): EntryDraft => ({
  caseId: `r2026case${String(n).padStart(3, '0')}`,
  person: p,
  kind,
  sendingUnitName: p.currentUnitName,
  fromTownship,
  receivingUnitName,
  post:
    postTitle === null
      ? null
      : { title: postTitle, level: 'deputy_section', elected: postTitle.includes('镇长') },
  term: roundTerm,
  status,
  grade,
});

export const sampleRoundList: DocumentInputDrafts['roundList'] = {
  round: {
    year: 2026,
    name: '2026年度内江市干部上挂下派',
    orgUnitName,
    term: roundTerm,
    subsidy: { amountPerDay: 60, payer: '派出单位' },
  },
  preparedOn: '2026-07-30',
  entries: [
    entry(1, samplePerson, 'up', false, '内江市发展和改革委员会', '规划与区域协调科副科长', 'IN_SERVICE'),
    entry(
      2,
      person(
        '王静怡',
        'female',
        '1993-11-02',
        { status: 'non_cpc', party: '中国民主同盟' },
        '威远县新场镇人民政府',
        '副镇长',
        ['county_reserve'],
      ),
      'up',
      true,
      '内江市科学技术局',
      '成果转化科副科长',
      'IN_SERVICE',
    ),
    entry(
      3,
      person('张海川', 'male', '1990-05-21', cpc, '隆昌市响石镇人民政府', '党委委员', ['selected_graduate']),
      'up',
      true,
      '内江市农业农村局',
      '乡村发展科副科长',
      'EXTENDED',
    ),
    entry(
      4,
      person(
        '陈雨桐',
        'female',
        '1994-08-09',
        { status: 'non_cpc', party: '无党派人士' },
        '东兴区卫生健康局',
        '医政股股长',
      ),
      'up',
      false,
      '内江市卫生健康委员会',
      '医政医管科副科长',
      'POSTING',
    ),
    entry(
      5,
      person('刘建军', 'male', '1988-01-30', cpc, '内江市财政局', '预算科副科长', ['reserve']),
      'down',
      false,
      '资中县球溪镇人民政府',
      '副镇长',
      'IN_SERVICE',
    ),
    entry(
      6,
      person(
        '赵敏',
        'female',
        '1992-04-17',
        { status: 'non_cpc', party: '中国农工民主党' },
        '内江市自然资源和规划局',
        '科员',
      ),
      'down',
      false,
      '威远县连界镇人民政府',
      null,
      'NOMINATED',
    ),
    entry(
      7,
      person('黄志强', 'male', '1989-09-12', cpc, '市中区白马镇人民政府', '副镇长', ['county_reserve']),
      'up',
      true,
      '内江市交通运输局',
      '规划科副科长',
      'CLOSED_PROMOTED',
      'excellent',
    ),
    entry(
      8,
      person('周晓', 'male', '1995-02-26', cpc, '资中县水利局', '科员', ['selected_graduate']),
      'up',
      false,
      '内江市水利局',
      null,
      'REJECTED',
    ),
  ],
};
