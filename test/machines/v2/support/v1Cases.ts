// A v1 case in every state v1 can be in (and on hold from every phase a hold can interrupt), made
// with the frozen v1 machine exactly as v1 parties would have made it: the inputs of the migration tests.
import { toPersisted } from '../../../../machines/secondment/v1';
import { CaseDriver, days } from '../../v1/support/driver';
import { P, nomination } from '../../v1/support/fixtures';
import { approved, graded, inFinal, posted, returning, tracking } from '../../v1/support/scenarios';

export type V1Case = { name: string; driver: CaseDriver };

const held = (name: string, d: CaseDriver): V1Case => {
  d.advance(days(2)).send('admin.case.hold', { reason: '干部病假' });
  return { name: `onHold(${name})`, driver: d };
};

export function v1Cases(): V1Case[] {
  const cases: V1Case[] = [];
  const add = (name: string, driver: CaseDriver) => cases.push({ name, driver });
  add('nominated', new CaseDriver(nomination()));
  add('posting', approved());
  add('service', posted());
  // a v1 case in service whose later reviews fall in 2027 (no table there in v1, nor shipped)
  const autumn = new CaseDriver(
    nomination({ at: '2026-07-01T09:00:00+08:00', cadre: { birthDate: '1993-05-01' } }),
  );
  autumn.advance(days(3)).send('approval.approve', P.approve);
  autumn.advance('2026-08-03T09:00:00+08:00').send('posting.post.arrange', P.arrange);
  autumn.send('posting.appointment.file', P.appointment);
  autumn.send('posting.party.transfer', P.party);
  autumn.send('posting.introduction.send', P.intro);
  autumn.send('posting.duties.assign', P.duties);
  autumn.send('posting.arrival.confirm', P.arrival('2026-08-03'));
  // the mentor named late: v1 starts the term only now
  autumn.advance('2026-08-24T09:00:00+08:00').send('posting.mentor.name', P.mentor);
  add('service(August, mentor late)', autumn);
  const long = posted(nomination({ termMonths: 24 }));
  add('service(24 months)', long);
  const extended = posted();
  extended.advance(days(200)).send('extension.request', { months: 6, reason: '项目未完成' });
  add('extensionRequested', extended);
  const consented = posted();
  consented.advance(days(200)).send('extension.request', { months: 6, reason: '项目未完成' });
  consented.send('extension.consent', { consent: true });
  add('extensionConsented', consented);
  const ext = posted();
  ext.advance(days(200)).send('extension.request', { months: 6, reason: '项目未完成' });
  ext.send('extension.consent', { consent: true });
  ext.send('extension.decide', { approved: true, reason: '同意' });
  add('service(EXTENDED)', ext);
  const recall = posted();
  recall.send('recall.request', { ground: 'other', reason: '单位人手紧张' });
  add('recallRequested', recall);
  add('finalAssessment', inFinal());
  add('assessed', graded());
  add('returning', returning());
  add('tracking', tracking());
  const closed = tracking();
  closed.advance(days(380)).send('tracking.review.submit', { summary: '跟踪培养情况良好' });
  add('closedReturned', closed);
  const promoted = posted();
  promoted.send('promotion.decide', P.promotion);
  add('promoted', promoted);
  const rejected = new CaseDriver(nomination());
  rejected.send('approval.reject', { reason: '名额调整' });
  add('rejected', rejected);
  const withdrawn = new CaseDriver(nomination());
  withdrawn.send('nomination.withdraw', { reason: '工作需要' });
  add('withdrawn', withdrawn);
  const recalled = posted();
  recalled.send('recall.request', { ground: 'campaign', reference: '区委〔2026〕5号', reason: '专项任务' });
  add('recalled', recalled);
  cases.push(held('posting', approved()), held('service', posted()), held('finalAssessment', inFinal()));
  cases.push(held('assessed', graded()), held('returning', returning()), held('tracking', tracking()));
  return cases;
}

export const persistedV1 = (d: CaseDriver) =>
  JSON.parse(JSON.stringify(toPersisted(d.snapshot))) as ReturnType<typeof toPersisted>;
