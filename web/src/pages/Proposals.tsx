import { useState } from 'preact/hooks';
import { ApiError, get, post, type Proposal, type User } from '../api';
import { Card, CaseLink, Empty, ErrorNote, Loading } from '../components/common';
import { dateTime } from '../format';
import { useAsync } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';

/** One proposal: what it would do, who asked and why, and — for another admin — approve or reject. */
function ProposalCard(props: { p: Proposal; onDecided: () => void }) {
  const i = useI18n();
  const { p } = props;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (verb: 'approve' | 'reject') => {
    setError(null);
    if (reason.trim().length < 2) {
      setError(new ApiError(400, 'INVALID_INPUT', i.t('reasonRequired'), 'reason'));
      return;
    }
    setBusy(true);
    try {
      await post(`/api/proposals/${p.proposalId}/${verb}`, { reason });
      props.onDecided();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'INTERNAL', (err as Error).message));
    } finally {
      setBusy(false);
    }
  };
  const planned = p.plan?.filter((x) => x.willChange).length ?? 0;
  return (
    <li class="proposal" data-testid="proposal" data-proposal={p.proposalId}>
      <div class="proposal-head">
        <strong>{i.l(p.intervention.label, p.intervention.type)}</strong>{' '}
        {p.caseId ? <CaseLink caseId={p.caseId} /> : i.t('proposalBulk', { n: planned })}{' '}
        <span class={`badge ${p.status}`}>{i.t(`proposalStatus_${p.status}` as MessageKey)}</span>
        {p.stuck ? <span class="badge stuck">{i.t('proposalStuck')}</span> : null}
        {!p.stuck && p.overdue ? <span class="badge overdue">{i.t('proposalOverdue')}</span> : null}
      </div>
      <dl class="kvs">
        <dt>{i.t('proposalChange')}</dt>
        <dd data-testid="proposal-change">{p.change ?? '—'}</dd>
        <dt>{i.t('proposalReason')}</dt>
        <dd>{p.reason}</dd>
        <dt>{i.t('proposalBy')}</dt>
        <dd>
          {p.proposedBy.name ?? p.proposedBy.id} · {dateTime(p.proposedAt, i.lang)}
        </dd>
        <dt>{i.t('proposalDue')}</dt>
        <dd>{dateTime(p.dueAt, i.lang)}</dd>
        {p.decidedBy && (
          <>
            <dt>{i.t('proposalDecision')}</dt>
            <dd>
              {p.decidedBy.name ?? p.decidedBy.id}：{p.decisionReason}
            </dd>
          </>
        )}
        {p.result && (
          <>
            <dt>{i.t('proposalResult')}</dt>
            <dd data-testid="proposal-result">
              {p.result.outcome === 'changed'
                ? i.status(p.result.status)
                : p.result.outcome === 'failed'
                  ? `${p.result.error.code} ${p.result.error.message}`
                  : p.result.items.map((x) => `${x.caseId} ${x.outcome}`).join('；')}
            </dd>
          </>
        )}
      </dl>
      {p.status === 'open' &&
        (p.youMayDecide ? (
          <div class="proposal-decide">
            <label class="field-label" for={`reason-${p.proposalId}`}>
              {i.t('proposalDecision')}
            </label>
            <textarea
              id={`reason-${p.proposalId}`}
              class="input"
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
            <ErrorNote error={error} />
            <div class="form-actions">
              <button
                type="button"
                class="btn btn-primary"
                disabled={busy}
                onClick={() => void decide('approve')}
              >
                {i.t('proposalApprove')}
              </button>
              <button type="button" class="btn" disabled={busy} onClick={() => void decide('reject')}>
                {i.t('proposalReject')}
              </button>
            </div>
          </div>
        ) : (
          <p class="muted">{i.t('proposalOwn')}</p>
        ))}
    </li>
  );
}

/** 双人复核: the department's proposals, open ones first; another admin decides each. */
export function Proposals({ user }: { user: User }) {
  const i = useI18n();
  const list = useAsync(() => get<{ items: Proposal[] }>('/api/proposals'), []);
  if (user.role !== 'org_admin' && user.role !== 'auditor')
    return (
      <Card title={i.t('proposalsTitle')}>
        <p class="muted">{i.t('proposalsOnlyAdmin')}</p>
      </Card>
    );
  if (list.error) return <ErrorNote error={list.error} />;
  if (!list.data) return <Loading />;
  const open = list.data.items.filter((p) => p.status === 'open');
  const decided = list.data.items.filter((p) => p.status !== 'open');
  return (
    <div class="page" data-testid="proposals-page">
      <Card title={`${i.t('proposalsTitle')} · ${i.t('proposalsOpen')}`} testid="proposals-open">
        {open.length === 0 ? (
          <Empty />
        ) : (
          <ul class="proposals">
            {open.map((p) => (
              <ProposalCard key={p.proposalId} p={p} onDecided={list.reload} />
            ))}
          </ul>
        )}
      </Card>
      <Card title={i.t('proposalsDecided')} testid="proposals-decided">
        {decided.length === 0 ? (
          <Empty />
        ) : (
          <ul class="proposals">
            {decided.map((p) => (
              <ProposalCard key={p.proposalId} p={p} onDecided={list.reload} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
