import type { CaseQuery } from '../contract';
import { STATUS_CODES } from '../machines/secondment';
import { kindSchema } from '../machines/secondment';
import { flag, intValue, str, strs, type OptionSpec, type Values } from './args';
import { usage } from './errors';

/** The case filters of GET /api/cases, as flags; `list` and `bulk` share them. */
export const FILTER_OPTIONS = {
  status: { type: 'string', multiple: true },
  kind: { type: 'string', multiple: true },
  year: { type: 'string' },
  'sending-unit': { type: 'string' },
  'receiving-unit': { type: 'string' },
  unit: { type: 'string' },
  overdue: { type: 'boolean' },
  'not-overdue': { type: 'boolean' },
  stuck: { type: 'boolean' },
  'not-stuck': { type: 'boolean' },
  provisional: { type: 'boolean' },
  'not-provisional': { type: 'boolean' },
  'machine-version': { type: 'string' },
  'deadline-from': { type: 'string' },
  'deadline-to': { type: 'string' },
  name: { type: 'string' },
  round: { type: 'string' },
} as const satisfies OptionSpec;

export const FILTER_HELP = `  --status <code>          可重复 / repeatable (${STATUS_CODES.slice(0, 4).join(', ')} …)
  --kind <kind>            可重复 / repeatable (${kindSchema.options.join(', ')})
  --year <yyyy>            --sending-unit <code>   --receiving-unit <code>   --unit <code> (either side)
  --overdue | --not-overdue   --stuck | --not-stuck
  --provisional | --not-provisional (暂定期限：该年尚无节假日安排 / a deadline in a year without a holiday table)
  --machine-version <n>    规则版本 / machine version (1: 未迁移 / not migrated yet)
  --deadline-from <date>   --deadline-to <date>   (下一期限 / next deadline; YYYY-MM-DD = 北京时间 / Beijing time, or ISO 8601)
  --name <姓名>             干部姓名（部分即可）/ part of the cadre's name   --round <id>   某批次的案件 / a round's cases`;

/** The list's filters (not its paging or sorting), as GET /api/cases reads them. */
export type CaseFilter = Partial<Omit<CaseQuery, 'sort' | 'order' | 'limit' | 'offset'>>;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A deadline bound: an ISO instant, or a calendar day in China Standard Time covering the whole day. */
function deadlineBound(values: Values, name: 'deadline-from' | 'deadline-to'): string | undefined {
  const raw = str(values, name);
  if (raw === undefined) return undefined;
  if (DATE_ONLY.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00+08:00`)))
    return name === 'deadline-from' ? `${raw}T00:00:00+08:00` : `${raw}T23:59:59.999+08:00`;
  if (INSTANT.test(raw) && !Number.isNaN(Date.parse(raw))) return raw;
  throw usage(
    `--${name}: 应为日期 YYYY-MM-DD 或带时区的 ISO 时间 / expected YYYY-MM-DD or an ISO 8601 instant with offset, got "${raw}"`,
    `--${name}`,
  );
}

function oneOf(values: Values, name: string, allowed: readonly string[]): string[] | undefined {
  const given = strs(values, name);
  for (const v of given ?? [])
    if (!allowed.includes(v))
      throw usage(
        `--${name}: 未知取值 / unknown value "${v}"; 可选 / one of ${allowed.join(', ')}`,
        `--${name}`,
      );
  return given;
}

function tristate(values: Values, yes: string, no: string): boolean | undefined {
  if (flag(values, yes) && flag(values, no))
    throw usage(`--${yes} 与 --${no} 不能同时使用 / pick one`, `--${no}`);
  return flag(values, yes) ? true : flag(values, no) ? false : undefined;
}

export function filterFromArgs(values: Values): CaseFilter {
  const filter: CaseFilter = {
    status: oneOf(values, 'status', STATUS_CODES),
    kind: oneOf(values, 'kind', kindSchema.options),
    year: intValue(values, 'year', { min: 1949, max: 2999 }),
    sendingUnit: str(values, 'sending-unit'),
    receivingUnit: str(values, 'receiving-unit'),
    unit: str(values, 'unit'),
    overdue: tristate(values, 'overdue', 'not-overdue'),
    stuck: tristate(values, 'stuck', 'not-stuck'),
    provisional: tristate(values, 'provisional', 'not-provisional'),
    machineVersion: intValue(values, 'machine-version', { min: 1, max: 99 }),
    deadlineFrom: deadlineBound(values, 'deadline-from'),
    deadlineTo: deadlineBound(values, 'deadline-to'),
    q: str(values, 'name'),
    roundId: str(values, 'round'),
  };
  // Only the filters given, so `bulk` can tell "no filter" (every case in scope) apart.
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}
