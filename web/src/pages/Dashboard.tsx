import { useState } from 'preact/hooks';
import { ApiError, get, post, qs, type CasePage, type Stats, type StuckList, type User } from '../api';
import { BarChart, DayColumns } from '../components/BarChart';
import { CaseTable } from '../components/CaseTable';
import { Card, CaseLink, Empty, ErrorNote, Loading, StatusBadge } from '../components/common';
import { dateOnly, inDaysIso } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';

const listHref = (params: Record<string, string>) => `#/cases${qs(params)}`;

function Kpi(props: {
  label: string;
  value: number | string;
  tone?: string;
  href?: string;
  testid?: string;
}) {
  const body = (
    <>
      <div class="kpi-value">{props.value}</div>
      <div class="kpi-label">{props.label}</div>
    </>
  );
  return props.href ? (
    <a class={`kpi kpi-${props.tone ?? 'default'}`} href={props.href} data-testid={props.testid}>
      {body}
    </a>
  ) : (
    <div class={`kpi kpi-${props.tone ?? 'default'}`} data-testid={props.testid}>
      {body}
    </div>
  );
}

export function Dashboard({ user }: { user: User }) {
  const i = useI18n();
  const [retried, setRetried] = useState<Record<string, string>>({});
  const stats = useAsync(() => get<Stats>('/api/stats'), []);
  const stuck = useAsync(() => get<StuckList>('/api/stuck'), []);
  const overdue = useAsync(
    () => get<CasePage>(`/api/cases${qs({ overdue: true, sort: 'nextDeadline', order: 'asc', limit: 8 })}`),
    [],
  );
  const window30 = useAsync(() => {
    const from = new Date().toISOString();
    const to = inDaysIso(30);
    return get<CasePage>(
      `/api/cases${qs({ deadlineFrom: from, deadlineTo: to, sort: 'nextDeadline', order: 'asc', limit: 500 })}`,
    );
  }, []);
  const reloadAll = () => {
    stats.reload();
    stuck.reload();
    overdue.reload();
    window30.reload();
  };

  const retry = async (url: string, caseId: string) => {
    try {
      await post(url);
      setRetried((r) => ({ ...r, [caseId]: i.t('retried') }));
    } catch (err) {
      setRetried((r) => ({ ...r, [caseId]: (err as ApiError).message }));
    }
  };

  const s = stats.data;
  const days = Array.from({ length: 30 }, (_x, d) => inDaysIso(d));
  const counts = days.map(() => 0);
  for (const c of window30.data?.items ?? []) {
    if (!c.nextDeadline) continue;
    const d = Math.floor((Date.parse(c.nextDeadline) - Date.now()) / 86_400_000);
    if (d >= 0 && d < 30) counts[d] = (counts[d] ?? 0) + 1;
  }
  const technical = stuck.data?.technical ?? [];
  const business = stuck.data?.business ?? [];
  const proposals = stuck.data?.proposals ?? [];

  return (
    <div class="page dashboard" data-testid="dashboard">
      <div class="page-head">
        <h1>{i.t('navDashboard')}</h1>
        <button class="btn" onClick={reloadAll}>
          {i.t('refresh')}
        </button>
      </div>
      <ErrorNote error={stats.error ?? stuck.error} />
      <div class="kpis">
        <Kpi label={i.t('total')} value={s?.total ?? '…'} href="#/cases" testid="kpi-total" />
        <Kpi
          label={i.t('overdue')}
          value={s?.overdue ?? '…'}
          tone={s?.overdue ? 'warn' : 'default'}
          href={listHref({ overdue: 'true' })}
          testid="kpi-overdue"
        />
        <Kpi
          label={i.t('stuck')}
          value={s?.stuck ?? '…'}
          tone={s?.stuck ? 'danger' : 'default'}
          href={listHref({ stuck: 'true' })}
          testid="kpi-stuck"
        />
        <Kpi
          label={i.t('technicalStuck')}
          value={stuck.data ? technical.length : '…'}
          tone={technical.length ? 'danger' : 'default'}
        />
        <Kpi label={i.t('next30')} value={window30.data?.total ?? '…'} tone="info" />
        <Kpi
          label={i.t('kpiProvisional')}
          value={s?.provisional ?? '…'}
          tone={s?.provisional ? 'info' : 'default'}
          href={listHref({ provisional: 'true' })}
          testid="kpi-provisional"
        />
        {user.role === 'org_admin' && (s?.notMigrated ?? 0) > 0 && (
          <Kpi
            label={i.t('kpiNotMigrated')}
            value={s?.notMigrated ?? 0}
            tone="warn"
            href={listHref({ machineVersion: '1' })}
            testid="kpi-not-migrated"
          />
        )}
      </div>

      <div class="grid grid-3">
        <Card title={i.t('byStatus')}>
          {s ? (
            <BarChart
              title={i.t('byStatus')}
              bars={s.byStatus.map((b) => ({
                key: b.key,
                label: i.status(b.key),
                value: b.count,
                href: listHref({ status: b.key }),
                tone: b.key === 'ON_HOLD' ? 'warn' : 'default',
              }))}
            />
          ) : (
            <Loading />
          )}
        </Card>
        <Card title={i.t('byKind')}>
          {s ? (
            <BarChart
              title={i.t('byKind')}
              bars={s.byKind.map((b) => ({
                key: b.key,
                label: i.kind(b.key),
                value: b.count,
                href: listHref({ kind: b.key }),
              }))}
            />
          ) : (
            <Loading />
          )}
        </Card>
        <Card title={i.t('byReceivingUnit')}>
          {s ? (
            <BarChart
              title={i.t('byReceivingUnit')}
              bars={s.byReceivingUnit.slice(0, 10).map((b) => ({
                key: b.key,
                label: i.unit(b.key),
                value: b.count,
                href: listHref({ receivingUnit: b.key }),
              }))}
            />
          ) : (
            <Loading />
          )}
          {s && s.bySendingUnit.length > 0 && (
            <>
              <h3 class="subhead">{i.t('bySendingUnit')}</h3>
              <BarChart
                title={i.t('bySendingUnit')}
                bars={s.bySendingUnit.slice(0, 6).map((b) => ({
                  key: b.key,
                  label: i.unit(b.key),
                  value: b.count,
                  href: listHref({ sendingUnit: b.key }),
                }))}
              />
            </>
          )}
        </Card>
      </div>

      <div class="grid grid-2">
        <Card
          title={
            <>
              {i.t('stuckList')}{' '}
              <span class="count">{business.length + technical.length + proposals.length}</span>
            </>
          }
          class="card-danger"
          testid="stuck-list"
        >
          {stuck.loading && !stuck.data ? (
            <Loading />
          ) : business.length + technical.length + proposals.length === 0 ? (
            <Empty />
          ) : (
            <ul class="stuck-list">
              {business.map((b) => (
                <li key={`b-${b.caseId}`} data-testid="stuck-item" data-case={b.caseId}>
                  <div class="stuck-line">
                    <span class="badge badge-danger">{i.t('stuckBusiness')}</span>
                    <CaseLink caseId={b.caseId} />
                    {b.cadreName && <strong data-testid="stuck-name">{b.cadreName}</strong>}
                    <StatusBadge status={b.status} />
                    <span class="muted small">{i.unit(b.receivingUnit)}</span>
                  </div>
                  <div class="stuck-reason">{b.reason}</div>
                </li>
              ))}
              {technical.map((t) => (
                <li key={`t-${t.caseId}-${t.kind}`} data-testid="stuck-item" data-case={t.caseId}>
                  <div class="stuck-line">
                    <span class="badge badge-tech">{i.t('stuckTechnical')}</span>
                    <CaseLink caseId={t.caseId} />
                    {t.temporalUiUrl && (
                      <a href={t.temporalUiUrl} target="_blank" rel="noreferrer" class="small">
                        {i.t('openTemporal')} ↗
                      </a>
                    )}
                    {t.retry && user.role === 'org_admin' && (
                      <button class="btn btn-small" onClick={() => void retry(t.retry?.url ?? '', t.caseId)}>
                        {i.t('retry')}
                      </button>
                    )}
                    {retried[t.caseId] && <span class="small muted">{retried[t.caseId]}</span>}
                  </div>
                  <div class="stuck-reason">{t.reason}</div>
                </li>
              ))}
              {proposals.map((p) => (
                <li key={`p-${p.proposalId}`} data-testid="stuck-item" data-proposal={p.proposalId}>
                  <div class="stuck-line">
                    <span class="badge badge-warn">{i.t('proposalsTitle')}</span>
                    <a href="#/proposals">{p.proposalId}</a>
                    {p.caseId && <CaseLink caseId={p.caseId} />}
                    <span class="muted small">{p.interventionType}</span>
                  </div>
                  <div class="stuck-reason">{p.reason}</div>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card
          title={
            <>
              {i.t('overdueList')} <span class="count">{overdue.data?.total ?? ''}</span>
            </>
          }
          extra={
            overdue.data && overdue.data.total > overdue.data.items.length ? (
              <a href={listHref({ overdue: 'true' })}>→</a>
            ) : null
          }
          testid="overdue-list"
        >
          {overdue.data ? (
            overdue.data.items.length ? (
              <CaseTable items={overdue.data.items} compact />
            ) : (
              <Empty />
            )
          ) : (
            <Loading />
          )}
        </Card>
      </div>

      <Card title={i.t('upcoming')} testid="upcoming">
        <div class="upcoming">
          <div class="upcoming-chart">
            <div class="muted small">{i.t('deadlineStrip')}</div>
            <DayColumns
              days={days.map((d) => dateOnly(d, i.lang))}
              counts={counts}
              label={i.t('deadlineStrip')}
            />
          </div>
          <div class="upcoming-list">
            {window30.data ? (
              window30.data.items.length ? (
                <CaseTable items={window30.data.items.slice(0, 8)} compact />
              ) : (
                <Empty />
              )
            ) : (
              <Loading />
            )}
          </div>
        </div>
      </Card>
    </div>
  );
}
