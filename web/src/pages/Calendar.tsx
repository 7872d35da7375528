import { useState } from 'preact/hooks';
import { ApiError, get, post, type CalendarList, type CalendarLoadAnswer, type User } from '../api';
import { Card, CaseLink, ErrorNote, Loading } from '../components/common';
import { dateTime } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';

/** A blank table to start from: the shape of the State Council's annual notice. */
const TEMPLATE = (year: number) =>
  JSON.stringify(
    {
      year,
      holidays: [{ name: '元旦', from: `${year}-01-01`, to: `${year}-01-01` }],
      workdays: [],
    },
    null,
    2,
  );

/**
 * The holiday tables (节假日安排) every working-day deadline is computed with: each year and version,
 * where it came from and who loaded it; an org admin loads the next year from the notice, which
 * re-plans the open cases' provisional deadlines (POST /api/calendar).
 */
export function Calendar({ user }: { user: User }) {
  const i = useI18n();
  const list = useAsync(() => get<CalendarList>('/api/calendar'), []);
  const nextYear = (list.data?.lastYear ?? new Date().getFullYear()) + 1;
  const [text, setText] = useState<string | null>(null);
  const [source, setSource] = useState('');
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [result, setResult] = useState<CalendarLoadAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const table = text ?? TEMPLATE(nextYear);

  const load = async () => {
    setError(null);
    setResult(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(table);
    } catch (err) {
      setError(new Error(`${i.t('calendarBadJson')}: ${(err as Error).message}`));
      return;
    }
    setBusy(true);
    try {
      setResult(await post<CalendarLoadAnswer>('/api/calendar', { table: parsed, source }));
      list.reload();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page" data-testid="calendar">
      <div class="page-head">
        <h1>{i.t('calendarTitle')}</h1>
      </div>
      {list.data?.lastYear && <p class="hint">{i.t('calendarLastYear', { year: list.data.lastYear })}</p>}
      {user.role === 'org_admin' ? (
        <Card title={i.t('calendarLoad')} testid="calendar-load">
          <p class="hint">{i.t('calendarLoadHint')}</p>
          <div class="field">
            <label class="field-label" for="calendar-table">
              {i.t('calendarTable')}
            </label>
            <textarea
              id="calendar-table"
              class="input mono"
              rows={12}
              value={table}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label class="field-label" for="calendar-source">
              {i.t('calendarSourceField')} *
            </label>
            <input
              id="calendar-source"
              class="input"
              value={source}
              onInput={(e) => setSource(e.currentTarget.value)}
            />
          </div>
          <ErrorNote error={error} />
          <div class="form-actions">
            <button
              class="btn btn-primary"
              disabled={busy || source.trim().length < 2}
              onClick={() => void load()}
              data-testid="calendar-submit"
            >
              {i.t('calendarSubmit')}
            </button>
          </div>
          {result && (
            <div data-testid="calendar-result">
              <p class="alert">
                {i.t('calendarLoaded', {
                  year: result.loaded.year,
                  version: result.loaded.version,
                  changed: result.replan.changed,
                  skipped: result.replan.skipped,
                  failed: result.replan.failed,
                })}
              </p>
              <table class="table">
                <tbody>
                  {result.replan.items.map((x) => (
                    <tr key={x.caseId} class={x.outcome === 'changed' ? '' : 'row-muted'}>
                      <td>
                        <CaseLink caseId={x.caseId} />
                      </td>
                      <td class="small nowrap">
                        {i.t(
                          x.outcome === 'changed'
                            ? 'outcomeChanged'
                            : x.outcome === 'failed'
                              ? 'outcomeFailed'
                              : 'outcomeSkipped',
                        )}
                      </td>
                      <td class="small">
                        {x.outcome === 'skipped'
                          ? x.reason
                          : x.outcome === 'failed'
                            ? x.error.message
                            : x.change}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      ) : (
        <p class="muted">{i.t('calendarOnlyAdmin')}</p>
      )}
      <Card title={i.t('navCalendar')}>
        <ErrorNote error={list.error} />
        {!list.data ? (
          <Loading />
        ) : (
          <table class="table" data-testid="calendar-years">
            <thead>
              <tr>
                <th>{i.t('calendarYear')}</th>
                <th>{i.t('calendarVersionNo')}</th>
                <th>{i.t('calendarHolidays')}</th>
                <th>{i.t('calendarWorkdays')}</th>
                <th>{i.t('calendarSource')}</th>
                <th>{i.t('calendarLoadedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.years.map((y) => (
                <tr key={`${y.year}-${y.version}`} data-year={y.year}>
                  <td>{y.year}</td>
                  <td>{y.version}</td>
                  <td class="small">
                    {y.holidays.map((h) => `${h.name} ${h.from.slice(5)}–${h.to.slice(5)}`).join('，')}
                  </td>
                  <td class="small">{y.workdays.map((w) => w.date.slice(5)).join('，') || '—'}</td>
                  <td class="small">{y.source}</td>
                  <td class="small">
                    {y.loadedAt ? `${y.loadedBy} · ${dateTime(y.loadedAt, i.lang)}` : i.t('calendarShipped')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
