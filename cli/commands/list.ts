import { caseSortSchema, type CasePage } from '../../contract';
import { enumValue, intValue } from '../args';
import { authedClient, type Command } from '../command';
import { EXIT } from '../exitCodes';
import { FILTER_HELP, FILTER_OPTIONS, filterFromArgs } from '../filters';
import { formatTime } from '../format';
import { renderTable } from '../table';

export function caseTable(page: CasePage): string {
  const rows = page.items.map((c) => [
    c.caseId,
    c.cadre?.name ?? '—',
    c.status,
    c.kind,
    String(c.year),
    c.sendingUnitName.zh,
    c.receivingUnitName.zh,
    c.nextDuty?.label ?? '—',
    formatTime(c.nextDeadline),
    [
      c.overdue ? '逾期 / overdue' : '',
      c.stuck ? '卡住 / stuck' : '',
      c.provisional ? '暂定期限 / provisional' : '',
      c.machineVersion === 1 ? '第1版 / v1' : '',
    ]
      .filter(Boolean)
      .join(', ') || '—',
  ]);
  const table = renderTable(
    [
      { header: '案件 / Case' },
      { header: '姓名 / Name' },
      { header: '状态 / Status' },
      { header: '类型 / Kind' },
      { header: '年度 / Year' },
      { header: '派出单位 / Sending', max: 24 },
      { header: '接收单位 / Receiving', max: 24 },
      { header: '下一事项 / Next duty', max: 30 },
      { header: '期限 / Due' },
      { header: '提示 / Flags' },
    ],
    rows,
  );
  const shown = page.items.length;
  const range = shown ? `${page.offset + 1}–${page.offset + shown}` : '0';
  return `${table}\n\n共 ${page.total} 件，显示第 ${range} 件 / ${page.total} cases, showing ${range}`;
}

export const list: Command = {
  name: 'list',
  summary: '列出你范围内的案件 / list the cases in your scope',
  options: {
    ...FILTER_OPTIONS,
    sort: { type: 'string' },
    order: { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
  },
  positionals: [],
  help: `[filters] [--sort <field>] [--order asc|desc] [--limit <n>] [--offset <n>]
${FILTER_HELP}
  --sort ${caseSortSchema.options.join('|')} (默认 / default nextDeadline)   --limit 1–500 (默认 / default 50)
  例 / e.g.  secondment list --status POSTING --status IN_SERVICE --overdue --sort nextDeadline
             secondment list --name 孙立 --round r2027abcd`,
  async run(ctx, { values }) {
    const query = {
      ...filterFromArgs(values),
      sort: enumValue(values, 'sort', caseSortSchema.options),
      order: enumValue(values, 'order', ['asc', 'desc'] as const),
      limit: intValue(values, 'limit', { min: 1, max: 500 }),
      offset: intValue(values, 'offset', { min: 0 }),
    };
    const page = await authedClient(ctx).get<CasePage>('/api/cases', query);
    ctx.out.result(page, () => caseTable(page));
    return EXIT.OK;
  },
};
