import type { Calendar } from '../machines/calendar';
import type { Db } from '../db';
import {
  calendarTables,
  recordProposalEscalation,
  type ApplyTransitionResult,
  type IntakeFacts,
  type TransitionRecordInput,
} from '../store';
import { applyTransition } from './applyTransition';
import { releaseIntake, reserveIntake, type IntakeRequestInput } from './intake';
import type { SecondmentClient } from '../client';
import { launchRoundBatch, type LaunchBatchInput, type LaunchBatchResult } from './launchRound';
import { applyRoundTransition } from './roundTransition';
import type { RoundTransitionRecordInput } from '../store';

export interface ActivityDeps {
  db: Db;
  /** the workflow client a round's launch starts cases with (absent: launches fail, nothing else) */
  cases?: SecondmentClient | undefined;
}

/**
 * The Temporal activities the secondment workflow proxies, wired to this worker's database. A
 * factory, so the worker injects its storage; names are in recorded histories: never rename one.
 */
export function createActivities(deps: ActivityDeps) {
  const { db, cases } = deps;
  return {
    applyTransition: (input: TransitionRecordInput): Promise<ApplyTransitionResult> =>
      applyTransition(db, input),
    /** The holiday tables of these years, as loaded (machine v2 computes with them; its result is in history). */
    loadCalendar: (years: { from: number; to: number }): Promise<Calendar> =>
      calendarTables(db, years.from, years.to),
    /** Takes a place of the receiving unit's quota for this case (atomic, idempotent by case id). */
    reserveIntake: (input: IntakeRequestInput): Promise<IntakeFacts> => reserveIntake(db, input),
    /** Gives the place back: the approval was refused after all. */
    releaseIntake: (input: { caseId: string }): Promise<{ released: boolean }> => releaseIntake(db, input),
    applyRoundTransition: (
      input: RoundTransitionRecordInput,
    ): Promise<{ roundId: string; seq: number; hash: string }> => applyRoundTransition(db, input),
    launchRoundBatch: (input: LaunchBatchInput): Promise<LaunchBatchResult> =>
      launchRoundBatch({ db, cases }, input),
    /** A four-eyes proposal's ladder step while nobody decided (idempotent per proposal and step). */
    escalateProposal: (input: { proposalId: string; step: string }): Promise<{ recorded: boolean }> =>
      recordProposalEscalation(db, { ...input, at: new Date().toISOString() }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
