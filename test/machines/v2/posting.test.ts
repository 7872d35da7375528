// 任职准备: the checklist, the people's congress election a post needs (decided by the post, not the
// receiving unit), the election result reported to the 组织部 and 统战部, the 上挂 post level, and the
// term starting on the arrival date.
import { addCalendarMonths, defaultPolicy, startOfDate, statusCode } from '../../../machines/secondment/v2';
import { CaseDriver, days, ofType } from './support/driver';
import { P, UNITS, actor, intake, nomination } from './support/fixtures';
import { approved } from './support/scenarios';

function rest(d: CaseDriver, arrivedOn: string): void {
  d.send('posting.appointment.file', P.appointment);
  if (d.ctx.cadre.cpcMember) d.send('posting.party.transfer', P.party);
  else d.send('posting.unitedFront.acknowledge', P.appointment);
  d.send('posting.introduction.send', P.intro);
  d.send('posting.mentor.name', P.mentor);
  d.send('posting.duties.assign', P.duties);
  d.send('posting.arrival.confirm', P.arrival(arrivedOn));
}

describe('posting (任职准备)', () => {
  test('approval opens the checklist, each item with its owner and due date', () => {
    const d = approved();
    expect(statusCode(d.snapshot)).toBe('POSTING');
    const owners = Object.fromEntries(
      d.ctx.duties.filter((x) => x.state === 'open').map((x) => [x.kind, x.owner.role]),
    );
    expect(owners).toEqual({
      'posting.post': 'receiving_officer',
      'posting.introduction': 'sending_officer',
      'posting.mentor': 'receiving_officer',
      'posting.duties': 'receiving_officer',
      'posting.arrival': 'receiving_officer',
      'posting.party': 'cadre',
    });
    expect(d.duty('posting.party').owner).toEqual({
      role: 'cadre',
      unit: UNITS.receiving,
      personId: d.ctx.cadre.id,
    });
  });

  test('a deputy township head (副乡镇长) post needs the people’s congress election, whatever the receiving unit says', () => {
    const d = approved();
    d.advance(days(1)).send('posting.post.arrange', P.arrangeElected);
    expect(d.ctx.posting.post).toMatchObject({ postType: 'deputy_township_head', elected: true });
    expect(d.duty('posting.election').owner.role).toBe('receiving_officer');
    expect(d.refuse('posting.appointment.file', P.appointment).rule).toBe('posting.order');
  });

  test('a township head assistant (乡镇长助理) needs no election', () => {
    const d = approved();
    d.advance(days(1)).send('posting.post.arrange', P.arrange);
    expect(d.ctx.duties.some((x) => x.kind === 'posting.election')).toBe(false);
    expect(d.duty('posting.appointment').state).toBe('open');
  });

  test('the election result is reported to the organization department and the united front department', () => {
    const d = approved();
    d.advance(days(1)).send('posting.post.arrange', P.arrangeElected);
    const fx = d.send('posting.election.record', P.elected);
    const report = ofType(fx, 'notify').find((n) => n.params.template === 'case.electionResult');
    expect(report?.params.recipients).toEqual([
      { role: 'org_admin', unit: UNITS.org },
      { role: 'united_front', unit: UNITS.unitedFront },
    ]);
    expect(report?.params.vars).toMatchObject({ votesFor: 40, votesTotal: 45, result: '当选' });
  });

  test('a failed election reopens the post', () => {
    const d = approved();
    d.advance(days(1)).send('posting.post.arrange', P.arrangeElected);
    d.send('posting.election.record', { ...P.elected, elected: false, votesFor: 10 });
    expect(d.ctx.posting.post).toBeNull();
    expect(d.duty('posting.post').state).toBe('open');
  });

  test('a 上挂 post below or above 副科级 needs a reason; the level goes on record with the appointment', () => {
    const d = approved(nomination({ kind: 'up' }));
    d.advance(days(1));
    const post = { title: '办公室科员', postType: 'other' as const, level: 'clerk' as const };
    expect(d.refuse('posting.post.arrange', post).rule).toBe('posting.postLevel');
    d.send('posting.post.arrange', { ...post, levelReason: '接收单位暂无副科级空缺，安排跟班学习' });
    const fx = d.send('posting.appointment.file', P.appointment);
    expect(ofType(fx, 'personnelFile')[0]?.params).toMatchObject({
      kind: 'appointment',
      content: {
        level: 'clerk',
        levelReason: '接收单位暂无副科级空缺，安排跟班学习',
        documentNo: P.appointment.documentNo,
      },
    });
  });

  test('a 上挂 post at 副科级 needs no reason', () => {
    const d = approved(nomination({ kind: 'up' }));
    d.advance(days(1)).send('posting.post.arrange', {
      title: '办公室副主任',
      postType: 'deputy_leader',
      level: 'deputy_section',
    });
    expect(d.ctx.posting.post?.level).toBe('deputy_section');
  });

  test('the term starts on the arrival date: a mentor named late does not lengthen it', () => {
    const d = approved();
    d.advance(days(1)).send('posting.post.arrange', P.arrange);
    d.send('posting.appointment.file', P.appointment);
    d.send('posting.party.transfer', P.party);
    d.send('posting.introduction.send', P.intro);
    d.send('posting.duties.assign', P.duties);
    d.send('posting.arrival.confirm', P.arrival('2026-01-09'));
    expect(statusCode(d.snapshot)).toBe('POSTING');
    d.advance(days(25)).send('posting.mentor.name', P.mentor);
    expect(statusCode(d.snapshot)).toBe('IN_SERVICE');
    const start = startOfDate('2026-01-09', defaultPolicy);
    expect(d.ctx.termStart).toBe(start);
    expect(d.ctx.termEnd).toBe(addCalendarMonths(start, 12, 480));
    expect(d.ctx.postedAt).toBe(d.now);
  });

  test('a round case ends on the round’s common term end', () => {
    const d = new CaseDriver(
      nomination({
        at: '2026-07-01T09:00:00+08:00',
        roundId: 'r2026',
        term: { start: '2026-08-01', end: '2027-08-01' },
      }),
    );
    d.advance(days(2)).send('approval.approve', { facts: intake() });
    d.advance('2026-08-05T09:00:00+08:00').send('posting.post.arrange', P.arrange);
    rest(d, '2026-08-05');
    expect(d.ctx.termStart).toBe(startOfDate('2026-08-05', defaultPolicy));
    expect(d.ctx.termEnd).toBe(startOfDate('2027-08-01', defaultPolicy));
    expect(d.ctx.roundId).toBe('r2026');
  });

  test('arrival cannot be dated in the future, nor half on post', () => {
    const d = approved();
    expect(d.refuse('posting.arrival.confirm', P.arrival('2027-01-01')).rule).toBe('posting.arrivalDate');
    expect(d.refuse('posting.arrival.confirm', { arrivedOn: '2026-01-08', fullTime: false }).rule).toBe(
      'posting.fullTime',
    );
  });

  test('a non-CPC cadre: the united front gets the appointment copy and must acknowledge it; no party transfer', () => {
    const d = approved(nomination({ cadre: { cpcMember: false } }));
    d.advance(days(1)).send('posting.post.arrange', P.arrange);
    expect(d.refuse('posting.party.transfer', P.party).rule).toBe('posting.party');
    const fx = d.send('posting.appointment.file', P.appointment);
    expect(ofType(fx, 'notify').map((n) => n.params.template)).toContain('case.unitedFrontCopy');
    expect(d.duty('posting.unitedFront').owner).toEqual({ role: 'united_front', unit: UNITS.unitedFront });
    d.send('posting.unitedFront.acknowledge', P.appointment, actor('united_front'));
    expect(d.ctx.posting.unitedFrontAckAt).toBe(d.now);
  });

  test('a vague portfolio is refused (明确分工)', () => {
    const d = approved();
    expect(d.refuse('posting.duties.assign', { portfolio: '协助' }).rule).toBe('posting.realDuties');
  });
});
