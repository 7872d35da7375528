import type { BulkOutcome, CalendarList, CalendarLoadAnswer, CalendarReplanAnswer } from '../../contract';
import { str } from '../args';
import { authedClient, type Command } from '../command';
import { usage } from '../errors';
import { EXIT } from '../exitCodes';
import { formatTime } from '../format';
import { readJsonInput } from '../input';
import { renderFields, renderTable } from '../table';

const OUTCOME_LABEL = { changed: '已重排 / re-planned', skipped: '跳过 / skipped', failed: '失败 / failed' };

function replanText(r: {
  considered: number;
  changed: number;
  skipped: number;
  failed: number;
  items: BulkOutcome[];
}) {
  const table =
    r.items.length === 0
      ? '（你的范围内没有案件 / no case in your scope）'
      : renderTable(
          [
            { header: '案件 / Case' },
            { header: '结果 / Outcome' },
            { header: '变更或原因 / Change or reason', max: 100 },
          ],
          r.items.map((i) => [
            i.caseId,
            OUTCOME_LABEL[i.outcome],
            i.outcome === 'skipped'
              ? (i.reason ?? '')
              : i.outcome === 'failed'
                ? `${i.error.code}: ${i.error.message}`
                : (i.change ?? ''),
          ]),
        );
  return `${table}\n\n未结束案件 ${r.considered} 件：重排 ${r.changed}，跳过 ${r.skipped}，失败 ${r.failed} / ${r.considered} open cases: ${r.changed} re-planned, ${r.skipped} skipped, ${r.failed} failed`;
}

export const calendarList: Command = {
  name: 'calendar list',
  summary: '节假日安排（各年各版本）/ the holiday tables, every year and version',
  options: {},
  positionals: [],
  help: `  没有节假日安排的年份，期限按周一至周五计算并标为暂定 / deadlines in a year without a table count weekdays and are provisional`,
  async run(ctx) {
    const answer = await authedClient(ctx).get<CalendarList>('/api/calendar');
    ctx.out.result(answer, () =>
      answer.years.length === 0
        ? '（无 / none）'
        : renderTable(
            [
              { header: '年度 / Year' },
              { header: '版本 / Version' },
              { header: '节假日 / Holidays' },
              { header: '调休上班 / Make-up workdays' },
              { header: '来源 / Source', max: 40 },
              { header: '载入 / Loaded by' },
              { header: '时间 / At' },
            ],
            answer.years.map((y) => [
              String(y.year),
              String(y.version),
              String(y.holidays.length),
              String(y.workdays.length),
              y.source,
              y.loadedBy,
              formatTime(y.loadedAt),
            ]),
          ),
    );
    return EXIT.OK;
  },
};

export const calendarLoad: Command = {
  name: 'calendar load',
  summary:
    '载入一年的节假日安排并重排未结束案件的期限（组织部）/ load a year’s holiday table and re-plan open cases (org admins)',
  options: { source: { type: 'string' } },
  positionals: [{ name: 'file' }],
  help: `<table.json | -> --source "<通知文号 / the notice>"
  表格式 / table: {"year":2027,"holidays":[{"name":"春节","from":"2027-02-06","to":"2027-02-12"}, …],
                   "workdays":[{"date":"2027-02-20","name":"春节调休"}, …]}
  载入后，每个未结束的案件重排在该年计算的期限（每件一条审计记录）/ then every open case re-plans its
  deadlines in that year, each with an audit entry; exit 7 if any case failed (run \`calendar replan <year>\`).
  例 / e.g.  secondment calendar load 2027.json --source "国办发明电〔2026〕7号"`,
  async run(ctx, { values }, [file = '']) {
    const source = str(values, 'source');
    if (source === undefined || source.trim().length < 2)
      throw usage('--source: 须注明来源（通知文号）/ name the notice the table comes from', '--source');
    const table = await readJsonInput(file, ctx.stdin, { stdinWhenPiped: false, what: 'table' });
    if (!table) throw usage('缺少节假日安排文件 / missing the table file (or - for stdin)', 'file');
    const answer = await authedClient(ctx).post<CalendarLoadAnswer>('/api/calendar', { table, source });
    const { loaded, replan } = answer;
    ctx.out.result(answer, () =>
      [
        renderFields([
          ['已载入 / Loaded', `${loaded.year} 第${loaded.version}版 / version ${loaded.version}`],
          ['节假日 / Holidays', loaded.holidays.map((h) => `${h.name} ${h.from}–${h.to}`).join('；')],
          ['调休上班 / Make-up workdays', loaded.workdays.map((w) => w.date).join('，') || '—'],
          ['来源 / Source', loaded.source],
        ]),
        '',
        replanText(replan),
      ].join('\n'),
    );
    return replan.failed > 0 ? EXIT.BULK_PARTIAL : EXIT.OK;
  },
};

export const calendarReplan: Command = {
  name: 'calendar replan',
  summary:
    '按某年最新的节假日安排再重排一次（组织部）/ re-plan open cases again with a year’s newest table (org admins)',
  options: {},
  positionals: [{ name: 'year' }],
  help: `<year>   已重排的案件会被跳过 / cases already re-planned are skipped
  例 / e.g.  secondment calendar replan 2027`,
  async run(ctx, _args, [raw = '']) {
    if (!/^\d{4}$/.test(raw))
      throw usage(`year: 应为四位年份 / expected a year such as 2027, got "${raw}"`, 'year');
    const answer = await authedClient(ctx).post<CalendarReplanAnswer>(`/api/calendar/${raw}/replan`, {});
    ctx.out.result(
      answer,
      () => `${answer.year} 第${answer.version}版 / version ${answer.version}\n${replanText(answer)}`,
    );
    return answer.failed > 0 ? EXIT.BULK_PARTIAL : EXIT.OK;
  },
};
