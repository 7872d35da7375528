// The host of machine version 1, as it ran before version 2: every recorded v1 history replays
// against this code command for command (the replay test), and v1 cases still running keep to it.
// The one addition is the migration Update (admin.case.migrate): new, so no recorded history has it.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { initialTransition, transition } from 'xstate';
import type { Activities } from '../../activities';
import { formatZodError } from '../../common/zodErrors';
import { AUDIT_TAIL } from '../../contract/constants';
import { FailureType, NON_RETRYABLE_ACTIVITY_FAILURES } from '../../contract/errors';
import {
  allowedEventsOf,
  calendarYearsFor,
  migrationStep,
  readout,
  v1,
  type AnyPersisted,
  type Effect,
} from '../../machines/secondment';
import {
  auditTailEntryOf,
  caseViewOf,
  type AuditTailEntry,
  type CaseReadout,
} from '../../machines/secondment/projections';
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

const { applyTransition, loadCalendar } = proxyActivities<Activities>({
  // One short transaction: a worker killed mid-activity should be retried within seconds.
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    // A conflicting record at a used seq means non-determinism: retrying cannot fix it.
    nonRetryableErrorTypes: NON_RETRYABLE_ACTIVITY_FAILURES,
  },
});

const V1_ONLY = {
  zh: '案件仍按第1版规则运行；如此步骤须按第2版办理，请先由组织部迁移（admin.case.migrate）',
  en: 'this case still runs machine version 1; if the step needs version 2, an org admin migrates it first (admin.case.migrate)',
};

export async function runV1(input: SecondmentWorkflowInput): Promise<CaseView> {
  const runExclusive = createSerializer();
  let snapshot: v1.SecondmentSnapshot;
  let initialEffects: v1.Effect[] = [];
  let auditTail: AuditTailEntry[] = input.carried?.auditTail ?? [];
  const run = input.carried?.run ?? 1;
  let transitionsThisRun = 0;
  /** Set once the case has been migrated: the next run is version 2. */
  let migrated: { persisted: AnyPersisted; readout: CaseReadout } | null = null;
  const head = createHeadKeeper();

  if (input.carried) {
    snapshot = v1.fromPersisted(input.carried.persisted);
  } else {
    const nomination = v1.secondmentInputSchema.safeParse(input.nomination);
    if (!nomination.success) {
      throw ApplicationFailure.nonRetryable(
        `提名信息无效 / invalid nomination: ${formatZodError(nomination.error)}`,
        FailureType.InvalidInput,
      );
    }
    const [first, actions] = initialTransition(v1.secondmentMachine, nomination.data);
    snapshot = first;
    initialEffects = v1.toEffects(actions);
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

  const view = (): CaseView =>
    caseViewOf(migrated?.readout ?? readout({ version: 1, snapshot }), auditTail.at(-1)?.seq ?? 0, run);

  function syncSearchAttributes(): void {
    const sa = v1.searchAttributes(snapshot);
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
      for (const d of v1.openDuties(snapshot)) if (d.nextAlarmAt) wanted.set(d.id, d.nextAlarmAt);
    }
    timers.reconcile(wanted);
  }

  async function carryOut(effects: readonly v1.Effect[]): Promise<void> {
    const record = applyTransitionInputOf(
      effects,
      readout({ version: 1, snapshot }),
      v1.toPersisted(snapshot),
      run,
    );
    if (record) {
      head.written(await applyTransition(record));
      transitionsThisRun += 1;
      const r = effects.find((e) => e.type === 'record');
      if (r?.type === 'record') auditTail = [...auditTail, auditTailEntryOf(r.params)].slice(-AUDIT_TAIL);
    }
    syncSearchAttributes();
    syncTimers();
  }

  async function apply(event: v1.SecondmentEvent): Promise<void> {
    const [next, actions] = transition(v1.secondmentMachine, snapshot, event);
    if (next === snapshot) return; // refused: the machine leaves the snapshot untouched
    const before = snapshot;
    snapshot = next;
    try {
      await carryOut(v1.toEffects(actions));
    } catch (err) {
      const unstorable = unstorableCause(err);
      if (!unstorable) throw err;
      // never happened: the case stays where it was, later events proceed
      snapshot = before;
      throw head.refused(unstorable.message, event.type, event.at);
    }
  }

  function eventFrom(type: UpdateEventType, args: EventInput, firstArrival: boolean): v1.SecondmentEvent {
    const { at: stamped, ...rest } = args;
    const problems: Problem[] = [];
    const at = stampOf(stamped, firstArrival, problems);
    const parsed = v1.secondmentEventSchema.safeParse({ ...rest, type, at: clampToLastEvent(at) });
    if (!parsed.success) {
      const path = parsed.error.issues[0]?.path ?? [];
      problems.unshift({
        field: path.length > 0 ? path.map(String).join('.') : undefined,
        text: `${formatZodError(parsed.error)} (${V1_ONLY.zh} / ${V1_ONLY.en})`,
      });
    }
    if (problems.length > 0 || !parsed.success)
      throw invalidInput(type, problems, v1.RULES['event.schema'].zh);
    return parsed.data;
  }

  const migratedAlready = (): never => {
    throw refused({
      code: 'CASE_CLOSED',
      rule: 'case.closed',
      message: { zh: '案件正在迁移到第2版规则', en: 'the case is being migrated to machine version 2' },
    });
  };

  // Queued before any handler exists: an Update delivered with the workflow's first task is handed to
  // its handler as soon as that is registered, and must still land after the nomination (seq 1).
  const nominationRecorded = runExclusive(() => carryOut(initialEffects));

  for (const type of UPDATE_EVENT_TYPES) {
    setHandler(
      eventUpdate(type),
      (args: EventInput) =>
        runExclusive(async () => {
          if (migrated) migratedAlready();
          const event = eventFrom(type, args, false);
          // Re-checked here: an Update queued behind another may find the case changed.
          const verdict = v1.checkEvent(snapshot, event);
          if (!verdict.ok) throw refused(verdict);
          await apply(event);
          return view();
        }),
      {
        // Runs before acceptance: bad or disallowed input leaves no trace in history or database.
        validator: (args: EventInput) => {
          if (migrated) migratedAlready();
          const event = eventFrom(type, args, true);
          const verdict = v1.checkEvent(snapshot, event);
          if (!verdict.ok) throw refused(verdict);
        },
      },
    );
  }

  /** Only this case's organization department migrates it, with a reason, while it is open. */
  function checkMigration(args: MigrateInput, firstArrival: boolean): { at: string } {
    const problems: Problem[] = [];
    const at = clampToLastEvent(stampOf(args.at, firstArrival, problems));
    if (typeof args.reason !== 'string' || args.reason.trim().length < 2)
      problems.push({ field: 'reason', text: 'reason: 须说明理由 / a reason is required' });
    if (problems.length > 0) throw invalidInput('admin.case.migrate', problems, v1.RULES['event.schema'].zh);
    if (migrated) migratedAlready();
    if (snapshot.status === 'done')
      throw refused({
        code: 'CASE_CLOSED',
        rule: 'case.closed',
        message: { zh: '已结束的案件无须迁移', en: 'a closed case is not migrated' },
      });
    if (args.actor?.role !== 'org_admin' || args.actor.unit !== snapshot.context.orgUnit)
      throw refused({
        code: 'ROLE_FORBIDDEN',
        rule: 'role.permission',
        message: {
          zh: `只有本案的组织部（${snapshot.context.orgUnit}）可以迁移案件`,
          en: `only this case's organization department (${snapshot.context.orgUnit}) migrates it`,
        },
      });
    return { at };
  }

  setHandler(
    migrateUpdate,
    (args: MigrateInput) =>
      runExclusive(async () => {
        const { at } = checkMigration(args, false);
        // the tables the migrated case computes with, recorded in this history
        const years = calendarYearsFor(snapshot.context);
        const calendar = await loadCalendar(years);
        const step = migrationStep(
          v1.toPersisted(snapshot),
          { calendar, at },
          {
            actor: { id: args.actor.id, role: 'org_admin', unit: args.actor.unit },
            reason: args.reason.trim(),
          },
        );
        const after = readout({ version: 2, snapshot: step.snapshot });
        const record = applyTransitionInputOf(step.effects, after, step.persisted, run);
        if (record) head.written(await applyTransition(record));
        const r = step.effects.find((e): e is Extract<Effect, { type: 'record' }> => e.type === 'record');
        if (r) auditTail = [...auditTail, auditTailEntryOf(r.params)].slice(-AUDIT_TAIL);
        migrated = { persisted: step.persisted, readout: after };
        return view();
      }),
    { validator: (args: MigrateInput) => void checkMigration(args, true) },
  );
  setHandler(caseViewQuery, view);
  setHandler(allowedEventsQuery, ({ role, unit }) =>
    migrated ? [] : allowedEventsOf({ version: 1, snapshot }, role, unit),
  );
  setHandler(auditTailQuery, (limit) => auditTail.slice(-(limit ?? AUDIT_TAIL)));

  await nominationRecorded;
  initialEffects = [];

  const wantsNewRun = () =>
    migrated !== null ||
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
      const next = migrated as { persisted: AnyPersisted } | null;
      await continueKeepingHead({
        carried: { persisted: next?.persisted ?? v1.toPersisted(snapshot), auditTail, run: run + 1 },
        ...(input.continueAsNewAfter !== undefined ? { continueAsNewAfter: input.continueAsNewAfter } : {}),
      });
    }
    const fired = firedDuties.shift();
    if (fired !== undefined && !migrated) {
      // Dated by the alarm it was armed for, not by the clock: the same on every replay.
      await runExclusive(() =>
        apply({
          type: 'deadline.reached',
          dutyId: fired.dutyId,
          at: clampToLastEvent(fired.alarmAt),
          actor: { id: 'system', role: 'system', unit: 'system' },
        }).catch((err: unknown) => {
          // Shown in the memo and rolled back: the case goes on rather than failing.
          if (!isUnstorable(err)) throw err;
        }),
      );
    }
  }
  await condition(allHandlersFinished);
  timers.cancelAll();
  return view();
}
