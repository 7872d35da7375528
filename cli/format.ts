import { eventLabels, type EventType } from '../machines/secondment';

/** zh-CN first, English second: the order of every label the CLI prints. */
export const bi = (label: { zh: string; en: string }): string => `${label.zh} / ${label.en}`;

export const yesNo = (v: boolean): string => (v ? '是 / yes' : '否 / no');

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An instant in the terminal's local time, to the minute; JSON output keeps the API's ISO text. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

export function eventText(type: string): string {
  const label = eventLabels[type as EventType];
  return label ? `${type} (${label.zh})` : type;
}
