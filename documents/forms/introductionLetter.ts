// 介绍信 of the organization department: the 存根 (counterfoil, kept by the department) above the
// 正文 (the letter the cadre carries), split by a dashed seam with the letter number on it (骑缝).
import { dateZh, genderZh, kindZh, numberZh, partyZh, termZh } from '../format';
import type { IntroductionLetterInput } from '../inputs';
import type { Block, FormLayout, Para } from '../layout';
import { para } from '../layout';

const BODY = 14;
/** The signature block: the department's name, the seal and the date centred over each other. */
const SIGNATURE = 14;

const who = (i: IntroductionLetterInput): string => {
  const person = i.person;
  const [year, month] = person.birthDate.split('-').map(Number);
  return `（${genderZh(person.gender)}，${year}年${month}月出生，${partyZh(person.partyMembership)}，现任${person.currentUnitName}${person.currentPost}）`;
};

const postClause = (i: IntroductionLetterInput): string => {
  const post = i.case.post;
  if (post === null) return '';
  return post.elected ? `，拟推荐为${post.title}人选（须经人代会依法选举）` : `，拟挂任${post.title}`;
};

const body = (runs: Para['runs'], extra: Omit<Para, 'runs'> = {}): Block => ({
  type: 'para',
  para: { runs, indentChars: 2, lineHeight: 1.75, size: BODY, ...extra },
});

export function introductionLetterLayout(i: IntroductionLetterInput): FormLayout {
  const letterNo = i.letterNo ?? '';
  const name = { text: `\u3000${i.person.name}\u3000`, underline: true };
  const unit = { text: `\u3000${i.case.receivingUnitName}\u3000`, underline: true };
  const counterfoil: Block[] = [
    para('介　绍　信', { face: 'title', size: 20, align: 'center' }),
    para('（存　根）', { align: 'center', size: 12, spaceAfter: 4 }),
    para(letterNo, { align: 'right', size: 12, spaceAfter: 6 }),
    body([
      name,
      { text: `同志${who(i)}，前往` },
      unit,
      { text: `挂职锻炼（${kindZh(i.case.kind)}）${postClause(i)}，挂职期限自${termZh(i.case.term)}。` },
    ]),
    para(dateZh(i.preparedOn), { align: 'right', size: BODY, spaceBefore: 8 }),
  ];
  const letter: Block[] = [
    para('介　绍　信', { face: 'title', size: 22, align: 'center', spaceAfter: 4 }),
    para(letterNo, { align: 'right', size: 12, spaceAfter: 8 }),
    body([{ text: `${i.case.receivingUnitName}：` }], { indentChars: 0 }),
    body([
      { text: '兹介绍' },
      name,
      { text: `同志${who(i)}前往你处挂职锻炼${postClause(i)}。挂职期限自${termZh(i.case.term)}。` },
    ]),
    body([
      {
        text:
          '挂职期间，该同志原单位职务不免、工资待遇不变，请按有关规定明确分工、落实传帮带联系人，' +
          '并做好日常管理和考核工作。',
      },
    ]),
    body([{ text: '请接洽。' }]),
    { type: 'spacer', height: 8 },
    para(i.orgUnitName, { align: 'center', size: BODY, rightColumnChars: SIGNATURE }),
    para('（印章）', { align: 'center', size: BODY, spaceBefore: 4, rightColumnChars: SIGNATURE }),
    para(dateZh(i.preparedOn), { align: 'center', size: BODY, spaceBefore: 4, rightColumnChars: SIGNATURE }),
    { type: 'spacer', height: 6 },
    para(`（有效期${numberZh(i.validDays)}天）`, { size: 12 }),
    ...(i.contact === undefined ? [] : [para(`联系人及电话：${i.contact}`, { size: 12 })]),
  ];
  return {
    title: `介绍信（${i.person.name}）`,
    footer: `挂职锻炼工作流引擎生成\u3000案件 ${i.case.caseId}`,
    orientation: 'portrait',
    margins: { top: 20, right: 26, bottom: 18, left: 26 },
    size: BODY,
    createdOn: i.preparedOn,
    blocks: [
      ...counterfoil,
      { type: 'spacer', height: 10 },
      { type: 'cut', text: `（骑缝）${letterNo}` },
      { type: 'spacer', height: 10 },
      ...letter,
    ],
  };
}
