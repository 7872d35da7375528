import { caseFilterSchema, type CaseSummary } from '../../contract';
import { listCasesInScope } from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiContext } from '../context';
import type { ZodApp } from './types';

const EXPORT_MAX = 10_000;
const PAGE = 500;

const exportQuerySchema = caseFilterSchema.omit({ limit: true, offset: true });

const COLUMNS: [string, (c: CaseSummary) => string | number | boolean | null][] = [
  ['案件编号 case id', (c) => c.caseId],
  ['状态 status', (c) => c.status],
  ['类型 kind', (c) => c.kind],
  ['年度 year', (c) => c.year],
  ['派出单位 sending unit', (c) => c.sendingUnit],
  ['接收单位 receiving unit', (c) => c.receivingUnit],
  ['下一事项 next duty', (c) => c.nextDuty?.label ?? null],
  ['责任方 owner', (c) => (c.nextDuty ? `${c.nextDuty.ownerRole}@${c.nextDuty.ownerUnit}` : null)],
  ['下一期限 next deadline', (c) => c.nextDeadline],
  ['逾期 overdue', (c) => c.overdue],
  ['停滞 stuck', (c) => c.stuck],
  ['停滞原因 stuck reason', (c) => c.stuckReason],
  ['最后序号 last seq', (c) => c.lastSeq],
  ['更新时间 updated at', (c) => c.updatedAt],
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
        summary: `Export the cases in your scope as CSV (UTF-8 with BOM for spreadsheets; the filters of GET /api/cases; at most ${EXPORT_MAX} rows)`,
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const rows: CaseSummary[] = [];
      for (let offset = 0; offset < EXPORT_MAX; offset += PAGE) {
        const page = await listCasesInScope(ctx.db, user, { ...request.query, limit: PAGE, offset });
        rows.push(...page.items);
        if (offset + PAGE >= page.total) break;
      }
      const lines = [
        COLUMNS.map(([header]) => cell(header)).join(','),
        ...rows.map((c) => COLUMNS.map(([, get]) => cell(get(c))).join(',')),
      ];
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="secondment-cases.csv"')
        .send(`\uFEFF${lines.join('\r\n')}\r\n`);
    },
  );
}
