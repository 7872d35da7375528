import type { Lang } from './i18n';

/** Times are shown in China Standard Time, the civil time of every deadline. */
const TZ = 'Asia/Shanghai';

export function dateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(d);
}

export function dateOnly(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: TZ,
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}

/** "3 天" / "3 days", coarse enough to read at a glance. */
export function duration(ms: number, lang: Lang): string {
  const abs = Math.abs(ms);
  const units: [number, string, string][] = [
    [86_400_000, '天', 'd'],
    [3_600_000, '小时', 'h'],
    [60_000, '分钟', 'min'],
    [1000, '秒', 's'],
  ];
  for (const [size, zh, en] of units) {
    if (abs >= size || size === 1000) {
      const n = Math.max(0, Math.floor(abs / size));
      return lang === 'zh' ? `${n} ${zh}` : `${n} ${en}`;
    }
  }
  return '';
}

/** A datetime-local input value (CST) as an ISO instant with offset, and back. */
export function localToIso(local: string): string {
  if (!local) return '';
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds}+08:00`;
}

export function isoToLocal(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  return d.toISOString().slice(0, 16);
}

export function startOfTodayIso(): string {
  return new Date().toISOString();
}

export function inDaysIso(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}
