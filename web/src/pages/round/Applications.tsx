import { useState } from 'preact/hooks';
import type { ApplicationList, RoundDetail } from '../../../../contract';
import { get, post, type ApiError } from '../../api';
import { Card, Empty, ErrorNote, Loading } from '../../components/common';
import { dateTime } from '../../format';
import { useAsync } from '../../hooks';
import { useI18n } from '../../i18n';

/** 单位申报: what each receiving unit asked for (posts, level, elected), and a form to enter one. */
export function Applications({ round }: { round: RoundDetail }) {
  const i = useI18n();
  const id = round.round.id;
  const list = useAsync(
    () => get<ApplicationList>(`/api/rounds/${encodeURIComponent(id)}/applications`),
    [id],
  );
  const canSubmit = round.allowed.includes('round.application.submit');
  const items = list.data?.items;
  return (
    <>
      {canSubmit && <ApplicationForm round={round} onDone={list.reload} />}
      <Card title={i.t('tabApplications')} testid="applications">
        <ErrorNote error={list.error} />
        {!items ? (
          <Loading />
        ) : items.length === 0 ? (
          <Empty />
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th>{i.t('receivingUnit')}</th>
                <th>{i.t('status')}</th>
                <th>{i.t('countRequested')}</th>
                <th>{i.t('posts')}</th>
                <th>{i.t('note')}</th>
                <th>{i.t('submittedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} class={a.status === 'declined' ? 'row-muted' : ''}>
                  <td>{i.l(a.unit.name)}</td>
                  <td>{a.status === 'declined' ? i.t('declined') : i.t('submittedApp')}</td>
                  <td>{a.requested}</td>
                  <td>
                    {a.posts.map((p, n) => (
                      <div key={n}>
                        {p.title} · {i.l(p.levelLabel)} · ×{p.count}
                        {p.elected && <span class="badge badge-warn">{i.t('elected')}</span>}
                      </div>
                    ))}
                  </td>
                  <td class="small">{a.note ?? '—'}</td>
                  <td class="small nowrap">
                    {dateTime(a.submittedAt, i.lang)}
                    <div class="muted">{a.submittedBy}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}

function ApplicationForm({ round, onDone }: { round: RoundDetail; onDone: () => void }) {
  const i = useI18n();
  const [unit, setUnit] = useState(round.invited.receiving[0]?.code ?? '');
  const [title, setTitle] = useState('');
  const [level, setLevel] = useState('deputy_section');
  const [elected, setElected] = useState(false);
  const [count, setCount] = useState('1');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await post(`/api/rounds/${encodeURIComponent(round.round.id)}/applications`, {
        unit,
        posts: [{ title, level, elected, count: Number(count) }],
      });
      setError(null);
      setTitle('');
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <Card title={i.t('submitApplication')}>
      <form class="inline-form" onSubmit={(e) => void submit(e)}>
        <div class="field">
          <label class="field-label" for="app-unit">
            {i.t('receivingUnit')}
          </label>
          <select
            id="app-unit"
            class="input"
            value={unit}
            onChange={(e) => setUnit((e.target as HTMLSelectElement).value)}
          >
            {round.invited.receiving.map((u) => (
              <option key={u.code} value={u.code}>
                {i.l(u.name)}
              </option>
            ))}
          </select>
        </div>
        <div class="field grow">
          <label class="field-label" for="app-title">
            {i.t('postTitle')}
          </label>
          <input
            id="app-title"
            class="input"
            value={title}
            onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label class="field-label" for="app-level">
            {i.t('rank')}
          </label>
          <select
            id="app-level"
            class="input"
            value={level}
            onChange={(e) => setLevel((e.target as HTMLSelectElement).value)}
          >
            {Object.entries(i.vocab.ranks).map(([k, l]) => (
              <option key={k} value={k}>
                {i.l(l)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field-label" for="app-count">
            {i.t('countRequested')}
          </label>
          <input
            id="app-count"
            class="input"
            type="number"
            min={1}
            value={count}
            onInput={(e) => setCount((e.target as HTMLInputElement).value)}
          />
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={elected}
            onChange={(e) => setElected((e.target as HTMLInputElement).checked)}
          />{' '}
          {i.t('elected')}
        </label>
        <div class="field">
          <button class="btn btn-primary" type="submit">
            {i.t('submit')}
          </button>
        </div>
      </form>
      <ErrorNote error={error} />
    </Card>
  );
}
