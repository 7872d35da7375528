// v1 → v2 on every state v1 can be in: the migrated snapshot is a valid v2 case (same status, no
// duty without owner and due date, working-day deadlines on working days, the timers to arm), it
// carries on under the v2 rules, and the dry-run preview is exactly what the migration does.
import { compactYear, holidayYearSchema, isWorkingDay, shippedCalendar } from '../../../machines/calendar';
import {
  advance,
  checkEvent,
  fromPersisted,
  inState,
  liveDuties,
  migrateFromV1,
  migrationStep,
  previewMigration,
  statusCode,
  toPersisted,
} from '../../../machines/secondment/v2';
import { FIXTURE_2027 } from '../calendar/fixture2027';
import { actor } from './support/fixtures';
import { usefulEvents } from './support/generators';
import { persistedV1, v1Cases } from './support/v1Cases';

const at = (d: { clock: number }) => new Date(d.clock + 60_000).toISOString();
const shipped = shippedCalendar();
const with2027 = { ...shipped, '2027': compactYear(holidayYearSchema.parse(FIXTURE_2027), 1) };
const cases = v1Cases();

describe('v1 → v2 migration, on every v1 state', () => {
  test('the catalogue covers every state v1 has, and holds from every phase a hold interrupts', () => {
    const states = new Set(cases.map((c) => c.driver.snapshot.value as string));
    expect([...states].sort()).toEqual(
      [
        'nominated',
        'posting',
        'service',
        'extensionRequested',
        'extensionConsented',
        'recallRequested',
        'onHold',
        'finalAssessment',
        'assessed',
        'returning',
        'tracking',
        'closedReturned',
        'promoted',
        'rejected',
        'withdrawn',
        'recalled',
      ].sort(),
    );
  });

  for (const { name, driver } of cases) {
    test(`${name}: a valid v2 case with the same status, carrying on under v2`, () => {
      const p1 = persistedV1(driver);
      const facts = { calendar: shipped, at: at(driver) };
      const p2 = migrateFromV1(p1, facts);
      const s = fromPersisted(JSON.parse(JSON.stringify(p2)) as typeof p2);
      expect(statusCode(s)).toBe(p1.context.status);
      expect(JSON.stringify(s.context)).not.toContain('张三');
      expect('birthDate' in s.context.cadre).toBe(false);
      for (const d of liveDuties(s)) {
        expect(d.owner.unit).toEqual(expect.any(String));
        expect(Number.isNaN(Date.parse(d.dueAt))).toBe(false);
        if (d.basis) expect([d.key, isWorkingDay(s.context.calendar, d.dueAt, 480)]).toEqual([d.key, true]);
        if (d.pausedAt === null && !d.stuck)
          expect([d.key, d.nextAlarmAt]).toEqual([d.key, expect.any(String)]);
      }
      if (s.status === 'done') expect(liveDuties(s)).toEqual([]);
      else {
        // some step a party could take next is accepted by v2
        const next = usefulEvents(s, 'all').find((e) => checkEvent(s, e).ok);
        expect(next && advance(s, next)).toBeTruthy();
      }
    });

    test(`${name}: the preview equals the result of the migration step`, () => {
      const p1 = persistedV1(driver);
      const facts = { calendar: with2027, at: at(driver) };
      const preview = previewMigration(p1, facts);
      const step = migrationStep(p1, facts, { actor: actor('org_admin'), reason: '升级到第2版规则' });
      expect(preview.after.status).toBe(statusCode(step.snapshot));
      expect(preview.after.duties.map((x) => [x.id, x.state, x.dueAt])).toEqual(
        liveDuties(step.snapshot).map((x) => [x.id, x.state, x.dueAt]),
      );
      expect(step.effects[0]).toMatchObject({
        type: 'record',
        params: {
          eventType: 'admin.case.migrate',
          seq: p1.context.seq + 1,
          fromState: p1.context.status,
          toState: preview.after.status,
          reason: '升级到第2版规则',
        },
      });
      const armed = step.effects
        .filter((f) => f.type === 'deadline.set')
        .map((f) => f.type === 'deadline.set' && f.params.dutyId);
      expect(armed.sort()).toEqual(
        step.snapshot.context.duties
          .filter((x) => x.nextAlarmAt)
          .map((x) => x.id)
          .sort(),
      );
      expect(toPersisted(step.snapshot).machineVersion).toBe(2);
    });
  }

  test('a one-year v1 case mid-service gains its year-end annual assessment and the record of the months before it', () => {
    const { driver } = cases.find((c) => c.name === 'service(August, mentor late)')!;
    const p1 = persistedV1(driver);
    expect(p1.context.duties.some((d) => d.kind === 'service.annualAssessment')).toBe(false);
    const s = fromPersisted(migrateFromV1(p1, { calendar: shipped, at: at(driver) }));
    expect(s.context.duties.find((d) => d.key === 'service.annualAssessment/2026')?.owner.role).toBe(
      'receiving_officer',
    );
    expect(s.context.duties.find((d) => d.key === 'service.firstHalfRecord/2026')?.state).toBe('open');
  });

  test('the term is re-anchored at the arrival date: the late mentor no longer lengthens it', () => {
    const { driver } = cases.find((c) => c.name === 'service(August, mentor late)')!;
    const p1 = persistedV1(driver);
    const s = fromPersisted(migrateFromV1(p1, { calendar: shipped, at: at(driver) }));
    expect(p1.context.termEnd).toBe('2027-08-24T01:00:00.000Z'); // v1: from the mentor's naming
    expect(s.context.termEnd).toBe('2027-08-02T16:00:00.000Z'); // v2: 3 August 2027, 00:00 Beijing time
    const preview = previewMigration(p1, { calendar: shipped, at: at(driver) });
    expect(preview.changes.join('\n')).toMatch(
      /service\.termEnd .*due 2027-08-24T01:00:00\.000Z → 2027-08-02T16:00:00\.000Z/,
    );
  });

  test('reports that v1 opened at posting become planned for their window', () => {
    const { driver } = cases.find((c) => c.name === 'service')!;
    const p1 = persistedV1(driver);
    expect(p1.context.duties.find((d) => d.key === 'service.quarterly/3')?.state).toBe('open');
    const preview = previewMigration(p1, { calendar: shipped, at: at(driver) });
    expect(preview.after.duties.find((d) => d.key === 'service.quarterly/3')?.state).toBe('planned');
    expect(preview.changes).toContainEqual(expect.stringMatching(/service\.quarterly\/3 .*open → planned/));
  });

  test('v1 due dates in 2027 were counted on weekdays: migrated they are provisional, or re-planned with the 2027 table', () => {
    const { driver } = cases.find((c) => c.name === 'service(August, mentor late)')!;
    const p1 = persistedV1(driver);
    const without = fromPersisted(migrateFromV1(p1, { calendar: shipped, at: at(driver) }));
    const q = (s: typeof without) => s.context.duties.find((d) => d.key === 'service.quarterly/2')!;
    expect(q(without)).toMatchObject({ provisional: true });
    const withTable = fromPersisted(migrateFromV1(p1, { calendar: with2027, at: at(driver) }));
    expect(q(withTable)).toMatchObject({ provisional: false, calendarVersion: '2027:1' });
    // the quarter ending 3 February 2027 is due 10 working days later: across 春节 2027 (6–12 February off,
    // Saturday 20 February worked) that is 23 February, on weekdays it was 17 February
    expect([q(without).dueAt, q(withTable).dueAt]).toEqual([
      '2027-02-16T16:00:00.000Z',
      '2027-02-22T16:00:00.000Z',
    ]);
  });

  test('a case on hold resumes into the phase the hold interrupted', () => {
    const { driver } = cases.find((c) => c.name === 'onHold(service)')!;
    const s = fromPersisted(migrateFromV1(persistedV1(driver), { calendar: shipped, at: at(driver) }));
    expect(statusCode(s)).toBe('ON_HOLD');
    const resume = {
      type: 'admin.case.resume' as const,
      actor: actor('org_admin'),
      at: new Date(driver.clock + 3_600_000).toISOString(),
      reason: '病愈返岗',
    };
    const next = advance(s, resume);
    expect(next && statusCode(next.snapshot)).toBe('IN_SERVICE');
    expect(next && inState(next.snapshot, { active: { serving: { negotiation: 'idle' } } })).toBe(true);
  });

  test('a snapshot of another version is refused rather than guessed', () => {
    const p1 = persistedV1(cases[0]!.driver);
    expect(() =>
      migrateFromV1({ ...p1, machineVersion: 2 }, { calendar: shipped, at: at(cases[0]!.driver) }),
    ).toThrow(/version 1/);
    expect(() => fromPersisted(p1)).toThrow(/migrate it first/);
    expect(() => fromPersisted({ ...p1, machineVersion: 3 })).toThrow(/older than the snapshot/);
  });
});
