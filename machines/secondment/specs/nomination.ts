// 推荐与审批 (nomination and approval).
import { closeByKey } from '../duties';
import { close } from '../phases';
import { planPosting } from '../plans';
import type { SecondmentContext } from '../context';
import type { EventOf } from '../events';
import { violation, type Refusal } from '../refusal';
import type { SpecMap } from '../spec';

/**
 * 名额: the receiving unit's intake may not exceed its stored allocation. The facts come from the
 * host (the workflow's reserveIntake activity reads the allocation and the cases already approved),
 * never from the caller; without them the approval is refused.
 */
export function withinQuota(c: SecondmentContext, e: EventOf<'approval.approve'>): Refusal | null {
  const unit = e.receivingUnit ?? c.requestedReceivingUnit;
  const intake = e.facts?.intake;
  if (intake === undefined)
    return violation(
      'approval.quota',
      `接收单位${unit}的名额尚未核定（由系统从名额分配中读取）`,
      `The quota of receiving unit ${unit} has not been read from the stored allocation`,
    );
  if (intake.quota === null) return null;
  if (intake.reserved && intake.approvedBefore < intake.quota) return null;
  return violation(
    'approval.quota',
    `接收单位${unit}名额${intake.quota}人，已批准${intake.approvedBefore}人，名额已满`,
    `Receiving unit ${unit} has a quota of ${intake.quota} and ${intake.approvedBefore} already approved: no place left`,
  );
}

export const nominationSpecs: SpecMap<'nomination.withdraw' | 'approval.approve' | 'approval.reject'> = {
  'nomination.withdraw': {
    roles: ['sending_officer'],
    apply: (c, e, out) => {
      close(c, out, 'WITHDRAWN');
      out.notifyRoles(['org_admin'], 'case.withdrawn', { reason: e.reason });
    },
  },
  'approval.reject': {
    roles: ['org_admin'],
    discharges: ['approval.decide'],
    apply: (c, e, out) => {
      close(c, out, 'REJECTED');
      out.notifyRoles(['sending_officer', 'cadre'], 'case.rejected', { reason: e.reason });
    },
  },
  'approval.approve': {
    roles: ['org_admin'],
    discharges: ['approval.decide'],
    pre: (c) =>
      c.eligibility.ok
        ? null
        : violation(
            'nomination.eligibility',
            `被推荐人不符合选派条件：${c.eligibility.failures.map((f) => f.zh).join('；')}。组织部只能不予批准`,
            `The nominee is not eligible: ${c.eligibility.failures.map((f) => f.en).join('; ')}. The organization department can only reject`,
          ),
    check: (c, e) => {
      const unit = e.receivingUnit ?? c.requestedReceivingUnit;
      if (unit === c.sendingUnit)
        return violation(
          'approval.unit',
          `接收单位${unit}与派出单位相同`,
          `Receiving unit ${unit} is the sending unit`,
        );
      return withinQuota(c, e);
    },
    apply: (c, e, out) => {
      const unit = e.receivingUnit ?? c.requestedReceivingUnit;
      const changed = unit !== c.requestedReceivingUnit;
      c.receivingUnit = unit;
      const intake = e.facts?.intake;
      c.approval = {
        at: out.now,
        intake: (intake?.approvedBefore ?? 0) + 1,
        quota: intake?.quota ?? null,
        receivingUnitChanged: changed,
      };
      closeByKey(c, 'approval.decide', 'done', out.now);
      c.status = 'POSTING';
      planPosting(c, out.now);
      out.notifyRoles(['sending_officer', 'receiving_officer', 'cadre'], 'case.approved', {
        receivingUnit: unit,
      });
      if (changed)
        out.notify(
          [{ role: 'receiving_officer', unit: c.requestedReceivingUnit }],
          'case.receivingUnitChanged',
          {
            from: c.requestedReceivingUnit,
            to: unit,
          },
        );
    },
  },
};
