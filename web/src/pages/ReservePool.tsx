import { useState } from 'preact/hooks';
import type { PersonRow, PoolEntryRequest, ReservePoolList, RoundList } from '../../../contract';
import { get, post, qs, type ApiError, type User } from '../api';
import { Card, Empty, ErrorNote, Loading } from '../components/common';
import { PersonSearch } from '../components/PersonSearch';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { personHref } from '../router';

const POOL_SOURCES = ['organization', 'mass', 'self', 'survey'] as const;

/** 拟选派干部库: who is in the pool and whether the rules let them go, for a kind and a round. */
export function ReservePool({ user }: { user: User }) {
  const i = useI18n();
  const [kind, setKind] = useState('up');
  const [roundId, setRoundId] = useState('');
  const rounds = useAsync(() => get<RoundList>('/api/rounds'), []);
  const pool = useAsync(
    () => get<ReservePoolList>(`/api/reserve-pool${qs({ kind, roundId: roundId || undefined })}`),
    [kind, roundId],
  );
  const admin = user.role === 'org_admin';
  const d = pool.data;
  return (
    <div class="page" data-testid="reserve-pool">
      <div class="page-head">
        <h1>{i.t('poolTitle')}</h1>
      </div>
      {admin && <AddToPool onAdded={pool.reload} />}
      <Card
        title={
          <>
            {i.t('poolList')} <span class="count">{d?.items.length ?? ''}</span>
          </>
        }
        extra={
          <span class="filters-inline">
            <label class="small">
              {i.t('eligibleFor')}{' '}
              <select
                class="input input-small"
                data-testid="pool-kind"
                value={kind}
                onChange={(e) => setKind((e.target as HTMLSelectElement).value)}
              >
                {Object.keys(i.vocab.kinds).map((k) => (
                  <option key={k} value={k}>
                    {i.kind(k)}
                  </option>
                ))}
              </select>
            </label>{' '}
            <label class="small">
              {i.t('round')}{' '}
              <select
                class="input input-small"
                value={roundId}
                onChange={(e) => setRoundId((e.target as HTMLSelectElement).value)}
              >
                <option value="">{i.t('defaultPolicy')}</option>
                {(rounds.data?.items ?? []).map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
          </span>
        }
      >
        <ErrorNote error={pool.error} />
        {!d ? (
          <Loading />
        ) : d.items.length === 0 ? (
          <Empty />
        ) : (
          <table class="table" data-testid="pool-table">
            <thead>
              <tr>
                <th>{i.t('cadreName')}</th>
                <th>{i.t('currentUnit')}</th>
                <th>{i.t('rank')}</th>
                <th>{i.t('categories')}</th>
                <th>{i.t('poolEntered')}</th>
                <th>{i.t('eligibility')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((x) => (
                <tr key={x.person.id} data-person={x.person.id}>
                  <td>
                    <a href={personHref(x.person.id)}>{x.person.name}</a>
                    {x.person.partyStatus === 'non_cpc' && (
                      <span class="badge badge-info">{i.t('nonCpc')}</span>
                    )}
                  </td>
                  <td>
                    {i.l(x.person.currentUnitName)}
                    <div class="small muted">{x.person.currentPost ?? ''}</div>
                  </td>
                  <td>{x.person.rank ? i.l(i.vocab.ranks[x.person.rank], x.person.rank) : '—'}</td>
                  <td>{x.person.categories.map((c) => i.l(i.vocab.categories[c], c)).join('、') || '—'}</td>
                  <td class="nowrap">
                    {x.entry.enteredOn}
                    <div class="small muted">{i.t(`poolSource_${x.entry.source}`)}</div>
                  </td>
                  <td data-testid="pool-eligibility">
                    {x.eligibility ? (
                      x.eligibility.ok ? (
                        <span class="badge badge-info">
                          {i.t('eligible')} · {i.t('ageYears', { n: x.eligibility.age })}
                        </span>
                      ) : (
                        <>
                          <span class="badge badge-warn">{i.t('notEligible')}</span>
                          <ul class="reasons">
                            {x.eligibility.failures.map((f) => (
                              <li key={f.code}>{i.lang === 'zh' ? f.zh : f.en}</li>
                            ))}
                          </ul>
                        </>
                      )
                    ) : (
                      <span class="badge badge-muted">
                        {i.t('recordIncomplete')}: {x.missing.join(', ')}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {d && <p class="muted small">{i.t('poolJudged', { policy: d.policy, months: d.termMonths })}</p>}
      </Card>
    </div>
  );
}

function AddToPool({ onAdded }: { onAdded: () => void }) {
  const i = useI18n();
  const [person, setPerson] = useState<PersonRow | null>(null);
  const [source, setSource] = useState<(typeof POOL_SOURCES)[number]>('organization');
  const [enteredOn, setEnteredOn] = useState(() =>
    new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
  );
  const [error, setError] = useState<ApiError | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!person) return setError(new Error(i.t('choosePerson')) as ApiError);
    const body: PoolEntryRequest = { personId: person.id, enteredOn, source };
    try {
      await post('/api/reserve-pool', body);
      setAdded(person.name);
      setPerson(null);
      setError(null);
      onAdded();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <Card title={i.t('addToPool')}>
      <form class="inline-form" onSubmit={(e) => void submit(e)} data-testid="pool-add">
        <div class="field grow">
          <label class="field-label" for="pool-person">
            {i.t('cadreName')}
          </label>
          <PersonSearch id="pool-person" value={person} onChange={setPerson} />
        </div>
        <div class="field">
          <label class="field-label" for="pool-source">
            {i.t('source')}
          </label>
          <select
            id="pool-source"
            class="input"
            value={source}
            onChange={(e) => setSource((e.target as HTMLSelectElement).value as typeof source)}
          >
            {POOL_SOURCES.map((s) => (
              <option key={s} value={s}>
                {i.t(`poolSource_${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field-label" for="pool-entered">
            {i.t('poolEntered')}
          </label>
          <input
            id="pool-entered"
            class="input"
            type="date"
            value={enteredOn}
            onInput={(e) => setEnteredOn((e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <button type="submit" class="btn btn-primary">
            {i.t('addToPool')}
          </button>
        </div>
      </form>
      <ErrorNote error={error} />
      {added && (
        <div class="success-note" role="status">
          {i.t('addedToPool', { name: added })}
        </div>
      )}
    </Card>
  );
}
