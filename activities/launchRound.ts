import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import { SecondmentError, type SecondmentClient } from '../client';
import { FailureType } from '../contract';
import type { Db } from '../db';
import {
  chinaDay,
  getRound,
  insertRoundCase,
  listRecommendations,
  listRoundCases,
  nominationPartiesOf,
  recordCaseParties,
  roundCaseId,
  setLaunchState,
  type StoredRecommendation,
  type StoredRound,
} from '../store';
import { parseOrFail } from './failures';
import { termMonths } from '../common/termMonths';

export const launchBatchSchema = z.object({
  roundId: z.string().min(1).max(64),
  /** the org admin who launched: the cases are nominated and approved in their name */
  launchedBy: z.string().min(1).max(128),
  batchSize: z.number().int().min(1).max(50),
});
export type LaunchBatchInput = z.infer<typeof launchBatchSchema>;

export interface LaunchBatchResult {
  processed: number;
  /** assigned candidates still without a settled case after this batch */
  remaining: number;
  /** cases this batch started */
  started: number;
  /** cases found already started (a retried launch) */
  already: number;
  failed: number;
}

/**
 * Starts the next batch of a round's cases: for each assigned candidate without a settled case,
 * the case id is derived from (round, recommendation), its parties are recorded, the secondment
 * workflow is started (already started = launched before: nothing happens twice) with the cadre's
 * rule facts from the registry and the round's common term, and the board's decision is recorded
 * as the case's approval by the launching org admin — whose quota check reads the stored allocation.
 */
export async function launchRoundBatch(
  deps: { db: Db; cases?: SecondmentClient | undefined },
  input: unknown,
): Promise<LaunchBatchResult> {
  const req = parseOrFail(launchBatchSchema, input, 'launchBatch');
  const cases = deps.cases;
  if (!cases)
    throw ApplicationFailure.create({
      type: FailureType.InvalidInput,
      message: '工作进程未配置工作流客户端 / this worker has no workflow client for launches',
      nonRetryable: true,
    });
  const round = await getRound(deps.db, req.roundId);
  if (!round) throw ApplicationFailure.create({ message: `no round ${req.roundId}`, nonRetryable: true });
  const settled = new Set(
    (await listRoundCases(deps.db, req.roundId))
      .filter((c) => c.state === 'approved' || c.state === 'failed')
      .map((c) => c.recommendationId),
  );
  const todo = (await listRecommendations(deps.db, req.roundId)).filter(
    (r) => r.status === 'assigned' && r.assignment !== null && !settled.has(r.id),
  );
  const batch = todo.slice(0, req.batchSize);
  const result: LaunchBatchResult = {
    processed: batch.length,
    remaining: todo.length - batch.length,
    started: 0,
    already: 0,
    failed: 0,
  };
  for (const rec of batch) {
    const outcome = await launchOne(deps.db, cases, round, rec, req.launchedBy);
    result[outcome] += 1;
  }
  return result;
}

async function launchOne(
  db: Db,
  cases: SecondmentClient,
  round: StoredRound,
  rec: StoredRecommendation,
  launchedBy: string,
): Promise<'started' | 'already' | 'failed'> {
  const caseId = roundCaseId(round.id, rec.id);
  const receivingUnit = rec.assignment?.receivingUnit ?? '';
  await insertRoundCase(db, {
    caseId,
    roundId: round.id,
    recommendationId: rec.id,
    termStart: round.termStart,
    termEnd: round.termEnd,
    termReason: null,
    subsidyPerDay: round.subsidyPerDay,
    subsidyPayer: round.subsidyPayer,
    payRule: round.payRule,
  });
  const now = new Date();
  const derived = await nominationPartiesOf(db, {
    personId: rec.personId,
    sendingUnit: rec.sendingUnit,
    requestedReceivingUnit: receivingUnit,
    year: round.year,
    day: chinaDay(now),
    round: { orgUnit: round.orgUnit, unitedFrontUnit: round.unitedFrontUnit },
  });
  if (!derived.ok) {
    await setLaunchState(db, caseId, 'failed', `${derived.problem.zh} / ${derived.problem.en}`);
    return 'failed';
  }
  const { orgUnit, unitedFrontUnit, facts } = derived.parties;
  await recordCaseParties(db, {
    caseId,
    orgUnit,
    unitedFrontUnit,
    sendingUnit: rec.sendingUnit,
    requestedReceivingUnit: receivingUnit,
    cadreId: rec.personId,
    cpcMember: facts.cpcMember,
    roundId: round.id,
    createdBy: launchedBy,
  });
  const actor = { id: launchedBy, role: 'org_admin' as const, unit: round.orgUnit };
  let already = false;
  try {
    await cases.nominate({
      caseId,
      year: round.year,
      roundId: round.id,
      kind: rec.kind,
      cadre: facts,
      sendingUnit: rec.sendingUnit,
      requestedReceivingUnit: receivingUnit,
      orgUnit,
      unitedFrontUnit,
      termMonths: termMonths(round.termStart, round.termEnd),
      term: { start: round.termStart, end: round.termEnd },
      source: rec.source,
      policy: round.policyId,
      nominatedBy: actor,
      at: now.toISOString(),
    });
  } catch (err) {
    if (!(err instanceof SecondmentError && err.code === 'CASE_EXISTS')) {
      if (err instanceof SecondmentError) {
        await setLaunchState(db, caseId, 'failed', err.message);
        return 'failed';
      }
      throw err;
    }
    already = true;
  }
  await setLaunchState(db, caseId, 'started', null);
  try {
    await cases.send(caseId, 'approval.approve', { actor });
  } catch (err) {
    if (!(err instanceof SecondmentError)) throw err;
    // Approved before (a retried launch): the case is past the decision.
    if (err.refusal?.code !== 'NOT_IN_STATE') {
      await setLaunchState(db, caseId, 'failed', err.message);
      return 'failed';
    }
  }
  await setLaunchState(db, caseId, 'approved', null);
  return already ? 'already' : 'started';
}
