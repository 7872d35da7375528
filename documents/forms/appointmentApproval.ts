// 干部任免审批表: the standard two-page grid (front: the person, education, posts and 简历; back:
// 奖惩、年度考核、任免理由、家庭主要成员, and the boxes the approving bodies sign and seal). Boxes the
// system has no data for stay empty for hand filling.
import {
  ageOn,
  dateZh,
  educationLevelZh,
  educationSchoolZh,
  genderZh,
  gradeZh,
  kindZh,
  partyJoinedZh,
  rankZh,
  termZh,
  yearMonthDot,
} from '../format';
import type { AppointmentApprovalInput } from '../inputs';
import type { Cell, FormLayout, Para, Row } from '../layout';
import { label, p, para, sealFooter, value, vertical } from '../layout';

// 7 columns: label, value, label, value, label, value, photo
const COLUMNS = [21, 25, 21, 25, 23, 25, 30];
const FAMILY_ROWS = 6;

const proposedPost = (i: AppointmentApprovalInput): string => {
  const post = i.case.post;
  if (post === null) return '';
  return `${i.case.receivingUnitName}${post.title}（挂职${post.elected ? '，须经人代会依法选举' : ''}）`;
};

const defaultReason = (i: AppointmentApprovalInput): string => {
  const basis = i.roundName === undefined ? '干部挂职锻炼工作安排' : `${i.roundName}工作安排`;
  return (
    `根据${basis}，经组织研究，拟安排该同志到${i.case.receivingUnitName}挂职锻炼（${kindZh(i.case.kind)}）` +
    `${i.case.post === null ? '' : `，挂任${i.case.post.title}（${rankZh(i.case.post.level)}）`}` +
    `，挂职期限自${termZh(i.case.term)}。挂职期间原单位职务不免、工资待遇不变。`
  );
};

/** 简历: one entry a line, the period as a hanging lead column as the form is filled by hand. */
const resumeParas = (i: AppointmentApprovalInput): Para[] =>
  (i.resume ?? []).map((r) =>
    p(r.text, {
      lead: { text: `${yearMonthDot(r.from)}—${r.to === undefined ? '' : yearMonthDot(r.to)}`, chars: 9 },
    }),
  );

const annualText = (i: AppointmentApprovalInput): string =>
  [...i.person.annualGrades]
    .sort((a, b) => a.year - b.year)
    .map((g) => `${g.year}年度${gradeZh(g.grade)}`)
    .join('；');

function familyRows(i: AppointmentApprovalInput): Row[] {
  const members = i.familyMembers ?? [];
  const count = Math.max(FAMILY_ROWS, members.length);
  const rows: Row[] = [
    {
      height: 10,
      cells: [
        label(vertical('家庭主要成员及重要社会关系'), { rowSpan: count + 1 }),
        label('称谓'),
        label('姓名'),
        label('年龄'),
        label('政治面貌'),
        label('工作单位及职务', { colSpan: 2 }),
      ],
    },
  ];
  for (let n = 0; n < count; n++) {
    const m = members[n];
    rows.push({
      height: 10,
      cells: [
        value(m?.relation ?? ''),
        value(m?.name ?? ''),
        value(m?.birthDate === undefined ? '' : String(ageOn(m.birthDate, i.preparedOn))),
        value(m?.politicalStatus ?? ''),
        { ...value(m?.workplaceAndPost ?? ''), colSpan: 2 },
      ],
    });
  }
  return rows;
}

const opinion = (text: string, footer = sealFooter()): Cell => ({ ...value(text, { long: true }), footer });

export function appointmentApprovalLayout(i: AppointmentApprovalInput): FormLayout {
  const person = i.person;
  const age = ageOn(person.birthDate, i.preparedOn);
  const front: Row[] = [
    {
      height: 13,
      cells: [
        label('姓　名'),
        value(person.name),
        label('性　别'),
        value(genderZh(person.gender)),
        label('出生年月\n（岁）'),
        value(`${yearMonthDot(person.birthDate)}\n（${age}岁）`),
        { ...label('照　片'), rowSpan: 4 },
      ],
    },
    {
      height: 13,
      cells: [
        label('民　族'),
        value(person.ethnicity),
        label('籍　贯'),
        value(person.nativePlace ?? ''),
        label('出 生 地'),
        value(person.birthPlace ?? ''),
      ],
    },
    {
      height: 13,
      cells: [
        label('入党时间'),
        value(partyJoinedZh(person.partyMembership)),
        label('参加工作\n时　　间'),
        value(person.workStartedOn === undefined ? '' : yearMonthDot(person.workStartedOn)),
        label('健康状况'),
        value(person.health ?? ''),
      ],
    },
    {
      height: 13,
      cells: [
        label('专业技\n术职务'),
        value(person.professionalTitle ?? '', { colSpan: 2 }),
        label('熟悉专业\n有何专长'),
        value(person.specialty ?? '', { colSpan: 2 }),
      ],
    },
    {
      height: 13,
      cells: [
        label('学　历\n学　位', { rowSpan: 2 }),
        label('全日制\n教　育'),
        value(educationLevelZh(person.education), { colSpan: 2 }),
        label('毕业院校\n系及专业'),
        value(educationSchoolZh(person.education), { colSpan: 2 }),
      ],
    },
    {
      height: 13,
      cells: [
        label('在　职\n教　育'),
        value(educationLevelZh(person.inServiceEducation), { colSpan: 2 }),
        label('毕业院校\n系及专业'),
        value(educationSchoolZh(person.inServiceEducation), { colSpan: 2 }),
      ],
    },
    {
      height: 11,
      cells: [
        label('现任职务'),
        value(`${person.currentUnitName}${person.currentPost}（${rankZh(person.rank)}）`, { colSpan: 6 }),
      ],
    },
    { height: 11, cells: [label('拟任职务'), value(proposedPost(i), { colSpan: 6 })] },
    { height: 11, cells: [label('拟免职务'), value(i.proposedRemoval ?? '', { colSpan: 6 })] },
    {
      height: 128,
      fixed: true,
      cells: [label(vertical('简历')), { paras: resumeParas(i), valign: 'top', colSpan: 6 }],
    },
  ];
  const back: Row[] = [
    {
      height: 30,
      fixed: true,
      cells: [label(vertical('奖惩情况')), value(i.rewardsAndPenalties ?? '', { long: true, colSpan: 6 })],
    },
    {
      height: 20,
      fixed: true,
      cells: [label('年度考核\n结　　果'), value(annualText(i), { long: true, colSpan: 6 })],
    },
    {
      height: 32,
      fixed: true,
      cells: [
        label(vertical('任免理由')),
        { ...value(i.reason ?? defaultReason(i), { long: true }), colSpan: 6 },
      ],
    },
    ...familyRows(i),
    {
      height: 36,
      fixed: true,
      cells: [
        label(vertical('呈报单位')),
        {
          ...opinion(i.reportingUnitName ?? i.orgUnitName, sealFooter('（盖章）', `${dateZh(i.preparedOn)}`)),
          colSpan: 6,
        },
      ],
    },
    {
      height: 46,
      fixed: true,
      cells: [
        label(vertical('审批机关意见')),
        { ...opinion(''), colSpan: 2 },
        label(vertical('行政机关任免意见')),
        { ...opinion(''), colSpan: 3 },
      ],
    },
  ];
  return {
    title: `干部任免审批表（${person.name}）`,
    footer: `挂职锻炼工作流引擎生成\u3000案件 ${i.case.caseId}\u3000填表日期 ${dateZh(i.preparedOn)}`,
    orientation: 'portrait',
    margins: { top: 18, right: 20, bottom: 16, left: 20 },
    size: 10.5,
    createdOn: i.preparedOn,
    blocks: [
      para('干部任免审批表', { face: 'title', size: 22, align: 'center', spaceAfter: 10 }),
      { type: 'grid', columns: COLUMNS, rows: front },
      { type: 'pageBreak' },
      { type: 'grid', columns: COLUMNS, rows: back },
      para('填表人：　　　　　　　　　　　　　　　　　　　　　　　　　审核人：', {
        size: 10.5,
        spaceBefore: 6,
      }),
    ],
  };
}
