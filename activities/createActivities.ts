import type { Calendar } from '../machines/calendar';
import type { Db } from '../db';
import {
  calendarTables,
  releaseIntake,
  reserveIntake,
  type ApplyTransitionResult,
  type IntakeFacts,
  type IntakeRequest,
  type TransitionRecordInput,
} from '../store';
import { applyTransition } from './applyTransition';

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
    /** The holiday tables of these years, as loaded (machine v2 computes with them; its result is in history). */
    loadCalendar: (years: { from: number; to: number }): Promise<Calendar> =>
      calendarTables(db, years.from, years.to),
    /** Takes a place of the receiving unit's quota for this case (atomic, idempotent by case id). */
    reserveIntake: (request: IntakeRequest & { at: string }): Promise<IntakeFacts> =>
      reserveIntake(db, request, request.at),
    /** Gives the place back: the approval was refused after all. */
    releaseIntake: (request: { caseId: string }): Promise<boolean> => releaseIntake(db, request.caseId),
  };
}

export type Activities = ReturnType<typeof createActivities>;
