// What the case workflow keeps outside the database (in its memo, read by the API from
// DescribeWorkflowExecution, never by a query): the head (seq, hash) of its audit chain, and the
// reason of a transition the database refused to store. Shared by both machine versions' hosts.
import {
  ActivityFailure,
  ApplicationFailure,
  continueAsNew,
  makeContinueAsNewFunc,
  patched,
  upsertMemo,
  workflowInfo,
} from '@temporalio/workflow';
import { FailureType, type Refusal } from '../../contract/errors';
import { MEMO, type CaseView, type SecondmentWorkflowInput } from './definitions';

/**
 * Patch marker (Temporal's `patched`): histories recorded before the head was kept have no marker
 * and replay without the memo commands; every new transition keeps it. Never rename it.
 */
export const AUDIT_HEAD_PATCH = 'audit-head-memo';

/** Keeps the head the activity wrote (and clears a refusal shown before, once a write succeeds). */
export function createHeadKeeper(): {
  written(head: { seq: number; hash: string }): void;
  refused(reason: string, eventType: string, at: string): ApplicationFailure;
} {
  let failureShown = false;
  return {
    written(head) {
      if (!patched(AUDIT_HEAD_PATCH)) return;
      upsertMemo({
        [MEMO.auditHead]: { seq: head.seq, hash: head.hash },
        ...(failureShown ? { [MEMO.technicalFailure]: null } : {}),
      });
      failureShown = false;
    },
    /**
     * The database refuses this transition's values and always will: it never happened. The
     * technical-stuck list shows why at once (memo) and the caller gets the reason instead of a
     * request that waits on endless retries.
     */
    refused(reason, eventType, at) {
      upsertMemo({ [MEMO.technicalFailure]: { reason, eventType, at } });
      failureShown = true;
      return ApplicationFailure.create({
        type: FailureType.UnstorableInput,
        message: reason,
        nonRetryable: true,
        details: [
          {
            code: 'INVALID_EVENT',
            rule: 'event.schema',
            message: { zh: reason, en: reason },
          } satisfies Refusal,
        ],
      });
    },
  };
}

/** The database refused the transition's values: the failure the activity reports (non-retryable). */
export function unstorableCause(err: unknown): ApplicationFailure | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  return cause instanceof ApplicationFailure && cause.type === FailureType.UnstorableInput
    ? cause
    : undefined;
}

/** True for the failure `refused` throws: a deadline alarm that hits it lets the case go on. */
export const isUnstorable = (err: unknown): boolean =>
  err instanceof ApplicationFailure && err.type === FailureType.UnstorableInput;

/** Continue-as-new that takes the memo (the audit head) into the case's next run. */
export function continueKeepingHead(next: SecondmentWorkflowInput): Promise<never> {
  const memo = workflowInfo().memo;
  const go = memo?.[MEMO.auditHead]
    ? makeContinueAsNewFunc<(i: SecondmentWorkflowInput) => Promise<CaseView>>({ memo })
    : continueAsNew<(i: SecondmentWorkflowInput) => Promise<CaseView>>;
  return go(next);
}
