// 任职准备 (posting checklist). Every item closes a duty; the last one makes the cadre "posted".
import type { SecondmentContext } from '../context';
import { closeByKey, findOpen, openTimedDuty } from '../duties';
import { maybeCompletePosting } from '../phases';
import { violation, type Refusal } from '../refusal';
import type { SpecMap } from '../spec';
import { ms } from '../time';
import type { DutyKind } from '../vocabulary';

type K =
  | 'posting.post.arrange'
  | 'posting.election.record'
  | 'posting.appointment.file'
  | 'posting.unitedFront.acknowledge'
  | 'posting.party.transfer'
  | 'posting.introduction.send'
  | 'posting.mentor.name'
  | 'posting.duties.assign'
  | 'posting.arrival.confirm';

const owed = (c: SecondmentContext, kind: DutyKind): Refusal | null =>
  findOpen(c, kind)
    ? null
    : violation('posting.itemDone', `「${kind}」已办理或当前无需办理`, `"${kind}" is done or not owed now`);

export const postingSpecs: SpecMap<K> = {
  'posting.post.arrange': {
    roles: ['receiving_officer'],
    discharges: ['posting.post'],
    pre: (c) => owed(c, 'posting.post'),
    apply: (c, e, out) => {
      c.posting.post = { title: e.title, level: e.level, elected: e.elected };
      c.posting.election = null;
      closeByKey(c, 'posting.post', 'done', out.now);
      // 人代会选举: an elected post (e.g. 副乡镇长) is only settled by the election result
      openTimedDuty(c, e.elected ? 'posting.election' : 'posting.appointment', out.now);
    },
  },
  'posting.election.record': {
    roles: ['receiving_officer'],
    discharges: ['posting.election'],
    pre: (c) =>
      findOpen(c, 'posting.election')
        ? null
        : violation(
            'posting.order',
            '只有已安排的选举职务才登记选举结果',
            'An election result is recorded only for an arranged elected post',
          ),
    check: (_c, e) =>
      e.votesTotal > 0 && e.votesFor <= e.votesTotal
        ? null
        : violation(
            'posting.votes',
            `得票${e.votesFor}/${e.votesTotal}不合理`,
            `Votes ${e.votesFor}/${e.votesTotal} do not add up`,
          ),
    apply: (c, e, out) => {
      c.posting.election = {
        elected: e.elected,
        votesFor: e.votesFor,
        votesTotal: e.votesTotal,
        session: e.session,
      };
      closeByKey(c, 'posting.election', 'done', out.now);
      if (!c.cadre.cpcMember)
        out.notifyRoles(['united_front'], 'case.electionCopy', {
          session: e.session,
          votesFor: e.votesFor,
          votesTotal: e.votesTotal,
        });
      if (e.elected) openTimedDuty(c, 'posting.appointment', out.now);
      else {
        c.posting.post = null;
        openTimedDuty(c, 'posting.post', out.now);
        out.notifyRoles(['receiving_officer', 'org_admin', 'sending_officer'], 'case.electionFailed');
      }
    },
  },
  'posting.appointment.file': {
    roles: ['receiving_officer'],
    discharges: ['posting.appointment'],
    pre: (c) =>
      findOpen(c, 'posting.appointment')
        ? null
        : violation(
            'posting.order',
            c.posting.appointmentNo !== null
              ? '任职文件已备案'
              : '须先安排岗位（选举职务须先当选）才能备案任职文件',
            c.posting.appointmentNo !== null
              ? 'The appointment is already filed'
              : 'Arrange the post (and win the election, if elected) before filing the appointment',
          ),
    apply: (c, e, out) => {
      c.posting.appointmentNo = e.documentNo;
      closeByKey(c, 'posting.appointment', 'done', out.now);
      if (!c.cadre.cpcMember) {
        // 党外干部: the united front department gets a copy and must acknowledge it
        out.notifyRoles(['united_front'], 'case.unitedFrontCopy', { documentNo: e.documentNo });
        openTimedDuty(c, 'posting.unitedFront', out.now);
      }
      maybeCompletePosting(c, out);
    },
  },
  'posting.unitedFront.acknowledge': {
    roles: ['united_front'],
    discharges: ['posting.unitedFront'],
    pre: (c) => {
      if (c.cadre.cpcMember)
        return violation(
          'posting.unitedFront',
          '该干部为中共党员，无需统战部确认',
          'The cadre is a CPC member; no united front copy',
        );
      if (!findOpen(c, 'posting.unitedFront'))
        return violation(
          'posting.order',
          c.posting.unitedFrontAckAt ? '统战部已确认' : '任职文件尚未备案，无可确认的抄送',
          c.posting.unitedFrontAckAt
            ? 'Already acknowledged'
            : 'Nothing to acknowledge: the appointment is not filed yet',
        );
      return null;
    },
    apply: (c, _e, out) => {
      c.posting.unitedFrontAckAt = out.now;
      closeByKey(c, 'posting.unitedFront', 'done', out.now);
      maybeCompletePosting(c, out);
    },
  },
  'posting.party.transfer': {
    roles: ['cadre', 'receiving_officer'],
    discharges: ['posting.party'],
    pre: (c) =>
      c.cadre.cpcMember
        ? owed(c, 'posting.party')
        : violation(
            'posting.party',
            '党外干部无需转党组织关系',
            'A non-CPC cadre has no party relation to transfer',
          ),
    apply: (c, e, out) => {
      c.posting.partyBranch = e.branch;
      closeByKey(c, 'posting.party', 'done', out.now);
      maybeCompletePosting(c, out);
    },
  },
  'posting.introduction.send': {
    roles: ['sending_officer'],
    discharges: ['posting.introduction'],
    pre: (c) => owed(c, 'posting.introduction'),
    apply: (c, e, out) => {
      c.posting.introductionLetter = e.letterNo;
      closeByKey(c, 'posting.introduction', 'done', out.now);
      maybeCompletePosting(c, out);
    },
  },
  'posting.mentor.name': {
    roles: ['receiving_officer'],
    discharges: ['posting.mentor'],
    pre: (c) => owed(c, 'posting.mentor'),
    apply: (c, e, out) => {
      c.posting.mentor = { name: e.mentorName, title: e.mentorTitle };
      closeByKey(c, 'posting.mentor', 'done', out.now);
      maybeCompletePosting(c, out);
    },
  },
  'posting.duties.assign': {
    roles: ['receiving_officer'],
    discharges: ['posting.duties'],
    pre: (c) => owed(c, 'posting.duties'),
    // "只给挂职干部分配一些无关紧要的工作": a one-word portfolio is not a real assignment
    check: (_c, e) =>
      e.portfolio.trim().length >= 6
        ? null
        : violation(
            'posting.realDuties',
            '分工描述过于笼统（至少6个字）',
            'The portfolio is too vague (6 characters at least)',
          ),
    apply: (c, e, out) => {
      c.posting.portfolio = e.portfolio;
      closeByKey(c, 'posting.duties', 'done', out.now);
      maybeCompletePosting(c, out);
    },
  },
  'posting.arrival.confirm': {
    roles: ['receiving_officer'],
    discharges: ['posting.arrival'],
    pre: (c) => owed(c, 'posting.arrival'),
    check: (_c, e, now) => {
      if (!e.fullTime)
        return violation(
          'posting.fullTime',
          '干部未全脱产到岗（半到位），不能确认到岗',
          'The cadre is not on post full time (half on post)',
        );
      if (ms(`${e.arrivedOn}T00:00:00+08:00`) > ms(now))
        return violation(
          'posting.arrivalDate',
          `到岗日期${e.arrivedOn}晚于今天`,
          `Arrival date ${e.arrivedOn} is in the future`,
        );
      return null;
    },
    apply: (c, e, out) => {
      c.posting.arrivedOn = e.arrivedOn;
      closeByKey(c, 'posting.arrival', 'done', out.now);
      maybeCompletePosting(c, out);
    },
  },
};
