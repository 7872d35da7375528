import { addCalendarYear } from '../../store';
import { FIXTURE_2027 } from '../machines/calendar/fixture2027';
import { playDiligently } from './support/diligentParties';
import { nomineeAt } from './support/nominee';
import { useTimeSkippingWorld } from './support/timeSkippingWorld';

/**
 * Seed 001: a cadre seconded for one year from August is assessed by the receiving unit at the
 * calendar year's end (年度考核), with the sending unit's record of the months before the
 * secondment; the term runs twelve months from the arrival and ends with the final assessment the
 * next August. On the time-skipping server, with the real activities and database.
 */
jest.setTimeout(300_000);

const beijingDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

describe('a one-year case from August to August', () => {
  const suite = useTimeSkippingWorld();

  it('has its year-end annual assessment, preceded by the sending unit’s record, and its final assessment a year after arrival', async () => {
    const { db, cases, reads } = suite.world();
    const clock = suite.clock();
    // Monday 2 August 2027, 09:00 in Beijing (the server starts at the real time, before it)
    const target = Date.parse('2027-08-02T09:00:00+08:00');
    const now = await clock.now();
    if (now < target) await clock.sleep(target - now);
    await addCalendarYear(db, FIXTURE_2027, {
      source: '测试数据 / test fixture for 2027',
      loadedBy: 'test',
      at: new Date(await clock.now()).toISOString(),
    });

    const caseId = 'c-august-to-august';
    await cases.nominate({ ...nomineeAt(await clock.now(), { termMonths: 12 }), caseId });
    const view = await playDiligently(cases, caseId, clock, {
      disposition: 'return',
      until: (v) => v.status === 'RETURNING',
      maxRounds: 600,
    });
    expect(view.status).toBe('RETURNING');

    const trail = await reads.getAuditTrail(caseId);
    const of = (type: string) => trail.filter((e) => e.eventType === type);
    const arrival = of('posting.arrival.confirm')[0];
    expect(arrival && beijingDay(arrival.at)).toMatch(/^2027-08-/);

    // the sending unit's record of January–July 2027, before the year-end assessment it feeds
    const prior = of('service.firstHalfRecord.provide');
    expect(prior).toHaveLength(1);
    expect(prior[0]).toMatchObject({ actorRole: 'sending_officer' });
    // the receiving unit's assessment of 2027, at the year's end, and no other year's
    const annual = of('service.annual.assess');
    expect(annual).toHaveLength(1);
    expect(annual[0]).toMatchObject({
      actorRole: 'receiving_officer',
      payload: expect.objectContaining({ year: 2027 }) as unknown,
    });
    const annualDay = beijingDay(annual[0]!.at);
    expect(annualDay >= '2027-11-01' && annualDay <= '2028-01-31').toBe(true);
    expect(Date.parse(prior[0]!.at)).toBeLessThan(Date.parse(annual[0]!.at));
    const file = await reads.getPersonnelFile(caseId);
    expect(file.map((e) => e.kind)).toContain('annualAssessment');

    // reports belong to their periods: each quarter's report only in its quarter's last weeks or later
    const quarters = of('service.quarterly.submit');
    expect(quarters).toHaveLength(4);
    const arrived = Date.parse(arrival!.at);
    quarters.forEach((q, n) =>
      expect(Date.parse(q.at)).toBeGreaterThan(arrived + ((n + 1) * 91 - 30) * 86_400_000),
    );

    // twelve months from the arrival: the final assessment opens in August 2028
    const final = trail.find((e) => e.toState === 'FINAL_ASSESSMENT');
    expect(final && beijingDay(final.at)).toMatch(/^2028-08-/);
    expect(of('final.grade.decide')).toHaveLength(1);
    expect(await reads.verifyChain(caseId)).toMatchObject({ ok: true });
  });
});
