import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { initialTransition, transition } from 'xstate';
import type { Activities } from '../../activities';
import { formatZodError } from '../../common/zodErrors';
import { AUDIT_TAIL } from '../../contract/constants';
import { FailureType, NON_RETRYABLE_ACTIVITY_FAILURES, type Refusal } from '../../contract/errors';
import {
  allowedEvents,
  checkEvent,
  fromPersisted,
  legacySecondmentInputSchema,
  openDuties,
  RULES,
  searchAttributes,
  secondmentEventSchema,
  secondmentInputSchema,
  secondmentMachine,
  toEffects,
  toPersisted,
  type Effect,
  type EventOf,
  type IntakeFacts,
  type MachineInput,
  type SecondmentEvent,
  type SecondmentSnapshot,
} from '../../machines/secondment';
import { auditTailEntryOf, caseViewOf, type AuditTailEntry } from '../../machines/secondment/projections';
import { createSerializer } from '../serialize';
import { applyTransitionInputOf } from './activityInput';
import {
  allowedEventsQuery,
  auditTailQuery,
  caseViewQuery,
  eventUpdate,
  SA,
  UPDATE_EVENT_TYPES,
  type CaseView,
  type EventInput,
  type SecondmentWorkflowInput,
  type UpdateEventType,
} from './definitions';
import { DutyTimers } from './dutyTimers';

const { applyTransition, reserveIntake, releaseIntake } = proxyActivities<Activities>({
  // One short transaction: a worker killed mid-activity should be retried within seconds.
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    // A conflicting record at a used seq means non-determinism: retrying cannot fix it.
    nonRetryableErrorTypes: NON_RETRYABLE_ACTIVITY_FAILURES,
  },
});

/**
 * Patch markers (Temporal's `patched`): histories recorded before a change have no marker, so their
 * replay takes the old path and every new run the new one. Never rename one.
 */
const PATCHES = {
  /** nominations carry the cadre's rule facts (person id, age …), no name or birth date */
  cadreFacts: 'cadre-facts-from-registry',
  /** the approval's quota facts come from the reserveIntake activity, not the caller */
  reserveIntake: 'approval-reserve-intake',
} as const;

/**
 * The validator cannot run activities: it judges an approval on everything but the quota, which the
 * handler then reads from stored data (reserveIntake) before the machine decides.
 */
const QUOTA_NOT_YET_READ: IntakeFacts = { quota: null, approvedBefore: 0, reserved: true };

/** How far a caller's time stamp may be from the workflow clock when an Update arrives. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

type Verdict = Exclude<ReturnType<typeof checkEvent>, { ok: true }>;

/**
 * A refusal as data: the ApplicationFailure's `type` says what kind, `details[0]` is the refusal
 * (code, rule, zh/en message, field), and the message is the text a person reads, zh-CN first.
 * Thrown by the validator (nothing enters history) and by the handler (a queued Update that finds
 * the case changed); the client reads both by type and details, never by the message's words.
 */
function refused(verdict: Verdict): ApplicationFailure {
  const refusal: Refusal = { code: verdict.code, rule: verdict.rule, message: verdict.message };
  return ApplicationFailure.create({
    type: FailureType.EventRefused,
    message: `${verdict.message.zh} / ${verdict.message.en} [${verdict.code}: ${verdict.rule}]`,
    nonRetryable: true,
    details: [refusal],
  });
}

function invalidInput(type: UpdateEventType, problems: { field: string | undefined; text: string }[]) {
  const text = problems.map((p) => p.text).join('; ');
  const field = problems[0]?.field;
  const refusal: Refusal = {
    code: 'INVALID_EVENT',
    rule: 'event.schema',
    message: {
      zh: `参数无效：${text}（规则 event.schema：${RULES['event.schema'].zh}）`,
      en: `invalid input for ${type}: ${text}`,
    },
    ...(field ? { field } : {}),
  };
  return ApplicationFailure.create({
    type: FailureType.InvalidInput,
    message: `参数无效 / invalid input for ${type}: ${text}`,
    nonRetryable: true,
    details: [refusal],
  });
}

/**
 * One secondment (挂职) case: hosts the lifecycle machine, turns every accepted event into one
 * database transaction (audit row, projection, personnel file, outbox), and keeps one durable
 * timer per open duty so deadlines enforce themselves.
 */
export async function secondmentWorkflow(input: SecondmentWorkflowInput): Promise<CaseView> {
  const runExclusive = createSerializer();
  let snapshot: SecondmentSnapshot;
  let initialEffects: Effect[] = [];
  let auditTail: AuditTailEntry[] = input.carried?.auditTail ?? [];
  const run = input.carried?.run ?? 1;
  let transitionsThisRun = 0;

  if (input.carried) {
    snapshot = fromPersisted(input.carried.persisted);
  } else {
    // A history recorded before the cadre registry nominated with a name and birth date: only its
    // replay (no patch marker) takes that input; every new case takes rule facts only.
    const facts = patched(PATCHES.cadreFacts);
    const nomination = (facts ? secondmentInputSchema : legacySecondmentInputSchema).safeParse(
      input.nomination,
    );
    if (!nomination.success) {
      throw ApplicationFailure.nonRetryable(
        `提名信息无效 / invalid nomination: ${formatZodError(nomination.error)}`,
        FailureType.InvalidInput,
      );
    }
    const machineInput: MachineInput = facts
      ? (nomination.data as MachineInput)
      : { legacy: nomination.data as Extract<MachineInput, { legacy: unknown }>['legacy'] };
    const [first, actions] = initialTransition(secondmentMachine, machineInput);
    snapshot = first;
    initialEffects = toEffects(actions);
  }

  const firedDuties: { dutyId: string; alarmAt: string }[] = [];
  const timers = new DutyTimers((dutyId, alarmAt) => firedDuties.push({ dutyId, alarmAt }));

  /**
   * Event times never run backwards from the case's last event. The workflow clock can: a
   * workflow task retried after a server restart was seen to run with the previous task's time,
   * which then differed from what replay sees (found by the chaos test).
   */
  const clampToLastEvent = (iso: string): string =>
    Date.parse(iso) < Date.parse(snapshot.context.lastAt) ? snapshot.context.lastAt : iso;
  let lastSa = '';

  const view = (): CaseView => caseViewOf(snapshot, auditTail.at(-1)?.seq ?? 0, run);

  function syncSearchAttributes(): void {
    const sa = searchAttributes(snapshot);
    const key = JSON.stringify(sa);
    if (key === lastSa) return;
    lastSa = key;
    upsertSearchAttributes([
      { key: SA.status, value: sa.status },
      { key: SA.kind, value: sa.kind },
      { key: SA.sendingUnit, value: sa.sendingUnit },
      { key: SA.receivingUnit, value: sa.receivingUnit },
      { key: SA.nextDeadline, value: sa.nextDeadline ? new Date(sa.nextDeadline) : null },
      { key: SA.overdue, value: sa.overdue },
      { key: SA.stuck, value: sa.stuck },
    ]);
  }

  function syncTimers(): void {
    const wanted = new Map<string, string>();
    if (snapshot.status !== 'done') {
      for (const d of openDuties(snapshot)) if (d.nextAlarmAt) wanted.set(d.id, d.nextAlarmAt);
    }
    timers.reconcile(wanted);
  }

  async function carryOut(effects: readonly Effect[]): Promise<void> {
    const record = applyTransitionInputOf(effects, snapshot, run);
    if (record) {
      await applyTransition(record);
      transitionsThisRun += 1;
      const r = effects.find((e) => e.type === 'record');
      if (r?.type === 'record') auditTail = [...auditTail, auditTailEntryOf(r.params)].slice(-AUDIT_TAIL);
    }
    syncSearchAttributes();
    syncTimers();
  }

  async function apply(event: SecondmentEvent): Promise<void> {
    const [next, actions] = transition(secondmentMachine, snapshot, event);
    if (next === snapshot) return; // refused: the machine leaves the snapshot untouched
    snapshot = next;
    await carryOut(toEffects(actions));
  }

  /**
   * The event's time is the caller's stamp (`at` in the Update argument), so it is recorded in
   * history and replay reads it back: a time taken from the workflow clock in the handler was seen
   * to differ on replay after a server restart (chaos test). The validator, which runs only when
   * the Update first arrives, refuses stamps too far from the workflow clock, so nobody backdates.
   * Histories recorded before callers stamped fall back to the clock.
   */
  function eventFrom(type: UpdateEventType, args: EventInput, firstArrival: boolean): SecondmentEvent {
    // `facts` are the host's to add (the quota read from stored data): a caller's are dropped.
    const { at: stamped, facts: _callersFacts, ...rest } = args;
    const problems: { field: string | undefined; text: string }[] = [];
    let at: string;
    if (typeof stamped === 'string' && !Number.isNaN(Date.parse(stamped))) {
      at = new Date(Date.parse(stamped)).toISOString();
      if (firstArrival && Math.abs(Date.parse(at) - Date.now()) > MAX_CLOCK_SKEW_MS) {
        problems.push({
          field: 'at',
          text: `at: 请求时间与服务器时间相差超过5分钟 / request time is more than 5 minutes from the server's time`,
        });
      }
    } else {
      if (firstArrival)
        problems.push({
          field: 'at',
          text: 'at: 应为请求时间（ISO 8601）/ expected the request time as an ISO 8601 timestamp',
        });
      at = new Date().toISOString();
    }
    const parsed = secondmentEventSchema.safeParse({ ...rest, type, at: clampToLastEvent(at) });
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path ?? [];
      problems.unshift({
        field: path.length > 0 ? path.map(String).join('.') : undefined,
        text: formatZodError(parsed.error),
      });
    }
    if (problems.length > 0 || !parsed.success) throw invalidInput(type, problems);
    return parsed.data;
  }

  /** The event as the machine judges it before the quota is read (see QUOTA_NOT_YET_READ). */
  const provisional = (event: SecondmentEvent): SecondmentEvent =>
    event.type === 'approval.approve' ? { ...event, facts: { intake: QUOTA_NOT_YET_READ } } : event;

  /**
   * 名额: the receiving unit's place, taken from stored data (allocation and approved count) by an
   * activity, atomically, so two approvals for the last place cannot both win. Histories recorded
   * before this read the numbers the caller sent (no patch marker there).
   */
  async function intakeFor(
    event: EventOf<'approval.approve'>,
    args: EventInput,
  ): Promise<{ intake: IntakeFacts; stored: boolean }> {
    if (!patched(PATCHES.reserveIntake)) {
      const legacy = (args as { intake?: { approved?: unknown; quota?: unknown } }).intake;
      const approved = typeof legacy?.approved === 'number' ? legacy.approved : 0;
      const quota = typeof legacy?.quota === 'number' ? legacy.quota : null;
      return { intake: { quota, approvedBefore: approved, reserved: true }, stored: false };
    }
    const c = snapshot.context;
    const intake = await reserveIntake({
      caseId: c.caseId,
      roundId: c.roundId ?? null,
      year: c.year,
      receivingUnit: event.receivingUnit ?? c.requestedReceivingUnit,
    });
    return { intake, stored: true };
  }

  // Queued before any handler exists: an Update delivered with the workflow's first task is handed to
  // its handler as soon as that is registered, and must still land after the nomination (seq 1).
  const nominationRecorded = runExclusive(() => carryOut(initialEffects));

  for (const type of UPDATE_EVENT_TYPES) {
    setHandler(
      eventUpdate(type),
      (args: EventInput) =>
        runExclusive(async () => {
          const event = eventFrom(type, args, false);
          // Re-checked here: an Update queued behind another may find the case changed.
          const verdict = checkEvent(snapshot, provisional(event));
          if (!verdict.ok) throw refused(verdict);
          if (event.type === 'approval.approve') {
            const { intake, stored } = await intakeFor(event, args);
            event.facts = { intake };
            const judged = checkEvent(snapshot, event);
            if (!judged.ok) {
              // The place is given back: a refused approval holds none.
              if (intake.reserved && stored) await releaseIntake({ caseId: snapshot.context.caseId });
              throw refused(judged);
            }
          }
          await apply(event);
          return view();
        }),
      {
        // Runs before acceptance: bad or disallowed input leaves no trace in history or database.
        validator: (args: EventInput) => {
          const event = eventFrom(type, args, true);
          const verdict = checkEvent(snapshot, provisional(event));
          if (!verdict.ok) throw refused(verdict);
        },
      },
    );
  }
  setHandler(caseViewQuery, view);
  setHandler(allowedEventsQuery, ({ role, unit }) => allowedEvents(snapshot, role, unit));
  setHandler(auditTailQuery, (limit) => auditTail.slice(-(limit ?? AUDIT_TAIL)));

  await nominationRecorded;
  initialEffects = [];

  const wantsNewRun = () =>
    workflowInfo().continueAsNewSuggested ||
    (input.continueAsNewAfter !== undefined &&
      input.continueAsNewAfter > 0 &&
      transitionsThisRun >= input.continueAsNewAfter);

  // A function, not an inline comparison: handlers change `snapshot` while the loop awaits.
  const closed = () => snapshot.status === 'done';
  while (!closed()) {
    await condition(() => firedDuties.length > 0 || closed() || wantsNewRun());
    if (wantsNewRun() && !closed()) {
      // Let running Updates finish so none is lost, then carry the case into a fresh history.
      await condition(allHandlersFinished);
      await runExclusive(async () => {});
      timers.cancelAll();
      await continueAsNew<typeof secondmentWorkflow>({
        carried: { persisted: toPersisted(snapshot), auditTail, run: run + 1 },
        ...(input.continueAsNewAfter !== undefined ? { continueAsNewAfter: input.continueAsNewAfter } : {}),
      });
    }
    const fired = firedDuties.shift();
    if (fired !== undefined) {
      // Dated by the alarm it was armed for, not by the clock: the same on every replay.
      await runExclusive(() =>
        apply({
          type: 'deadline.reached',
          dutyId: fired.dutyId,
          at: clampToLastEvent(fired.alarmAt),
          actor: { id: 'system', role: 'system', unit: 'system' },
        }),
      );
    }
  }
  await condition(allHandlersFinished);
  timers.cancelAll();
  return view();
}
