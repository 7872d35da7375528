import { get, type MyDuty, type User } from '../api';
import { Card, CaseLink, Empty, ErrorNote, Loading, StatusBadge } from '../components/common';
import { DueIn, EscalationBadge } from '../components/DutyTable';
import { FeedSubscription } from '../components/FeedSubscription';
import { dateTime } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';

/** What the logged-in user's unit owes across its cases, soonest due first (GET /api/my/duties). */
export function MyDuties({ user }: { user: User }) {
  const i = useI18n();
  const duties = useAsync(
    () =>
      get<{ items: MyDuty[]; scanned: number; unavailable: string[]; truncated: boolean }>('/api/my/duties'),
    [],
  );
  const d = duties.data;
  return (
    <div class="page" data-testid="my-duties">
      <div class="page-head">
        <h1>{i.t('navDuties')}</h1>
        <button class="btn" onClick={duties.reload}>
          {i.t('refresh')}
        </button>
      </div>
      <ErrorNote error={duties.error} />
      <Card
        title={
          <>
            {i.t('dutiesTitle')} <span class="count">{d?.items.length ?? ''}</span>
          </>
        }
        extra={
          <span class="muted small">
            {i.t('dutiesHint')} · {user.units.map((u) => i.unit(u)).join('、') || i.role(user.role)}
          </span>
        }
      >
        {user.role === 'auditor' ? (
          <p class="muted">{i.t('auditorNoDuties')}</p>
        ) : !d ? (
          <Loading />
        ) : d.items.length === 0 ? (
          <Empty />
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th>{i.t('dueAt')}</th>
                <th>{i.t('duty')}</th>
                <th>{i.t('caseId')}</th>
                <th>{i.t('cadreName')}</th>
                <th>{i.t('status')}</th>
                <th>{i.t('escalation')}</th>
                <th>{i.t('receivingUnit')}</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((x) => (
                <tr
                  key={`${x.caseId}-${x.duty.id}`}
                  class={x.duty.stuck ? 'row-danger' : x.duty.overdue ? 'row-warn' : ''}
                >
                  <td class="nowrap">
                    {dateTime(x.duty.dueAt, i.lang)}
                    <div class="small">
                      <DueIn dueAt={x.duty.dueAt} paused={x.duty.paused} />
                    </div>
                  </td>
                  <td>{i.l(x.duty.what)}</td>
                  <td>
                    <CaseLink caseId={x.caseId} />
                  </td>
                  <td>{x.cadreName ?? '—'}</td>
                  <td>
                    <StatusBadge status={x.status} />
                  </td>
                  <td>
                    <EscalationBadge step={x.duty.escalationStep} stuck={x.duty.stuck} dueAt={x.duty.dueAt} />
                  </td>
                  <td>{i.unit(x.receivingUnit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {d && d.unavailable.length > 0 && (
          <p class="muted small">
            {i.t('liveUnavailable')}: {d.unavailable.join(', ')}
          </p>
        )}
      </Card>
      <FeedSubscription />
    </div>
  );
}
