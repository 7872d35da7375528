// 推荐与审批 (nomination and approval).
import { closeByKey } from '../duties';
import { close } from '../phases';
import { planPosting } from '../plans';
import { violation } from '../refusal';
import type { SpecMap } from '../spec';

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
      if (e.intake.approved >= e.intake.quota)
        return violation(
          'approval.quota',
          `接收单位${unit}本年度已批准${e.intake.approved}人，名额${e.intake.quota}人，已满`,
          `Receiving unit ${unit} already has ${e.intake.approved} approved of a quota of ${e.intake.quota}`,
        );
      return null;
    },
    apply: (c, e, out) => {
      const unit = e.receivingUnit ?? c.requestedReceivingUnit;
      const changed = unit !== c.requestedReceivingUnit;
      c.receivingUnit = unit;
      c.approval = {
        at: out.now,
        intake: e.intake.approved + 1,
        quota: e.intake.quota,
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
