import { LADDER_STEPS } from '../../machines/secondment';
import type { DutyView } from '../../workflows/secondment/definitions';
import { actor } from '../machines/v2/support/fixtures';
import { argsOf, playDiligently, stepFor } from './support/diligentParties';
import { nomineeAt } from './support/nominee';
import { useTimeSkippingWorld } from './support/timeSkippingWorld';

const DAY = 86_400_000;

describe('deadlines that enforce themselves (time-skipping server, real activities)', () => {
  const suite = useTimeSkippingWorld();

  async function caseInService(caseId: string) {
    await suite.world().cases.nominate({ ...nomineeAt(await suite.clock().now()), caseId });
    return playDiligently(suite.world().cases, caseId, suite.clock(), {
      disposition: 'return',
      until: (v) => v.status === 'IN_SERVICE',
    });
  }

  /**
   * Everyone does their duties except the cadre's first quarterly report (季度汇报), which is
   * planned until its window opens near the end of the quarter: its own alarm opens it.
   */
  async function neglectFirstQuarterlyReport(caseId: string): Promise<DutyView[]> {
    const seen: DutyView[] = [];
    for (let round = 0; round < 200; round++) {
      const view = await suite.world().cases.status(caseId);
      const planned = view.plannedDuties.find((d) => d.key === 'service.quarterly/1');
      if (planned?.nextAlarmAt) {
        await suite
          .clock()
          .sleep(Math.max(1000, Date.parse(planned.nextAlarmAt) - (await suite.clock().now()) + 1000));
        continue;
      }
      const target = view.openDuties.find((d) => d.key === 'service.quarterly/1');
      if (!target) throw new Error('the first quarterly report is neither planned nor open');
      seen.push(target);
      if (target.stuck) return seen;
      for (const duty of view.openDuties) {
        if (duty.id === target.id) continue;
        const step = stepFor(duty, 'return', new Date().toISOString());
        if (step)
          await suite
            .world()
            .cases.send(caseId, step.type, argsOf(step))
            .catch(() => undefined);
      }
      const alarm = target.nextAlarmAt ? Date.parse(target.nextAlarmAt) : (await suite.clock().now()) + DAY;
      await suite.clock().sleep(Math.max(1000, alarm - (await suite.clock().now()) + 1000));
    }
    throw new Error('the neglected report never got stuck');
  }

  it('a missed quarterly report climbs the ladder to stuck; an admin extension unsticks it and the case moves on', async () => {
    const caseId = 'c-missed-quarterly';
    await caseInService(caseId);

    const history = await neglectFirstQuarterlyReport(caseId);
    const last = history.at(-1)!;
    expect(last.escalations.map((e) => e.step)).toEqual([...LADDER_STEPS]);
    expect(last.owner).toMatchObject({ role: 'cadre' });
    // Each step happened at a later time than the previous one.
    const times = last.escalations.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[1]).toBeGreaterThanOrEqual(Date.parse(last.dueAt));

    const stuck = await suite.world().cases.status(caseId);
    expect(stuck.stuck).toBe(true);
    const projection = await suite.world().reads.getCase(caseId);
    expect(projection).toMatchObject({ stuck: true, overdue: true });
    expect(projection?.stuckReason).toMatch(/季度|quarter/i);
    const notified = await suite.world().reads.listNotifications(caseId);
    expect(notified.map((n) => n.recipientRole)).toEqual(expect.arrayContaining(['cadre', 'org_admin']));

    // 组织部 extends the deadline with a reason: the duty is re-armed and no longer stuck.
    const until = new Date((await suite.clock().now()) + 14 * DAY).toISOString();
    const extended = await suite.world().cases.send(caseId, 'admin.deadline.extend', {
      actor: actor('org_admin'),
      dutyId: last.id,
      until,
      reason: '干部住院，准予延期提交',
    });
    const duty = extended.openDuties.find((d) => d.id === last.id)!;
    expect(duty.stuck).toBe(false);
    expect(Date.parse(duty.dueAt)).toBe(Date.parse(until));
    expect(duty.nextAlarmAt).not.toBeNull();
    expect(extended.stuck).toBe(false);

    // The cadre reports; the duty closes and the case goes on in service.
    const after = await suite.world().cases.send(caseId, 'service.quarterly.submit', {
      actor: actor('cadre'),
      quarter: 1,
      study: '学习党的二十大精神',
      work: '推进乡村振兴项目',
      life: '适应良好',
    });
    expect(after.openDuties.find((d) => d.id === last.id)).toBeUndefined();
    expect(after).toMatchObject({ status: 'IN_SERVICE', stuck: false });

    const trail = await suite.world().reads.getAuditTrail(caseId);
    const extension = trail.find((e) => e.eventType === 'admin.deadline.extend');
    expect(extension).toMatchObject({ reason: '干部住院，准予延期提交', actorRole: 'org_admin' });
    expect(trail.filter((e) => e.eventType === 'deadline.reached').length).toBeGreaterThanOrEqual(
      LADDER_STEPS.length,
    );
    expect(await suite.world().reads.verifyChain(caseId)).toMatchObject({ ok: true });
  });

  it('an approved extension moves the term end and re-plans the remaining quarterly reports', async () => {
    const caseId = 'c-extension';
    const inService = await caseInService(caseId);
    const termEndBefore = inService.openDuties.find((d) => d.kind === 'service.termEnd')!;

    await suite.clock().sleep(100 * DAY);
    await playDiligently(suite.world().cases, caseId, suite.clock(), {
      disposition: 'return',
      until: () => true,
    });
    await suite.world().cases.send(caseId, 'extension.request', {
      actor: actor('receiving_officer'),
      months: 6,
      reason: '重点项目尚未完成',
    });
    await suite
      .world()
      .cases.send(caseId, 'extension.consent', { actor: actor('sending_officer'), consent: true });
    const extended = await suite.world().cases.send(caseId, 'extension.decide', {
      actor: actor('org_admin'),
      approved: true,
      reason: '工作需要，同意延期',
    });

    expect(extended.status).toBe('EXTENDED');
    const termEndAfter = extended.openDuties.find((d) => d.kind === 'service.termEnd')!;
    const shiftDays = (Date.parse(termEndAfter.dueAt) - Date.parse(termEndBefore.dueAt)) / DAY;
    expect(shiftDays).toBeGreaterThanOrEqual(181);
    expect(shiftDays).toBeLessThanOrEqual(185);

    const closed = await playDiligently(suite.world().cases, caseId, suite.clock(), {
      disposition: 'return',
      maxRounds: 800,
    });
    expect(closed.status).toBe('CLOSED_RETURNED');
    const trail = await suite.world().reads.getAuditTrail(caseId);
    // 18 months of service: six quarterly reports instead of four.
    expect(trail.filter((e) => e.eventType === 'service.quarterly.submit')).toHaveLength(6);
  });
});
