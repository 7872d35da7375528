import { randomUUID } from 'node:crypto';
import {
  type Client,
  QueryNotRegisteredError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { formatZodError } from '../common/zodErrors';
import {
  secondmentEventSchema,
  secondmentInputSchema,
  type Role,
  type SecondmentInputDraft,
} from '../machines/secondment';
import { SA } from '../workflows/searchAttributes';
import {
  allowedEventsQuery,
  auditTailQuery,
  caseViewQuery,
  caseWorkflowId,
  eventUpdate,
  UPDATE_EVENT_TYPES,
  type AuditEntryView,
  type CaseView,
  type DutyView,
  type EventInput,
  type UpdateEventType,
} from '../workflows/secondment/definitions';
import type { secondmentWorkflow } from '../workflows/secondment/workflow';

/** Stable error codes a caller (API, CLI, script) can branch on. */
export type SecondmentErrorCode = 'INVALID_INPUT' | 'EVENT_REFUSED' | 'UNKNOWN_EVENT' | 'CASE_EXISTS';

export class SecondmentError extends Error {
  constructor(
    readonly code: SecondmentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecondmentError';
  }
}

export type NominationRequest = Omit<SecondmentInputDraft, 'caseId' | 'at'> & {
  caseId?: string;
  at?: string;
};

/**
 * The one way code outside the worker talks to secondment workflows: the API, the CLI and the
 * tests all use it. Inputs are validated with the machine's own zod schemas before anything is
 * sent, so a malformed request fails here with the field named.
 */
export class SecondmentClient {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly options: {
      continueAsNewAfter?: number;
      /** the caller's clock; a time-skipping test passes the server's simulated time */
      now?: () => number | Promise<number>;
    } = {},
  ) {}

  private async nowIso(): Promise<string> {
    return new Date(this.options.now ? await this.options.now() : Date.now()).toISOString();
  }

  handle(caseId: string): WorkflowHandle<typeof secondmentWorkflow> {
    return this.client.workflow.getHandle<typeof secondmentWorkflow>(caseWorkflowId(caseId));
  }

  /** Starts a case (提名). The case id is random unless given: never a name or ID-card number. */
  async nominate(request: NominationRequest): Promise<CaseView> {
    const parsed = secondmentInputSchema.safeParse({
      ...request,
      caseId: request.caseId ?? `c${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      at: request.at ?? new Date().toISOString(),
    });
    if (!parsed.success) {
      throw new SecondmentError(
        'INVALID_INPUT',
        `提名信息无效 / invalid nomination: ${formatZodError(parsed.error)}`,
      );
    }
    const nomination = parsed.data;
    try {
      await this.client.workflow.start('secondmentWorkflow', {
        taskQueue: this.taskQueue,
        workflowId: caseWorkflowId(nomination.caseId),
        args: [
          {
            nomination,
            ...(this.options.continueAsNewAfter
              ? { continueAsNewAfter: this.options.continueAsNewAfter }
              : {}),
          },
        ],
        // Listable from the first moment; the workflow keeps these current afterwards.
        typedSearchAttributes: new TypedSearchAttributes([
          { key: SA.status, value: 'NOMINATED' },
          { key: SA.kind, value: nomination.kind },
          { key: SA.sendingUnit, value: nomination.sendingUnit },
          { key: SA.receivingUnit, value: nomination.requestedReceivingUnit },
        ]),
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        throw new SecondmentError('CASE_EXISTS', `案件已存在 / case ${nomination.caseId} already exists`);
      }
      throw err;
    }
    return this.firstView(nomination.caseId);
  }

  /** A query sent before the workflow's first task has run finds no handler yet: ask again shortly. */
  private async firstView(caseId: string): Promise<CaseView> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.status(caseId);
      } catch (err) {
        if (!(err instanceof QueryNotRegisteredError) || attempt >= 50) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** Sends one business event or admin intervention; returns the case as it is afterwards. */
  async send(caseId: string, type: string, input: EventInput): Promise<CaseView> {
    if (!(UPDATE_EVENT_TYPES as readonly string[]).includes(type)) {
      throw new SecondmentError('UNKNOWN_EVENT', `未知事件 / unknown event type: ${type}`);
    }
    // The event is stamped here and the stamp travels in the Update, so replay sees the same time.
    const at = await this.nowIso();
    const local = secondmentEventSchema.safeParse({ ...input, type, at });
    if (!local.success) {
      throw new SecondmentError(
        'INVALID_INPUT',
        `参数无效 / invalid input for ${type}: ${formatZodError(local.error)}`,
      );
    }
    try {
      return await this.handle(caseId).executeUpdate(eventUpdate(type as UpdateEventType), {
        args: [{ ...input, at }],
      });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        const message = err.cause instanceof Error ? err.cause.message : err.message;
        throw new SecondmentError(/参数无效/.test(message) ? 'INVALID_INPUT' : 'EVENT_REFUSED', message);
      }
      throw err;
    }
  }

  status(caseId: string): Promise<CaseView> {
    return this.handle(caseId).query(caseViewQuery);
  }

  async duties(caseId: string): Promise<DutyView[]> {
    return (await this.status(caseId)).openDuties;
  }

  allowedEvents(caseId: string, role: Role, unit: string): Promise<string[]> {
    return this.handle(caseId).query(allowedEventsQuery, { role, unit });
  }

  auditTail(caseId: string, limit?: number): Promise<AuditEntryView[]> {
    return this.handle(caseId).query(auditTailQuery, limit);
  }

  /** Waits until the case is closed (returned, promoted, rejected, withdrawn or recalled). */
  result(caseId: string): Promise<CaseView> {
    return this.handle(caseId).result();
  }
}
