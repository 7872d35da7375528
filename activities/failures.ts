import { ApplicationFailure } from '@temporalio/activity';
import { z } from 'zod';

/** Failure `type`s the workflow can match on. */
export const FailureType = {
  InvalidInput: 'InvalidInput',
  TransitionConflict: 'TransitionConflict',
  SequenceGap: 'SequenceGap',
} as const;

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

/** The workflow produced a different transition for a sequence number already written: non-determinism. */
export function transitionConflict(caseId: string, seq: number): ApplicationFailure {
  return ApplicationFailure.create({
    type: FailureType.TransitionConflict,
    message:
      `案件 ${caseId} 第 ${seq} 号转换已写入且内容不同（工作流不确定）/ ` +
      `case ${caseId} seq ${seq} was already written with different content (workflow non-determinism)`,
    nonRetryable: true,
    details: [{ caseId, seq }],
  });
}

/**
 * A sequence number beyond last+1. Left retryable: if transitions were ever applied out of order the
 * missing one lands first and the retry succeeds; a genuine bug keeps failing visibly in Temporal's UI.
 */
export function sequenceGap(caseId: string, seq: number, lastSeq: number): ApplicationFailure {
  return ApplicationFailure.create({
    type: FailureType.SequenceGap,
    message:
      `案件 ${caseId} 序号不连续：最后为 ${lastSeq}，收到 ${seq} / ` +
      `case ${caseId} sequence gap: last is ${lastSeq}, got ${seq}`,
    nonRetryable: false,
    details: [{ caseId, seq, lastSeq }],
  });
}
