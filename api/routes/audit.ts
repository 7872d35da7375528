import { auditVerificationSchema, verifyQuerySchema, type ChainVerification } from '../../contract';
import { caseIdsInScope, verifyChain } from '../../store';
import { callerOf } from '../auth/plugin';
import type { ApiContext } from '../context';
import { ERROR_RESPONSES } from '../errors';
import { caseInScope } from '../scope';
import type { ZodApp } from './types';

export function auditRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Verify the keyed hash chain of one case (caseId) or of every case in your scope, against the head Temporal holds',
        querystring: verifyQuerySchema,
        response: { 200: auditVerificationSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const user = callerOf(request);
      if (request.query.caseId) {
        const ref = await caseInScope(ctx.db, user, request.query.caseId);
        const result = await verifyChain(ctx.db, ref.caseId, { head: await ctx.ops.auditHead(ref.caseId) });
        return { ok: result.ok, cases: 1, entries: result.entries, results: [result] };
      }
      const results: ChainVerification[] = [];
      for (const caseId of await caseIdsInScope(ctx.db, user))
        results.push(await verifyChain(ctx.db, caseId, { head: await ctx.ops.auditHead(caseId) }));
      return {
        ok: results.every((x) => x.ok),
        cases: results.length,
        entries: results.reduce((n, x) => n + x.entries, 0),
        results: results.filter((x) => !x.ok),
      };
    },
  );
}
