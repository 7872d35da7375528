// Moving between phases: what opens, what closes, who is told. Handlers call these so that the
// same phase change (e.g. into final assessment by term end, by the org department, or forced)
// always has the same consequences.
import type { SecondmentContext } from './context';
import { closeByKey, lapseAllOpen } from './duties';
import type { EffectCollector } from './effectCollector';
import { planFinal, planReturn, planTracking, syncServicePlan, trackingEnd } from './plans';
import type { StatusCode } from './status';
import { ms } from './time';
import type { DutyKind } from './vocabulary';

type Ctx = SecondmentContext;

export const serviceStatus = (c: Ctx): StatusCode => (c.extensionMonths > 0 ? 'EXTENDED' : 'IN_SERVICE');

const waived = (c: Ctx, kind: DutyKind): boolean =>
  c.duties.some((d) => d.kind === kind && d.state === 'waived');

export interface ChecklistItem {
  item: string;
  zh: string;
  en: string;
  done: boolean;
}

/** The posting checklist that gates "posted" (到岗). */
export function postingChecklist(c: Ctx): ChecklistItem[] {
  const p = c.posting;
  const items: ChecklistItem[] = [
    {
      item: 'post',
      zh: '岗位已安排（选举职务须当选）',
      en: 'post arranged (elected posts: elected)',
      done: p.post !== null && (!p.post.elected || p.election?.elected === true),
    },
    { item: 'appointment', zh: '任职文件已备案', en: 'appointment filed', done: p.appointmentNo !== null },
    {
      item: 'introduction',
      zh: '介绍信已出具',
      en: 'introduction sent',
      done: p.introductionLetter !== null || waived(c, 'posting.introduction'),
    },
    {
      item: 'mentor',
      zh: '传帮带联系人已明确',
      en: 'mentor named',
      done: p.mentor !== null || waived(c, 'posting.mentor'),
    },
    {
      item: 'duties',
      zh: '分工已明确',
      en: 'duties assigned',
      done: p.portfolio !== null || waived(c, 'posting.duties'),
    },
    { item: 'arrival', zh: '已全脱产到岗', en: 'arrived full time', done: p.arrivedOn !== null },
  ];
  if (c.cadre.cpcMember)
    items.push({
      item: 'party',
      zh: '组织关系已转入临时党支部',
      en: 'party relation transferred',
      done: p.partyBranch !== null || waived(c, 'posting.party'),
    });
  else
    items.push({
      item: 'unitedFront',
      zh: '统战部已收到抄送',
      en: 'united front has the copy',
      done: p.unitedFrontAckAt !== null || waived(c, 'posting.unitedFront'),
    });
  return items;
}
export const postingComplete = (c: Ctx): boolean => postingChecklist(c).every((i) => i.done);

export function enterService(c: Ctx, out: EffectCollector): void {
  c.postedAt = out.now;
  c.status = 'IN_SERVICE';
  syncServicePlan(c, out.now);
  out.notifyRoles(['cadre', 'sending_officer', 'receiving_officer', 'org_admin'], 'case.posted', {
    termEnd: c.termEnd,
  });
}

export function maybeCompletePosting(c: Ctx, out: EffectCollector): void {
  if (c.status === 'POSTING' && postingComplete(c)) enterService(c, out);
}

/** Term over (milestone, early opening or forced): reviews of periods not yet ended lapse. */
export function enterFinal(c: Ctx, out: EffectCollector): void {
  const now = out.now;
  closeByKey(c, 'service.termEnd', ms(c.termEnd ?? now) <= ms(now) ? 'done' : 'lapsed', now);
  lapseAllOpen(
    c,
    now,
    (d) =>
      ['extension.consent', 'extension.decision', 'recall.consent'].includes(d.kind) ||
      (d.periodEnd !== null && ms(d.periodEnd) > ms(now)),
  );
  c.extensionRequest = null;
  c.recallRequest = null;
  c.status = 'FINAL_ASSESSMENT';
  planFinal(c, now);
  out.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.finalOpened');
}

export function enterReturning(c: Ctx, out: EffectCollector): void {
  closeByKey(c, 'final.disposition', 'done', out.now);
  // reviews of the term still missing at this point are lapsed: the final assessment replaced them
  lapseAllOpen(c, out.now, (d) => d.kind.startsWith('service.'));
  c.status = 'RETURNING';
  planReturn(c, out.now);
  out.notifyRoles(['cadre', 'sending_officer', 'receiving_officer'], 'case.returnStarted');
}

export function returnComplete(c: Ctx): boolean {
  const r = c.returned;
  const partyOk = !c.cadre.cpcMember || r.partyReturnedAt !== null || waived(c, 'return.party');
  return (
    (r.handoverAt !== null || waived(c, 'return.handover')) &&
    (r.postResumedAt !== null || waived(c, 'return.post')) &&
    partyOk
  );
}

export function enterTracking(c: Ctx, out: EffectCollector): void {
  lapseAllOpen(c, out.now, (d) => d.kind.startsWith('return.'));
  c.status = 'TRACKING';
  planTracking(c, out.now);
  out.notifyRoles(['cadre', 'sending_officer', 'org_admin'], 'case.tracking', { until: trackingEnd(c) });
}

export function maybeCompleteReturn(c: Ctx, out: EffectCollector): void {
  if (c.status === 'RETURNING' && returnComplete(c)) enterTracking(c, out);
}

export function close(c: Ctx, out: EffectCollector, status: StatusCode): void {
  c.status = status;
  out.notifyRoles(['cadre', 'sending_officer', 'receiving_officer', 'org_admin'], 'case.closed', { status });
}
