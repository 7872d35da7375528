// Policy and calendar: validated, versioned; Chinese working days (holidays and 调休) from chinese-days;
// the demo policy compresses a year into minutes.
import {
  DEMO_SECONDS_PER_MONTH,
  addDuration,
  addWorkingDays,
  defaultPolicy,
  demoPolicy,
  getPolicy,
  policySchema,
  statusCode,
} from '../../../machines/secondment/v1';
import { CaseDriver } from './support/driver';
import { P, nomination } from './support/fixtures';
import { posted } from './support/scenarios';

describe('policy (政策配置)', () => {
  test('shipped policies validate and carry id and version', () => {
    expect(policySchema.parse(defaultPolicy)).toMatchObject({ id: 'default', version: 1 });
    expect(getPolicy('demo')).toBe(demoPolicy);
    expect(() => getPolicy('nope')).toThrow(/unknown policy/);
  });

  test('a policy whose weights do not sum to 1 is rejected', () => {
    const bad = {
      ...defaultPolicy,
      scoring: {
        ...defaultPolicy.scoring,
        weights: { appraisal: 1, inspection: 1, democratic: 0, routine: 0 },
      },
    };
    expect(policySchema.safeParse(bad).success).toBe(false);
  });

  test('a policy may not make evidence waivable (arrival, final inputs)', () => {
    expect(policySchema.safeParse({ ...defaultPolicy, waivable: ['posting.arrival'] }).success).toBe(false);
  });

  test('a case keeps the policy it started with', () => {
    const d = posted(nomination({ policy: 'demo' }));
    expect(d.ctx.policy.id).toBe('demo');
  });
});

describe('calendar (工作日与调休)', () => {
  const cst = (s: string) => new Date(s).toISOString();

  test('working days skip the National Day holiday (2025-10-01…08)', () => {
    expect(addWorkingDays(cst('2025-09-30T09:00:00+08:00'), 1, 480)).toBe(cst('2025-10-09T09:00:00+08:00'));
  });

  test('a 调休 make-up Sunday counts as a working day', () => {
    expect(addWorkingDays(cst('2025-09-27T09:00:00+08:00'), 1, 480)).toBe(cst('2025-09-28T09:00:00+08:00'));
  });

  test('counting backwards (reminder before due) skips holidays too', () => {
    expect(addWorkingDays(cst('2025-10-09T09:00:00+08:00'), -1, 480)).toBe(cst('2025-09-30T09:00:00+08:00'));
  });

  test('the answer does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      expect(addWorkingDays(cst('2025-09-30T23:30:00+08:00'), 1, 480)).toBe(cst('2025-10-09T23:30:00+08:00'));
    } finally {
      process.env.TZ = saved;
    }
  });

  test('the default policy counts duties in working days', () => {
    const due = addDuration(
      cst('2025-09-30T09:00:00+08:00'),
      { amount: 5, unit: 'workingDays' },
      defaultPolicy,
    );
    expect(due).toBe(cst('2025-10-14T09:00:00+08:00'));
  });
});

describe('demo policy (演示：时间压缩)', () => {
  test(`a term month lasts ${DEMO_SECONDS_PER_MONTH} seconds, so a one-year term is two minutes`, () => {
    const d = posted(nomination({ policy: 'demo' }));
    expect(Date.parse(d.ctx.termEnd!) - Date.parse(d.ctx.postedAt!)).toBe(12 * DEMO_SECONDS_PER_MONTH * 1000);
  });

  test('a silent owner climbs the whole ladder to stuck within 35 seconds', () => {
    const d = posted(nomination({ policy: 'demo' }));
    const q1 = d.duty('service.quarterly/1');
    expect(Date.parse(q1.nextAlarmAt!)).toBe(Date.parse(q1.dueAt) - 5_000);
    const steps: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      d.fire('service.quarterly/1');
      steps.push(Date.parse(d.now) - Date.parse(q1.dueAt));
    }
    expect(steps).toEqual([-5_000, 0, 10_000, 20_000, 30_000]);
  });

  test('a whole lifecycle from nomination to tracking end fits in a few minutes', () => {
    // Arrange: parties that act within seconds
    const d = new CaseDriver(nomination({ policy: 'demo' }));
    const step = () => d.advance(2_000);
    // Act
    step().send('approval.approve', P.approve);
    for (const [type, payload] of [
      ['posting.post.arrange', P.arrange],
      ['posting.appointment.file', P.appointment],
      ['posting.party.transfer', P.party],
      ['posting.introduction.send', P.intro],
      ['posting.mentor.name', P.mentor],
      ['posting.duties.assign', P.duties],
    ] as const)
      step().send(type, payload as never);
    step().send('posting.arrival.confirm', P.arrival(d.now.slice(0, 10)));
    d.fire('service.termEnd');
    step().send('final.summary.submit', { summary: '总结' });
    step().send('final.appraisal.submit', P.appraisal);
    step().send('final.inspection.submit', P.inspection);
    step().send('final.democratic.record', P.votes);
    step().send('final.grade.decide', {});
    step().send('return.start', {});
    step().send('return.handover.complete', { receivedBy: '王五', summary: '交接' });
    step().send('return.party.return', { branch: '原单位支部' });
    step().send('return.post.resume', { post: '原岗位' });
    d.advance(Date.parse(d.ctx.trackingStart!) + 3 * DEMO_SECONDS_PER_MONTH * 1000 - d.clock);
    d.send('tracking.review.submit', { summary: '跟踪良好' });
    // Assert
    expect(statusCode(d.snapshot)).toBe('CLOSED_RETURNED');
    const wall = Date.parse(d.now) - Date.parse(d.ctx.nominatedAt);
    expect(wall).toBeLessThan(4 * 60_000);
  });
});
