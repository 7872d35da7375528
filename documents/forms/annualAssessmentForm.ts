// 年度考核登记表 of a seconded cadre, after the civil-service form: the person and the posts, the
// cadre's own summary (a blank box for hand writing when none was entered), the sending unit's
// record of the months before the secondment, the receiving unit's assessment and grade, and the
// organization department's review, with signature and seal spaces.
import {
  dateZh,
  genderZh,
  gradeChoicesZh,
  kindZh,
  partyZh,
  postAtUnitZh,
  rankZh,
  scoreZh,
  termZh,
  yearMonthDot,
} from '../format';
import type { AnnualAssessmentFormInput } from '../inputs';
import type { Cell, FormLayout, Row } from '../layout';
import { Appendix, label, p, para, sealFooter, value } from '../layout';

const COLUMNS = [26, 30, 22, 30, 26, 36];

const dateOr = (iso: string | undefined): string => (iso === undefined ? '年　　月　　日' : dateZh(iso));

const box = (text: string, footer: ReturnType<typeof sealFooter>): Cell => ({
  ...value(text, { long: true }),
  footer,
  colSpan: 5,
});

export function annualAssessmentFormLayout(i: AnnualAssessmentFormInput): FormLayout {
  const person = i.person;
  const appendix = new Appendix();
  const assessment = i.assessment;
  const rows: Row[] = [
    {
      height: 11,
      cells: [
        label('姓　　名'),
        value(person.name),
        label('性　别'),
        value(genderZh(person.gender)),
        label('出生年月'),
        value(yearMonthDot(person.birthDate)),
      ],
    },
    {
      height: 11,
      cells: [
        label('政治面貌'),
        value(partyZh(person.partyMembership)),
        label('民　族'),
        value(person.ethnicity),
        label('职　　级'),
        value(rankZh(person.rank)),
      ],
    },
    {
      height: 11,
      cells: [
        label('派出单位\n及　职　务'),
        value(`${i.case.sendingUnitName}${person.currentPost}`, { colSpan: 5 }),
      ],
    },
    {
      height: 11,
      cells: [
        label('挂职单位\n及　职　务'),
        value(postAtUnitZh(i.case.receivingUnitName, i.case.post), { colSpan: 5 }),
      ],
    },
    {
      height: 10,
      cells: [
        label('挂职期限'),
        value(termZh(i.case.term), { colSpan: 3 }),
        label('挂职类型'),
        value(kindZh(i.case.kind)),
      ],
    },
    {
      height: 56,
      fixed: true,
      cells: [
        label('个　人\n总　结'),
        box(appendix.box('个人总结', i.personalSummary ?? '', 420), [
          p('本人签名：　　　　　　　　年　　月　　日', { align: 'right' }),
        ]),
      ],
    },
    {
      height: 34,
      fixed: true,
      cells: [
        label('派出单位\n提供的挂\n职前表现'),
        box(
          i.firstHalfRecord === null
            ? ''
            : appendix.box('派出单位提供的挂职前表现', i.firstHalfRecord.summary, 190),
          sealFooter('派出单位（盖章）', dateOr(i.firstHalfRecord?.providedOn)),
        ),
      ],
    },
    {
      height: 34,
      fixed: true,
      cells: [
        label('接收单位\n考核意见'),
        box(
          assessment === null
            ? ''
            : [
                assessment.comment === undefined
                  ? ''
                  : appendix.box('接收单位考核意见', assessment.comment, 160),
                `考核得分：${scoreZh(assessment.score)}`,
              ]
                .filter((t) => t !== '')
                .join('\n'),
          sealFooter(`接收单位（盖章）`),
        ),
      ],
    },
    {
      height: 11,
      cells: [label('考核等次'), value(gradeChoicesZh(assessment?.grade ?? null), { colSpan: 5 })],
    },
    {
      height: 24,
      fixed: true,
      cells: [label('组织部门\n审核意见'), box('', sealFooter(`${i.orgUnitName}（盖章）`))],
    },
    {
      height: 16,
      cells: [
        label('被考核人\n意　　见'),
        box('', [p('签名：　　　　　　　　年　　月　　日', { align: 'right' })]),
      ],
    },
    { height: 10, cells: [label('备　　注'), value('', { colSpan: 5 })] },
  ];
  return {
    title: `${i.year}年度考核登记表（${person.name}）`,
    footer: `挂职锻炼工作流引擎生成\u3000案件 ${i.case.caseId}\u3000填表日期 ${dateZh(i.preparedOn)}`,
    orientation: 'portrait',
    margins: { top: 16, right: 20, bottom: 16, left: 20 },
    size: 10.5,
    createdOn: i.preparedOn,
    blocks: [
      para('挂职干部年度考核登记表', { face: 'title', size: 22, align: 'center' }),
      para(`（${i.year}年度）`, { align: 'center', size: 14, spaceAfter: 6 }),
      { type: 'grid', columns: COLUMNS, rows },
      ...appendix.blocks,
    ],
  };
}
