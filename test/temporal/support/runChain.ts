import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import type { TransitionRecordInput } from '../../../activities';
import type { SecondmentWorkflowInput } from '../../../workflows/secondment/definitions';
import { decryptHistory } from '../../harness/codec';

type History = temporal.api.history.v1.IHistory;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** One run of a workflow execution chain (continue-as-new), with its full history. */
export interface RunHistory {
  runId: string;
  /** decrypted (payloads readable) */
  history: History;
  /** as the server stores it (payloads encrypted by the codec): what the record scripts commit */
  stored: History;
  events: HistoryEvent[];
  input: SecondmentWorkflowInput;
  /** when the run started (server time, ms) */
  startedAt: number;
}

export const eventTimeMs = (e: HistoryEvent): number => tsToMs(e.eventTime);

/**
 * Every run of a workflow id, oldest first: walks back from the latest run through each
 * started event's `continuedExecutionRunId`, so it needs no (eventually consistent) visibility.
 */
export async function runChain(client: Client, workflowId: string): Promise<RunHistory[]> {
  const runs: RunHistory[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const fetched = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const stored = temporal.api.history.v1.History.decode(
      temporal.api.history.v1.History.encode(fetched).finish(),
    );
    const history: History = await decryptHistory(fetched);
    const events: HistoryEvent[] = history.events ?? [];
    const first = events[0];
    const started = first?.workflowExecutionStartedEventAttributes;
    if (!first || !started) throw new Error(`run ${runId} of ${workflowId} has no started event`);
    const payload = started.input?.payloads?.[0];
    if (!payload) throw new Error(`run ${runId} of ${workflowId} has no input`);
    runs.unshift({
      runId,
      history,
      stored,
      events,
      input: defaultPayloadConverter.fromPayload<SecondmentWorkflowInput>(payload),
      startedAt: eventTimeMs(first),
    });
    runId = started.continuedExecutionRunId || undefined;
  }
  return runs;
}

/** Audit seqs whose applyTransition activity this run scheduled. */
export function seqsAppliedIn(run: RunHistory): number[] {
  return run.events.flatMap((e) => {
    const a = e.activityTaskScheduledEventAttributes;
    if (!a || a.activityType?.name !== 'applyTransition') return [];
    const payload = a.input?.payloads?.[0];
    return payload ? [defaultPayloadConverter.fromPayload<TransitionRecordInput>(payload).seq] : [];
  });
}

/** Timers the run's first workflow task started, as absolute fire times (server clock, ms). */
export function timersOfFirstTask(run: RunHistory): number[] {
  const firstCompleted = run.events.find((e) => e.workflowTaskCompletedEventAttributes);
  if (!firstCompleted) return [];
  const completedId = Number(firstCompleted.eventId);
  return run.events.flatMap((e) => {
    const t = e.timerStartedEventAttributes;
    if (!t || Number(t.workflowTaskCompletedEventId) !== completedId) return [];
    return [eventTimeMs(e) + tsToMs(t.startToFireTimeout)];
  });
}

/** Whether the server set `suggestContinueAsNew` on any workflow task of the run. */
export const serverSuggestedContinueAsNew = (run: RunHistory): boolean =>
  run.events.some((e) => e.workflowTaskStartedEventAttributes?.suggestContinueAsNew === true);

/** How the run ended: the type of its last event's attributes. */
export function closeEventOf(run: RunHistory): string {
  const last = run.events.at(-1);
  if (last?.workflowExecutionContinuedAsNewEventAttributes) return 'continuedAsNew';
  if (last?.workflowExecutionCompletedEventAttributes) return 'completed';
  return 'open-or-other';
}
