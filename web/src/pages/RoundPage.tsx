import type { RoundDetail } from '../../../contract';
import { get, type User } from '../api';
import { Card, ErrorNote, Loading } from '../components/common';
import { DueIn, EscalationBadge } from '../components/DutyTable';
import { dateTime } from '../format';
import { useAsync } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { roundHref } from '../router';
import { NotFound } from './NotFound';
import { Applications } from './round/Applications';
import { BoardTab } from './round/Board';
import { LaunchTab } from './round/Launch';
import { Recommendations } from './round/Recommendations';
import { Seminars } from './round/Seminars';
import { StatsTab } from './round/Stats';

const TABS: { key: string; label: MessageKey; departments?: boolean }[] = [
  { key: '', label: 'tabOverview' },
  { key: 'applications', label: 'tabApplications' },
  { key: 'recommendations', label: 'tabRecommendations' },
  { key: 'board', label: 'tabBoard', departments: true },
  { key: 'launch', label: 'tabLaunch' },
  { key: 'stats', label: 'tabStats', departments: true },
  { key: 'seminars', label: 'tabSeminars' },
];

/** One round's page: what it is, who still owes what, and a tab per stage of the year's work. */
export function RoundPage({ roundId, tab, user }: { roundId: string; tab: string; user: User }) {
  const i = useI18n();
  const detail = useAsync(() => get<RoundDetail>(`/api/rounds/${encodeURIComponent(roundId)}`), [roundId]);
  if (detail.error?.status === 404) return <NotFound kind="page" />;
  if (detail.error && !detail.data) return <ErrorNote error={detail.error} />;
  const d = detail.data;
  if (!d) return <Loading />;
  const r = d.round;
  const department = ['org_admin', 'united_front', 'auditor'].includes(user.role);
  const mine = user.role === 'org_admin' && user.units.includes(r.orgUnit.code);
  const tabs = TABS.filter((t) => !t.departments || department);
  return (
    <div class="page round-page" data-testid="round-page" data-round={r.id}>
      <div class="page-head">
        <div>
          <h1 data-testid="round-name">{r.name}</h1>
          <div class="muted small">
            {i.l(r.orgUnit.name)} · {r.kinds.map((k) => i.kind(k)).join('、')} · {i.t('term')} {r.term.start}{' '}
            → {r.term.end} ({i.t('monthsN', { n: r.term.months })}) · {i.t('subsidy')}{' '}
            {r.subsidy.amountPerDay} {i.t('perDay')} ({i.l(r.subsidy.payerLabel)}) · {i.l(r.payRule.label)}
          </div>
        </div>
        <span class="badge badge-info" data-testid="round-status">
          {i.l(r.statusLabel)}
        </span>
      </div>
      <nav class="tabs" role="tablist">
        {tabs.map((t) => (
          <a
            key={t.key}
            role="tab"
            href={roundHref(r.id, t.key || undefined)}
            class={tab === t.key ? 'active' : ''}
            aria-selected={tab === t.key}
            data-tab={t.key || 'overview'}
          >
            {i.t(t.label)}
          </a>
        ))}
      </nav>
      {tab === '' && <Overview d={d} />}
      {tab === 'applications' && <Applications round={d} />}
      {tab === 'recommendations' && <Recommendations round={d} />}
      {tab === 'board' && department && <BoardTab round={d} mine={mine} onChange={detail.reload} />}
      {tab === 'launch' && <LaunchTab round={d} mine={mine} onChange={detail.reload} />}
      {tab === 'stats' && department && <StatsTab round={d} />}
      {tab === 'seminars' && <Seminars round={d} mine={mine} />}
    </div>
  );
}

function Overview({ d }: { d: RoundDetail }) {
  const i = useI18n();
  const c = d.counts;
  const kpi = (key: MessageKey, value: number, testid: string) => (
    <div class="kpi" data-testid={testid}>
      <div class="kpi-value">{value}</div>
      <div class="kpi-label">{i.t(key)}</div>
    </div>
  );
  return (
    <>
      <div class="kpis">
        {kpi('countRequested', c.requested, 'round-requested')}
        {kpi('countRecommendations', c.recommendations, 'round-recommendations')}
        {kpi('countAllocated', c.allocated, 'round-allocated')}
        {kpi('countAssigned', c.assigned, 'round-assigned')}
        {kpi('countCases', c.cases, 'round-cases')}
      </div>
      <div class="grid grid-2">
        <Card title={i.t('openDuties')}>
          {d.duties.length === 0 ? (
            <p class="muted">{i.t('none')}</p>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th>{i.t('duty')}</th>
                  <th>{i.t('owner')}</th>
                  <th>{i.t('dueAt')}</th>
                  <th>{i.t('escalation')}</th>
                </tr>
              </thead>
              <tbody>
                {d.duties.map((x) => (
                  <tr key={x.id}>
                    <td>{i.l(x.what)}</td>
                    <td>{i.l(x.ownerUnitName)}</td>
                    <td class="nowrap">
                      {dateTime(x.dueAt, i.lang)}
                      <div class="small">
                        <DueIn dueAt={x.dueAt} paused={x.paused} />
                      </div>
                    </td>
                    <td>
                      <EscalationBadge step={x.escalationStep} stuck={x.stuck} dueAt={x.dueAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card title={i.t('invitedUnits')}>
          <div class="subhead">
            {i.t('receivingUnits')} ({d.invited.receiving.length})
          </div>
          <p class="unit-chips">{d.invited.receiving.map((u) => i.l(u.name)).join('、') || '—'}</p>
          <div class="subhead">
            {i.t('sendingUnits')} ({d.invited.sending.length})
          </div>
          <p class="unit-chips">{d.invited.sending.map((u) => i.l(u.name)).join('、') || '—'}</p>
          <div class="subhead">{i.t('deadlines')}</div>
          <p class="small">
            {i.t('tabApplications')}: {dateTime(d.round.applicationDeadline, i.lang)} ·{' '}
            {i.t('tabRecommendations')}: {dateTime(d.round.recommendationDeadline, i.lang)}
          </p>
        </Card>
      </div>
    </>
  );
}
