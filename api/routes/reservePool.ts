import { reservePoolListSchema, reservePoolQuerySchema, type ReservePoolList } from '../../contract';
import { evaluateEligibility, getPolicy } from '../../machines/secondment';
import { cadreFactsOf, chinaDay, listPersonsInScope, poolEntryOf } from '../../store';
import { termMonths } from '../../common/termMonths';
import { callerOf } from '../auth/plugin';
import type { ApiContext } from '../context';
import { ERROR_RESPONSES } from '../errors';
import { roundFor } from '../roundAccess';
import type { ZodApp } from './types';

/** A pool entry's source as the nomination source the rules read (a survey is the organization's). */
const asNominationSource = (s: 'survey' | 'self' | 'mass' | 'organization') =>
  ({ type: s === 'survey' ? 'organization' : s }) as const;

/*
 * GET /api/reserve-pool: the pool (拟选派干部库) of the caller's scope with each person's
 * eligibility for a kind, judged today by the lifecycle machine's own rules under a round's policy
 * and common term (or the default policy and 12 months), for their age today. The same judgement a
 * recommendation gets at entry; nothing is stored.
 */
export function reservePoolRoutes(r: ZodApp, ctx: ApiContext): void {
  r.get(
    '/api/reserve-pool',
    {
      schema: {
        tags: ['persons'],
        summary:
          'The reserve pool in your scope, each person with their eligibility for a kind under a round’s policy and term (reasons shown)',
        querystring: reservePoolQuerySchema,
        response: { 200: reservePoolListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request): Promise<ReservePoolList> => {
      const user = callerOf(request);
      const q = request.query;
      const round = q.roundId ? await roundFor(ctx, user, q.roundId) : null;
      const policyId = round?.policyId ?? 'default';
      const months = round ? termMonths(round.termStart, round.termEnd) : 12;
      const now = new Date();
      const year = round?.year ?? now.getUTCFullYear();
      const persons = await listPersonsInScope(ctx.db, user, {
        pool: true,
        limit: 500,
        offset: 0,
        ...(q.q ? { q: q.q } : {}),
      });
      const items: ReservePoolList['items'] = [];
      for (const person of persons.items) {
        const entry = await poolEntryOf(ctx.db, person.id);
        if (!entry?.active) continue;
        const facts = await cadreFactsOf(ctx.db, person.id, chinaDay(now), year);
        if (!facts.ok) {
          items.push({ person, entry, eligibility: null, missing: facts.missing });
          continue;
        }
        const failures = evaluateEligibility(
          {
            cadre: facts.facts,
            kind: q.kind,
            termMonths: months,
            source: asNominationSource(entry.source),
            sendingUnit: person.currentUnit ?? '',
            requestedReceivingUnit: '',
          },
          getPolicy(policyId),
        );
        items.push({
          person,
          entry,
          eligibility: { ok: failures.length === 0, failures, age: facts.facts.age, at: now.toISOString() },
          missing: [],
        });
      }
      return { kind: q.kind, policy: policyId, termMonths: months, items };
    },
  );
}
