// 选派名单及统计: the round's list of cadres in landscape (the header row repeats on every page), then
// the statistics reported upward in one table beside each other: totals and shares, by status, by
// grade.
import { STATUS_CODES, statusLabels } from '../../machines/secondment';
import { gradeLabels, kindLabels, kindSchema } from '../../machines/secondment';
import { categoriesZh, dateZh, genderZh, kindZh, partyZh, percent, termZh, yearMonthDot } from '../format';
import type { RoundEntry, RoundListInput, Term } from '../inputs';
import type { FormLayout, Row } from '../layout';
import { label, para, value } from '../layout';
import { isListed } from '../requirements';
import { roundStatistics } from '../roundStatistics';

const LIST_COLUMNS = [11, 16, 11, 18, 24, 52, 58, 35, 42];
const STAT_COLUMNS = [46, 22, 22, 58, 22, 38, 22];

const termDots = (t: Term): string => `${t.start.replaceAll('-', '.')}—${t.end.replaceAll('-', '.')}`;

const statusOrder = (s: RoundEntry['status']): number => (s === null ? -1 : STATUS_CODES.indexOf(s));

function listRows(entries: readonly RoundEntry[]): Row[] {
  const header: Row = {
    height: 10,
    header: true,
    cells: [
      '序号',
      '姓名',
      '性别',
      '出生年月',
      '党派',
      '派出单位及职务',
      '接收单位及拟任职务',
      '类别',
      '挂职期限',
    ].map((t) => label(t, { paras: [{ runs: [{ text: t }], align: 'center', bold: true }] })),
  };
  return [
    header,
    ...entries.map((e, n): Row => ({
      height: 10,
      cells: [
        value(String(n + 1)),
        value(e.person.name),
        value(genderZh(e.person.gender)),
        value(yearMonthDot(e.person.birthDate)),
        value(partyZh(e.person.partyMembership)),
        value(`${e.sendingUnitName}${e.person.currentPost}`),
        value(`${e.receivingUnitName}${e.post?.title ?? '（职务待定）'}\n（${kindZh(e.kind)}）`),
        value(categoriesZh(e.person)),
        value(termDots(e.term)),
      ],
    })),
  ];
}

function statisticsRows(entries: readonly RoundEntry[]): Row[] {
  const s = roundStatistics(entries);
  const totals: [string, number][] = [
    ['选派总人数', s.total],
    ...kindSchema.options.map((k): [string, number] => [`其中：${kindLabels[k].zh}`, s.byKind[k]]),
    ['党外干部', s.nonCpc],
    ['选调生', s.selectedGraduate],
    ['县级后备干部', s.countyReserve],
    ['来自乡镇（街道）', s.fromTownship],
  ];
  const statuses = [...s.byStatus]
    .sort((a, b) => statusOrder(a.status) - statusOrder(b.status))
    .map(({ status, count }): [string, number] => [
      status === null ? '尚未启动' : statusLabels[status].zh,
      count,
    ]);
  const grades: [string, number][] = [
    ...(['excellent', 'competent', 'basically_competent', 'incompetent'] as const).map(
      (g): [string, number] => [gradeLabels[g].zh, s.byGrade[g]],
    ),
    ['尚未定等次', s.byGrade.none],
  ];
  const header: Row = {
    height: 9,
    cells: ['统计项目', '人数', '占比', '按状态', '人数', '按等次', '人数'].map((t) =>
      label(t, { paras: [{ runs: [{ text: t }], align: 'center', bold: true }] }),
    ),
  };
  const rows: Row[] = [header];
  const n = Math.max(totals.length, statuses.length, grades.length);
  for (let r = 0; r < n; r++) {
    const t = totals[r];
    const st = statuses[r];
    const g = grades[r];
    rows.push({
      height: 8,
      cells: [
        value(t?.[0] ?? ''),
        value(t === undefined ? '' : String(t[1])),
        value(t === undefined ? '' : percent(t[1], s.total)),
        value(st?.[0] ?? ''),
        value(st === undefined ? '' : String(st[1])),
        value(g?.[0] ?? ''),
        value(g === undefined ? '' : String(g[1])),
      ],
    });
  }
  return rows;
}

export function roundListLayout(i: RoundListInput): FormLayout {
  const listed = i.entries.filter((e) => isListed(e.status));
  const s = roundStatistics(i.entries);
  const round = i.round;
  return {
    title: `${round.name}选派名单`,
    footer: `挂职锻炼工作流引擎生成\u3000${round.name}\u3000制表日期 ${dateZh(i.preparedOn)}`,
    orientation: 'landscape',
    margins: { top: 14, right: 15, bottom: 14, left: 15 },
    size: 10,
    createdOn: i.preparedOn,
    blocks: [
      para(`${round.name}选派名单`, { face: 'title', size: 20, align: 'center', spaceAfter: 4 }),
      para(
        `组织单位：${round.orgUnitName}\u3000\u3000挂职期限：${termZh(round.term)}\u3000\u3000` +
          `生活补助：每人每天${round.subsidy.amountPerDay}元（${round.subsidy.payer}承担），挂职期间工资待遇由原单位发放`,
        { align: 'center', size: 10.5, spaceAfter: 6 },
      ),
      para('一、选派名单', { face: 'title', size: 14, spaceAfter: 4 }),
      { type: 'grid', columns: LIST_COLUMNS, rows: listRows(listed) },
      para('二、统计', { face: 'title', size: 14, spaceBefore: 10, spaceAfter: 4, keepWithNext: true }),
      { type: 'grid', columns: STAT_COLUMNS, rows: statisticsRows(i.entries), keepTogether: true },
      para(
        `注：另有未获批准${s.rejected}人、已撤回${s.withdrawn}人，未列入名单和统计；占比以选派总人数${s.total}人为基数。`,
        { size: 10, spaceBefore: 4 },
      ),
      para(`${round.orgUnitName}\u3000\u3000${dateZh(i.preparedOn)}`, {
        align: 'right',
        size: 10.5,
        spaceBefore: 8,
      }),
    ],
  };
}
