// Checklists that gate a phase: the posting checklist (到岗) and the return (返回).
import type { SecondmentContext } from './context';
import type { DutyKind } from './vocabulary';

type Ctx = SecondmentContext;

const waived = (c: Ctx, kind: DutyKind): boolean =>
  c.duties.some((d) => d.kind === kind && d.state === 'waived');

export interface ChecklistItem {
  item: string;
  zh: string;
  en: string;
  done: boolean;
}

/** The posting checklist that gates "in service". */
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
      en: 'united front has the copies',
      done: p.unitedFrontAckAt !== null || waived(c, 'posting.unitedFront'),
    });
  return items;
}
export const postingComplete = (c: Ctx): boolean => postingChecklist(c).every((i) => i.done);

/** Handover, party relation (CPC) and the home post (unless promoted where they serve). */
export function returnComplete(c: Ctx): boolean {
  const r = c.returned;
  const partyOk = !c.cadre.cpcMember || r.partyReturnedAt !== null || waived(c, 'return.party');
  const postOwed = !(c.disposition === 'promoted' && c.promotion?.inPlace);
  return (
    (r.handoverAt !== null || waived(c, 'return.handover')) &&
    (!postOwed || r.postResumedAt !== null || waived(c, 'return.post')) &&
    partyOk
  );
}
