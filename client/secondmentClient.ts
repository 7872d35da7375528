import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowHandle,
} from '@temporalio/client';
import { ApplicationFailure, TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
import type { z } from 'zod';
import { shippedCalendar, type Calendar } from '../machines/calendar';
import { formatZodError } from '../common/zodErrors';
import {
  AUDIT_TAIL,
  FAILURE_CLIENT_ERRORS,
  newCaseId,
  refusalSchema,
  type ClientErrorCode,
  type FailureType,
  type Refusal,
} from '../contract';
import type { Queryable } from '../db';
import {
  allowedEventsOf,
  calendarYearsFor,
  checkEventOf,
  MACHINE_VERSION,
  nominationSchema,
  previewMigration,
  readout,
  RULES,
  secondmentEventSchema,
  start,
  previewStepOf,
  needsSecondAdmin,
  proposalDeadlines,
  proposalLadder,
  type LadderStep,
  defaultPolicy,
  type NotificationPlan,
  type MigrationPreview,
  type NominationDraft,
  type Role,
  type V1Persisted,
} from '../machines/secondment';
import { auditTailEntryFromRow, caseViewOf } from '../machines/secondment/projections';
import {
  calendarTables,
  caseHasProjection,
  getAuditTrail,
  getCaseState,
  type StoredCaseState,
} from '../store';
import {
  allowedEventsQuery,
  auditTailQuery,
  caseViewQuery,
  caseWorkflowId,
  eventUpdate,
  migrateUpdate,
  SA,
  UPDATE_EVENT_TYPES,
  type AuditTailEntry,
  type CaseView,
  type DutyView,
  type EventInput,
  type SecondmentWorkflow,
  type UpdateEventType,
} from '../workflows/secondment/definitions';

const FIRST_STATE_POLL_MS = 100;
const FIRST_STATE_WAIT_MS = 10_000;

export type EventPreview =
  | { ok: true; before: CaseView; after: CaseView; notifications: NotificationPlan[] }
  | { ok: false; before: CaseView | null; refusal: string };

/**
 * What went wrong, as data: a stable code (contract/errors.ts maps it to the API's codes and the
 * CLI's exit codes), the bilingual message, and the refusal the workflow sent (rule, field).
 */
export class SecondmentError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly refusal?: Refusal,
  ) {
    super(message);
    this.name = 'SecondmentError';
  }

  /** the offending input field, where there is one */
  get field(): string | undefined {
    return this.refusal?.field;
  }
}

/** A zod failure of a caller's input, as the same kind of refusal the workflow sends. */
function invalidInput(prefix: { zh: string; en: string }, error: z.ZodError): SecondmentError {
  const path = error.issues[0]?.path ?? [];
  const text = formatZodError(error);
  return new SecondmentError('INVALID_INPUT', `${prefix.zh} / ${prefix.en}: ${text}`, {
    code: 'INVALID_EVENT',
    rule: 'event.schema',
    message: {
      zh: `${prefix.zh}：${text}（规则 event.schema：${RULES['event.schema'].zh}）`,
      en: `${prefix.en}: ${text}`,
    },
    ...(path.length > 0 ? { field: path.map(String).join('.') } : {}),
  });
}

/** An Update's failure read by its type and details (the words of its message are for people). */
function fromUpdateFailure(err: WorkflowUpdateFailedError): SecondmentError {
  const cause = err.cause;
  const message = cause instanceof Error ? cause.message : err.message;
  if (cause instanceof ApplicationFailure && cause.type) {
    const code = FAILURE_CLIENT_ERRORS[cause.type as FailureType];
    const details = refusalSchema.safeParse(cause.details?.[0]);
    if (code)
      return new SecondmentError(code, message, details.success ? (details.data as Refusal) : undefined);
  }
  // Refused by the SDK itself (e.g. an Update the workflow does not handle).
  return new SecondmentError('EVENT_REFUSED', message);
}

export type NominationRequest = Omit<NominationDraft, 'caseId' | 'at'> & {
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
      /**
       * The database the worker writes to. When given, status, duties, allowed events and the audit
       * tail are read from it (migration 003) rather than by Temporal queries: see `stored()`.
       */
      reads?: Queryable;
    } = {},
  ) {}

  private async nowIso(): Promise<string> {
    return new Date(this.options.now ? await this.options.now() : Date.now()).toISOString();
  }

  handle(caseId: string): WorkflowHandle<SecondmentWorkflow> {
    return this.client.workflow.getHandle<SecondmentWorkflow>(caseWorkflowId(caseId));
  }

  /** The holiday tables a case of these years computes with: the database's, or the shipped ones. */
  private async calendar(years: { from: number; to: number }): Promise<Calendar> {
    if (this.options.reads) return calendarTables(this.options.reads, years.from, years.to);
    return shippedCalendar();
  }

  /** Starts a case (提名) on the current machine version. The case id is random: never a name or ID number. */
  async nominate(request: NominationRequest): Promise<CaseView> {
    const parsed = nominationSchema.safeParse({
      ...request,
      caseId: request.caseId ?? newCaseId(),
      at: request.at ?? new Date().toISOString(),
    });
    if (!parsed.success) throw invalidInput({ zh: '提名信息无效', en: 'invalid nomination' }, parsed.error);
    const nomination = parsed.data;
    try {
      await this.client.workflow.start('secondmentWorkflow', {
        taskQueue: this.taskQueue,
        workflowId: caseWorkflowId(nomination.caseId),
        // A case id names one case for ever: a closed case is never started again under it.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [
          {
            nomination,
            machineVersion: MACHINE_VERSION,
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
    // The workflow starts from this same pure step (with the tables its activity reads), so the
    // first view needs no round trip.
    const first = start({ ...nomination, calendar: await this.calendar(calendarYearsFor(nomination)) });
    return caseViewOf(readout({ version: 2, snapshot: first.snapshot }), first.snapshot.context.seq, 1);
  }

  /** Sends one business event or admin intervention; returns the case as it is afterwards. */
  async send(caseId: string, type: string, input: EventInput): Promise<CaseView> {
    if (!(UPDATE_EVENT_TYPES as readonly string[]).includes(type)) {
      throw new SecondmentError('UNKNOWN_EVENT', `未知事件 / unknown event type: ${type}`);
    }
    // The event is stamped here and the stamp travels in the Update, so replay sees the same time.
    const at = await this.nowIso();
    // only the workflow attaches facts (quota, holiday tables): a caller's are never sent
    const { facts: _facts, ...args } = input;
    const local = secondmentEventSchema.safeParse({ ...args, type, at });
    if (!local.success) throw invalidInput({ zh: '参数无效', en: `invalid input for ${type}` }, local.error);
    try {
      return await this.handle(caseId).executeUpdate(eventUpdate(type as UpdateEventType), {
        args: [{ ...args, at }],
      });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw fromUpdateFailure(err);
      if (err instanceof WorkflowNotFoundError)
        throw new SecondmentError('NOT_FOUND', '未找到 / case not found');
      throw err;
    }
  }

  /**
   * The case's stored state, waiting briefly for the first transition of a new case. Reads avoid
   * Temporal queries on purpose: a query against a workflow whose task is scheduled but not started
   * is answered by a replay that runs the workflow ahead, and an Update delivered with that task is
   * then recorded in an order a later replay does not reproduce (non-determinism; chaos test).
   */
  private async stored(caseId: string): Promise<StoredCaseState | null> {
    const db = this.options.reads;
    if (!db) return null;
    for (let waitedMs = 0; ; waitedMs += FIRST_STATE_POLL_MS) {
      const state = await getCaseState(db, caseId);
      if (state) return state;
      // A case from before migration 003 has a projection but never a state row: ask the workflow.
      if (await caseHasProjection(db, caseId)) return null;
      // Not a query either: a new case is exactly when a query would run the workflow ahead.
      if (waitedMs >= FIRST_STATE_WAIT_MS) {
        throw new SecondmentError(
          'NOT_READY',
          `案件 ${caseId} 尚无已记录的状态（工作进程是否在运行？）/ case ${caseId} has no recorded state yet (is a worker running?)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, FIRST_STATE_POLL_MS));
    }
  }

  async status(caseId: string): Promise<CaseView> {
    const stored = await this.stored(caseId);
    if (stored) return caseViewOf(readout(stored.snapshot), stored.seq, stored.run);
    return this.handle(caseId).query(caseViewQuery);
  }

  async duties(caseId: string): Promise<DutyView[]> {
    return (await this.status(caseId)).openDuties;
  }

  async allowedEvents(caseId: string, role: Role, unit: string): Promise<string[]> {
    const stored = await this.stored(caseId);
    if (stored) return allowedEventsOf(stored.snapshot, role, unit);
    return this.handle(caseId).query(allowedEventsQuery, { role, unit });
  }

  async auditTail(caseId: string, limit = AUDIT_TAIL): Promise<AuditTailEntry[]> {
    if (this.options.reads) {
      const trail = await getAuditTrail(this.options.reads, caseId);
      return trail.slice(-limit).map(auditTailEntryFromRow);
    }
    return this.handle(caseId).query(auditTailQuery, limit);
  }

  /**
   * What `send` would do now, decided on the stored state by the same pure machine the workflow
   * runs; changes nothing (the bulk dry-run). Needs `reads`.
   */
  async preview(caseId: string, type: string, input: EventInput): Promise<EventPreview> {
    const stored = await this.stored(caseId);
    if (!stored)
      return { ok: false, before: null, refusal: '案件状态尚不可读 / the case state is not readable yet' };
    const before = caseViewOf(readout(stored.snapshot), stored.seq, stored.run);
    // the facts the workflow would look up (the stored holiday table), so the preview is the outcome
    const { facts: _facts, ...args } = input;
    const year = args.year;
    const facts =
      type === 'calendar.update' && typeof year === 'number'
        ? { facts: { calendar: await this.calendar({ from: year, to: year }) } }
        : {};
    const event = secondmentEventSchema.safeParse({ ...args, ...facts, type, at: await this.nowIso() });
    if (!event.success) {
      return {
        ok: false,
        before,
        refusal: `参数无效 / invalid input for ${type}: ${formatZodError(event.error)}`,
      };
    }
    // the case's own machine judges (a v1 case: v1 until migrated); the event as typed, for v1
    const typed = stored.snapshot.version === 1 ? { ...args, type, at: event.data.at } : event.data;
    const verdict = checkEventOf(stored.snapshot, typed);
    if (!verdict.ok) {
      return {
        ok: false,
        before,
        refusal: `${verdict.message.zh} / ${verdict.message.en} [${verdict.code}: ${verdict.rule}]`,
      };
    }
    const step = previewStepOf(stored.snapshot, typed);
    if (!step) return { ok: false, before, refusal: '未被接受 / not accepted' };
    return {
      ok: true,
      before,
      after: caseViewOf(readout(step.next), stored.seq + 1, stored.run),
      notifications: step.notifications,
    };
  }

  /**
   * 双人复核 for this intervention on this case: whether the case's policy copy names it, and a
   * proposal's deadline and stuck moment by that copy's clock and ladder (a v1 case's copy predates
   * four eyes: none needed; its proposals run on the current default policy's clock).
   */
  async fourEyesTerms(
    caseId: string,
    type: string,
  ): Promise<{
    required: boolean;
    source: string;
    dueAt: string;
    stuckAt: string;
    ladder: { step: LadderStep; at: string }[];
  }> {
    const stored = await this.stored(caseId);
    const now = await this.nowIso();
    if (stored && stored.snapshot.version === 2) {
      const c = stored.snapshot.snapshot.context;
      const due = proposalDeadlines(c.policy, c.calendar, now);
      return {
        required: needsSecondAdmin(c.policy, type),
        source: `case policy ${c.policy.id} v${c.policy.version}`,
        ...due,
        ladder: proposalLadder(c.policy, c.calendar, due.dueAt, now),
      };
    }
    return this.departmentFourEyes(now, false);
  }

  /** The organization department's current rules (the shipped default policy), for bulk runs. */
  async departmentFourEyes(
    now?: string,
    required?: boolean,
  ): Promise<{
    required: boolean;
    source: string;
    dueAt: string;
    stuckAt: string;
    bulkOver: number | null;
    ladder: { step: LadderStep; at: string }[];
  }> {
    const at = now ?? (await this.nowIso());
    const year = new Date(at).getUTCFullYear();
    const calendar = await this.calendar({ from: year, to: year + 1 });
    const due = proposalDeadlines(defaultPolicy, calendar, at);
    return {
      required: required ?? false,
      source: `department policy ${defaultPolicy.id} v${defaultPolicy.version}`,
      bulkOver: defaultPolicy.fourEyes?.bulkOver ?? null,
      ...due,
      ladder: proposalLadder(defaultPolicy, calendar, due.dueAt, at),
    };
  }

  /**
   * The dry run of migrating a v1 case to the current machine: state, open duties and their due
   * dates before → after, by the same pure migration the workflow runs, with the tables it will use.
   * Null when the case is not on version 1 (or its state is not readable).
   */
  async migrationPreview(caseId: string): Promise<MigrationPreview | null> {
    const stored = await this.stored(caseId);
    if (!stored || stored.snapshot.version !== 1) return null;
    const p = stored.persisted as unknown as V1Persisted;
    const calendar = await this.calendar(calendarYearsFor(p.context));
    return previewMigration(p, { calendar, at: await this.nowIso() });
  }

  /** Migrates a v1 case (admin.case.migrate): recorded, then the workflow continues as a v2 run. */
  async migrate(
    caseId: string,
    input: { actor: { id: string; role: string; unit: string }; reason: string },
  ) {
    const at = await this.nowIso();
    try {
      return await this.handle(caseId).executeUpdate(migrateUpdate, { args: [{ ...input, at }] });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw fromUpdateFailure(err);
      if (err instanceof WorkflowNotFoundError)
        throw new SecondmentError('NOT_FOUND', '未找到 / case not found');
      throw err;
    }
  }

  /** Waits until the case is closed (returned, promoted, rejected, withdrawn or recalled). */
  result(caseId: string): Promise<CaseView> {
    return this.handle(caseId).result();
  }
}
