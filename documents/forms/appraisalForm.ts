// 挂职干部鉴定表 at the end of the term: the person and the posts, the cadre's own summary, the
// receiving unit's appraisal in five parts (思想、工作、学习、生活、廉洁) each with a score, the sending
// unit's inspection, the composite score and grade, and the organization department's opinion,
// each with its seal space.
import {
  dateZh,
  gradeChoicesZh,
  genderZh,
  kindZh,
  partyZh,
  postAtUnitZh,
  rankZh,
  scoreZh,
  termZh,
  yearMonthDot,
} from '../format';
import type { AppraisalFormInput } from '../inputs';
import type { Cell, FormLayout, Row } from '../layout';
import { Appendix, label, p, para, sealFooter, value, vertical } from '../layout';

// 8 columns: four label / value pairs
const COLUMNS = [22, 24, 16, 18, 20, 22, 22, 26];
const DIMENSIONS = [
  ['thought', '思　想'],
  ['work', '工　作'],
  ['study', '学　习'],
  ['life', '生　活'],
  ['integrity', '廉　洁'],
] as const;

const dateOr = (iso: string | undefined): string => (iso === undefined ? '年　　月　　日' : dateZh(iso));

const box = (text: string, footer: ReturnType<typeof sealFooter>, colSpan: number): Cell => ({
  ...value(text, { long: true }),
  footer,
  colSpan,
});

export function appraisalFormLayout(i: AppraisalFormInput): FormLayout {
  const person = i.person;
  const appendix = new Appendix();
  const summaryText =
    i.summary === null
      ? ''
      : [`本人已于${dateZh(i.summary.submittedOn)}提交挂职工作总结。`, i.summary.text ?? '']
          .filter((t) => t !== '')
          .join('\n');
  const appraisal = i.appraisal;
  const dims = appraisal === null ? [] : DIMENSIONS.map(([key]) => appraisal[key].score);
  const average = dims.length === 0 ? '' : scoreZh(dims.reduce((a, b) => a + b, 0) / dims.length);

  const rows: Row[] = [
    {
      height: 11,
      cells: [
        label('姓　名'),
        value(person.name),
        label('性别'),
        value(genderZh(person.gender)),
        label('出生年月'),
        value(yearMonthDot(person.birthDate)),
        label('政治面貌'),
        value(partyZh(person.partyMembership)),
      ],
    },
    {
      height: 11,
      cells: [
        label('民　族'),
        value(person.ethnicity),
        label('学历'),
        value(person.education.level),
        label('职　级'),
        value(rankZh(person.rank)),
        label('挂职类型'),
        value(kindZh(i.case.kind)),
      ],
    },
    {
      height: 11,
      cells: [
        label('派出单位\n及　职　务'),
        value(`${i.case.sendingUnitName}${person.currentPost}`, { colSpan: 7 }),
      ],
    },
    {
      height: 11,
      cells: [
        label('挂职单位\n及　职　务'),
        value(postAtUnitZh(i.case.receivingUnitName, i.case.post), { colSpan: 7 }),
      ],
    },
    { height: 10, cells: [label('挂职期限'), value(termZh(i.case.term), { colSpan: 7 })] },
    {
      height: 20,
      fixed: true,
      cells: [
        label('本　人\n总　结'),
        box(
          appendix.box('本人挂职工作总结', summaryText, 160),
          sealFooter('本人签名：　　　　　　　', '年　　月　　日'),
          7,
        ),
      ],
    },
    {
      height: 8,
      cells: [
        label(vertical('接收单位鉴定意见'), { rowSpan: 7 }),
        label('项　目'),
        label('鉴　定　意　见', { colSpan: 5 }),
        label('得　分'),
      ],
    },
    ...DIMENSIONS.map(([key, name]): Row => ({
      height: 14,
      fixed: true,
      cells: [
        label(name),
        {
          ...value(
            appraisal === null
              ? ''
              : appendix.box(`接收单位鉴定意见（${name.replace('　', '')}）`, appraisal[key].comment, 110),
            {
              long: true,
              indent: false,
            },
          ),
          colSpan: 5,
        },
        value(appraisal === null ? '' : scoreZh(appraisal[key].score)),
      ],
    })),
    {
      height: 15,
      cells: [
        label('平均得分'),
        value(average),
        {
          paras: [],
          footer: [
            p('接收单位（盖章）', { align: 'right' }),
            p(dateOr(appraisal?.submittedOn), { align: 'right' }),
          ],
          colSpan: 5,
        },
      ],
    },
    {
      height: 28,
      fixed: true,
      cells: [
        label('派出单位\n考察意见'),
        box(
          i.inspection === null
            ? ''
            : `${appendix.box('派出单位考察意见', i.inspection.findings, 150)}\n考察得分：${scoreZh(i.inspection.score)}`,
          sealFooter('派出单位（盖章）', dateOr(i.inspection?.submittedOn)),
          7,
        ),
      ],
    },
    {
      height: 11,
      cells: [
        label('综合得分'),
        value(i.result === null ? '' : scoreZh(i.result.composite), { colSpan: 2 }),
        label('等　次'),
        value(gradeChoicesZh(i.result?.grade ?? null), { colSpan: 4 }),
      ],
    },
    {
      height: 26,
      fixed: true,
      cells: [
        label('组织部\n意　见'),
        box(appendix.box('组织部意见', i.orgOpinion ?? '', 150), sealFooter(`${i.orgUnitName}（盖章）`), 7),
      ],
    },
  ];
  return {
    title: `挂职干部鉴定表（${person.name}）`,
    footer: `挂职锻炼工作流引擎生成\u3000案件 ${i.case.caseId}\u3000填表日期 ${dateZh(i.preparedOn)}`,
    orientation: 'portrait',
    margins: { top: 16, right: 20, bottom: 16, left: 20 },
    size: 10.5,
    createdOn: i.preparedOn,
    blocks: [
      para('挂职干部鉴定表', { face: 'title', size: 22, align: 'center', spaceAfter: 8 }),
      { type: 'grid', columns: COLUMNS, rows },
      ...appendix.blocks,
    ],
  };
}
