import { roundIdParamSchema, roundStatsSchema } from '../../contract';
import { recommendationsApart, roundCaseFacts, type StoredRound } from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { ApiError, ERROR_RESPONSES } from '../errors';
import { roundFor } from '../roundAccess';
import { roundStatsCsv, roundStatsXlsx } from '../roundExport';
import { roundStatistics } from '../roundStatistics';
import type { ZodApp } from './types';

/*
 * The round's statistics (统计): counts by kind, unit, party, category, progress and grade, from
 * the cases' real state; as JSON for the console's charts and tables, CSV and an XLSX workbook with
 * names. For the department, its auditors and its 统战部 (their jurisdiction's rounds).
 */

async function statsOf(ctx: ApiContext, user: ApiUser, id: string) {
  const round: StoredRound = await roundFor(ctx, user, id);
  if (user.role !== 'org_admin' && user.role !== 'auditor' && user.role !== 'united_front')
    throw new ApiError(
      'FORBIDDEN',
      '统计仅限组织部、统战部和审计 / statistics are for departments and auditors',
      {
        rule: 'round.role',
      },
    );
  const [facts, apart] = await Promise.all([
    roundCaseFacts(ctx.db, round.id),
    recommendationsApart(ctx.db, round.id),
  ]);
  return { round, stats: roundStatistics(round, facts, apart) };
}

const fileName = (round: StoredRound, ext: string) =>
  `attachment; filename="round-${round.id}-stats.${ext}"; filename*=UTF-8''${encodeURIComponent(`${round.year}年度挂职工作统计-${round.name}.${ext}`)}`;

export function roundStatsRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/rounds/:id/stats',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'Statistics of the round from its cases: by kind, unit, 党外 count and share, 选调生, 县级后备, from townships, progress, grades, overdue, stuck; rejected and withdrawn apart; one row per case with names',
        params: roundIdParamSchema,
        response: { 200: roundStatsSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => (await statsOf(ctx, callerOf(request), request.params.id)).stats,
  );

  r.get(
    '/api/rounds/:id/stats.csv',
    {
      schema: {
        tags: ['rounds'],
        summary: 'The statistics as CSV (UTF-8 with BOM): the list with names, then the summary',
        params: roundIdParamSchema,
        // a file, not JSON: only the error answers are declared (the 200 body is the file)
        response: { ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { round, stats } = await statsOf(ctx, callerOf(request), request.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', fileName(round, 'csv'))
        .send(roundStatsCsv(stats, `${round.year}年度挂职工作统计 ${round.name}`) as never);
    },
  );

  r.get(
    '/api/rounds/:id/stats.xlsx',
    {
      schema: {
        tags: ['rounds'],
        summary:
          'The statistics as an XLSX workbook: 汇总 (summary), 名单 (list with names), 按单位, 考核等次',
        params: roundIdParamSchema,
        // a file, not JSON: only the error answers are declared (the 200 body is the file)
        response: { ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { round, stats } = await statsOf(ctx, callerOf(request), request.params.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', fileName(round, 'xlsx'))
        .send((await roundStatsXlsx(stats, `${round.year}年度挂职工作统计 ${round.name}`)) as never);
    },
  );
}
