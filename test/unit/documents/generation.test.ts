import { generateDocument } from '../../../documents';
import type { DocumentFormat, DocumentKind } from '../../../documents';
import {
  sampleAnnualAssessmentForm,
  sampleAppointmentApproval,
  sampleAppraisalForm,
  sampleIntroductionLetter,
  sampleRoundList,
} from '../../../documents/samples';
import { docxPart, docxText, pdfFonts, pdfInfo, pdfText, squash } from './readBack';

/**
 * Every kind, generated from realistic data and read back as an office would read it: the PDF's
 * text through pdftotext, the DOCX through mammoth. What the case holds is in the text as real
 * Chinese, in both formats.
 */

const cases: { kind: DocumentKind; input: unknown; fileBase: string; expected: string[] }[] = [
  {
    kind: 'appointmentApproval',
    input: sampleAppointmentApproval,
    fileBase: '干部任免审批表-c7f3a9e2b41d',
    expected: [
      '干部任免审批表',
      '姓名李思远',
      '性别男',
      '1991.03（35岁）',
      '民族汉族',
      '籍贯四川资中',
      '入党时间2012.06',
      '西南财经大学公共管理学院行政管理专业',
      '四川大学公共管理学院公共管理专业',
      '现任职务资中县发展和改革局副局长（副科级）',
      '拟任职务内江市发展和改革委员会规划与区域协调科副科长（挂职）',
      '2016.03—2019.12资中县球溪镇党政办公室主任',
      '2023年度称职；2024年度优秀；2025年度优秀',
      '挂职期限自2026年8月1日至2027年7月31日',
      '中共内江市委组织部',
      '审批机关意见',
      '行政机关任免意见',
    ],
  },
  {
    kind: 'introductionLetter',
    input: sampleIntroductionLetter,
    fileBase: '介绍信-c7f3a9e2b41d',
    expected: [
      '（存根）',
      '内组介字〔2026〕第17号',
      '（骑缝）内组介字〔2026〕第17号',
      '内江市发展和改革委员会：',
      '兹介绍李思远同志（男，1991年3月出生，中共党员，现任资中县发展和改革局副局长）前往你处挂职锻炼',
      '挂职期限自2026年8月1日至2027年7月31日',
      '请接洽。',
      '（印章）',
      '2026年7月28日',
      '（有效期三十天）',
    ],
  },
  {
    kind: 'appraisalForm',
    input: sampleAppraisalForm,
    fileBase: '挂职干部鉴定表-c7f3a9e2b41d',
    expected: [
      '挂职干部鉴定表',
      '姓名李思远',
      '派出单位及职务资中县发展和改革局副局长',
      '挂职单位及职务内江市发展和改革委员会规划与区域协调科副科长（挂职）',
      '本人已于2027年7月5日提交挂职工作总结。',
      '思想政治立场坚定，认真学习贯彻党的路线方针政策，服从组织安排，思想上积极要求进步。92',
      '工作牵头起草全市区域协调发展年度要点',
      '廉洁严格落实中央八项规定精神，廉洁自律，未发现违规违纪问题。95',
      '平均得分91.2接收单位（盖章）2027年7月15日',
      '考察得分：89',
      '综合得分90.6',
      '■优秀□称职□基本称职□不称职',
      '中共内江市委组织部（盖章）',
    ],
  },
  {
    kind: 'annualAssessmentForm',
    input: sampleAnnualAssessmentForm,
    fileBase: '2026年度考核登记表-c7f3a9e2b41d',
    expected: [
      '挂职干部年度考核登记表',
      '（2026年度）',
      '姓名李思远',
      '政治面貌中共党员',
      '挂职期限2026年8月1日至2027年7月31日',
      // no personal summary was entered: an empty box for the cadre's own hand
      '个人总结本人签名：年月日',
      '2026年1月至7月，该同志在资中县发展和改革局分管项目和投资工作',
      '派出单位（盖章）2026年12月20日',
      '考核得分：86',
      '□优秀■称职□基本称职□不称职',
    ],
  },
  {
    kind: 'roundList',
    input: sampleRoundList,
    fileBase: '选派名单及统计-2026',
    expected: [
      '2026年度内江市干部上挂下派选派名单',
      '生活补助：每人每天60元（派出单位承担）',
      '1李思远男1991.03中共党员资中县发展和改革局副局长内江市发展和改革委员会规划与区域协调科副科长（上挂）选调生、县级后备干部2026.08.01—2027.07.31',
      '2王静怡女1993.11中国民主同盟',
      '县级后备干部、党外干部',
      '威远县连界镇人民政府（职务待定）（下派）',
      '选派总人数7100.0%',
      '党外干部342.9%',
      '选调生228.6%',
      '县级后备干部342.9%',
      '来自乡镇（街道）342.9%',
      '另有未获批准1人、已撤回0人',
    ],
  },
];

describe.each(cases)('$kind', ({ kind, input, fileBase, expected }) => {
  test('PDF: A4, the CJK font embedded and subsetted with a Unicode map, the case data as real text', async () => {
    const doc = await generateDocument(kind, 'pdf', input);
    expect(doc.contentType).toBe('application/pdf');
    expect(doc.fileName).toBe(`${fileBase}.pdf`);
    expect(doc.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const fonts = pdfFonts(doc.bytes);
    // name  type  encoding  emb sub uni: every font is an embedded subset with a ToUnicode map
    const rows = fonts.split('\n').filter((l) => /NotoSerifSC/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(row).toMatch(/^[A-Z]{6}\+NotoSerifSC-\w+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(
      fonts
        .split('\n')
        .slice(2)
        .filter((l) => l.trim() !== '' && !/NotoSerifSC/.test(l)),
    ).toEqual([]);

    const info = pdfInfo(doc.bytes);
    expect(info).toMatch(
      kind === 'roundList'
        ? /Page size:\s+841\.89 x 595\.28 pts/
        : /Page size:\s+595\.28 x 841\.89 pts \(A4\)/,
    );

    const text = squash(pdfText(doc.bytes));
    for (const fragment of expected) expect(text).toContain(squash(fragment));
    // no replacement characters or private-use code points: glyphs map back to Unicode
    expect(text).not.toMatch(/[\uFFFD\uE000-\uF8FF]/);
  });

  test('DOCX: a Word document on A4 whose text holds the same data', async () => {
    const doc = await generateDocument(kind, 'docx', input);
    expect(doc.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(doc.fileName).toBe(`${fileBase}.docx`);
    const body = docxPart(doc.bytes, 'word/document.xml');
    // forms are real Word tables (the letter is prose)
    if (kind !== 'introductionLetter') expect(body).toContain('<w:tbl>');
    expect(body).toMatch(
      kind === 'roundList' ? /w:w="16838" w:h="11906" w:orient="landscape"/ : /w:w="11906" w:h="16838"/,
    );
    const text = squash(await docxText(doc.bytes));
    for (const fragment of expected) expect(text).toContain(squash(fragment));
  });
});

test('a rejected nomination is not on the round list, in either format', async () => {
  for (const format of ['pdf', 'docx'] as DocumentFormat[]) {
    const doc = await generateDocument('roundList', format, sampleRoundList);
    const text = format === 'pdf' ? pdfText(doc.bytes) : await docxText(doc.bytes);
    expect(text).toContain('黄志强');
    expect(text).not.toContain('周晓');
  }
});

test('the appointment form lists family members when the registry holds them, blank rows otherwise', async () => {
  const withFamily = {
    ...sampleAppointmentApproval,
    familyMembers: [
      {
        relation: '妻子',
        name: '陈晓兰',
        birthDate: '1992-05-01',
        politicalStatus: '中共党员',
        workplaceAndPost: '资中县第一中学教师',
      },
    ],
  };
  const text = squash(pdfText((await generateDocument('appointmentApproval', 'pdf', withFamily)).bytes));
  expect(text).toContain('妻子陈晓兰34中共党员资中县第一中学教师');
  const blank = squash(
    pdfText((await generateDocument('appointmentApproval', 'pdf', sampleAppointmentApproval)).bytes),
  );
  expect(blank).toContain('称谓姓名年龄政治面貌工作单位及职务呈报单位');
});

test('a non-CPC cadre shows the democratic party and its joining month; an elected post says it needs the election', async () => {
  const input = {
    ...sampleAppointmentApproval,
    person: {
      ...sampleAppointmentApproval.person,
      partyMembership: { status: 'non_cpc', party: '中国民主同盟', joinedOn: '2018-09-01' },
    },
    case: {
      ...sampleAppointmentApproval.case,
      kind: 'down',
      receivingUnitName: '资中县球溪镇人民政府',
      post: { title: '副镇长', level: 'deputy_section', elected: true },
    },
  };
  const text = squash(pdfText((await generateDocument('appointmentApproval', 'pdf', input)).bytes));
  expect(text).toContain('入党时间2018.09（中国民主同盟）');
  expect(text).toContain('拟任职务资中县球溪镇人民政府副镇长（挂职，须经人代会依法选举）');
  const letter = squash(
    pdfText(
      (
        await generateDocument('introductionLetter', 'pdf', {
          ...sampleIntroductionLetter,
          person: input.person,
          case: input.case,
        })
      ).bytes,
    ),
  );
  expect(letter).toContain('中国民主同盟，现任');
  expect(letter).toContain('拟推荐为副镇长人选（须经人代会依法选举）');
});

test('a summary longer than its box goes to an appendix page, whole, and the box points to it', async () => {
  const paragraph = '本年度围绕区域协调发展重点任务，深入基层调研，参与编制规划，协调推进重点项目落地。';
  const summary = Array.from({ length: 12 }, (_, n) => `${n + 1}. ${paragraph}`).join('\n');
  const input = { ...sampleAnnualAssessmentForm, personalSummary: summary };
  for (const format of ['pdf', 'docx'] as DocumentFormat[]) {
    const doc = await generateDocument('annualAssessmentForm', format, input);
    const text = squash(format === 'pdf' ? pdfText(doc.bytes) : await docxText(doc.bytes));
    expect(text).toContain('个人总结（全文见附页1）本人签名');
    expect(text).toContain('附页1：个人总结');
    expect(text).toContain(squash(`12. ${paragraph}`));
  }
  expect(pdfInfo((await generateDocument('annualAssessmentForm', 'pdf', input)).bytes)).toMatch(
    /Pages:\s+2\n/,
  );
});

test('a long round list continues over pages with the header row repeated and the statistics kept whole', async () => {
  const base = sampleRoundList.entries[1]!;
  const entries = Array.from({ length: 40 }, (_, n) => ({
    ...base,
    caseId: `bulk2026case${String(n).padStart(3, '0')}`,
    person: { ...base.person, name: `测试${String(n + 1).padStart(2, '0')}号` },
  }));
  const doc = await generateDocument('roundList', 'pdf', { ...sampleRoundList, entries });
  const pages = pdfText(doc.bytes)
    .split('\f')
    .filter((p) => p.trim() !== '');
  expect(pages.length).toBeGreaterThanOrEqual(3);
  const listPages = pages.filter((p) => squash(p).includes('测试'));
  expect(listPages.length).toBeGreaterThanOrEqual(2);
  for (const page of listPages)
    expect(squash(page)).toContain('序号姓名性别出生年月党派派出单位及职务接收单位及拟任职务类别挂职期限');
  // every row once, in order
  const all = squash(pages.join(''));
  const order = entries.map((e) => all.indexOf(`${e.person.name}女`));
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  // the statistics table is on one page, with its heading
  const stats = pages.filter((p) => squash(p).includes('统计项目'));
  expect(stats).toHaveLength(1);
  expect(squash(stats[0]!)).toContain('二、统计统计项目人数占比');
  expect(squash(stats[0]!)).toContain('党外干部40100.0%');
  expect(squash(pages.at(-1)!)).toContain(`共${pages.length}页`);
});
