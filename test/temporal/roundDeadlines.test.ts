import { RoundClient } from '../../client';
import { LADDER_STEPS } from '../../machines/secondment';
import { insertRound, listNotifications, roundSubject, verifyChain, getAuditTrail } from '../../store';
import { seedDemoDirectory } from '../../stack/demo/registry';
import { useTimeSkippingWorld } from './support/timeSkippingWorld';

const DAY = 86_400_000;

/**
 * The round's duties enforce themselves like a case's: an application nobody submits climbs
 * reminder → overdue → unit head → organization department → stuck on the round workflow's durable
 * timers (time-skipping server, real activities), each step in the same hash-chained trail; an
 * extension by the department unsticks it.
 */
describe('a round’s duties and their ladder (time-skipping server)', () => {
  const suite = useTimeSkippingWorld();

  it('an application nobody submits gets stuck step by step; an extension unsticks it; the round’s chain verifies', async () => {
    const w = suite.world();
    await seedDemoDirectory(w.db);
    const now = await suite.clock().now();
    const rounds = new RoundClient(w.client, w.taskQueue, w.db, suite.clock().now);
    const roundId = 'r-ladder';
    const applyBy = new Date(now + 10 * DAY).toISOString();
    await insertRound(w.db, {
      id: roundId,
      year: 2030,
      name: '测试批次',
      orgUnit: 'city.org-dept',
      unitedFrontUnit: 'city.united-front',
      kinds: ['up'],
      policyId: 'default',
      termStart: '2030-08-01',
      termEnd: '2031-08-01',
      subsidyPerDay: 2,
      applicationDeadline: applyBy,
      recommendationDeadline: new Date(now + 200 * DAY).toISOString(),
      maxRecommendationsPerUnit: 2,
      receivingUnits: ['city.finance'],
      sendingUnits: ['county.c.finance'],
      createdBy: 'admin',
    });
    await rounds.start({
      roundId,
      year: 2030,
      orgUnit: 'city.org-dept',
      policy: 'default',
      applicationDeadline: applyBy,
      recommendationDeadline: new Date(now + 200 * DAY).toISOString(),
      maxRecommendationsPerUnit: 2,
      receivingUnits: ['city.finance'],
      sendingUnits: ['county.c.finance'],
      createdBy: { id: 'admin', role: 'org_admin', unit: 'city.org-dept' },
      at: new Date(now).toISOString(),
    });
    const duty = async () => {
      for (let i = 0; i < 100; i++) {
        const s = await rounds.stored(roundId);
        const d = s?.context.duties.find((x) => x.kind === 'round.application');
        if (d) return d;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('no application duty');
    };
    for (let i = 0; i < 20 && !(await duty()).stuck; i++) {
      const d = await duty();
      const alarm = d.nextAlarmAt ? Date.parse(d.nextAlarmAt) : (await suite.clock().now()) + DAY;
      await suite.clock().sleep(Math.max(1000, alarm - (await suite.clock().now()) + 1000));
      for (let j = 0; j < 50 && (await duty()).escalations.length === d.escalations.length; j++)
        await new Promise((r) => setTimeout(r, 50));
    }
    const stuck = await duty();
    expect(stuck.escalations.map((e) => e.step)).toEqual([...LADDER_STEPS]);
    expect(stuck.stuck).toBe(true);
    const told = (await listNotifications(w.db)).filter((n) => n.subject === roundSubject(roundId));
    expect(told.map((n) => `${n.template}→${n.recipientRole}@${n.recipientUnit}`)).toEqual(
      expect.arrayContaining([
        'duty.reminder→receiving_officer@city.finance',
        'duty.escalated.unitHead→unit_head@city.finance',
        'duty.escalated.orgDept→org_admin@city.org-dept',
        'duty.stuck→org_admin@city.org-dept',
      ]),
    );

    const until = new Date((await suite.clock().now()) + 7 * DAY).toISOString();
    await rounds.send(roundId, 'admin.deadline.extend', {
      actor: { id: 'admin', role: 'org_admin', unit: 'city.org-dept' },
      dutyId: stuck.id,
      until,
      reason: '春节假期，延长申报期限',
    });
    const extended = await duty();
    expect([extended.stuck, extended.dueAt]).toEqual([false, until]);
    const trail = await getAuditTrail(w.db, roundSubject(roundId));
    expect(trail.map((e) => e.eventType)).toEqual([
      'round.create',
      ...Array<string>(5).fill('deadline.reached'),
      'admin.deadline.extend',
    ]);
    await expect(verifyChain(w.db, roundSubject(roundId))).resolves.toMatchObject({ ok: true, entries: 7 });
  });
});
