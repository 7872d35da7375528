// 任职准备 (posting checklist). Every item closes a duty; the checklist complete starts the term,
// which runs from the arrival date (到岗之日).
import { closeByKey, openTimedDuty } from '../duties';
import { syncServicePlan, termStartOf } from '../plans';
import { POST_TYPES } from '../vocabulary';
import { as as ev, type Action } from './types';

export const postingActions = {
  arrangePost: (d, e) => {
    const x = ev('posting.post.arrange', e);
    d.set({
      posting: {
        ...d.c.posting,
        post: {
          title: x.title,
          postType: x.postType,
          level: x.level,
          elected: POST_TYPES[x.postType].elected,
          levelReason: x.levelReason ?? null,
        },
        election: null,
      },
    });
    closeByKey(d, 'posting.post', 'done');
  },
  // 人代会选举: a post the people's congress elects is settled only by the election result
  awaitElection: (d) => void openTimedDuty(d, 'posting.election'),
  awaitAppointment: (d) => void openTimedDuty(d, 'posting.appointment'),
  recordElection: (d, e) => {
    const x = ev('posting.election.record', e);
    d.set({
      posting: {
        ...d.c.posting,
        election: { elected: x.elected, votesFor: x.votesFor, votesTotal: x.votesTotal, session: x.session },
      },
    });
    closeByKey(d, 'posting.election', 'done');
    // 选举结果报市委组织部和市委统战部
    d.notifyRoles(['org_admin', 'united_front'], 'case.electionResult', {
      session: x.session,
      votesFor: x.votesFor,
      votesTotal: x.votesTotal,
      result: x.elected ? '当选' : '未当选',
    });
  },
  reopenPost: (d) => {
    d.set({ posting: { ...d.c.posting, post: null } });
    openTimedDuty(d, 'posting.post');
    d.notifyRoles(['receiving_officer', 'org_admin', 'sending_officer'], 'case.electionFailed');
  },
  fileAppointment: (d, e) => {
    const x = ev('posting.appointment.file', e);
    d.set({ posting: { ...d.c.posting, appointmentNo: x.documentNo } });
    closeByKey(d, 'posting.appointment', 'done');
    const post = d.c.posting.post;
    // 任职文件备案: the post and its level go on record
    d.personnelFile('appointment', {
      title: post?.title ?? null,
      postType: post?.postType ?? null,
      level: post?.level ?? null,
      elected: post?.elected ?? null,
      levelReason: post?.levelReason ?? null,
      documentNo: x.documentNo,
      receivingUnit: d.c.receivingUnit,
    });
  },
  // 党外干部: the united front department gets a copy and must acknowledge it
  sendUnitedFrontCopy: (d, e) => {
    d.notifyRoles(['united_front'], 'case.unitedFrontCopy', {
      documentNo: ev('posting.appointment.file', e).documentNo,
    });
    openTimedDuty(d, 'posting.unitedFront');
  },
  acknowledgeCopy: (d) => {
    d.set({ posting: { ...d.c.posting, unitedFrontAckAt: d.now } });
    closeByKey(d, 'posting.unitedFront', 'done');
  },
  transferParty: (d, e) => {
    d.set({ posting: { ...d.c.posting, partyBranch: ev('posting.party.transfer', e).branch } });
    closeByKey(d, 'posting.party', 'done');
  },
  sendIntroduction: (d, e) => {
    d.set({ posting: { ...d.c.posting, introductionLetter: ev('posting.introduction.send', e).letterNo } });
    closeByKey(d, 'posting.introduction', 'done');
  },
  nameMentor: (d, e) => {
    const x = ev('posting.mentor.name', e);
    d.set({ posting: { ...d.c.posting, mentor: { name: x.mentorName, title: x.mentorTitle } } });
    closeByKey(d, 'posting.mentor', 'done');
  },
  assignDuties: (d, e) => {
    d.set({ posting: { ...d.c.posting, portfolio: ev('posting.duties.assign', e).portfolio } });
    closeByKey(d, 'posting.duties', 'done');
  },
  confirmArrival: (d, e) => {
    const x = ev('posting.arrival.confirm', e);
    d.set({
      posting: { ...d.c.posting, arrivedOn: x.arrivedOn },
      termStart: termStartOf(d.c, x.arrivedOn, d.now),
    });
    closeByKey(d, 'posting.arrival', 'done');
  },
  startTerm: (d) => {
    d.set({ postedAt: d.now });
    syncServicePlan(d);
    d.notifyRoles(['cadre', 'sending_officer', 'receiving_officer', 'org_admin'], 'case.posted', {
      termEnd: d.c.termEnd,
    });
  },
} satisfies Record<string, Action>;
