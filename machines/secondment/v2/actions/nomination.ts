// 推荐与审批 (nomination and approval).
import { closeByKey } from '../duties';
import { planPosting } from '../plans';
import { as, type Action } from './types';

export const nominationActions = {
  withdraw: (d, e) => {
    d.notifyRoles(['org_admin'], 'case.withdrawn', { reason: as('nomination.withdraw', e).reason });
  },
  reject: (d, e) => {
    closeByKey(d, 'approval.decide', 'done');
    d.notifyRoles(['sending_officer', 'cadre'], 'case.rejected', {
      reason: as('approval.reject', e).reason,
    });
  },
  approve: (d, e) => {
    const ev = as('approval.approve', e);
    const requested = d.c.requestedReceivingUnit;
    const unit = ev.receivingUnit ?? requested;
    const intake = ev.facts?.intake;
    d.set({
      receivingUnit: unit,
      approval: {
        at: d.now,
        quota: intake?.quota ?? null,
        approvedBefore: intake?.approvedBefore ?? 0,
        receivingUnitChanged: unit !== requested,
      },
    });
    closeByKey(d, 'approval.decide', 'done');
    d.notifyRoles(['sending_officer', 'receiving_officer', 'cadre'], 'case.approved', {
      receivingUnit: unit,
    });
    if (unit !== requested)
      d.notify([{ role: 'receiving_officer', unit: requested }], 'case.receivingUnitChanged', {
        from: requested,
        to: unit,
      });
  },
  openPostingChecklist: (d) => planPosting(d),
} satisfies Record<string, Action>;
