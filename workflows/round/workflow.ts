import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  makeContinueAsNewFunc,
  patched,
  proxyActivities,
  setHandler,
  upsertMemo,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { formatZodError } from '../../common/zodErrors';
import { FailureType, NON_RETRYABLE_ACTIVITY_FAILURES } from '../../contract/errors';
import {
  evaluateRound,
  restoreRound,
  ROUND_MACHINE_VERSION,
  roundAlarms,
  roundEventSchema,
  startRound,
  stepRound,
  type RoundEffect,
  type RoundEvent,
  type RoundRefusal,
  type RoundSnapshot,
} from '../../machines/round';
import { createSerializer } from '../serialize';
import { DutyTimers } from '../secondment/dutyTimers';
import { MEMO } from '../secondment/definitions';
import {
  LAUNCH_BATCH,
  ROUND_UPDATE_TYPES,
  roundUpdate,
  type RoundEventInput,
  type RoundUpdateType,
  type RoundView,
  type RoundWorkflowInput,
} from './definitions';

const { applyRoundTransition } = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: NON_RETRYABLE_ACTIVITY_FAILURES,
  },
});

// Starting cases takes an Update per case: a batch gets minutes, and a failed batch is retried as
// a whole (idempotent: a case already started is found, an approval already given is recognised).
const { launchRoundBatch } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: {
    initialInterval: '2 seconds',
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: NON_RETRYABLE_ACTIVITY_FAILURES,
  },
});

const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** Patch marker: round histories from before the head was kept replay without it. Never rename it. */
const ROUND_AUDIT_HEAD_PATCH = 'round-audit-head-memo';

function refused(r: RoundRefusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: FailureType.EventRefused,
    message: `${r.message.zh} / ${r.message.en} [${r.code}: ${r.rule}]`,
    nonRetryable: true,
    details: [{ code: r.code, rule: r.rule, message: r.message }],
  });
}

function invalid(type: string, text: string, field?: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: FailureType.InvalidInput,
    message: `参数无效 / invalid input for ${type}: ${text}`,
    nonRetryable: true,
    details: [
      {
        code: 'INVALID_EVENT',
        rule: 'event.schema',
        message: { zh: `参数无效：${text}`, en: `invalid input for ${type}: ${text}` },
        ...(field ? { field } : {}),
      },
    ],
  });
}

/**
 * One round (批次 / 年度挂职工作) of an organization department: hosts the round machine, keeps a
 * durable timer per open duty (applications per receiving unit, recommendations per sending unit:
 * the case ladder to stuck), writes each accepted transition to the same hash-chained audit trail
 * as the cases, and runs the launch: the round's cases are started in batches by an activity,
 * idempotently, until every assigned candidate has one. Ids and counts only: names stay in the DB.
 */
export async function roundWorkflow(input: RoundWorkflowInput): Promise<RoundView> {
  const runExclusive = createSerializer();
  let snapshot: RoundSnapshot;
  let pending: RoundEffect[] = [];
  if (input.carried) {
    snapshot = restoreRound(input.carried.context);
  } else if (input.round) {
    const first = startRound(input.round);
    snapshot = first.snapshot;
    pending = first.effects;
  } else {
    throw ApplicationFailure.nonRetryable(
      '一个批次须有输入 / a round needs its input',
      FailureType.InvalidInput,
    );
  }

  const fired: { dutyId: string; alarmAt: string }[] = [];
  const timers = new DutyTimers((dutyId, alarmAt) => fired.push({ dutyId, alarmAt }));
  const view = (): RoundView => ({
    roundId: snapshot.context.roundId,
    status: snapshot.context.status,
    seq: snapshot.context.seq,
  });
  const clampToLastEvent = (iso: string): string =>
    Date.parse(iso) < Date.parse(snapshot.context.lastAt) ? snapshot.context.lastAt : iso;

  async function carryOut(effects: readonly RoundEffect[]): Promise<void> {
    const record = effects.find((e) => e.type === 'record');
    if (record?.type === 'record') {
      const r = record.params;
      const head = await applyRoundTransition({
        roundId: r.roundId,
        seq: r.seq,
        event: {
          type: r.eventType,
          actor: {
            id: r.actor.id,
            role: r.actor.role,
            unit: r.actor.unit,
            onBehalfOf: r.onBehalfOf ? `${r.onBehalfOf.role}@${r.onBehalfOf.unit}/${r.onBehalfOf.id}` : null,
          },
          reason: r.reason,
          payload: r.payload,
          at: r.at,
        },
        fromState: r.fromState ?? 'NONE',
        toState: r.toState,
        state: {
          machineVersion: ROUND_MACHINE_VERSION,
          snapshot: snapshot.context as unknown as Record<string, unknown>,
        },
        notifications: effects.flatMap((e) => (e.type === 'notify' ? [e.params] : [])),
      });
      // The round's chain anchored outside the database, as a case's is (workflows/secondment/auditHead.ts).
      if (patched(ROUND_AUDIT_HEAD_PATCH))
        upsertMemo({ [MEMO.auditHead]: { seq: head.seq, hash: head.hash } });
    }
    timers.reconcile(snapshot.status === 'done' ? new Map() : roundAlarms(snapshot.context));
  }

  async function apply(event: RoundEvent): Promise<void> {
    const next = stepRound(snapshot, event);
    if (next.snapshot === snapshot) return;
    snapshot = next.snapshot;
    await carryOut(next.effects);
  }

  function eventFrom(type: RoundUpdateType, args: RoundEventInput, firstArrival: boolean): RoundEvent {
    const { at: stamped, ...rest } = args;
    if (typeof stamped !== 'string' || Number.isNaN(Date.parse(stamped)))
      throw invalid(type, 'at: 应为请求时间（ISO 8601）/ expected the request time', 'at');
    const at = new Date(Date.parse(stamped)).toISOString();
    if (firstArrival && Math.abs(Date.parse(at) - Date.now()) > MAX_CLOCK_SKEW_MS)
      throw invalid(
        type,
        'at: 请求时间与服务器时间相差超过5分钟 / request time is more than 5 minutes off',
        'at',
      );
    const parsed = roundEventSchema.safeParse({ ...rest, type, at: clampToLastEvent(at) });
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path ?? [];
      throw invalid(
        type,
        formatZodError(parsed.error),
        path.length > 0 ? path.map(String).join('.') : undefined,
      );
    }
    return parsed.data;
  }

  // The round's creation is recorded before any Update delivered with the first task is applied.
  const created = runExclusive(() => carryOut(pending));

  for (const type of ROUND_UPDATE_TYPES) {
    setHandler(
      roundUpdate(type),
      (args: RoundEventInput) =>
        runExclusive(async () => {
          const event = eventFrom(type, args, false);
          const verdict = evaluateRound(snapshot.context, event);
          if (!verdict.ok) throw refused(verdict.refusal);
          await apply(event);
          return view();
        }),
      {
        validator: (args: RoundEventInput) => {
          const verdict = evaluateRound(snapshot.context, eventFrom(type, args, true));
          if (!verdict.ok) throw refused(verdict.refusal);
        },
      },
    );
  }

  await created;
  pending = [];

  const system = { id: 'system', role: 'system' as const, unit: 'system' };
  const closed = () => snapshot.status === 'done';
  const launching = () => snapshot.context.status === 'LAUNCHING';
  while (!closed()) {
    await condition(
      () => fired.length > 0 || closed() || launching() || workflowInfo().continueAsNewSuggested,
    );
    if (workflowInfo().continueAsNewSuggested && !closed() && !launching()) {
      await condition(allHandlersFinished);
      await runExclusive(async () => {});
      timers.cancelAll();
      const memo = workflowInfo().memo;
      const next = memo?.[MEMO.auditHead]
        ? makeContinueAsNewFunc<typeof roundWorkflow>({ memo })
        : continueAsNew<typeof roundWorkflow>;
      await next({ carried: { context: snapshot.context } });
    }
    if (launching()) {
      // Every assigned candidate gets one case, batch by batch; a retried batch starts nothing twice.
      const launch = snapshot.context.launch;
      const totals = { started: 0, already: 0, failed: 0 };
      for (;;) {
        const batch = await launchRoundBatch({
          roundId: snapshot.context.roundId,
          launchedBy: launch?.by ?? snapshot.context.createdBy.id,
          batchSize: LAUNCH_BATCH,
        });
        totals.started += batch.started;
        totals.already += batch.already;
        totals.failed += batch.failed;
        if (batch.remaining === 0 || batch.processed === 0) break;
      }
      await runExclusive(() =>
        apply({
          type: 'round.launch.finish',
          actor: system,
          at: clampToLastEvent(new Date().toISOString()),
          ...totals,
        }),
      );
      continue;
    }
    const alarm = fired.shift();
    if (alarm)
      await runExclusive(() =>
        apply({
          type: 'deadline.reached',
          actor: system,
          dutyId: alarm.dutyId,
          at: clampToLastEvent(alarm.alarmAt),
        }),
      );
  }
  await condition(allHandlersFinished);
  timers.cancelAll();
  return view();
}
