// Arrange helpers: bring a case to the start of a phase the way real parties would.
import { CaseDriver, days } from './driver';
import { P, nomination } from './fixtures';
import type { SecondmentInputDraft } from '../../../../machines/secondment/v1';

export function approved(input: SecondmentInputDraft = nomination()): CaseDriver {
  const d = new CaseDriver(input);
  d.advance(days(3)).send('approval.approve', P.approve);
  return d;
}

/** Complete the posting checklist (elected post when `elected`). */
export function posted(
  input: SecondmentInputDraft = nomination(),
  opts: { elected?: boolean } = {},
): CaseDriver {
  const d = approved(input);
  d.advance(days(1));
  if (opts.elected) {
    d.send('posting.post.arrange', P.arrangeElected);
    d.send('posting.election.record', P.elected);
  } else d.send('posting.post.arrange', P.arrange);
  d.send('posting.appointment.file', P.appointment);
  if (d.ctx.cadre.cpcMember) d.send('posting.party.transfer', P.party);
  else d.send('posting.unitedFront.acknowledge', P.appointment);
  d.send('posting.introduction.send', P.intro);
  d.send('posting.mentor.name', P.mentor);
  d.send('posting.duties.assign', P.duties);
  d.send('posting.arrival.confirm', P.arrival(d.now.slice(0, 10)));
  return d;
}

/** Term over by the term-end alarm. */
export function inFinal(input?: SecondmentInputDraft): CaseDriver {
  const d = posted(input);
  d.fire('service.termEnd');
  return d;
}

export function graded(input?: SecondmentInputDraft): CaseDriver {
  const d = inFinal(input);
  d.advance(days(1));
  d.send('final.summary.submit', { summary: '一年来完成招商项目3个' });
  d.send('final.appraisal.submit', P.appraisal);
  d.send('final.inspection.submit', P.inspection);
  d.send('final.democratic.record', P.votes);
  d.send('final.grade.decide', {});
  return d;
}

export function returning(input?: SecondmentInputDraft): CaseDriver {
  const d = graded(input);
  d.send('return.start', {});
  return d;
}

export function tracking(input?: SecondmentInputDraft): CaseDriver {
  const d = returning(input);
  d.advance(days(2));
  d.send('return.handover.complete', { receivedBy: '王五', summary: '交接完毕' });
  if (d.ctx.cadre.cpcMember) d.send('return.party.return', P.party);
  d.send('return.post.resume', { post: '综合科副科长' });
  return d;
}
