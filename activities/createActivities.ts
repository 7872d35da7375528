import type { Db } from '../db';
import type { ApplyTransitionResult, IntakeFacts, TransitionRecordInput } from '../store';
import { applyTransition } from './applyTransition';
import { releaseIntake, reserveIntake, type IntakeRequestInput } from './intake';

export interface ActivityDeps {
  db: Db;
}

/**
 * The Temporal activities the secondment workflow proxies, wired to this worker's database. A
 * factory, so the worker injects its storage; names are in recorded histories: never rename one.
 */
export function createActivities(deps: ActivityDeps) {
  const { db } = deps;
  return {
    applyTransition: (input: TransitionRecordInput): Promise<ApplyTransitionResult> =>
      applyTransition(db, input),
    reserveIntake: (input: IntakeRequestInput): Promise<IntakeFacts> => reserveIntake(db, input),
    releaseIntake: (input: { caseId: string }): Promise<{ released: boolean }> => releaseIntake(db, input),
  };
}

export type Activities = ReturnType<typeof createActivities>;
