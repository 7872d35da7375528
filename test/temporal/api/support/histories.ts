import type { Client } from '@temporalio/client';
import { runChain } from '../../support/runChain';

/**
 * Everything Temporal holds about a workflow, as one text to search: every event of every run
 * (continue-as-new included) with every payload's bytes decoded (inputs, Update arguments, activity
 * inputs and results, markers), and the execution's search attributes and memo.
 */
export async function historyText(client: Client, workflowId: string): Promise<string> {
  const parts: string[] = [];
  const walk = (x: unknown): void => {
    if (x === null || x === undefined) return;
    if (x instanceof Uint8Array) {
      parts.push(Buffer.from(x).toString('utf8'));
      return;
    }
    if (typeof x === 'string') {
      parts.push(x);
      return;
    }
    if (Array.isArray(x)) {
      for (const v of x) walk(v);
      return;
    }
    if (typeof x === 'object') for (const v of Object.values(x as Record<string, unknown>)) walk(v);
  };
  for (const run of await runChain(client, workflowId)) walk(run.history);
  const described = await client.workflow.getHandle(workflowId).describe();
  walk(described.raw);
  parts.push(JSON.stringify(described.searchAttributes ?? {}), JSON.stringify(described.memo ?? {}));
  return parts.join('\n');
}
