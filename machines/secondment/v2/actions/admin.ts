// Interventions by the organization department (all with a mandatory reason), the system's alarm,
// the re-planning once a year's holiday table is loaded, and the audit stamp of every step.
import { workingDaysBetween } from '../../../calendar';
import { LADDER_STEPS, type Duty, type LadderStep, type SecondmentContext } from '../context';
import type { Draft } from '../draft';
import { armed, closed, findById, isLive, openTimedDuty, opened, stepTime } from '../duties';
import { recomputed, reliesOnYear, shifted } from '../reschedule';
import { iso, ms } from '../time';
import { as, type Action } from './types';

const ladderEffects: Record<LadderStep, (c: SecondmentContext, x: Duty, d: Draft) => void> = {
  reminder: (_c, x, d) =>
    d.notify([x.owner], 'duty.reminder', { what: x.what.zh, dueAt: x.dueAt, dutyId: x.id }),
  overdue: (_c, x, d) => {
    // a cadre's missed duty is also the sending unit's business (两头管理)
    const cc = x.owner.role === 'cadre' ? [d.to('sending_officer')] : [];
    d.notify([x.owner, ...cc], 'duty.overdue', { what: x.what.zh, dueAt: x.dueAt, dutyId: x.id });
  },
  unitHead: (_c, x, d) =>
    d.notify([{ role: 'unit_head', unit: x.owner.unit }], 'duty.escalated.unitHead', {
      what: x.what.zh,
      dutyId: x.id,
    }),
  orgDept: (_c, x, d) =>
    d.notify([d.to('org_admin')], 'duty.escalated.orgDept', { what: x.what.zh, dutyId: x.id }),
  stuck: (_c, x, d) =>
    d.notify([d.to('org_admin'), x.owner], 'duty.stuck', { what: x.what.zh, dutyId: x.id }),
};

export const adminActions = {
  stamp: (d) => d.set({ seq: d.c.seq + 1, lastAt: d.now }),
  extendDeadline: (d, e) => {
    const x = as('admin.deadline.extend', e);
    const duty = d.updateDuty(x.dutyId, (y) =>
      armed(
        d.c,
        // the ladder starts again from the new due date; history stays in escalations
        {
          ...y,
          dueAt: iso(ms(x.until)),
          basis: null,
          calendarVersion: null,
          provisional: false,
          stuck: false,
          ladder: 0,
        },
        d.now,
      ),
    );
    if (duty)
      d.notify([duty.owner], 'duty.extended', { what: duty.what.zh, dueAt: duty.dueAt, reason: x.reason });
  },
  waiveDuty: (d, e) => {
    const x = as('admin.duty.waive', e);
    const duty = d.updateDuty(x.dutyId, (y) => closed(y, 'waived', d.now));
    if (duty) d.notify([duty.owner], 'duty.waived', { what: duty.what.zh, reason: x.reason });
  },
  reassignDuty: (d, e) => {
    const x = as('admin.duty.reassign', e);
    const owner =
      x.owner.role === 'cadre' && x.owner.unit === d.c.receivingUnit
        ? { role: x.owner.role, unit: x.owner.unit, personId: d.c.cadre.id }
        : { role: x.owner.role, unit: x.owner.unit };
    const duty = d.updateDuty(x.dutyId, (y) => ({ ...y, owner }));
    if (duty) d.notify([owner], 'duty.reassigned', { what: duty.what.zh, reason: x.reason });
  },
  hold: (d, e) => {
    const x = as('admin.case.hold', e);
    d.set({ hold: { at: d.now, reason: x.reason } });
    d.updateDuties(isLive, (y) => ({ ...y, pausedAt: d.now, nextAlarmAt: null }));
    // the hold itself is a duty: somebody must look at the case again
    openTimedDuty(d, 'hold.review');
    d.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.held', { reason: x.reason });
  },
  resume: (d, e) => {
    const x = as('admin.case.resume', e);
    const hold = d.c.hold;
    if (!hold) return;
    const heldMs = ms(d.now) - ms(hold.at);
    // due dates under a working-day rule move by the working days on hold: never onto a holiday
    const heldWorkingDays = workingDaysBetween(
      d.c.calendar,
      hold.at,
      d.now,
      d.c.policy.timeZoneOffsetMinutes,
    ).count;
    d.updateDuties(
      (y) => y.kind === 'hold.review' && isLive(y),
      (y) => closed(y, 'done', d.now),
    );
    const termRunning = d.c.duties.some((y) => y.kind === 'service.termEnd' && isLive(y));
    const tracking = d.c.duties.some((y) => y.kind === 'tracking.review' && isLive(y));
    // time on hold does not count towards the term (nor the tracking period)
    if (termRunning && d.c.termEnd !== null)
      d.set({ heldMs: d.c.heldMs + heldMs, termEnd: iso(ms(d.c.termEnd) + heldMs) });
    if (tracking && d.c.trackingStart !== null) d.set({ trackingStart: iso(ms(d.c.trackingStart) + heldMs) });
    d.updateDuties(
      (y) => isLive(y) && y.pausedAt !== null,
      (y) => shifted(d.c, y, heldWorkingDays, heldMs, d.now),
    );
    d.set({ hold: null });
    d.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.resumed', {
      reason: x.reason,
      heldWorkingDays,
    });
  },
  noteForce: (d, e) => {
    const x = as('admin.case.force', e);
    d.notifyRoles(['org_admin', 'sending_officer', 'receiving_officer'], 'case.forced', {
      to: x.to,
      reason: x.reason,
    });
  },
  takeAlarm: (d, e) => {
    const id = as('deadline.reached', e).dutyId;
    const duty = findById(d.c, id);
    if (!duty) return;
    if (duty.state === 'planned') {
      // its window has come: the report is owed from now
      d.updateDuty(id, (y) => opened(d.c, y, d.now));
      return;
    }
    let x = duty;
    // take every step whose moment has come (a late alarm catches up in order)
    for (
      let step = LADDER_STEPS[x.ladder];
      step && ms(stepTime(d.c, x, step)) <= ms(d.now);
      step = LADDER_STEPS[x.ladder]
    ) {
      x = {
        ...x,
        escalations: [...x.escalations, { step, at: d.now }],
        ladder: x.ladder + 1,
        stuck: x.stuck || step === 'stuck',
      };
      ladderEffects[step](d.c, x, d);
    }
    const after = armed(d.c, x, d.now);
    d.updateDuty(id, () => after);
  },
  replanCalendar: (d, e) => {
    const x = as('calendar.update', e);
    const table = x.facts?.calendar[String(x.year)];
    if (!table) return;
    d.set({ calendar: { ...d.c.calendar, [String(x.year)]: table } });
    for (const duty of d.c.duties) {
      if (!isLive(duty) || !(duty.provisional || reliesOnYear(duty, x.year))) continue;
      const next = recomputed(d.c, duty);
      d.updateDuty(duty.id, () => armed(d.c, next, d.now));
      if (next.dueAt !== duty.dueAt)
        d.notify([duty.owner], 'duty.replanned', { what: duty.what.zh, from: duty.dueAt, dueAt: next.dueAt });
    }
    // ladder moments (reminders, escalations) may fall in that year too
    d.updateDuties(isLive, (y) => armed(d.c, y, d.now));
  },
} satisfies Record<string, Action>;
