import { useEffect, useState } from 'preact/hooks';
import { eventMeta, get, type CaseDetail, type EventMeta, type User } from '../api';
import { Card, ErrorNote, Flags, Loading, StatusBadge } from '../components/common';
import { CaseDocumentsCard } from '../components/Documents';
import { DueIn, DutyTable, PlannedDutyTable } from '../components/DutyTable';
import { EventForm } from '../components/EventForm';
import { InterventionDialog } from '../components/InterventionDialog';
import { MigrationDialog } from '../components/MigrationDialog';
import { Statechart } from '../components/Statechart';
import { Timeline } from '../components/Timeline';
import { dateTime } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { NotFound } from './NotFound';

const MIGRATE = 'admin.case.migrate';

function Toast({ text, onGone }: { text: string; onGone: () => void }) {
  useEffect(() => {
    const t = setTimeout(onGone, 4000);
    return () => clearTimeout(t);
  }, [text]);
  return (
    <div class="toast" role="status">
      {text}
    </div>
  );
}

function contentLines(content: Record<string, unknown>, i: ReturnType<typeof useI18n>): string[] {
  return Object.entries(content).map(([k, v]) => {
    const shown =
      typeof v === 'string'
        ? i.enumValue(v)
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : JSON.stringify(v);
    return `${i.field(k)}：${shown}`;
  });
}

export function CasePage({ caseId, user }: { caseId: string; user: User }) {
  const i = useI18n();
  const detail = useAsync(() => get<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`), [caseId]);
  const meta = useAsync(() => eventMeta(), []);
  const [openForm, setOpenForm] = useState<string | null>(null);
  const [dialog, setDialog] = useState(false);
  const [migrating, setMigrating] = useState(false);
  const [toast, setToast] = useState<string | null>(null);

  // Deadlines move cases on their own: refresh while the page is open (not while a form is open).
  useEffect(() => {
    if (openForm || dialog || migrating) return;
    const t = setInterval(() => {
      if (document.visibilityState === 'visible') detail.reload();
    }, 10_000);
    return () => clearInterval(t);
  }, [openForm, dialog, migrating, detail.reload]);

  if (detail.error?.status === 404) return <NotFound kind="case" />;
  if (detail.error && !detail.data) return <ErrorNote error={detail.error} />;
  const d = detail.data;
  if (!d) return <Loading />;

  const metas = meta.data;
  const allowed = d.allowedEvents.map((a) => metas?.get(a.type)).filter((m): m is EventMeta => !!m);
  const business = allowed.filter((m) => !m.intervention);
  // migration has its own dialog: the dry run first
  const interventions = allowed.filter((m) => m.intervention && m.type !== MIGRATE);
  const mayMigrate = d.allowedEvents.some((a) => a.type === MIGRATE);
  const dutyChoices = d.openDuties.map((x) => ({
    value: x.id,
    label: `${i.l(x.what)} · ${dateTime(x.dueAt, i.lang)}${x.stuck ? ` · ${i.t('stuck')}` : ''}`,
  }));
  const done = (label: string) => {
    setOpenForm(null);
    setDialog(false);
    setMigrating(false);
    setToast(`${i.t('submitted')}：${label}`);
    detail.reload();
  };
  const s = d.summary;
  const live = d.live;
  const nextDeadline = live?.nextDeadline ?? s?.nextDeadline ?? null;
  const visited = [...new Set(d.auditTrail.flatMap((e) => [e.fromState, e.toState]))];

  return (
    <div class="page case-page" data-testid="case-page">
      {toast && <Toast text={toast} onGone={() => setToast(null)} />}
      <div class="case-head">
        <div>
          <div class="muted small">{i.t('caseId')}</div>
          {d.cadre && (
            <h1 data-testid="case-cadre">
              {d.cadre.name}
              {d.cadre.cpcMember === false && <span class="badge badge-info">{i.t('nonCpc')}</span>}
            </h1>
          )}
          <div class="mono" data-testid="case-id">
            {d.caseId}
          </div>
        </div>
        <div class="case-status">
          <StatusBadge status={d.status} />
          <Flags
            overdue={live?.overdue ?? s?.overdue ?? false}
            stuck={live?.stuck ?? s?.stuck ?? false}
            provisional={(live?.provisional ?? 0) > 0 || (s?.provisional ?? false)}
          />
        </div>
        <dl class="case-facts">
          <div>
            <dt>{i.t('kind')}</dt>
            <dd>{i.kind(live?.kind ?? s?.kind ?? '')}</dd>
          </div>
          <div>
            <dt>{i.t('year')}</dt>
            <dd>{live?.year ?? s?.year}</dd>
          </div>
          <div>
            <dt>{i.t('sendingUnit')}</dt>
            <dd>{i.unit(live?.sendingUnit ?? s?.sendingUnit ?? '')}</dd>
          </div>
          <div>
            <dt>{i.t('receivingUnit')}</dt>
            <dd>{i.unit(live?.receivingUnit ?? s?.receivingUnit ?? '')}</dd>
          </div>
          {d.round && (
            <>
              <div>
                <dt>{i.t('round')}</dt>
                <dd>{d.round.roundName}</dd>
              </div>
              <div>
                <dt>{i.t('term')}</dt>
                <dd>
                  {d.round.term.start} — {d.round.term.end}
                </dd>
              </div>
              <div>
                <dt>{i.t('subsidy')}</dt>
                <dd>
                  {d.round.subsidy.amountPerDay} {i.t('perDay')} · {i.l(d.round.subsidy.payerName)}
                </dd>
              </div>
              <div>
                <dt>{i.t('payRule')}</dt>
                <dd>{i.l(d.round.payRule.label)}</dd>
              </div>
            </>
          )}
          <div>
            <dt>{i.t('machineVersion')}</dt>
            <dd data-testid="machine-version">{live?.machineVersion ?? s?.machineVersion ?? '—'}</dd>
          </div>
          <div>
            <dt>{i.t('nextDeadline')}</dt>
            <dd>
              {dateTime(nextDeadline, i.lang)}
              {nextDeadline && (
                <span class="small">
                  {' '}
                  (<DueIn dueAt={nextDeadline} />)
                </span>
              )}
            </dd>
          </div>
        </dl>
        {mayMigrate && (
          <button class="btn" onClick={() => setMigrating(true)} data-testid="open-migration">
            {i.t('migrate')}
          </button>
        )}
        {interventions.length > 0 && (
          <button class="btn btn-danger" onClick={() => setDialog(true)} data-testid="open-intervention">
            {i.t('intervene')}
          </button>
        )}
      </div>
      {d.liveError && <p class="error-note">{i.t('liveUnavailable')}</p>}
      {s?.stuckReason && <div class="alert alert-danger">{s.stuckReason}</div>}

      <div class="case-grid">
        <div class="case-main">
          <Card title={i.t('openDuties')}>
            {d.openDuties.length ? <DutyTable duties={d.openDuties} /> : <p class="muted">{i.t('none')}</p>}
          </Card>
          {live && live.plannedDuties.length > 0 && (
            <Card title={i.t('plannedDuties')} testid="planned">
              <PlannedDutyTable duties={live.plannedDuties} />
            </Card>
          )}
          <Card title={i.t('actions')} testid="actions">
            {!metas ? (
              <Loading />
            ) : business.length === 0 ? (
              <p class="muted">{i.t('noActions')}</p>
            ) : (
              <div class="action-list">
                {business.map((m) => (
                  <div key={m.type} class={`action ${openForm === m.type ? 'action-open' : ''}`}>
                    <button
                      class="btn action-btn"
                      aria-expanded={openForm === m.type}
                      onClick={() => setOpenForm(openForm === m.type ? null : m.type)}
                      data-testid={`action-${m.type}`}
                    >
                      {i.l(m.label, m.type)}
                    </button>
                    {openForm === m.type && (
                      <EventForm
                        caseId={d.caseId}
                        meta={m}
                        user={user}
                        choices={{ dutyId: dutyChoices }}
                        onDone={() => done(i.l(m.label, m.type))}
                        onCancel={() => setOpenForm(null)}
                      />
                    )}
                  </div>
                ))}
              </div>
            )}
          </Card>
          <CaseDocumentsCard caseId={d.caseId} reloadKey={d.auditTrail.length} />
          <Card title={i.t('statechart')}>
            <Statechart status={d.status} visitedStatuses={visited} />
          </Card>
          <Card title={i.t('personnelFile')} testid="personnel-file">
            {d.personnelFile.length === 0 ? (
              <p class="muted">{i.t('none')}</p>
            ) : (
              <table class="table">
                <tbody>
                  {d.personnelFile.map((p) => (
                    <tr key={`${p.seq}-${p.idx}`}>
                      <td class="nowrap">{i.personnelFileKind(p.kind)}</td>
                      <td>
                        {contentLines(p.content, i).map((line) => (
                          <div key={line}>{line}</div>
                        ))}
                      </td>
                      <td class="small nowrap">{dateTime(p.at, i.lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        </div>
        <aside class="case-side">
          <Card
            title={
              <>
                {i.t('timeline')} <span class="count">{d.auditTrail.length}</span>
              </>
            }
          >
            <Timeline entries={d.auditTrail} meta={metas} duties={d.openDuties} />
          </Card>
        </aside>
      </div>

      {migrating && (
        <MigrationDialog
          caseId={d.caseId}
          onDone={() => done(i.t('migrateDone'))}
          onClose={() => setMigrating(false)}
        />
      )}
      {dialog && metas && (
        <InterventionDialog
          caseId={d.caseId}
          user={user}
          interventions={interventions}
          dutyChoices={dutyChoices}
          onDone={() => done(i.t('intervene'))}
          onClose={() => setDialog(false)}
        />
      )}
    </div>
  );
}
