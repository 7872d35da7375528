import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import { FailureType } from '../contract';
import { isDataRefusal } from '../db';
import { SequenceGapError, TransitionConflictError } from '../store';

/** Bad input never gets better by retrying; the message names each offending field. */
export function parseOrFail<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw ApplicationFailure.create({
    type: FailureType.InvalidInput,
    message: `${what} 无效 / invalid ${what}:\n${z.prettifyError(result.error)}`,
    nonRetryable: true,
  });
}

/**
 * The store's typed errors as the failures the workflow's retry policy matches on: a conflicting
 * record at a used seq is non-determinism (never retried); a sequence gap stays retryable, so if
 * transitions were ever applied out of order the missing one lands first and the retry succeeds,
 * while a genuine bug keeps failing visibly in Temporal's UI. Anything else (the database is down)
 * is retried as it is.
 */
export function toActivityFailure(error: unknown): unknown {
  if (error instanceof TransitionConflictError) {
    return ApplicationFailure.create({
      type: FailureType.TransitionConflict,
      message: error.message,
      nonRetryable: true,
      details: [{ caseId: error.caseId, seq: error.seq }],
    });
  }
  if (error instanceof SequenceGapError) {
    return ApplicationFailure.create({
      type: FailureType.SequenceGap,
      message: error.message,
      nonRetryable: false,
      details: [{ caseId: error.caseId, seq: error.seq, lastSeq: error.lastSeq }],
    });
  }
  if (isDataRefusal(error)) {
    // Defence in depth behind the text schemas: a value the database refuses would fail the same
    // way on every retry and wedge the case. Fail at once, naming the database's reason (its
    // message names the problem, never the value).
    const reason = error instanceof Error ? error.message : String(error);
    return ApplicationFailure.create({
      type: FailureType.UnstorableInput,
      message: `数据库拒绝保存该值 / the database refused to store a value: ${reason}`,
      nonRetryable: true,
      details: [{ sqlState: (error as { code?: string }).code ?? null, reason }],
    });
  }
  return error;
}
