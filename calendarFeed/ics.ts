// ICS calendar feeds of deadlines (issue 14), built with ical-generator: one VEVENT per open duty,
// with a stable UID, DTSTART at the due time, a zh-first summary, a description naming what is due
// and linking the case, and a VALARM at the first step of the escalation ladder (the reminder).
// The admin variant lists a department's overdue and stuck items. Pure: no clock, no I/O.
import type { z } from 'zod';
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { ICalCalendar } from 'ical-generator';
import { roleLabels } from '../machines/secondment';
import { adminFeedInputSchema, personalFeedInputSchema } from './feedInput';
import type { AdminFeedInput, EscalationStep, FeedDuty, FeedOptions, PersonalFeedInput } from './feedInput';

export const ICS_CONTENT_TYPE = 'text/calendar; charset=utf-8';
const UID_DOMAIN = 'secondment.invalid';
/** A deadline is a moment; a short block makes it visible in day and week views. */
const EVENT_MINUTES = 30;
const CST_OFFSET_MS = 8 * 3600 * 1000;

const stepLabels: Record<EscalationStep, { zh: string; en: string }> = {
  none: { zh: '未到提醒时间', en: 'not yet reminded' },
  reminder: { zh: '已提醒', en: 'reminder sent' },
  overdue: { zh: '已逾期', en: 'overdue' },
  unitHead: { zh: '已报单位负责人督办', en: 'escalated to the unit head' },
  orgDept: { zh: '已报组织部督办', en: 'escalated to the organization department' },
  stuck: { zh: '停滞', en: 'stuck' },
};

/** Stable per case and duty: a changed due date updates the same event in the client. */
export const dutyUid = (d: Pick<FeedDuty, 'caseId' | 'id'>): string =>
  `${d.caseId}.${encodeURIComponent(d.id)}@${UID_DOMAIN}`;

/** 2026年10月10日 18:00 in China Standard Time, whatever the server's zone. */
function cst(iso: string): string {
  const t = new Date(Date.parse(iso) + CST_OFFSET_MS);
  const hh = String(t.getUTCHours()).padStart(2, '0');
  const mm = String(t.getUTCMinutes()).padStart(2, '0');
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${hh}:${mm}`;
}

const flags = (d: FeedDuty): string =>
  `${d.stuck ? '【停滞】' : d.overdue ? '【逾期】' : ''}${d.provisional ? '（暂定）' : ''}`;

export const dutySummary = (d: FeedDuty): string => `${flags(d)}${d.what.zh} · ${d.label} / ${d.what.en}`;

function description(d: FeedDuty, url: string): string {
  return [
    `事项 / Duty：${d.what.zh} / ${d.what.en}`,
    `案件 / Case：${d.label}（${d.caseId}）`,
    `截止 / Due：${cst(d.dueAt)}（北京时间 / China Standard Time）`,
    `办理 / Owner：${d.owner.unitName}（${roleLabels[d.owner.role].zh} / ${roleLabels[d.owner.role].en}）`,
    `督办进度 / Escalation：${stepLabels[d.escalationStep].zh} / ${stepLabels[d.escalationStep].en}`,
    ...(d.provisional ? ['期限暂定，可能调整 / provisional date, may change'] : []),
    `打开案件 / Open the case：${url}`,
  ].join('\n');
}

const caseUrl = (o: FeedOptions | AdminFeedInput, caseId: string): string =>
  o.caseUrlTemplate.replaceAll('{caseId}', caseId).replaceAll('%7BcaseId%7D', caseId);

function calendar(o: Pick<FeedOptions, 'name' | 'refreshSeconds'>): ICalCalendar {
  return ical({
    name: o.name,
    prodId: { company: 'secondment-engine', product: 'deadlines', language: 'ZH' },
    method: ICalCalendarMethod.PUBLISH,
    ttl: o.refreshSeconds,
  });
}

function addEvent(
  cal: ICalCalendar,
  d: FeedDuty,
  o: FeedOptions | AdminFeedInput,
  alarmBefore: number | null,
): void {
  const start = new Date(d.dueAt);
  const url = caseUrl(o, d.caseId);
  const event = cal.createEvent({
    id: dutyUid(d),
    sequence: d.revision,
    stamp: new Date(o.generatedAt),
    start,
    end: new Date(start.getTime() + EVENT_MINUTES * 60 * 1000),
    summary: dutySummary(d),
    description: description(d, url),
    url,
    status: d.provisional ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    categories: [{ name: '挂职锻炼' }],
  });
  if (alarmBefore !== null) {
    const reminder = `提醒 / Reminder：${d.what.zh} · ${d.label}`;
    if (d.reminderAt !== undefined) {
      event.createAlarm({
        type: ICalAlarmType.display,
        trigger: new Date(d.reminderAt),
        description: reminder,
      });
    } else {
      event.createAlarm({ type: ICalAlarmType.display, triggerBefore: alarmBefore, description: reminder });
    }
  }
}

const byDue = (a: FeedDuty, b: FeedDuty): number =>
  Date.parse(a.dueAt) - Date.parse(b.dueAt) || dutyUid(a).localeCompare(dutyUid(b));

/** A user's feed: every open duty they owe, each with its reminder. Validates its input. */
export function personalFeed(draft: z.input<typeof personalFeedInputSchema>): string {
  const input: PersonalFeedInput = personalFeedInputSchema.parse(draft);
  const cal = calendar(input);
  for (const d of [...input.duties].sort(byDue)) {
    // a stuck duty is past every step of the ladder: nothing left to remind of
    addEvent(cal, d, input, d.stuck ? null : input.reminderBeforeSeconds);
  }
  return cal.toString();
}

/** A department's feed for org admins: only its overdue and stuck items, no alarms. */
export function adminFeed(draft: z.input<typeof adminFeedInputSchema>): string {
  const input: AdminFeedInput = adminFeedInputSchema.parse(draft);
  const cal = calendar(input);
  for (const d of input.duties.filter((x) => x.overdue || x.stuck).sort(byDue)) addEvent(cal, d, input, null);
  return cal.toString();
}
