// The round's statistics as files: CSV (the list with names, then the summary) and a real XLSX
// workbook built with exceljs (summary, list, by unit, grades) — what the department files upward.
import ExcelJS from 'exceljs';
import type { RoundStats } from '../contract';
import { kindLabels } from '../machines/secondment';

const GENDER: Record<string, string> = { male: '男', female: '女' };

/** The summary as (label, value) rows, zh-CN first. */
export function summaryRows(s: RoundStats): [string, string | number][] {
  const kinds = s.byKind.map((k): [string, number] => [`其中${k.label.zh} / ${k.label.en}`, k.count]);
  return [
    ['挂职干部总数 / cadres seconded', s.total],
    ...kinds,
    ['党外干部 / non-CPC cadres', s.nonCpc.count],
    ['党外干部占比（%）/ non-CPC share (%)', s.nonCpc.share],
    ['选调生 / selected graduates', s.selectedGraduates],
    ['县级后备干部 / county-level reserve cadres', s.countyReserve],
    ['选调生和县级后备干部 / both together', s.graduatesAndReserve.count],
    ['选调生和县级后备干部占比（%）/ their share (%)', s.graduatesAndReserve.share],
    ['从乡镇（街道）选派 / from townships', s.fromTownships],
    ['已到岗 / arrived', s.progress.arrived],
    ['在岗 / in service', s.progress.inService],
    ['延期 / extended', s.progress.extended],
    ['召回 / recalled', s.progress.recalled],
    ['提拔 / promoted', s.progress.promoted],
    ['已返回 / returned', s.progress.returned],
    ['逾期 / overdue', s.overdue],
    ['停滞 / stuck', s.stuck],
    ['未入选的推荐 / recommendations not selected', s.apart.recommendationsRejected],
    ['撤回的推荐 / recommendations withdrawn', s.apart.recommendationsWithdrawn],
    ['不予批准的案件 / cases rejected', s.apart.rejectedCases],
    ['撤回的案件 / cases withdrawn', s.apart.withdrawnCases],
  ];
}

const LIST_HEADER = [
  '序号 No.',
  '姓名 name',
  '性别 gender',
  '出生年月 born',
  '党派 party',
  '类别 categories',
  '挂职类型 kind',
  '派出单位 sending unit',
  '接收单位 receiving unit',
  '挂职职务 post',
  '挂职期限 term',
  '期限说明 term reason',
  '生活补助（元/天）subsidy per day',
  '补助发放单位 subsidy paid by',
  '工资待遇 pay',
  '状态 status',
  '期满考核等次 final grade',
  '案件编号 case id',
];

export function listRows(s: RoundStats): (string | number)[][] {
  return s.cases.map((c, i) => [
    i + 1,
    c.name,
    GENDER[c.gender ?? ''] ?? '',
    c.birthDate?.slice(0, 7) ?? '',
    c.party,
    c.categories.join('、'),
    kindLabels[c.kind].zh,
    c.sendingUnit,
    c.receivingUnit,
    c.post ?? '',
    `${c.termStart} 至 ${c.termEnd}`,
    c.termReason ?? '',
    c.subsidyPerDay,
    c.subsidyPayer,
    c.payRule,
    c.statusLabel.zh,
    c.grade ?? '',
    c.caseId,
  ]);
}

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
function cell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function roundStatsCsv(s: RoundStats, title: string): string {
  const lines = [
    [title],
    LIST_HEADER,
    ...listRows(s),
    [],
    ['统计项 / item', '数值 / value'],
    ...summaryRows(s),
  ].map((row) => row.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function roundStatsXlsx(s: RoundStats, title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'secondment-engine';
  const summary = wb.addWorksheet('汇总');
  summary.addRow([title]).font = { bold: true, size: 14 };
  summary.addRow(['统计项 / item', '数值 / value']).font = { bold: true };
  for (const row of summaryRows(s)) summary.addRow(row);
  summary.getColumn(1).width = 46;
  summary.getColumn(2).width = 14;

  const list = wb.addWorksheet('名单');
  list.addRow(LIST_HEADER).font = { bold: true };
  for (const row of listRows(s)) list.addRow(row);
  list.columns.forEach((c, i) => (c.width = i === 0 ? 6 : i === 8 || i === 7 ? 28 : 16));
  list.views = [{ state: 'frozen', ySplit: 1 }];

  const byUnit = wb.addWorksheet('按单位');
  byUnit.addRow(['接收单位 / receiving unit', '人数 / cadres']).font = { bold: true };
  for (const u of s.byReceivingUnit) byUnit.addRow([u.label.zh, u.count]);
  byUnit.addRow([]);
  byUnit.addRow(['派出单位 / sending unit', '人数 / cadres']).font = { bold: true };
  for (const u of s.bySendingUnit) byUnit.addRow([u.label.zh, u.count]);
  byUnit.getColumn(1).width = 40;

  const grades = wb.addWorksheet('考核等次');
  grades.addRow(['等次 / grade', '人数 / cadres']).font = { bold: true };
  for (const g of s.grades) grades.addRow([g.label.zh, g.count]);
  grades.addRow([]);
  grades.addRow(['状态 / status', '人数 / cadres']).font = { bold: true };
  for (const x of s.byStatus) grades.addRow([x.label.zh, x.count]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
