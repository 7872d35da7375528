// What a calendar feed lists, from the same reads as "my duties": the open duties of the cases in
// the user's scope that they owe (or, for an org admin's department feed, every overdue or stuck
// one of its jurisdiction), each with its reminder at the first step of the escalation ladder of
// that case's own policy. Only what the user sees in the console: the cadre's name and the units.
import type { FeedDuty } from '../../calendarFeed/feedInput';
import { inBatches } from '../../common/inBatches';
import type { DutyView } from '../../contract';
import { roleSchema, stepTime } from '../../machines/secondment';
import { getCaseState, openCasesInScope, personNames, unitNames, type CaseRef } from '../../store';
import type { ApiUser } from '../auth/users';
import type { ApiContext } from '../context';
import { owes } from '../routes/dashboard';

const OPEN_CASES_MAX = 500;

export interface FeedDuties {
  duties: FeedDuty[];
  /** the newest change among the cases listed: the feed's DTSTAMP */
  changedAt: string;
}

export async function feedDuties(
  ctx: ApiContext,
  user: ApiUser,
  which: 'owed' | 'overdue',
  now = Date.now(),
): Promise<FeedDuties> {
  const open = await openCasesInScope(ctx.db, user, OPEN_CASES_MAX);
  const names = await personNames(
    ctx.db,
    open.flatMap((r) => (r.cadreId ? [r.cadreId] : [])),
  );
  const picked: { ref: CaseRef; duty: DutyView; reminderAt: string | null; seq: number; at: string }[] = [];
  await inBatches(open, 10, async (ref: CaseRef) => {
    // a case whose state cannot be read right now is left out this time (the client refetches)
    const read = await Promise.all([ctx.cases.status(ref.caseId), getCaseState(ctx.db, ref.caseId)]).catch(
      () => null,
    );
    if (!read) return;
    const [view, state] = read;
    const v2 = state?.snapshot.version === 2 ? state.snapshot.snapshot.context : null;
    for (const d of view.openDuties) {
      if (which === 'owed' ? !owes(user, d) : !(d.stuck || Date.parse(d.dueAt) < now)) continue;
      const duty = v2?.duties.find((x) => x.id === d.id);
      picked.push({
        ref,
        duty: d,
        reminderAt: v2 && duty ? stepTime(v2, duty, 'reminder') : null,
        seq: state?.seq ?? 0,
        at: v2?.lastAt ?? new Date(0).toISOString(),
      });
    }
  });
  const units = await unitNames(ctx.db, [
    ...picked.map((p) => p.duty.owner.unit),
    ...picked.map((p) => p.ref.receivingUnit),
  ]);
  const unitName = (code: string) => units.get(code)?.zh ?? code;
  const duties = picked.map(({ ref, duty, reminderAt, seq }): FeedDuty => {
    const who = ref.cadreId ? (names.get(ref.cadreId) ?? ref.caseId) : ref.caseId;
    const step = duty.escalations.at(-1)?.step;
    return {
      id: duty.id,
      caseId: ref.caseId,
      label: `${who} · ${unitName(ref.receivingUnit)}`.slice(0, 120),
      what: duty.what,
      dueAt: duty.dueAt,
      owner: { role: roleSchema.parse(duty.owner.role), unitName: unitName(duty.owner.unit).slice(0, 120) },
      escalationStep: (step ?? 'none') as FeedDuty['escalationStep'],
      overdue: Date.parse(duty.dueAt) < now,
      stuck: duty.stuck,
      provisional: duty.provisional,
      ...(reminderAt ? { reminderAt } : {}),
      // the case's audit seq: it grows with every change (extension, reassignment, hold)
      revision: seq,
    };
  });
  const changedAt = picked.reduce((m, p) => (p.at > m ? p.at : m), new Date(0).toISOString());
  return { duties, changedAt };
}

/** Reminder lead when a duty has no exact moment (a v1 case): about the default policy's 3 working days. */
export const DEFAULT_REMINDER_SECONDS = 3 * 86_400;
