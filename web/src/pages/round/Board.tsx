import { useState } from 'preact/hooks';
import type {
  AssignmentRequest,
  Board,
  BoardUnit,
  RecommendationRow,
  RoundDetail,
} from '../../../../contract';
import { get, post, type ApiError } from '../../api';
import { Card, ErrorNote, Loading } from '../../components/common';
import { Eligibility, SourceText } from '../../components/Eligibility';
import { UnitSelect } from '../../components/UnitSelect';
import { useAsync } from '../../hooks';
import { useI18n } from '../../i18n';
import { personHref } from '../../router';

/** A refusal as the board shows it: the message and the rule that refused (approval.quota …). */
function Refusal({ error }: { error: ApiError | null }) {
  const i = useI18n();
  if (!error) return null;
  return (
    <div class="error-note" role="alert" data-testid="board-refusal">
      <strong>{i.t('refused')}</strong> {error.message}
      {error.rule && (
        <span class="error-code" data-testid="refusal-rule">
          {i.t('ruleNamed')} {error.rule}
        </span>
      )}
    </div>
  );
}

/**
 * 组织确定: per receiving unit what it asked, its allocation (the quota the cases enforce) and who is
 * assigned; the candidates to assign, grant fewer than asked, post to a unit that did not ask or
 * reject. Every change goes to the server, which refuses over quota with the rule named.
 */
export function BoardTab({
  round,
  mine,
  onChange,
}: {
  round: RoundDetail;
  mine: boolean;
  onChange: () => void;
}) {
  const i = useI18n();
  const id = encodeURIComponent(round.round.id);
  const board = useAsync(() => get<Board>(`/api/rounds/${id}/board`), [id]);
  const [error, setError] = useState<{ where: string; e: ApiError } | null>(null);
  const [busy, setBusy] = useState(false);
  const editable = mine && round.round.status === 'COLLECTING';

  const act = async (where: string, url: string, body: unknown) => {
    setBusy(true);
    try {
      await post(url, body);
      setError(null);
      board.reload();
      onChange();
      return true;
    } catch (e) {
      setError({ where, e: e as ApiError });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const b = board.data;
  if (board.error && !b) return <ErrorNote error={board.error} />;
  if (!b) return <Loading />;
  const errAt = (where: string) => (error?.where === where ? error.e : null);

  return (
    <div data-testid="board">
      <div class="kpis">
        <div class="kpi">
          <div class="kpi-value">{b.totals.requested}</div>
          <div class="kpi-label">{i.t('countRequested')}</div>
        </div>
        <div class="kpi">
          <div class="kpi-value" data-testid="board-allocated">
            {b.totals.allocated}
          </div>
          <div class="kpi-label">{i.t('countAllocated')}</div>
        </div>
        <div class="kpi">
          <div class="kpi-value" data-testid="board-assigned">
            {b.totals.assigned}
          </div>
          <div class="kpi-label">{i.t('countAssigned')}</div>
        </div>
        <div class="kpi kpi-warn">
          <div class="kpi-value">{b.totals.candidates}</div>
          <div class="kpi-label">{i.t('countCandidates')}</div>
        </div>
        {editable && round.allowed.includes('round.decide') && (
          <div class="kpi kpi-action">
            <button
              class="btn btn-primary"
              data-testid="board-decide"
              disabled={busy}
              onClick={() => void act('decide', `/api/rounds/${id}/decide`, {})}
            >
              {i.t('decide')}
            </button>
            <div class="kpi-label">{i.t('decideHint')}</div>
          </div>
        )}
      </div>
      <Refusal error={errAt('decide')} />
      <div class="board-grid">
        <Card title={i.t('boardUnits')} class="board-units">
          <table class="table">
            <thead>
              <tr>
                <th>{i.t('receivingUnit')}</th>
                <th>{i.t('countRequested')}</th>
                <th>{i.t('quota')}</th>
                <th>{i.t('countAssigned')}</th>
              </tr>
            </thead>
            <tbody>
              {b.units.map((u) => (
                <UnitRowView
                  key={u.unit.code}
                  u={u}
                  editable={editable}
                  busy={busy}
                  error={errAt(`unit:${u.unit.code}`)}
                  onQuota={(quota) =>
                    act(`unit:${u.unit.code}`, `/api/rounds/${id}/allocations`, {
                      receivingUnit: u.unit.code,
                      quota,
                    })
                  }
                  onRemove={(recId) =>
                    act(
                      `unit:${u.unit.code}`,
                      `/api/rounds/${id}/assignments/${encodeURIComponent(recId)}/remove`,
                      {},
                    )
                  }
                />
              ))}
            </tbody>
          </table>
          {editable && (
            <NewAllocation
              busy={busy}
              error={errAt('new')}
              onSave={(unit, quota) =>
                act('new', `/api/rounds/${id}/allocations`, { receivingUnit: unit, quota })
              }
            />
          )}
        </Card>
        <Card title={`${i.t('countCandidates')} (${b.candidates.length})`} class="board-candidates">
          {b.candidates.length === 0 && <p class="muted">{i.t('none')}</p>}
          {b.candidates.map((c) => (
            <CandidateCard
              key={c.id}
              c={c}
              units={b.units}
              editable={editable}
              busy={busy}
              error={errAt(`cand:${c.id}`)}
              onAssign={(body) => act(`cand:${c.id}`, `/api/rounds/${id}/assignments`, body)}
              onReject={(reason) =>
                act(`cand:${c.id}`, `/api/rounds/${id}/recommendations/${encodeURIComponent(c.id)}/reject`, {
                  reason,
                })
              }
            />
          ))}
        </Card>
      </div>
    </div>
  );
}

function UnitRowView(props: {
  u: BoardUnit;
  editable: boolean;
  busy: boolean;
  error: ApiError | null;
  onQuota: (quota: number) => Promise<boolean>;
  onRemove: (recId: string) => Promise<boolean>;
}) {
  const i = useI18n();
  const { u } = props;
  const [quota, setQuota] = useState(u.allocation === null ? '' : String(u.allocation));
  const full = u.allocation !== null && u.assigned.length >= u.allocation;
  return (
    <>
      <tr data-testid="board-unit" data-unit={u.unit.code} class={u.declined ? 'row-muted' : ''}>
        <td>
          {i.l(u.unit.name)}
          <div class="small muted">
            {u.applied
              ? u.posts
                  .map((p) => `${p.title}${p.elected ? `（${i.t('elected')}）` : ''} ×${p.count}`)
                  .join('；')
              : u.declined
                ? i.t('declined')
                : i.t('didNotApply')}
          </div>
        </td>
        <td>{u.requested}</td>
        <td class="nowrap">
          {props.editable ? (
            <form
              class="quota-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (/^\d+$/.test(quota)) void props.onQuota(Number(quota));
              }}
            >
              <input
                class="input input-small quota-input"
                type="number"
                min={0}
                aria-label={i.t('quota')}
                data-testid="quota-input"
                value={quota}
                onInput={(e) => setQuota((e.target as HTMLInputElement).value)}
              />
              <button class="btn btn-small" type="submit" disabled={props.busy} data-testid="quota-save">
                {i.t('save')}
              </button>
            </form>
          ) : (
            (u.allocation ?? '—')
          )}
          {u.allocation !== null && u.allocation < u.requested && (
            <div class="small muted">{i.t('fewerThanAsked')}</div>
          )}
        </td>
        <td>
          <span class={full ? 'quota-full' : ''} data-testid="unit-assigned-count">
            {u.assigned.length}
            {u.allocation !== null ? ` / ${u.allocation}` : ''}
          </span>
          {u.assigned.map((a) => (
            <div key={a.recommendationId} class="assigned" data-testid="assigned-person">
              <a href={personHref(a.personId)}>{a.name}</a>{' '}
              <span class="small muted">
                {i.kind(a.kind)} · {a.post.title}
              </span>
              {props.editable && (
                <button
                  class="linkish small"
                  title={i.t('unassign')}
                  disabled={props.busy}
                  onClick={() => void props.onRemove(a.recommendationId)}
                >
                  ✕
                </button>
              )}
            </div>
          ))}
        </td>
      </tr>
      {props.error && (
        <tr>
          <td colSpan={4}>
            <Refusal error={props.error} />
          </td>
        </tr>
      )}
    </>
  );
}

function NewAllocation(props: {
  busy: boolean;
  error: ApiError | null;
  onSave: (unit: string, quota: number) => Promise<boolean>;
}) {
  const i = useI18n();
  const [unit, setUnit] = useState('');
  const [quota, setQuota] = useState('1');
  return (
    <div class="new-allocation">
      <div class="subhead">{i.t('allocateUnasked')}</div>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (unit && /^\d+$/.test(quota))
            void props.onSave(unit, Number(quota)).then((ok) => ok && setUnit(''));
        }}
      >
        <div class="field grow">
          <UnitSelect id="alloc-unit" name="receivingUnit" value={unit} onChange={setUnit} />
        </div>
        <div class="field">
          <input
            class="input input-small"
            type="number"
            min={0}
            aria-label={i.t('quota')}
            value={quota}
            onInput={(e) => setQuota((e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <button class="btn btn-small" type="submit" disabled={props.busy}>
            {i.t('allocate')}
          </button>
        </div>
      </form>
      <Refusal error={props.error} />
    </div>
  );
}

function CandidateCard(props: {
  c: RecommendationRow;
  units: BoardUnit[];
  editable: boolean;
  busy: boolean;
  error: ApiError | null;
  onAssign: (body: AssignmentRequest) => Promise<boolean>;
  onReject: (reason: string) => Promise<boolean>;
}) {
  const i = useI18n();
  const { c } = props;
  const initialUnit = c.requestedReceivingUnit?.code ?? '';
  const [unit, setUnit] = useState(initialUnit);
  const postOf = (code: string) => props.units.find((u) => u.unit.code === code)?.posts[0];
  const [title, setTitle] = useState(postOf(initialUnit)?.title ?? '');
  const [level, setLevel] = useState<string>(postOf(initialUnit)?.level ?? 'deputy_section');
  const [elected, setElected] = useState(postOf(initialUnit)?.elected ?? false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const chooseUnit = (code: string) => {
    setUnit(code);
    const p = postOf(code);
    if (p) {
      setTitle(p.title);
      setLevel(p.level);
      setElected(p.elected);
    }
  };
  return (
    <div class="candidate" data-testid="candidate" data-rec={c.id} data-name={c.person.name}>
      <div class="candidate-head">
        <a href={personHref(c.person.id)}>
          <strong>{c.person.name}</strong>
        </a>
        {c.person.partyStatus === 'non_cpc' && <span class="badge badge-info">{i.t('nonCpc')}</span>}
        <span class="small muted">
          {' '}
          {i.kind(c.kind)} · {i.l(c.sendingUnit.name)} · <SourceText s={c.source} />
        </span>
        <div>
          <Eligibility e={c.eligibility} />
          {c.requestedReceivingUnit && (
            <span class="small muted">
              {' '}
              {i.t('wants')} {i.l(c.requestedReceivingUnit.name)}
            </span>
          )}
        </div>
      </div>
      {props.editable && !rejecting && (
        <form
          class="assign-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (unit && title)
              void props.onAssign({
                recommendationId: c.id,
                receivingUnit: unit,
                post: { title, level: level as AssignmentRequest['post']['level'], elected },
              });
          }}
        >
          <UnitSelect id={`assign-unit-${c.id}`} name="receivingUnit" value={unit} onChange={chooseUnit} />
          <input
            class="input"
            name="postTitle"
            placeholder={i.t('postTitle')}
            aria-label={i.t('postTitle')}
            value={title}
            onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
          />
          <select
            class="input"
            aria-label={i.t('rank')}
            value={level}
            onChange={(e) => setLevel((e.target as HTMLSelectElement).value)}
          >
            {Object.entries(i.vocab.ranks).map(([k, l]) => (
              <option key={k} value={k}>
                {i.l(l)}
              </option>
            ))}
          </select>
          <label class="check small">
            <input
              type="checkbox"
              checked={elected}
              onChange={(e) => setElected((e.target as HTMLInputElement).checked)}
            />{' '}
            {i.t('elected')}
          </label>
          <button
            class="btn btn-small btn-primary"
            type="submit"
            disabled={props.busy || !unit || !title}
            data-testid="assign"
          >
            {i.t('assign')}
          </button>
          <button
            class="btn btn-small btn-danger"
            type="button"
            onClick={() => setRejecting(true)}
            data-testid="reject-open"
          >
            {i.t('reject')}
          </button>
        </form>
      )}
      {props.editable && rejecting && (
        <form
          class="assign-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim().length >= 2) void props.onReject(reason.trim());
          }}
        >
          <input
            class="input grow"
            name="reason"
            placeholder={i.t('reasonRequired')}
            aria-label={i.t('reason')}
            value={reason}
            onInput={(e) => setReason((e.target as HTMLInputElement).value)}
          />
          <button
            class="btn btn-small btn-danger"
            type="submit"
            disabled={props.busy || reason.trim().length < 2}
            data-testid="reject"
          >
            {i.t('reject')}
          </button>
          <button class="btn btn-small" type="button" onClick={() => setRejecting(false)}>
            {i.t('cancel')}
          </button>
        </form>
      )}
      <Refusal error={props.error} />
    </div>
  );
}
