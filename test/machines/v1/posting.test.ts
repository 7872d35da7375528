// 任职准备: the checklist gates "posted"; items are owed by different parties, each with a deadline.
import { postingChecklist, statusCode } from '../../../machines/secondment/v1';
import { days, ofType } from './support/driver';
import { P, UNITS, actor, nomination } from './support/fixtures';
import { approved, posted } from './support/scenarios';

describe('posting checklist (任职准备)', () => {
  test('every checklist item is a duty with an owner and a due date', () => {
    const d = approved();
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
    for (const x of d.ctx.duties.filter((y) => y.state === 'open'))
      expect(Date.parse(x.dueAt)).toBeGreaterThan(Date.parse(d.now));
  });

  test('the cadre is posted only when the last item is done, and the term starts then', () => {
    const d = posted();
    expect(statusCode(d.snapshot)).toBe('IN_SERVICE');
    expect(d.ctx.postedAt).not.toBeNull();
    expect(postingChecklist(d.ctx).every((i) => i.done)).toBe(true);
    expect(d.duty('service.termEnd').dueAt).toBe(d.ctx.termEnd);
  });

  test('with one item missing the case stays in posting', () => {
    const d = approved();
    d.send('posting.post.arrange', P.arrange);
    d.send('posting.appointment.file', P.appointment);
    d.send('posting.party.transfer', P.party);
    d.send('posting.introduction.send', P.intro);
    d.send('posting.mentor.name', P.mentor);
    d.send('posting.duties.assign', P.duties);
    expect(statusCode(d.snapshot)).toBe('POSTING');
    expect(
      postingChecklist(d.ctx)
        .filter((i) => !i.done)
        .map((i) => i.item),
    ).toEqual(['arrival']);
  });

  test('an elected post (副乡镇长) needs the election result before the appointment can be filed', () => {
    const d = approved();
    d.send('posting.post.arrange', P.arrangeElected);
    expect(d.refuse('posting.appointment.file', P.appointment).rule).toBe('posting.order');
    d.send('posting.election.record', P.elected);
    d.send('posting.appointment.file', P.appointment);
    expect(d.ctx.posting.appointmentNo).toBe(P.appointment.documentNo);
  });

  test('a failed election sends the receiving unit back to arrange another post', () => {
    const d = approved();
    d.send('posting.post.arrange', P.arrangeElected);
    const fx = d.send('posting.election.record', { ...P.elected, elected: false, votesFor: 12 });
    expect(d.ctx.posting.post).toBeNull();
    expect(d.duty('posting.post').state).toBe('open');
    expect(ofType(fx, 'notify').some((n) => n.params.template === 'case.electionFailed')).toBe(true);
  });

  test('election votes must add up', () => {
    const d = approved();
    d.send('posting.post.arrange', P.arrangeElected);
    expect(d.refuse('posting.election.record', { ...P.elected, votesFor: 50, votesTotal: 45 }).rule).toBe(
      'posting.votes',
    );
  });

  test('a non-elected post cannot record an election', () => {
    const d = approved();
    d.send('posting.post.arrange', P.arrange);
    expect(d.refuse('posting.election.record', P.elected).rule).toBe('posting.order');
  });

  test('党外干部: the appointment and election result are copied to the united front, which must acknowledge', () => {
    const d = approved(nomination({ cadre: { cpcMember: false } }));
    d.send('posting.post.arrange', P.arrangeElected);
    const electionFx = d.send('posting.election.record', P.elected);
    expect(
      ofType(electionFx, 'notify').find((n) => n.params.template === 'case.electionCopy')?.params.recipients,
    ).toEqual([{ role: 'united_front', unit: UNITS.unitedFront }]);
    const fx = d.send('posting.appointment.file', P.appointment);
    expect(ofType(fx, 'notify').some((n) => n.params.template === 'case.unitedFrontCopy')).toBe(true);
    expect(d.duty('posting.unitedFront').owner).toEqual({ role: 'united_front', unit: UNITS.unitedFront });
    expect(postingChecklist(d.ctx).map((i) => i.item)).toContain('unitedFront');
    expect(postingChecklist(d.ctx).map((i) => i.item)).not.toContain('party');
  });

  test('a CPC member transfers the party relation; no united front copy is owed', () => {
    const d = approved();
    d.send('posting.post.arrange', P.arrange);
    const fx = d.send('posting.appointment.file', P.appointment);
    expect(ofType(fx, 'notify').some((n) => n.params.template === 'case.unitedFrontCopy')).toBe(false);
    expect(d.refuse('posting.unitedFront.acknowledge', P.appointment).rule).toBe('posting.unitedFront');
    d.send('posting.party.transfer', P.party);
    expect(d.ctx.posting.partyBranch).toBe(P.party.branch);
  });

  test('a non-CPC cadre has no party relation to transfer', () => {
    const d = approved(nomination({ cadre: { cpcMember: false } }));
    expect(d.refuse('posting.party.transfer', P.party).rule).toBe('posting.party');
  });

  test('half on post (半到位) is not arrival', () => {
    const d = approved();
    const r = d.refuse('posting.arrival.confirm', { arrivedOn: d.now.slice(0, 10), fullTime: false });
    expect(r.rule).toBe('posting.fullTime');
    expect(r.message.zh).toContain('半到位');
  });

  test('arrival cannot be confirmed for a future date', () => {
    const d = approved();
    expect(d.refuse('posting.arrival.confirm', { arrivedOn: '2027-01-01', fullTime: true }).rule).toBe(
      'posting.arrivalDate',
    );
  });

  test('vague duties are not an assignment (明确分工)', () => {
    const d = approved();
    expect(d.refuse('posting.duties.assign', { portfolio: '协助' }).rule).toBe('posting.realDuties');
  });

  test('the sending unit cannot confirm arrival: it is the receiving unit’s item', () => {
    const d = approved();
    const r = d.refuse('posting.arrival.confirm', P.arrival('2026-01-08'), actor('sending_officer'));
    expect(r.code).toBe('ROLE_FORBIDDEN');
    expect(r.message.zh).toContain('接收单位');
  });

  test('an item done once cannot be done again', () => {
    const d = approved();
    d.send('posting.mentor.name', P.mentor);
    expect(d.refuse('posting.mentor.name', P.mentor).rule).toBe('posting.itemDone');
  });

  test('a cadre who never arrives is escalated up the ladder to stuck', () => {
    const d = approved();
    d.advance(days(1));
    for (const step of ['reminder', 'overdue', 'unitHead', 'orgDept', 'stuck']) {
      d.fire('posting.arrival');
      expect(d.ctx.duties.find((x) => x.kind === 'posting.arrival')?.escalations.at(-1)?.step).toBe(step);
    }
    const arrival = d.ctx.duties.find((x) => x.kind === 'posting.arrival');
    expect(arrival?.stuck).toBe(true);
    expect(arrival?.nextAlarmAt).toBeNull();
    expect(ofType(d.effects, 'searchAttributes')[0]?.params.stuck).toBe(true);
  });
});
