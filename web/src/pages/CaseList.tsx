import { useEffect, useState } from 'preact/hooks';
import { get, qs, type CasePage, type Stats } from '../api';
import { CaseTable, type SortKey } from '../components/CaseTable';
import { Card, ErrorNote, Loading } from '../components/common';
import { inDaysIso } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { navigate } from '../router';

/** The filters of GET /api/cases, kept in the page address so a filtered list can be linked. */
export interface Filters {
  /** part of the cadre's name */
  q: string;
  status: string[];
  kind: string;
  year: string;
  sendingUnit: string;
  receivingUnit: string;
  overdue: string;
  stuck: string;
  provisional: string;
  machineVersion: string;
  deadlineFrom: string;
  deadlineTo: string;
}

export const EMPTY_FILTERS: Filters = {
  q: '',
  status: [],
  kind: '',
  year: '',
  sendingUnit: '',
  receivingUnit: '',
  overdue: '',
  stuck: '',
  provisional: '',
  machineVersion: '',
  deadlineFrom: '',
  deadlineTo: '',
};

export function filtersFrom(q: URLSearchParams): Filters {
  return {
    q: q.get('q') ?? '',
    status: q.getAll('status'),
    kind: q.get('kind') ?? '',
    year: q.get('year') ?? '',
    sendingUnit: q.get('sendingUnit') ?? '',
    receivingUnit: q.get('receivingUnit') ?? '',
    overdue: q.get('overdue') ?? '',
    stuck: q.get('stuck') ?? '',
    provisional: q.get('provisional') ?? '',
    machineVersion: q.get('machineVersion') ?? '',
    deadlineFrom: q.get('deadlineFrom') ?? '',
    deadlineTo: q.get('deadlineTo') ?? '',
  };
}

/** Date inputs give a day; the API wants instants (the day's start / end in China Standard Time). */
const dayStart = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T00:00:00+08:00` : d);
const dayEnd = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T23:59:59+08:00` : d);
const toDay = (iso: string) =>
  iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10) : '';

export function filterQuery(f: Filters): Record<string, string | string[] | undefined> {
  return {
    q: f.q.trim() || undefined,
    status: f.status.length ? f.status : undefined,
    kind: f.kind || undefined,
    year: f.year || undefined,
    sendingUnit: f.sendingUnit || undefined,
    receivingUnit: f.receivingUnit || undefined,
    overdue: f.overdue || undefined,
    stuck: f.stuck || undefined,
    provisional: f.provisional || undefined,
    machineVersion: f.machineVersion || undefined,
    deadlineFrom: f.deadlineFrom ? dayStart(f.deadlineFrom) : undefined,
    deadlineTo: f.deadlineTo ? dayEnd(f.deadlineTo) : undefined,
  };
}

export function FilterForm(props: {
  value: Filters;
  onApply: (f: Filters) => void;
  units: string[];
  /** apply every change at once (no search button): the bulk page previews whatever is shown */
  live?: boolean;
}) {
  const i = useI18n();
  const [f, setF] = useState(props.value);
  useEffect(() => setF(props.value), [JSON.stringify(props.value)]);
  const set = (patch: Partial<Filters>) => {
    const next = { ...f, ...patch };
    setF(next);
    if (props.live) props.onApply(next);
  };
  const tri = (key: 'overdue' | 'stuck' | 'provisional') => (
    <select
      id={`filter-${key}`}
      class="input"
      value={f[key]}
      onChange={(e) => set({ [key]: e.currentTarget.value })}
    >
      <option value="">{i.t('any')}</option>
      <option value="true">{i.t('yes')}</option>
      <option value="false">{i.t('no')}</option>
    </select>
  );
  const window = (days: number) =>
    set({ deadlineFrom: toDay(new Date().toISOString()), deadlineTo: toDay(inDaysIso(days)) });
  return (
    <form
      class="filters"
      onSubmit={(e) => {
        e.preventDefault();
        props.onApply(f);
      }}
    >
      <datalist id="unit-codes">
        {props.units.map((u) => (
          <option key={u} value={u}>
            {i.unit(u)}
          </option>
        ))}
      </datalist>
      <div class="field">
        <span class="field-label">{i.t('status')}</span>
        <details class="multiselect">
          <summary class="input">
            {f.status.length ? i.t('statusSelected', { n: f.status.length }) : i.t('any')}
          </summary>
          <div class="multiselect-menu">
            {Object.keys(i.vocab.statuses).map((code) => (
              <label key={code} class="check">
                <input
                  type="checkbox"
                  checked={f.status.includes(code)}
                  onChange={(e) =>
                    set({
                      status: e.currentTarget.checked
                        ? [...f.status, code]
                        : f.status.filter((x) => x !== code),
                    })
                  }
                />
                {i.status(code)}
              </label>
            ))}
          </div>
        </details>
      </div>
      <div class="field">
        <label class="field-label" for="filter-kind">
          {i.t('kind')}
        </label>
        <select
          id="filter-kind"
          class="input"
          value={f.kind}
          onChange={(e) => set({ kind: e.currentTarget.value })}
        >
          <option value="">{i.t('any')}</option>
          {Object.keys(i.vocab.kinds).map((k) => (
            <option key={k} value={k}>
              {i.kind(k)}
            </option>
          ))}
        </select>
      </div>
      <div class="field field-narrow">
        <label class="field-label" for="filter-year">
          {i.t('year')}
        </label>
        <input
          id="filter-year"
          class="input"
          type="number"
          min={2000}
          max={2100}
          value={f.year}
          onInput={(e) => set({ year: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label class="field-label" for="filter-name">
          {i.t('nameFilter')}
        </label>
        <input
          id="filter-name"
          class="input"
          data-testid="filter-name"
          value={f.q}
          onInput={(e) => set({ q: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label class="field-label" for="filter-sending">
          {i.t('sendingUnit')}
        </label>
        <input
          id="filter-sending"
          class="input"
          list="unit-codes"
          value={f.sendingUnit}
          onInput={(e) => set({ sendingUnit: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label class="field-label" for="filter-receiving">
          {i.t('receivingUnit')}
        </label>
        <input
          id="filter-receiving"
          class="input"
          list="unit-codes"
          value={f.receivingUnit}
          onInput={(e) => set({ receivingUnit: e.currentTarget.value })}
        />
      </div>
      <div class="field field-narrow">
        <label class="field-label" for="filter-overdue">
          {i.t('overdue')}
        </label>
        {tri('overdue')}
      </div>
      <div class="field field-narrow">
        <label class="field-label" for="filter-stuck">
          {i.t('stuck')}
        </label>
        {tri('stuck')}
      </div>
      <div class="field field-narrow">
        <label class="field-label" for="filter-provisional" title={i.t('provisionalHint')}>
          {i.t('provisional')}
        </label>
        {tri('provisional')}
      </div>
      <div class="field field-narrow">
        <label class="field-label" for="filter-machineVersion">
          {i.t('machineVersion')}
        </label>
        <select
          id="filter-machineVersion"
          class="input"
          value={f.machineVersion}
          onChange={(e) => set({ machineVersion: e.currentTarget.value })}
        >
          <option value="">{i.t('any')}</option>
          <option value="1">1</option>
          <option value="2">2</option>
        </select>
      </div>
      <div class="field">
        <label class="field-label" for="filter-from">
          {i.t('deadlineFrom')}
        </label>
        <input
          id="filter-from"
          class="input"
          type="date"
          value={toDayIfIso(f.deadlineFrom)}
          onInput={(e) => set({ deadlineFrom: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label class="field-label" for="filter-to">
          {i.t('deadlineTo')}
        </label>
        <input
          id="filter-to"
          class="input"
          type="date"
          value={toDayIfIso(f.deadlineTo)}
          onInput={(e) => set({ deadlineTo: e.currentTarget.value })}
        />
      </div>
      <div class="filter-buttons">
        <button type="button" class="btn btn-small" onClick={() => window(7)}>
          {i.t('within7')}
        </button>
        <button type="button" class="btn btn-small" onClick={() => window(30)}>
          {i.t('within30')}
        </button>
        {!props.live && (
          <button type="submit" class="btn btn-primary">
            {i.t('apply')}
          </button>
        )}
        <button
          type="button"
          class="btn"
          onClick={() => {
            setF(EMPTY_FILTERS);
            props.onApply(EMPTY_FILTERS);
          }}
        >
          {i.t('reset')}
        </button>
      </div>
    </form>
  );
}

const toDayIfIso = (v: string) => (v.includes('T') ? toDay(v) : v);

const SORTS: SortKey[] = ['nextDeadline', 'updatedAt', 'caseId', 'year', 'status'];

export function CaseList({ query }: { query: URLSearchParams }) {
  const i = useI18n();
  const filters = filtersFrom(query);
  const sort: SortKey = SORTS.find((s) => s === query.get('sort')) ?? 'nextDeadline';
  const order = query.get('order') === 'desc' ? 'desc' : 'asc';
  const limit = Number(query.get('limit') ?? 20) || 20;
  const offset = Number(query.get('offset') ?? 0) || 0;
  const key = query.toString();
  const page = useAsync(
    () => get<CasePage>(`/api/cases${qs({ ...filterQuery(filters), sort, order, limit, offset })}`),
    [key],
  );
  const stats = useAsync(() => get<Stats>('/api/stats'), []);
  const units = [
    ...new Set(
      [...(stats.data?.bySendingUnit ?? []), ...(stats.data?.byReceivingUnit ?? [])].map((u) => u.key),
    ),
  ];
  const address = (f: Filters) => ({ ...f, status: f.status.length ? f.status : undefined });
  const go = (over: Record<string, string | number | string[] | undefined>) =>
    navigate(`#/cases${qs({ ...address(filters), sort, order, limit, offset, ...over })}`);
  const apply = (f: Filters) => navigate(`#/cases${qs({ ...address(f), sort, order, limit, offset: 0 })}`);
  const onSort = (k: SortKey) =>
    go({ sort: k, order: k === sort && order === 'asc' ? 'desc' : 'asc', offset: 0 });
  const total = page.data?.total ?? 0;
  return (
    <div class="page" data-testid="case-list">
      <div class="page-head">
        <h1>{i.t('navCases')}</h1>
      </div>
      <Card title={i.t('filters')}>
        <FilterForm value={filters} onApply={apply} units={units} />
      </Card>
      <Card
        title={
          page.data
            ? i.t('rangeOf', { from: total ? offset + 1 : 0, to: Math.min(offset + limit, total), total })
            : i.t('navCases')
        }
        extra={
          <div class="pager">
            <label class="small">
              {i.t('perPage')}{' '}
              <select
                class="input input-small"
                value={limit}
                onChange={(e) => go({ limit: Number(e.currentTarget.value), offset: 0 })}
              >
                {[20, 50, 100].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <button
              class="btn btn-small"
              disabled={offset === 0}
              onClick={() => go({ offset: Math.max(0, offset - limit) })}
            >
              {i.t('prev')}
            </button>
            <button
              class="btn btn-small"
              disabled={offset + limit >= total}
              onClick={() => go({ offset: offset + limit })}
            >
              {i.t('next')}
            </button>
          </div>
        }
      >
        <ErrorNote error={page.error} />
        {page.data ? (
          <CaseTable items={page.data.items} sort={sort} order={order} onSort={onSort} />
        ) : (
          <Loading />
        )}
      </Card>
    </div>
  );
}
