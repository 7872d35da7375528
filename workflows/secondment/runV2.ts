// The host of machine version 2. It carries out exactly the effects the machine emits — the audit
// record and everything written with it, the timers to set and clear, the search attributes — and
// provides what only it can look up: the holiday tables (for the nomination, and when a year is
// loaded) and the receiving unit's quota (for an approval), each through an activity whose result
// is recorded in history, so replay never depends on the database.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { formatZodError } from '../../common/zodErrors';
import { AUDIT_TAIL } from '../../contract/constants';
import { FailureType, NON_RETRYABLE_ACTIVITY_FAILURES } from '../../contract/errors';
import {
  advance,
  allowedEvents,
  calendarYearsFor,
  checkEvent,
  fromPersisted,
  nominationSchema,
  readout,
  restoreEffects,
  RULES,
  secondmentEventSchema,
  start,
  statusLabels,
  toPersisted,
  type Effect,
  type SearchAttributes,
  type SecondmentEvent,
  type SecondmentSnapshot,
} from '../../machines/secondment';
import { auditTailEntryOf, caseViewOf, type AuditTailEntry } from '../../machines/secondment/projections';
import { createSerializer } from '../serialize';
import { applyTransitionInputOf } from './activityInput';
import { continueKeepingHead, createHeadKeeper, isUnstorable, unstorableCause } from './auditHead';
import {
  allowedEventsQuery,
  auditTailQuery,
  caseViewQuery,
  eventUpdate,
  migrateUpdate,
  SA,
  UPDATE_EVENT_TYPES,
  type CaseView,
  type EventInput,
  type MigrateInput,
  type SecondmentWorkflowInput,
  type UpdateEventType,
} from './definitions';
import { DutyTimers } from './dutyTimers';
import { invalidInput, refused, stampOf, type Problem } from './refusals';

const { applyTransition, loadCalendar, reserveIntake, releaseIntake } = proxyActivities<Activities>({
  // One short transaction: a worker killed mid-activity should be retried within seconds.
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    // A conflicting record at a used seq means non-determinism: retrying cannot fix it.
    nonRetryableErrorTypes: NON_RETRYABLE_ACTIVITY_FAILURES,
  },
});

export async function runV2(input: SecondmentWorkflowInput): Promise<CaseView> {
  const runExclusive = createSerializer();
  /** Undefined only while a new case waits for its holiday tables (the first activity). */
  let current: SecondmentSnapshot | undefined = input.carried
    ? fromPersisted(input.carried.persisted)
    : undefined;
  let auditTail: AuditTailEntry[] = input.carried?.auditTail ?? [];
  const run = input.carried?.run ?? 1;
  let transitionsThisRun = 0;
  const head = createHeadKeeper();
  const firedDuties: { dutyId: string; alarmAt: string }[] = [];
  const timers = new DutyTimers((dutyId, alarmAt) => firedDuties.push({ dutyId, alarmAt }));

  const ready = (): SecondmentSnapshot => {
    if (!current) throw new Error('the case is not started yet');
    return current;
  };
  /** Event times never run backwards from the case's last event (the workflow clock can: chaos test). */
  const clampToLastEvent = (iso: string): string =>
    current && Date.parse(iso) < Date.parse(current.context.lastAt) ? current.context.lastAt : iso;
  const view = (): CaseView =>
    current
      ? caseViewOf(readout({ version: 2, snapshot: current }), auditTail.at(-1)?.seq ?? 0, run)
      : startingView();
  /** What a query sees in the moment before the first transition is written: a nomination, nothing owed yet. */
  function startingView(): CaseView {
    const n = input.nomination as {
      caseId?: string;
      kind?: string;
      year?: number;
      sendingUnit?: string;
      requestedReceivingUnit?: string;
    };
    return {
      caseId: n.caseId ?? '',
      status: 'NOMINATED',
      statusLabel: statusLabels.NOMINATED,
      kind: n.kind ?? '',
      year: n.year ?? 0,
      sendingUnit: n.sendingUnit ?? '',
      receivingUnit: n.requestedReceivingUnit ?? '',
      openDuties: [],
      plannedDuties: [],
      provisional: 0,
      nextDeadline: null,
      overdue: false,
      stuck: false,
      closed: false,
      lastSeq: 0,
      machineVersion: 2,
      run,
    };
  }

  function upsert(sa: SearchAttributes): void {
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

  /** Exactly what the machine emitted: the record first (one transaction), then timers and attributes. */
  async function carryOut(effects: readonly Effect[]): Promise<void> {
    const snapshot = ready();
    const record = applyTransitionInputOf(
      effects,
      readout({ version: 2, snapshot }),
      toPersisted(snapshot),
      run,
    );
    if (record) {
      head.written(await applyTransition(record));
      transitionsThisRun += 1;
      const r = effects.find((e): e is Extract<Effect, { type: 'record' }> => e.type === 'record');
      if (r) auditTail = [...auditTail, auditTailEntryOf(r.params)].slice(-AUDIT_TAIL);
    }
    for (const e of effects) {
      if (e.type === 'deadline.set') timers.set(e.params.dutyId, e.params.at);
      else if (e.type === 'deadline.clear') timers.clear(e.params.dutyId);
      else if (e.type === 'searchAttributes') upsert(e.params);
    }
  }

  /** An accepted step, carried out; one the database refuses never happened (rolled back). */
  async function commit(
    step: { snapshot: SecondmentSnapshot; effects: readonly Effect[] },
    event: SecondmentEvent,
  ): Promise<void> {
    const before = current;
    current = step.snapshot;
    try {
      await carryOut(step.effects);
    } catch (err) {
      const unstorable = unstorableCause(err);
      if (!unstorable) throw err;
      current = before;
      // a rolled-back approval gives its place back
      if (event.type === 'approval.approve') await releaseIntake({ caseId: step.snapshot.context.caseId });
      throw head.refused(unstorable.message, event.type, event.at);
    }
  }

  /** The event as the machine takes it; the caller's `facts` are dropped: only the host provides facts. */
  function eventFrom(type: UpdateEventType, args: EventInput, firstArrival: boolean): SecondmentEvent {
    const { at: stamped, facts: _callerFacts, ...rest } = args;
    const problems: Problem[] = [];
    const at = stampOf(stamped, firstArrival, problems);
    const parsed = secondmentEventSchema.safeParse({ ...rest, type, at: clampToLastEvent(at) });
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path ?? [];
      problems.unshift({
        field: path.length > 0 ? path.map(String).join('.') : undefined,
        text: formatZodError(parsed.error),
      });
    }
    if (problems.length > 0 || !parsed.success) throw invalidInput(type, problems, RULES['event.schema'].zh);
    return parsed.data;
  }

  /** The host's facts for the events that need them, looked up once the Update is accepted. */
  async function withFacts(event: SecondmentEvent): Promise<SecondmentEvent> {
    const c = ready().context;
    if (event.type === 'approval.approve') {
      const intake = await reserveIntake({
        caseId: c.caseId,
        roundId: c.roundId ?? null,
        year: c.year,
        receivingUnit: event.receivingUnit ?? c.requestedReceivingUnit,
      });
      return { ...event, facts: { intake } };
    }
    if (event.type === 'calendar.update') {
      const calendar = await loadCalendar({ from: event.year, to: event.year });
      return { ...event, facts: { calendar } };
    }
    return event;
  }

  // Queued before any handler exists: an Update delivered with the workflow's first task is handed to
  // its handler as soon as that is registered, and must still land after the first transition.
  const initialized = input.carried
    ? // A new run (continue-as-new) re-arms what the carried snapshot has armed, from the machine's effects.
      runExclusive(() => carryOut(restoreEffects(ready())))
    : runExclusive(async () => {
        const nomination = nominationSchema.safeParse(input.nomination);
        if (!nomination.success)
          throw ApplicationFailure.nonRetryable(
            `提名信息无效 / invalid nomination: ${formatZodError(nomination.error)}`,
            FailureType.InvalidInput,
          );
        const calendar = await loadCalendar(calendarYearsFor(nomination.data));
        const first = start({ ...nomination.data, calendar });
        current = first.snapshot;
        await carryOut(first.effects);
      });

  for (const type of UPDATE_EVENT_TYPES) {
    setHandler(
      eventUpdate(type),
      (args: EventInput) =>
        runExclusive(async () => {
          const event = eventFrom(type, args, false);
          // Re-checked here: an Update queued behind another may find the case changed.
          const early = checkEvent(ready(), event, { factsPending: true });
          if (!early.ok) throw refused(early);
          const full = await withFacts(event);
          const step = advance(ready(), full);
          if (!step) {
            const verdict = checkEvent(ready(), full);
            // a refused approval gives its place back
            if (full.type === 'approval.approve') await releaseIntake({ caseId: ready().context.caseId });
            throw refused(
              verdict.ok
                ? {
                    code: 'RULE_VIOLATION',
                    rule: 'state.events',
                    message: { zh: '未被接受', en: 'not accepted' },
                  }
                : verdict,
            );
          }
          await commit(step, full);
          return view();
        }),
      {
        // Runs before acceptance: bad or disallowed input leaves no trace in history or database.
        validator: (args: EventInput) => {
          const event = eventFrom(type, args, true);
          // before the first transition is written the handler (queued behind it) judges instead
          if (!current) return;
          const verdict = checkEvent(current, event, { factsPending: true });
          if (!verdict.ok) throw refused(verdict);
        },
      },
    );
  }
  const alreadyV2 = () =>
    refused({
      code: 'RULE_VIOLATION',
      rule: 'state.events',
      message: { zh: '案件已按第2版规则运行，无须迁移', en: 'the case already runs machine version 2' },
    });
  setHandler(
    migrateUpdate,
    (_args: MigrateInput): CaseView => {
      throw alreadyV2();
    },
    {
      validator: (_args: MigrateInput) => {
        throw alreadyV2();
      },
    },
  );
  setHandler(caseViewQuery, view);
  setHandler(allowedEventsQuery, ({ role, unit }) => (current ? allowedEvents(current, role, unit) : []));
  setHandler(auditTailQuery, (limit) => auditTail.slice(-(limit ?? AUDIT_TAIL)));

  await initialized;

  const wantsNewRun = () =>
    workflowInfo().continueAsNewSuggested ||
    (input.continueAsNewAfter !== undefined &&
      input.continueAsNewAfter > 0 &&
      transitionsThisRun >= input.continueAsNewAfter);

  // A function, not an inline comparison: handlers change `snapshot` while the loop awaits.
  const closed = () => ready().status === 'done';
  while (!closed()) {
    await condition(() => firedDuties.length > 0 || closed() || wantsNewRun());
    if (wantsNewRun() && !closed()) {
      // Let running Updates finish so none is lost, then carry the case into a fresh history.
      await condition(allHandlersFinished);
      await runExclusive(async () => {});
      timers.cancelAll();
      await continueKeepingHead({
        carried: { persisted: toPersisted(ready()), auditTail, run: run + 1 },
        ...(input.continueAsNewAfter !== undefined ? { continueAsNewAfter: input.continueAsNewAfter } : {}),
      });
    }
    const fired = firedDuties.shift();
    if (fired !== undefined) {
      // Dated by the alarm it was armed for, not by the clock: the same on every replay.
      await runExclusive(async () => {
        const alarm: SecondmentEvent = {
          type: 'deadline.reached',
          dutyId: fired.dutyId,
          at: clampToLastEvent(fired.alarmAt),
          actor: { id: 'system', role: 'system', unit: 'system' },
        };
        const step = advance(ready(), alarm);
        if (!step) return; // a stale alarm changes nothing
        // one the database refuses is shown in the memo and rolled back: the case goes on
        await commit(step, alarm).catch((err: unknown) => {
          if (!isUnstorable(err)) throw err;
        });
      });
    }
  }
  await condition(allHandlersFinished);
  timers.cancelAll();
  return view();
}
