import { createPublicKey } from 'node:crypto';
import { publicKeyId, writeExport } from '../../common/auditExport';
import {
  auditExportQuerySchema,
  auditPublicKeySchema,
  auditVerificationSchema,
  verifyQuerySchema,
  type ChainVerification,
} from '../../contract';
import {
  caseIdsInScope,
  caseIdsStored,
  codesInJurisdiction,
  deletedCase,
  exportCases,
  listRoundsInScope,
  roundSubject,
  verifyChain,
} from '../../store';
import { roundFor } from '../roundAccess';
import type { User } from '../../contract';
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
      if (request.query.roundId) {
        const round = await roundFor(ctx, user, request.query.roundId);
        const result = await verifyRound(ctx, round.id);
        return { ok: result.ok, cases: 0, rounds: 1, entries: result.entries, results: [result] };
      }
      if (request.query.caseId) {
        const ref = await caseInScope(ctx.db, user, request.query.caseId);
        const result = await verifyAnchored(ctx, ref.caseId);
        return { ok: result.ok, cases: 1, entries: result.entries, results: [result] };
      }
      const results: ChainVerification[] = [];
      for (const caseId of await caseIdsInScope(ctx.db, user))
        results.push(await verifyAnchored(ctx, caseId));
      results.push(...(await deletedCasesInScope(ctx, user)));
      const cases = results.length;
      // the rounds' own trails, for those who see the rounds' decisions
      if (user.role === 'org_admin' || user.role === 'auditor')
        for (const round of await listRoundsInScope(ctx.db, user))
          results.push(await verifyRound(ctx, round.id));
      return {
        ok: results.every((x) => x.ok),
        cases,
        rounds: results.length - cases,
        entries: results.reduce((n, x) => n + x.entries, 0),
        results: results.filter((x) => !x.ok),
      };
    },
  );

  r.get(
    '/api/audit/export',
    {
      schema: {
        tags: ['audit'],
        summary:
          'Export the audit trail of one case (caseId) or of every case in your scope: JSON Lines, one file, with the head Temporal holds and the verification per case, signed (Ed25519) over its content; check it offline with `secondment audit verify --file … --public-key …`',
        querystring: auditExportQuerySchema,
        response: { ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const ids = request.query.caseId
        ? [(await caseInScope(ctx.db, user, request.query.caseId)).caseId]
        : await caseIdsInScope(ctx.db, user);
      const cases = await exportCases(ctx.db, ids, (id) => ctx.ops.auditHead(id));
      const text = writeExport(
        cases,
        { exportedAt: new Date().toISOString(), exportedBy: user.username },
        ctx.auditSigningKey,
      );
      const name = request.query.caseId ? `audit-${request.query.caseId}.jsonl` : 'audit.jsonl';
      return (
        reply
          .header('content-type', 'application/jsonl; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          // a file, not JSON: the route declares only its error answers (the 200 body is the file)
          .send(text as never)
      );
    },
  );

  r.get(
    '/api/audit/public-key',
    {
      schema: {
        tags: ['audit'],
        summary:
          'The public key audit exports are signed with (PEM) and its id: all an offline verifier needs',
        response: { 200: auditPublicKeySchema, ...ERROR_RESPONSES },
      },
    },
    () => {
      const pub = createPublicKey(ctx.auditSigningKey);
      return { keyId: publicKeyId(pub), publicKey: pub.export({ type: 'spki', format: 'pem' }).toString() };
    },
  );
}

/** A round's own chain against the head its workflow holds. */
const verifyRound = (ctx: ApiContext, roundId: string) => verifyAnchored(ctx, roundSubject(roundId));

/**
 * A chain against the head Temporal holds. The workflow keeps the head just after the write, so a
 * chain verified in between is one row ahead: asked again once before it is called forged.
 */
async function verifyAnchored(ctx: ApiContext, chain: string): Promise<ChainVerification> {
  const first = await verifyChain(ctx.db, chain, { head: await ctx.ops.auditHead(chain) });
  if (first.ok || !/beyond Temporal's head/.test(first.reason)) return first;
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return verifyChain(ctx.db, chain, { head: await ctx.ops.auditHead(chain) });
}

/**
 * Cases this deployment's workflows host (its task queue) that Temporal knows, holding a head (so the database once had their rows), of which the
 * database now holds nothing: deleted from every table. Only Temporal can name them. Whose they
 * were follows from the units their search attributes name; a 统战部 or cadre login cannot tell
 * (party membership and the cadre are gone with the rows), so only the org department, its
 * auditors and the units' own officers are shown them.
 */
async function deletedCasesInScope(ctx: ApiContext, user: User): Promise<ChainVerification[]> {
  if (!['org_admin', 'auditor', 'sending_officer', 'receiving_officer'].includes(user.role)) return [];
  const known = await ctx.ops.casesTemporalKnows(ctx.taskQueue);
  if (!known || known.size === 0) return [];
  const stored = await caseIdsStored(ctx.db, [...known.keys()]);
  const lost = [...known].filter(([id]) => !stored.has(id));
  if (lost.length === 0) return [];
  const units = [...new Set(lost.flatMap(([, k]) => k.units))];
  const visible =
    user.role === 'org_admin' || user.role === 'auditor'
      ? await codesInJurisdiction(ctx.db, user.units, units)
      : new Set(user.units);
  const out: ChainVerification[] = [];
  for (const [caseId, { units: its }] of lost) {
    if (!its.some((u) => visible.has(u))) continue;
    const head = await ctx.ops.auditHead(caseId);
    if (head) out.push(deletedCase(caseId, head));
  }
  return out;
}
