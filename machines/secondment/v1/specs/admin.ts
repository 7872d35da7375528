// Interventions by the organization department (all with a mandatory reason) and the system's
// deadline alarm. They pass the same guards and leave the same audit trail as business steps.
import type { SecondmentContext } from '../context';
import { LADDER_STEPS, type Duty, type LadderStep } from '../context';
import { arm, closeDuty, findById, openTimedDuty, pauseAll, resumeAll, stepTime } from '../duties';
import { close, enterFinal, enterTracking, maybeCompletePosting, maybeCompleteReturn } from '../phases';
import type { EffectCollector } from '../effectCollector';
import { refuse, violation, type Refusal } from '../refusal';
import type { SpecMap } from '../spec';
import { FORCE_EDGES, SERVING, type ForceEdge, type StatusCode } from '../status';
import { iso, ms } from '../time';
import { NEVER_WAIVABLE } from '../vocabulary';

type K =
  | 'admin.deadline.extend'
  | 'admin.duty.waive'
  | 'admin.duty.reassign'
  | 'admin.case.hold'
  | 'admin.case.resume'
  | 'admin.case.force'
  | 'deadline.reached';

type Ctx = SecondmentContext;

function openDutyOr(c: Ctx, id: string): Duty | Refusal {
  const d = findById(c, id);
  if (d && d.state === 'open') return d;
  return refuse('UNKNOWN_DUTY', 'admin.unknownDuty', `没有未完成事项${id}`, `No open duty ${id}`);
}
const isRefusal = (x: Duty | Refusal): x is Refusal => 'ok' in x;

export function forceEdgesFrom(c: Ctx): ForceEdge[] {
  return FORCE_EDGES.filter((e) => e.startsWith(`${c.status}->`) && c.policy.forcedTransitions.includes(e));
}

const ladderEffects: Record<LadderStep, (c: Ctx, d: Duty, out: EffectCollector) => void> = {
  reminder: (_c, d, out) =>
    out.notify([d.owner], 'duty.reminder', { what: d.what.zh, dueAt: d.dueAt, dutyId: d.id }),
  overdue: (_c, d, out) => {
    // a cadre's missed duty is also the sending unit's business (两头管理)
    const cc = d.owner.role === 'cadre' ? [out.to('sending_officer')] : [];
    out.notify([d.owner, ...cc], 'duty.overdue', { what: d.what.zh, dueAt: d.dueAt, dutyId: d.id });
  },
  unitHead: (_c, d, out) =>
    out.notify([{ role: 'unit_head', unit: d.owner.unit }], 'duty.escalated.unitHead', {
      what: d.what.zh,
      dutyId: d.id,
    }),
  orgDept: (_c, d, out) =>
    out.notify([out.to('org_admin')], 'duty.escalated.orgDept', { what: d.what.zh, dutyId: d.id }),
  stuck: (_c, d, out) =>
    out.notify([out.to('org_admin'), d.owner], 'duty.stuck', { what: d.what.zh, dutyId: d.id }),
};

export const adminSpecs: SpecMap<K> = {
  'admin.deadline.extend': {
    roles: ['org_admin'],
    check: (c, e, now) => {
      const d = openDutyOr(c, e.dutyId);
      if (isRefusal(d)) return d;
      if (d.milestone)
        return violation(
          'admin.milestone',
          '挂职期满时间须走延期程序',
          'Use the extension procedure to move the term end',
        );
      if (ms(e.until) <= ms(d.dueAt) || ms(e.until) <= ms(now))
        return violation(
          'admin.later',
          `新期限须晚于${d.dueAt}和当前时间`,
          `The new deadline must be after ${d.dueAt} and now`,
        );
      return null;
    },
    apply: (c, e, out) => {
      const d = findById(c, e.dutyId);
      if (!d) return;
      d.dueAt = iso(ms(e.until));
      d.stuck = false;
      d.ladder = 0; // the ladder starts again from the new due date; history stays in escalations
      arm(c, d, out.now);
      out.notify([d.owner], 'duty.extended', { what: d.what.zh, dueAt: d.dueAt, reason: e.reason });
    },
  },
  'admin.duty.waive': {
    roles: ['org_admin'],
    check: (c, e) => {
      const d = openDutyOr(c, e.dutyId);
      if (isRefusal(d)) return d;
      if (NEVER_WAIVABLE.includes(d.kind) || !c.policy.waivable.includes(d.kind))
        return violation('admin.notWaivable', `「${d.what.zh}」不可免除`, `"${d.what.en}" cannot be waived`);
      return null;
    },
    apply: (c, e, out) => {
      const d = findById(c, e.dutyId);
      if (!d) return;
      closeDuty(d, 'waived', out.now);
      out.notify([d.owner], 'duty.waived', { what: d.what.zh, reason: e.reason });
      maybeCompletePosting(c, out);
      maybeCompleteReturn(c, out);
    },
  },
  'admin.duty.reassign': {
    roles: ['org_admin'],
    check: (c, e) => {
      const d = openDutyOr(c, e.dutyId);
      if (isRefusal(d)) return d;
      if (e.owner.role === 'auditor' || e.owner.role === 'system')
        return violation(
          'admin.owner',
          '审计和系统不能承担事项',
          'Auditors and the system cannot own duties',
        );
      return null;
    },
    apply: (c, e, out) => {
      const d = findById(c, e.dutyId);
      if (!d) return;
      d.owner = { role: e.owner.role, unit: e.owner.unit };
      out.notify([d.owner], 'duty.reassigned', { what: d.what.zh, reason: e.reason });
    },
  },
  'admin.case.hold': {
    roles: ['org_admin'],
    apply: (c, e, out) => {
      c.hold = { at: out.now, reason: e.reason, heldStatus: c.status };
      pauseAll(c, out.now);
      c.status = 'ON_HOLD';
      // the hold itself is a duty: somebody must look at the case again
      openTimedDuty(c, 'hold.review', out.now);
      out.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.held', { reason: e.reason });
    },
  },
  'admin.case.resume': {
    roles: ['org_admin'],
    apply: (c, e, out) => {
      const hold = c.hold;
      if (!hold) return;
      const heldMs = ms(out.now) - ms(hold.at);
      for (const d of c.duties)
        if (d.kind === 'hold.review' && d.state === 'open') closeDuty(d, 'done', out.now);
      resumeAll(c, heldMs, out.now);
      // time on hold does not count towards the term (nor the tracking period)
      if (SERVING.includes(hold.heldStatus) && c.termEnd !== null) {
        c.heldMs += heldMs;
        c.termEnd = iso(ms(c.termEnd) + heldMs);
      }
      if (hold.heldStatus === 'TRACKING' && c.trackingStart !== null)
        c.trackingStart = iso(ms(c.trackingStart) + heldMs);
      c.status = hold.heldStatus;
      c.hold = null;
      // a checklist item waived during the hold may have been the last one
      maybeCompletePosting(c, out);
      maybeCompleteReturn(c, out);
      out.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.resumed', {
        reason: e.reason,
        heldMinutes: Math.round(heldMs / 60_000),
      });
    },
  },
  'admin.case.force': {
    roles: ['org_admin'],
    pre: (c) =>
      forceEdgesFrom(c).length > 0
        ? null
        : violation(
            'admin.forceEdge',
            `政策不允许从「${c.status}」强制变更`,
            `The policy allows no forced transition from ${c.status}`,
          ),
    check: (c, e) =>
      forceEdgesFrom(c).includes(`${c.status}->${e.to}` as ForceEdge)
        ? null
        : violation(
            'admin.forceEdge',
            `政策不允许从${c.status}强制变更为${e.to}（允许：${forceEdgesFrom(c).join('，') || '无'}）`,
            `The policy does not allow ${c.status} → ${e.to} (allowed: ${forceEdgesFrom(c).join(', ') || 'none'})`,
          ),
    apply: (c, e, out) => {
      const to: StatusCode = e.to;
      out.notifyRoles(['org_admin', 'sending_officer', 'receiving_officer'], 'case.forced', {
        to,
        reason: e.reason,
      });
      if (to === 'FINAL_ASSESSMENT') enterFinal(c, out);
      else if (to === 'TRACKING') enterTracking(c, out);
      else close(c, out, to);
    },
  },
  'deadline.reached': {
    roles: ['system'],
    check: (c, e, now) => {
      const d = findById(c, e.dutyId);
      if (!d || d.state !== 'open')
        return refuse(
          'UNKNOWN_DUTY',
          'deadline.unknown',
          `事项${e.dutyId}不存在或已完成`,
          `Duty ${e.dutyId} is unknown or closed`,
        );
      if (d.nextAlarmAt === null || ms(now) < ms(d.nextAlarmAt))
        return refuse(
          'STALE_ALARM',
          'deadline.stale',
          `事项${e.dutyId}当前无到期提醒（下次：${d.nextAlarmAt ?? '无'}）`,
          `Duty ${e.dutyId} has no alarm due (next: ${d.nextAlarmAt ?? 'none'})`,
        );
      return null;
    },
    apply: (c, e, out) => {
      const d = findById(c, e.dutyId);
      if (!d) return;
      if (d.milestone) {
        // 挂职期满: the term-end milestone moves the case on by itself
        enterFinal(c, out);
        return;
      }
      // take every step whose moment has come (a late alarm catches up in order)
      for (
        let step = LADDER_STEPS[d.ladder];
        step && ms(stepTime(c, d, step)) <= ms(out.now);
        step = LADDER_STEPS[d.ladder]
      ) {
        d.escalations.push({ step, at: out.now });
        d.ladder += 1;
        if (step === 'stuck') d.stuck = true;
        ladderEffects[step](c, d, out);
      }
      arm(c, d, out.now);
    },
  },
};
