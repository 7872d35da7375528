import { caseFilterSchema, type CaseSummary } from '../../contract';
import { kindLabels, statusLabels, type Kind, type StatusCode } from '../../machines/secondment';
import { listCasesInScope, roundLinksOf, type RoundLink } from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiContext } from '../context';
import { ERROR_RESPONSES } from '../errors';
import type { ZodApp } from './types';

const EXPORT_MAX = 10_000;
const PAGE = 500;

const exportQuerySchema = caseFilterSchema.omit({ limit: true, offset: true });

type Row = CaseSummary & { round: RoundLink | null };

/** Names first (what a person reads); the codes at the end, for a machine that reads the file. */
const COLUMNS: [string, (c: Row) => string | number | boolean | null][] = [
  ['案件编号 case id', (c) => c.caseId],
  ['姓名 name', (c) => c.cadre?.name ?? null],
  ['状态 status', (c) => statusLabels[c.status as StatusCode]?.zh ?? c.status],
  ['类型 kind', (c) => kindLabels[c.kind as Kind]?.zh ?? c.kind],
  ['年度 year', (c) => c.year],
  ['派出单位 sending unit', (c) => c.sendingUnitName.zh],
  ['接收单位 receiving unit', (c) => c.receivingUnitName.zh],
  ['批次 round', (c) => c.round?.roundName ?? null],
  ['挂职期限 term', (c) => (c.round ? `${c.round.termStart} — ${c.round.termEnd}` : null)],
  ['期限说明 term reason', (c) => c.round?.termReason ?? null],
  ['生活补助（元/天）subsidy per day', (c) => c.round?.subsidyPerDay ?? null],
  ['补助发放 paid by', (c) => (c.round ? c.sendingUnitName.zh : null)],
  ['工资待遇 pay', (c) => (c.round ? '工资待遇不变，由原单位发放' : null)],
  ['下一事项 next duty', (c) => c.nextDuty?.label ?? null],
  ['责任方 owner', (c) => (c.nextDuty ? c.nextDuty.ownerUnitName.zh : null)],
  ['下一期限 next deadline', (c) => c.nextDeadline],
  ['逾期 overdue', (c) => c.overdue],
  ['停滞 stuck', (c) => c.stuck],
  ['停滞原因 stuck reason', (c) => c.stuckReason],
  ['最后序号 last seq', (c) => c.lastSeq],
  ['更新时间 updated at', (c) => c.updatedAt],
  ['派出单位代码 sending unit code', (c) => c.sendingUnit],
  ['接收单位代码 receiving unit code', (c) => c.receivingUnit],
  ['干部编号 person id', (c) => c.cadre?.id ?? null],
];

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Export of the case list: the same filters and the same scope as GET /api/cases, as CSV. */
export function exportRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/cases/export.csv',
    {
      schema: {
        tags: ['cases'],
        summary: `Export the cases in your scope as CSV with names (UTF-8 with BOM for spreadsheets; the filters of GET /api/cases; term, living subsidy and pay rule of round cases; at most ${EXPORT_MAX} rows)`,
        querystring: exportQuerySchema,
        // a file, not JSON: only the error answers are declared (the 200 body is the file)
        response: { ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const cases: CaseSummary[] = [];
      for (let offset = 0; offset < EXPORT_MAX; offset += PAGE) {
        const page = await listCasesInScope(ctx.db, user, { ...request.query, limit: PAGE, offset });
        cases.push(...page.items);
        if (offset + PAGE >= page.total) break;
      }
      const links = await roundLinksOf(
        ctx.db,
        cases.map((c) => c.caseId),
      );
      const rows: Row[] = cases.map((c) => ({ ...c, round: links.get(c.caseId) ?? null }));
      const lines = [
        COLUMNS.map(([header]) => cell(header)).join(','),
        ...rows.map((c) => COLUMNS.map(([, get]) => cell(get(c))).join(',')),
      ];
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="secondment-cases.csv"')
        .send(`\uFEFF${lines.join('\r\n')}\r\n` as never);
    },
  );
}
