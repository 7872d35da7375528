import { type Client, type Connection, WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TechnicalProblem } from '../contract';
import { caseWorkflowId, MEMO, SA, SECONDMENT_WORKFLOW_TYPE } from '../workflows/secondment/definitions';
import { roundWorkflowId } from '../workflows/round/definitions';
import { SecondmentError } from './secondmentClient';

const ROUND_CHAIN_PREFIX = 'round:';

export type { Connection } from '@temporalio/client';

/**
 * What Temporal itself knows about a case that the database does not: whether the workflow service
 * answers, which of a case's activities or workflow tasks keep failing, and resetting a failing
 * activity so it runs now. The API's operations routes use this; nothing else outside the worker
 * talks to Temporal's service directly.
 */
export class CaseOperations {
  constructor(
    private readonly connection: Connection,
    private readonly namespace: string,
    private readonly opts: {
      /** base URL of the Temporal UI, for links from technical "stuck" entries */
      temporalUiUrl?: string | undefined;
      /** pending-activity attempt from which a case counts as technically stuck */
      stuckActivityAttempts: number;
      /** decodes the workflow's memo (the payload codec's converter); without it no memo is read */
      client?: Client | undefined;
    },
  ) {}

  /** The raw description and the decoded memo (audit head, refused write) of a workflow. */
  async describeWithMemo(workflowId: string): Promise<{
    raw: temporal.api.workflowservice.v1.IDescribeWorkflowExecutionResponse;
    memo: Record<string, unknown>;
  }> {
    if (this.opts.client) {
      const d = await this.opts.client.workflow.getHandle(workflowId).describe();
      return { raw: d.raw, memo: d.memo ?? {} };
    }
    return { raw: await this.describe(workflowId), memo: {} };
  }

  /** Whether the namespace answers; the reason when it does not. */
  async health(): Promise<{ ok: true } | { ok: false; message: string }> {
    try {
      await this.connection.workflowService.describeNamespace({ namespace: this.namespace });
      return { ok: true };
    } catch (err) {
      return { ok: false, message: (err as Error).message };
    }
  }

  private uiLink(workflowId: string): string | null {
    return this.opts.temporalUiUrl
      ? `${this.opts.temporalUiUrl}/namespaces/${encodeURIComponent(this.namespace)}/workflows/${encodeURIComponent(workflowId)}`
      : null;
  }

  private describe(workflowId: string) {
    return this.connection.workflowService.describeWorkflowExecution({
      namespace: this.namespace,
      execution: { workflowId },
    });
  }

  /**
   * The head (seq, hash) Temporal holds for a case, from the workflow's memo (DescribeWorkflowExecution,
   * no query); null when the case has none (recorded before the keyed chain) or Temporal cannot say.
   */
  async auditHead(caseId: string): Promise<{ seq: number; hash: string } | null> {
    // a round's chain is `round:<id>`, kept by the round's workflow
    const workflowId = caseId.startsWith(ROUND_CHAIN_PREFIX)
      ? roundWorkflowId(caseId.slice(ROUND_CHAIN_PREFIX.length))
      : caseWorkflowId(caseId);
    try {
      const { memo } = await this.describeWithMemo(workflowId);
      const head = memo[MEMO.auditHead] as { seq?: unknown; hash?: unknown } | undefined;
      return typeof head?.seq === 'number' && typeof head.hash === 'string'
        ? { seq: head.seq, hash: head.hash }
        : null;
    } catch {
      return null;
    }
  }

  /**
   * Every case of a task queue Temporal knows (visibility, one listing rather than a describe per case), with the
   * units its search attributes name: a case deleted from every table of the database is still
   * here, so the audit verification can name it. Null when Temporal cannot say.
   */
  async casesTemporalKnows(taskQueue: string): Promise<Map<string, { units: string[] }> | null> {
    if (!this.opts.client) return null;
    const known = new Map<string, { units: string[] }>();
    const prefix = caseWorkflowId('');
    try {
      for await (const wf of this.opts.client.workflow.list({
        // the deployment's own task queue: another deployment's cases on a shared namespace are not ours
        query: `WorkflowType = '${SECONDMENT_WORKFLOW_TYPE}' AND TaskQueue = '${taskQueue.replaceAll("'", '')}'`,
      })) {
        if (!wf.workflowId.startsWith(prefix)) continue;
        const units = [SA.sendingUnit, SA.receivingUnit]
          .map((key) => wf.typedSearchAttributes.get(key))
          .filter((u): u is string => typeof u === 'string' && u !== '');
        const caseId = wf.workflowId.slice(prefix.length);
        known.set(caseId, { units: [...new Set([...(known.get(caseId)?.units ?? []), ...units])] });
      }
    } catch {
      return null;
    }
    return known;
  }

  /** A failing activity, a failing workflow task, or a workflow that ended while its case is open. */
  async technicalProblems(caseId: string): Promise<TechnicalProblem[]> {
    const workflowId = caseWorkflowId(caseId);
    const link = this.uiLink(workflowId);
    let desc: temporal.api.workflowservice.v1.IDescribeWorkflowExecutionResponse;
    let memo: Record<string, unknown>;
    try {
      ({ raw: desc, memo } = await this.describeWithMemo(workflowId));
    } catch {
      return []; // not started yet or unknown to this namespace: nothing Temporal can tell
    }
    const out: TechnicalProblem[] = [];
    const refused = memo[MEMO.technicalFailure] as { reason?: unknown; eventType?: unknown } | undefined;
    if (refused && typeof refused.reason === 'string') {
      out.push({
        caseId,
        kind: 'unstorable',
        reason: `事件 ${String(refused.eventType)} 未能保存，已撤销，请更正后重新提交 / event ${String(refused.eventType)} could not be stored and was rolled back; send it again with corrected values: ${refused.reason}`,
        attempts: null,
        temporalUiUrl: link,
        retry: null,
      });
    }
    const retry = { method: 'POST' as const, url: `/api/cases/${caseId}/retry` };
    const S = temporal.api.enums.v1.WorkflowExecutionStatus;
    const status = desc.workflowExecutionInfo?.status;
    if (
      status !== undefined &&
      status !== null &&
      [
        S.WORKFLOW_EXECUTION_STATUS_FAILED,
        S.WORKFLOW_EXECUTION_STATUS_TERMINATED,
        S.WORKFLOW_EXECUTION_STATUS_TIMED_OUT,
      ].includes(status)
    ) {
      out.push({
        caseId,
        kind: 'workflow',
        reason: `工作流已异常结束，案件未结案 / workflow ended ${S[status]} while the case is open`,
        attempts: null,
        temporalUiUrl: link,
        retry: null,
      });
    }
    for (const a of desc.pendingActivities ?? []) {
      const attempts = a.attempt ?? 0;
      if (attempts < this.opts.stuckActivityAttempts) continue;
      out.push({
        caseId,
        kind: 'activity',
        reason: `活动 ${a.activityType?.name ?? '?'} 反复失败（第 ${attempts} 次）/ activity ${a.activityType?.name ?? '?'} failing (attempt ${attempts}): ${a.lastFailure?.message ?? 'no failure message'}`,
        attempts,
        temporalUiUrl: link,
        retry,
      });
    }
    const wft = desc.pendingWorkflowTask;
    if (wft && (wft.attempt ?? 0) >= 2) {
      out.push({
        caseId,
        kind: 'workflowTask',
        reason: `工作流任务反复失败（第 ${wft.attempt} 次），需修复代码后由 Temporal 自动重试 / workflow task failing (attempt ${wft.attempt}); Temporal retries it by itself once fixed code is deployed`,
        attempts: wft.attempt ?? null,
        temporalUiUrl: link,
        retry: null,
      });
    }
    return out;
  }

  /** Resets the attempts of the case's repeatedly failing activities; returns their activity ids. */
  async retryFailingActivities(caseId: string, identity: string): Promise<string[]> {
    const workflowId = caseWorkflowId(caseId);
    const desc = await this.describe(workflowId);
    const retried: string[] = [];
    for (const a of desc.pendingActivities ?? []) {
      if ((a.attempt ?? 0) < this.opts.stuckActivityAttempts || !a.activityId) continue;
      try {
        await this.connection.workflowService.resetActivity({
          namespace: this.namespace,
          execution: { workflowId },
          id: a.activityId,
          identity,
        });
        retried.push(a.activityId);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError)
          throw new SecondmentError('NOT_FOUND', '未找到 / case not found');
        throw err;
      }
    }
    return retried;
  }
}

/** Whether an error means the workflow service did not answer (gRPC UNAVAILABLE). */
export function isTemporalUnavailable(err: unknown): boolean {
  const e = err as { name?: string; code?: number };
  return e?.name === 'ServiceError' || e?.code === 14;
}
