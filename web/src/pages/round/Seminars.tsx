import { useState } from 'preact/hooks';
import type {
  NewSeminarRequest,
  PersonRow,
  RoundDetail,
  SeminarInfo,
  SeminarList,
} from '../../../../contract';
import { get, post, type ApiError } from '../../api';
import { Card, Empty, ErrorNote, Loading } from '../../components/common';
import { PersonSearch } from '../../components/PersonSearch';
import { UnitSelect } from '../../components/UnitSelect';
import { dateTime, localToIso } from '../../format';
import { useAsync } from '../../hooks';
import { useI18n } from '../../i18n';
import { personHref } from '../../router';

/** 座谈会: the round's seminars, their invitees, attendance and minutes; the department schedules. */
export function Seminars({ round, mine }: { round: RoundDetail; mine: boolean }) {
  const id = encodeURIComponent(round.round.id);
  const list = useAsync(() => get<SeminarList>(`/api/rounds/${id}/seminars`), [id]);
  const items = list.data?.items;
  return (
    <div data-testid="seminars">
      {mine && <NewSeminar roundId={round.round.id} onDone={list.reload} />}
      <ErrorNote error={list.error} />
      {!items ? (
        <Loading />
      ) : items.length === 0 ? (
        <Card>
          <Empty />
        </Card>
      ) : (
        items.map((s) => <SeminarCard key={s.id} s={s} mine={mine} />)
      )}
    </div>
  );
}

function SeminarCard({ s: initial, mine }: { s: SeminarInfo; mine: boolean }) {
  const i = useI18n();
  const [s, setS] = useState(initial);
  const [minutes, setMinutes] = useState(initial.minutes ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const base = `/api/seminars/${encodeURIComponent(s.id)}`;
  const send = async (url: string, body: unknown) => {
    try {
      setS((await post<{ seminar: SeminarInfo }>(url, body)).seminar);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <Card
      title={s.title}
      testid="seminar"
      extra={
        <span class="muted small">
          {dateTime(s.heldAt, i.lang)} · {s.place}
        </span>
      }
    >
      <table class="table">
        <thead>
          <tr>
            <th>{i.t('invitee')}</th>
            <th>{i.t('attended')}</th>
          </tr>
        </thead>
        <tbody>
          {s.invitees.map((x) => (
            <tr key={`${x.kind}:${x.ref}`}>
              <td>
                {x.kind === 'person' ? <a href={personHref(x.ref)}>{i.l(x.name)}</a> : i.l(x.name)}
                <span class="small muted"> · {x.kind === 'person' ? i.t('person') : i.t('unit')}</span>
              </td>
              <td>
                {mine ? (
                  <select
                    class="input input-small"
                    value={x.attended === null ? '' : String(x.attended)}
                    aria-label={i.t('attended')}
                    onChange={(e) => {
                      const v = (e.target as HTMLSelectElement).value;
                      if (v)
                        void send(`${base}/attendance`, { kind: x.kind, ref: x.ref, attended: v === 'true' });
                    }}
                  >
                    <option value="">—</option>
                    <option value="true">{i.t('yes')}</option>
                    <option value="false">{i.t('no')}</option>
                  </select>
                ) : x.attended === null ? (
                  '—'
                ) : x.attended ? (
                  i.t('yes')
                ) : (
                  i.t('no')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="subhead">{i.t('minutes')}</div>
      {mine ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (minutes.trim()) void send(`${base}/minutes`, { minutes: minutes.trim() });
          }}
        >
          <textarea
            class="input"
            rows={3}
            value={minutes}
            onInput={(e) => setMinutes((e.target as HTMLTextAreaElement).value)}
          />
          <div class="form-actions">
            <button class="btn btn-small" type="submit">
              {i.t('saveMinutes')}
            </button>
          </div>
        </form>
      ) : (
        <p class="prewrap">{s.minutes ?? '—'}</p>
      )}
      {s.minutesBy && (
        <p class="small muted">
          {s.minutesBy} · {dateTime(s.minutesAt, i.lang)}
        </p>
      )}
      <ErrorNote error={error} />
    </Card>
  );
}

function NewSeminar({ roundId, onDone }: { roundId: string; onDone: () => void }) {
  const i = useI18n();
  const [title, setTitle] = useState('');
  const [heldAt, setHeldAt] = useState('');
  const [place, setPlace] = useState('');
  const [persons, setPersons] = useState<PersonRow[]>([]);
  const [units, setUnits] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const body: NewSeminarRequest = {
      title,
      heldAt: localToIso(heldAt),
      place,
      invitees: { persons: persons.map((p) => p.id), units },
    };
    try {
      await post(`/api/rounds/${encodeURIComponent(roundId)}/seminars`, body);
      setError(null);
      setTitle('');
      setPersons([]);
      setUnits([]);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <Card title={i.t('scheduleSeminar')}>
      <form onSubmit={(e) => void submit(e)}>
        <div class="grid grid-3">
          <div class="field">
            <label class="field-label" for="sem-title">
              {i.t('seminarTitle')}
            </label>
            <input
              id="sem-title"
              class="input"
              value={title}
              onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label class="field-label" for="sem-at">
              {i.t('heldAt')}
            </label>
            <input
              id="sem-at"
              class="input"
              type="datetime-local"
              value={heldAt}
              onInput={(e) => setHeldAt((e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label class="field-label" for="sem-place">
              {i.t('place')}
            </label>
            <input
              id="sem-place"
              class="input"
              value={place}
              onInput={(e) => setPlace((e.target as HTMLInputElement).value)}
            />
          </div>
        </div>
        <div class="grid grid-2">
          <div class="field">
            <label class="field-label" for="sem-person">
              {i.t('invitePersons')}
            </label>
            <PersonSearch
              id="sem-person"
              value={null}
              onChange={(p) => p && setPersons((xs) => (xs.some((x) => x.id === p.id) ? xs : [...xs, p]))}
            />
            <div class="chips">
              {persons.map((p) => (
                <span class="chip" key={p.id}>
                  {p.name}{' '}
                  <button
                    type="button"
                    class="linkish"
                    onClick={() => setPersons((xs) => xs.filter((x) => x.id !== p.id))}
                  >
                    ✕
                  </button>
                </span>
              ))}
            </div>
          </div>
          <div class="field">
            <label class="field-label" for="sem-unit">
              {i.t('inviteUnits')}
            </label>
            <UnitSelect
              id="sem-unit"
              name="unit"
              value=""
              onChange={(u) => u && setUnits((xs) => (xs.includes(u) ? xs : [...xs, u]))}
            />
            <div class="chips">
              {units.map((u) => (
                <span class="chip" key={u}>
                  {i.unit(u)}{' '}
                  <button
                    type="button"
                    class="linkish"
                    onClick={() => setUnits((xs) => xs.filter((x) => x !== u))}
                  >
                    ✕
                  </button>
                </span>
              ))}
            </div>
          </div>
        </div>
        <ErrorNote error={error} />
        <div class="form-actions">
          <button class="btn btn-primary" type="submit">
            {i.t('scheduleSeminar')}
          </button>
        </div>
      </form>
    </Card>
  );
}
