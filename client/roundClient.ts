import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure, WorkflowIdReusePolicy } from '@temporalio/common';
import { FAILURE_CLIENT_ERRORS, refusalSchema, type FailureType, type Refusal } from '../contract';
import type { Queryable } from '../db';
import {
  evaluateRound,
  restoreRound,
  roundEventSchema,
  type RoundContext,
  type RoundInput,
  type RoundSnapshot,
} from '../machines/round';
import { getRoundState } from '../store';
import {
  ROUND_UPDATE_TYPES,
  roundUpdate,
  roundWorkflowId,
  type RoundEventInput,
  type RoundUpdateType,
  type RoundView,
  type RoundWorkflow,
} from '../workflows/round/definitions';
import { SecondmentError } from './secondmentClient';

export type RoundCheck =
  { ok: true } | { ok: false; refusal: { code: string; rule: string; message: { zh: string; en: string } } };

/**
 * The way code outside the worker talks to round workflows (one per round): start one, send a
 * round event as an Update, and judge an event on the stored state with the same pure machine
 * (the API checks before it writes a row, the console asks what the caller may do).
 */
export class RoundClient {
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly reads: Queryable,
    /** the caller's clock; a time-skipping test passes the server's simulated time */
    private readonly now: () => number | Promise<number> = () => Date.now(),
  ) {}

  /** Starts the round's workflow; a second start of the same round is CASE_EXISTS. */
  async start(input: RoundInput): Promise<void> {
    try {
      await this.client.workflow.start<RoundWorkflow>('roundWorkflow', {
        taskQueue: this.taskQueue,
        workflowId: roundWorkflowId(input.roundId),
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        args: [{ round: input }],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError)
        throw new SecondmentError('CASE_EXISTS', `批次已存在 / round ${input.roundId} already exists`);
      throw err;
    }
  }

  async send(roundId: string, type: string, input: RoundEventInput): Promise<RoundView> {
    if (!(ROUND_UPDATE_TYPES as readonly string[]).includes(type))
      throw new SecondmentError('UNKNOWN_EVENT', `未知事件 / unknown round event: ${type}`);
    const at = new Date(await this.now()).toISOString();
    try {
      return await this.client.workflow
        .getHandle<RoundWorkflow>(roundWorkflowId(roundId))
        .executeUpdate(roundUpdate(type as RoundUpdateType), { args: [{ ...input, at }] });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        const cause = err.cause;
        if (cause instanceof ApplicationFailure && cause.type) {
          const code = FAILURE_CLIENT_ERRORS[cause.type as FailureType];
          const details = refusalSchema.safeParse(cause.details?.[0]);
          if (code)
            throw new SecondmentError(
              code,
              cause.message,
              details.success ? (details.data as Refusal) : undefined,
            );
        }
        throw new SecondmentError('EVENT_REFUSED', cause instanceof Error ? cause.message : err.message);
      }
      if (err instanceof WorkflowNotFoundError)
        throw new SecondmentError('NOT_FOUND', '未找到 / round not found');
      throw err;
    }
  }

  /** The round's stored state (its last written transition), or null before the first. */
  async stored(roundId: string): Promise<RoundSnapshot | null> {
    const state = await getRoundState(this.reads, roundId);
    return state?.context ? restoreRound(state.context as RoundContext) : null;
  }

  /** Would the round accept this event now? Judged on the stored state, changes nothing. */
  async check(roundId: string, type: string, input: RoundEventInput): Promise<RoundCheck> {
    const s = await this.stored(roundId);
    if (!s)
      return {
        ok: false,
        refusal: {
          code: 'NOT_IN_STATE',
          rule: 'round.state',
          message: { zh: '批次尚未就绪', en: 'the round is not ready yet' },
        },
      };
    const event = roundEventSchema.safeParse({
      ...input,
      type,
      at: new Date(await this.now()).toISOString(),
    });
    if (!event.success)
      return {
        ok: false,
        refusal: {
          code: 'INVALID_EVENT',
          rule: 'event.schema',
          message: { zh: '参数无效', en: event.error.message },
        },
      };
    const verdict = evaluateRound(s.context, event.data);
    if (verdict.ok) return { ok: true };
    const { code, rule, message } = verdict.refusal;
    return { ok: false, refusal: { code, rule, message } };
  }
}
