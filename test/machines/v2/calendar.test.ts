// Calendar as data in the machine: the case carries the tables it was given, records per due date
// the versions it used, marks a due date in a year without a table provisional, and re-plans it
// (with an audit record) when the year's table arrives by calendar.update.
import { compactYear, holidayYearSchema, isWorkingDay, shippedCalendar } from '../../../machines/calendar';
import { provisionalDuties, searchAttributes } from '../../../machines/secondment/v2';
import { FIXTURE_2027 } from '../calendar/fixture2027';
import { CaseDriver, days, ofType } from './support/driver';
import { actor, intake, nomination } from './support/fixtures';

const table2027 = { '2027': compactYear(holidayYearSchema.parse(FIXTURE_2027), 1) };
const system = actor('system');

/** A case whose first-year deadlines fall in 2027 (国庆 2027): approved 20 September 2027. */
function autumn2027(): CaseDriver {
  const d = new CaseDriver(nomination({ year: 2027, at: '2027-09-20T09:00:00+08:00', cadre: { age: 30 } }));
  d.advance(days(4)).send('approval.approve', { facts: intake() });
  return d;
}

describe('provisional deadlines and re-planning (节假日安排更新)', () => {
  test('a 2027 deadline without a 2027 table counts weekdays and says so', () => {
    const d = autumn2027();
    const intro = d.duty('posting.introduction'); // 5 working days from Friday 24 September 2027
    expect(intro.dueAt).toBe('2027-10-01T01:00:00.000Z');
    expect(intro).toMatchObject({ provisional: true, calendarVersion: '2027:none' });
    expect(provisionalDuties(d.snapshot).map((x) => x.kind)).toEqual(
      expect.arrayContaining(['posting.introduction', 'posting.post', 'posting.arrival']),
    );
  });

  test('loading the 2027 table re-plans every provisional deadline, notifies the owners, and is recorded', () => {
    const d = autumn2027();
    const before = d.duty('posting.introduction');
    const fx = d.send(
      'calendar.update',
      { year: 2027, version: 1, reason: '国务院办公厅2027年节假日安排通知', facts: { calendar: table2027 } },
      system,
    );
    const after = d.duty('posting.introduction');
    // Sunday 26 September 2027 is a 调休 workday: Fri 24 Sep + 5 working days = 26, 27, 28, 29, 30 Sep
    expect(after).toMatchObject({ id: before.id, provisional: false, calendarVersion: '2027:1' });
    expect(after.dueAt).toBe('2027-09-30T01:00:00.000Z');
    // and the arrival (10 working days) skips 国庆 1–7 October and works Saturday 9 October: Wednesday 13 October
    expect(d.duty('posting.arrival').dueAt).toBe('2027-10-13T01:00:00.000Z');
    expect(isWorkingDay(d.ctx.calendar, after.dueAt, 480)).toBe(true);
    expect(provisionalDuties(d.snapshot)).toEqual([]);
    expect(ofType(fx, 'record')[0]?.params).toMatchObject({
      eventType: 'calendar.update',
      reason: '国务院办公厅2027年节假日安排通知',
      payload: { year: 2027, version: 1 },
    });
    expect(ofType(fx, 'notify').filter((n) => n.params.template === 'duty.replanned').length).toBeGreaterThan(
      0,
    );
    expect(ofType(fx, 'deadline.set').map((x) => x.params.dutyId)).toContain(before.id);
    expect(searchAttributes(d.snapshot).nextDeadline).not.toBe(null);
  });

  test('the same table twice, or an older version, is refused (the bulk run skips the case)', () => {
    const d = autumn2027();
    const update = { year: 2027, version: 1, reason: '2027年节假日安排', facts: { calendar: table2027 } };
    d.send('calendar.update', update, system);
    expect(d.refuse('calendar.update', update, system).rule).toBe('calendar.noChange');
  });

  test('a table for a year the case cannot reach is refused, so the bulk run leaves the case alone', () => {
    const d = autumn2027(); // its deadlines can fall in 2026 up to a year or two after its term
    const far = { '2033': { ...table2027['2027'], version: 1 } };
    const refusal = d.refuse(
      'calendar.update',
      { year: 2033, version: 1, reason: '2033年节假日安排', facts: { calendar: far } },
      system,
    );
    expect(refusal.rule).toBe('calendar.noChange');
    expect(refusal.message.en).toContain('does not concern it');
  });

  test('calendar.update is the system’s, carrying the table the host looked up', () => {
    const d = autumn2027();
    expect(
      d.refuse(
        'calendar.update',
        { year: 2027, version: 1, reason: '2027年节假日安排', facts: { calendar: table2027 } },
        actor('org_admin'),
      ).code,
    ).toBe('ROLE_FORBIDDEN');
    expect(
      d.refuse('calendar.update', { year: 2027, version: 1, reason: '2027年节假日安排' }, system).rule,
    ).toBe('event.facts');
  });

  test('a case started with the 2027 table computes 2027 deadlines with it from the start', () => {
    const d = new CaseDriver(
      nomination({
        year: 2027,
        at: '2027-09-20T09:00:00+08:00',
        calendar: { ...shippedCalendar(), ...table2027 },
      }),
    );
    d.advance(days(4)).send('approval.approve', { facts: intake() });
    expect(d.duty('posting.introduction')).toMatchObject({
      dueAt: '2027-09-30T01:00:00.000Z',
      provisional: false,
    });
  });
});
