import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';
import { FailureType } from '../contract';
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
  return error;
}
