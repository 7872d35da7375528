// What every round route needs: the round if the caller may see it, who acts for it, how a round
// event is sent, and the round as the API shows it (names joined).
import type { Round } from '../contract';
import { REFUSAL_ERRORS } from '../contract';
import type { Actor } from '../machines/secondment';
import { roundStatusLabels, type RoundStatus } from '../machines/round';
import { PAY_RULE_LABEL, roundInScope, SUBSIDY_PAYER_LABEL, type StoredRound } from '../store';
import { termMonths } from '../common/termMonths';
import type { ApiUser } from './auth/users';
import type { ApiContext } from './context';
import { ApiError, fromClientError, notFound } from './errors';

export async function roundFor(ctx: ApiContext, user: ApiUser, id: string): Promise<StoredRound> {
  const round = await roundInScope(ctx.db, user, id);
  if (!round) throw notFound('round');
  return round;
}

/** Only the round's own organization department decides, allocates, launches and closes. */
export function assertRoundDepartment(user: ApiUser, round: StoredRound, what: string): void {
  if (user.role !== 'org_admin' || !user.units.includes(round.orgUnit))
    throw new ApiError(
      'FORBIDDEN',
      `只有本批次的组织部（${round.orgUnitName.zh}）可以${what.split(' / ')[0]} / only the round's organization department may ${what.split(' / ')[1] ?? what}`,
      { rule: 'round.role' },
    );
}

/** The caller as the actor of a round event, for one of their units (never a unit from the body). */
export function roundActor(user: ApiUser, unit?: string): Actor {
  const acting = unit !== undefined && user.units.includes(unit) ? unit : (user.units[0] ?? user.username);
  return { id: user.username, role: user.role, unit: acting };
}

/** A round event as this actor; the machine's refusals become API errors with the rule named. */
export async function sendRound(
  ctx: ApiContext,
  roundId: string,
  type: string,
  payload: Record<string, unknown>,
  actor: Actor,
) {
  try {
    return await ctx.rounds.send(roundId, type, { ...payload, actor });
  } catch (err) {
    throw fromClientError(err);
  }
}

/**
 * Would the round accept this event now (judged on its stored state by the same machine)? Asked
 * before a row is written, so a refused application or recommendation leaves nothing behind.
 */
export async function precheck(
  ctx: ApiContext,
  roundId: string,
  type: string,
  payload: Record<string, unknown>,
  actor: Actor,
): Promise<void> {
  const verdict = await ctx.rounds.check(roundId, type, { ...payload, actor });
  if (verdict.ok) return;
  const r = verdict.refusal;
  const code = REFUSAL_ERRORS[r.code as keyof typeof REFUSAL_ERRORS] ?? 'EVENT_REFUSED';
  throw new ApiError(code, `${r.message.zh} / ${r.message.en} [${r.code}: ${r.rule}]`, { rule: r.rule });
}

export function assertCollecting(round: StoredRound): void {
  if (round.status !== 'COLLECTING')
    throw new ApiError(
      'EVENT_REFUSED',
      `本批次已由组织确定，不能再修改（${roundStatusLabels[round.status as RoundStatus]?.zh ?? round.status}） / the round is ${round.status}: the board is fixed`,
      { rule: 'round.state' },
    );
}

export function roundView(round: StoredRound): Round {
  const status = round.status as RoundStatus;
  return {
    id: round.id,
    year: round.year,
    name: round.name,
    orgUnit: { code: round.orgUnit, name: round.orgUnitName },
    unitedFrontUnit: { code: round.unitedFrontUnit, name: round.unitedFrontUnitName },
    kinds: round.kinds,
    policy: round.policyId,
    term: { start: round.termStart, end: round.termEnd, months: termMonths(round.termStart, round.termEnd) },
    subsidy: {
      amountPerDay: round.subsidyPerDay,
      payer: round.subsidyPayer,
      payerLabel: SUBSIDY_PAYER_LABEL,
    },
    payRule: { code: round.payRule, label: PAY_RULE_LABEL },
    applicationDeadline: round.applicationDeadline,
    recommendationDeadline: round.recommendationDeadline,
    maxRecommendationsPerUnit: round.maxRecommendationsPerUnit,
    status: round.status,
    statusLabel: roundStatusLabels[status] ?? { zh: round.status, en: round.status },
    createdBy: round.createdBy,
    createdAt: round.createdAt,
  };
}
