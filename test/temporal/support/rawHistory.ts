import { temporal } from '@temporalio/proto';
import type { Payload } from '@temporalio/common';
import type { DevServerClients } from '../../harness/environments';

export type History = temporal.api.history.v1.IHistory;

/**
 * Every payload anywhere in a history event (inputs, results, Update arguments, failures, memo),
 * except search attributes (the server indexes those, so they stay readable and hold codes only)
 * and patch markers' `patch-data` (written by the SDK's core, not the codec: the patch id only).
 */
export function payloadsOf(value: unknown, out: Payload[] = []): Payload[] {
  if (value === null || typeof value !== 'object') return out;
  if (value instanceof Uint8Array) return out;
  const v = value as Record<string, unknown>;
  if ('data' in v && v.data instanceof Uint8Array && 'metadata' in v) out.push(v);
  for (const [key, child] of Object.entries(v)) if (!UNENCODED.has(key)) payloadsOf(child, out);
  return out;
}

const UNENCODED = new Set([
  'searchAttributes',
  'upsertWorkflowSearchAttributesEventAttributes',
  'patch-data',
]);

/** The raw history of a workflow's latest run as the server stores it (not decoded by any client), every page. */
export async function rawHistory(dev: DevServerClients, workflowId: string): Promise<History> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const res = await dev.connection.workflowService.getWorkflowExecutionHistory({
      namespace: dev.namespace,
      execution: { workflowId },
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    events.push(...(res.history?.events ?? []));
    nextPageToken = res.nextPageToken?.length ? res.nextPageToken : undefined;
  } while (nextPageToken);
  return { events };
}

/** A history's bytes as protobuf encodes them: what a reader of the server's store sees. */
export const historyBytes = (history: History): Buffer =>
  Buffer.from(temporal.api.history.v1.History.encode(history).finish());
