import ICAL from 'ical.js';
import { adminFeed, dutyUid, personalFeed } from '../../../calendarFeed/ics';

/**
 * Calendar feeds read back with an independent parser (Mozilla's ical.js, what Thunderbird uses):
 * exactly the duties passed in, each at its due time with a stable UID, a reminder at the first step
 * of the escalation ladder, and nothing about the person beyond the label the user may see.
 */

const base = {
  name: '挂职工作待办（内江市发展和改革委员会）',
  generatedAt: '2026-10-01T09:00:00+08:00',
  caseUrlTemplate: 'https://secondment.example.gov.cn/#/cases/{caseId}',
  reminderBeforeSeconds: 3 * 86400,
};

const quarterly = {
  id: 'd7:service.quarterly/1',
  caseId: 'c7f3a9e2b41d',
  label: '李思远 · 内江市发展和改革委员会',
  what: { zh: '提交第1季度汇报', en: 'quarterly report 1' },
  dueAt: '2026-11-10T18:00:00+08:00',
  owner: { role: 'cadre', unitName: '内江市发展和改革委员会' },
  escalationStep: 'none',
  overdue: false,
  stuck: false,
} as const;
const mentor = {
  ...quarterly,
  id: 'd4:posting.mentor',
  caseId: 'a19b77c0de52',
  label: '王静怡 · 内江市科学技术局',
  what: { zh: '确定传帮带联系人', en: 'name a mentor' },
  dueAt: '2026-09-20T18:00:00+08:00',
  owner: { role: 'receiving_officer', unitName: '内江市科学技术局' },
  escalationStep: 'overdue',
  overdue: true,
} as const;
const stuck = {
  ...quarterly,
  id: 'd9:posting.arrival',
  caseId: 'f00dcafe1234',
  label: '刘建军 · 资中县球溪镇人民政府',
  what: { zh: '确认到岗', en: 'confirm arrival' },
  dueAt: '2026-08-15T18:00:00+08:00',
  owner: { role: 'receiving_officer', unitName: '资中县球溪镇人民政府' },
  escalationStep: 'stuck',
  overdue: true,
  stuck: true,
} as const;

interface ParsedEvent {
  uid: string;
  start: string;
  end: string;
  summary: string;
  description: string;
  url: string | null;
  status: string | null;
  sequence: number;
  alarms: {
    action: string;
    triggerSeconds: number | null;
    triggerAt: string | null;
    related: string | null;
  }[];
}

function parse(text: string): { name: string | null; events: ParsedEvent[] } {
  const jCal = ICAL.parse(text) as unknown[];
  const cal = new ICAL.Component(jCal);
  expect(cal.name).toBe('vcalendar');
  return {
    name: cal.getFirstPropertyValue('x-wr-calname') as string | null,
    events: cal.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        start: e.startDate.toJSDate().toISOString(),
        end: e.endDate.toJSDate().toISOString(),
        summary: e.summary,
        description: e.description,
        url: v.getFirstPropertyValue('url') as string | null,
        status: v.getFirstPropertyValue('status') as string | null,
        sequence: e.sequence,
        alarms: v.getAllSubcomponents('valarm').map((a) => {
          const trigger = a.getFirstProperty('trigger');
          const value = trigger?.getFirstValue();
          return {
            action: a.getFirstPropertyValue('action') as string,
            triggerSeconds: value instanceof ICAL.Duration ? value.toSeconds() : null,
            triggerAt: value instanceof ICAL.Time ? value.toJSDate().toISOString() : null,
            related: (trigger?.getParameter('related') as string | undefined) ?? null,
          };
        }),
      };
    }),
  };
}

test('a personal feed holds exactly the duties passed in, each at its due time with the ladder’s first step as alarm', () => {
  const { name, events } = parse(personalFeed({ ...base, duties: [quarterly, mentor] }));
  expect(name).toBe('挂职工作待办（内江市发展和改革委员会）');
  // soonest first
  expect(events.map((e) => e.uid)).toEqual([
    'a19b77c0de52.d4%3Aposting.mentor@secondment.invalid',
    'c7f3a9e2b41d.d7%3Aservice.quarterly%2F1@secondment.invalid',
  ]);
  const [overdue, open] = events;
  expect(open).toEqual({
    uid: dutyUid(quarterly),
    start: '2026-11-10T10:00:00.000Z',
    end: '2026-11-10T10:30:00.000Z',
    summary: '提交第1季度汇报 · 李思远 · 内江市发展和改革委员会 / quarterly report 1',
    description: [
      '事项 / Duty：提交第1季度汇报 / quarterly report 1',
      '案件 / Case：李思远 · 内江市发展和改革委员会（c7f3a9e2b41d）',
      '截止 / Due：2026年11月10日 18:00（北京时间 / China Standard Time）',
      '办理 / Owner：内江市发展和改革委员会（挂职干部 / seconded cadre）',
      '督办进度 / Escalation：未到提醒时间 / not yet reminded',
      '打开案件 / Open the case：https://secondment.example.gov.cn/#/cases/c7f3a9e2b41d',
    ].join('\n'),
    url: 'https://secondment.example.gov.cn/#/cases/c7f3a9e2b41d',
    status: 'CONFIRMED',
    sequence: 0,
    alarms: [{ action: 'DISPLAY', triggerSeconds: -3 * 86400, triggerAt: null, related: null }],
  });
  expect(overdue?.summary).toBe('【逾期】确定传帮带联系人 · 王静怡 · 内江市科学技术局 / name a mentor');
  expect(overdue?.description).toContain('督办进度 / Escalation：已逾期 / overdue');
});

test('an extended due date moves DTSTART of the same event (same UID), and a revision bumps SEQUENCE', () => {
  const before = parse(personalFeed({ ...base, duties: [quarterly] })).events[0];
  const extended = { ...quarterly, dueAt: '2026-12-10T18:00:00+08:00', revision: 1 };
  const after = parse(personalFeed({ ...base, duties: [extended] })).events[0];
  expect(after?.uid).toBe(before?.uid);
  expect(before?.start).toBe('2026-11-10T10:00:00.000Z');
  expect(after?.start).toBe('2026-12-10T10:00:00.000Z');
  expect(after?.sequence).toBe(1);
  expect(after?.alarms[0]?.triggerSeconds).toBe(-3 * 86400);
});

test('an exact reminder moment (working-day leads) is an absolute trigger; a stuck duty has no alarm left', () => {
  const exact = { ...quarterly, reminderAt: '2026-11-05T18:00:00+08:00' };
  const { events } = parse(personalFeed({ ...base, duties: [exact, stuck] }));
  const byUid = new Map(events.map((e) => [e.uid, e]));
  expect(byUid.get(dutyUid(exact))?.alarms).toEqual([
    { action: 'DISPLAY', triggerSeconds: null, triggerAt: '2026-11-05T10:00:00.000Z', related: null },
  ]);
  expect(byUid.get(dutyUid(stuck))?.alarms).toEqual([]);
  expect(byUid.get(dutyUid(stuck))?.summary).toMatch(/^【停滞】确认到岗/);
});

test('a provisional deadline is TENTATIVE and says so', () => {
  const { events } = parse(personalFeed({ ...base, duties: [{ ...quarterly, provisional: true }] }));
  expect(events[0]?.status).toBe('TENTATIVE');
  expect(events[0]?.summary).toMatch(/^（暂定）提交第1季度汇报/);
  expect(events[0]?.description).toContain('期限暂定，可能调整 / provisional date, may change');
});

test('the admin feed lists only the department’s overdue and stuck items, without alarms', () => {
  const { events } = parse(
    adminFeed({ ...base, name: '组织部：逾期与停滞事项', duties: [quarterly, mentor, stuck] }),
  );
  expect(events.map((e) => e.uid)).toEqual([dutyUid(stuck), dutyUid(mentor)]);
  expect(events.every((e) => e.alarms.length === 0)).toBe(true);
  expect(events[0]?.description).toContain('办理 / Owner：资中县球溪镇人民政府（接收单位 / receiving unit）');
});

test('no personal data beyond the label: extra fields a caller passes never reach the feed', () => {
  const leaky = {
    ...quarterly,
    cadreName: '李思远',
    birthDate: '1991-03-15',
    idNumber: '511025199103150012',
  };
  const text = personalFeed({ ...base, duties: [leaky] });
  expect(text).not.toContain('1991');
  expect(text).not.toContain('511025');
  // the name appears only where the label carries it (folded lines joined back first)
  const unfolded = text.replace(/\r\n /g, '');
  expect(unfolded.split('李思远').length - 1).toBe(3); // summary, description, alarm text
});

test('the same duties give the same bytes whatever the clock says (DTSTAMP comes from the input)', () => {
  jest.useFakeTimers({
    now: new Date('2030-01-01T00:00:00Z'),
    doNotFake: ['setTimeout', 'nextTick', 'setImmediate', 'queueMicrotask'],
  });
  const a = personalFeed({ ...base, duties: [mentor, quarterly] });
  jest.setSystemTime(new Date('2031-05-05T05:05:05Z'));
  const b = personalFeed({ ...base, duties: [quarterly, mentor] });
  jest.useRealTimers();
  expect(b).toBe(a);
  expect(a).toContain('DTSTAMP:20261001T010000Z');
});

test('bad feed input is refused with the field named', () => {
  expect(() =>
    personalFeed({ ...base, caseUrlTemplate: 'https://example.gov.cn/cases', duties: [] }),
  ).toThrow(/caseUrlTemplate[\s\S]*must contain \{caseId\}/);
  expect(() => personalFeed({ ...base, duties: [{ ...quarterly, dueAt: 'next Tuesday' }] })).toThrow(/dueAt/);
});
