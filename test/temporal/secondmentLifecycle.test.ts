import { playDiligently } from './support/diligentParties';
import { nomineeAt } from './support/nominee';
import { useTimeSkippingWorld } from './support/timeSkippingWorld';

const YEAR_MS = 365 * 86_400_000;

describe('secondment lifecycle on the time-skipping server (real activities, embedded database)', () => {
  const suite = useTimeSkippingWorld();

  async function fullLifecycle(caseId: string, disposition: 'return' | 'promote') {
    const started = await suite.clock().now();
    await suite.world().cases.nominate({ ...nomineeAt(started), caseId });
    const view = await playDiligently(suite.world().cases, caseId, suite.clock(), {
      disposition,
      maxRounds: 600,
    });
    const elapsed = (await suite.clock().now()) - started;
    const trail = await suite.world().reads.getAuditTrail(caseId);
    return { view, elapsed, trail };
  }

  it('runs a case from nomination to return and follow-up tracking over more than a year', async () => {
    const { view, elapsed, trail } = await fullLifecycle('c-lifecycle-return', 'return');

    expect(view).toMatchObject({ status: 'CLOSED_RETURNED', closed: true, stuck: false });
    expect(elapsed).toBeGreaterThan(YEAR_MS);
    const types = trail.map((e) => e.eventType);
    expect(trail.map((e) => e.seq)).toEqual(trail.map((_, i) => i + 1));
    for (const step of [
      'approval.approve',
      'posting.arrival.confirm',
      'service.halfYear.assess',
      'final.grade.decide',
      'return.start',
      'return.handover.complete',
    ]) {
      expect(types).toContain(step);
    }
    expect(types.filter((t) => t === 'service.quarterly.submit')).toHaveLength(4);
    expect(await suite.world().reads.verifyChain('c-lifecycle-return')).toMatchObject({ ok: true });

    const file = await suite.world().reads.getPersonnelFile('c-lifecycle-return');
    expect(file.map((e) => e.kind)).toContain('assessmentGrade');
    const projection = await suite.world().reads.getCase('c-lifecycle-return');
    expect(projection).toMatchObject({ status: 'CLOSED_RETURNED', stuck: false });
  });

  it('runs a case to promotion, recorded in the personnel file', async () => {
    const { view, elapsed, trail } = await fullLifecycle('c-lifecycle-promote', 'promote');

    expect(view).toMatchObject({ status: 'CLOSED_PROMOTED', closed: true });
    expect(elapsed).toBeGreaterThan(YEAR_MS - 31 * 86_400_000);
    expect(trail.map((e) => e.eventType)).toContain('promotion.decide');
    const file = await suite.world().reads.getPersonnelFile('c-lifecycle-promote');
    expect(file.map((e) => e.kind)).toEqual(expect.arrayContaining(['assessmentGrade', 'promotion']));
    expect(await suite.world().reads.verifyChain('c-lifecycle-promote')).toMatchObject({ ok: true });
  });
});
