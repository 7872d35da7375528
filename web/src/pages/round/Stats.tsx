import type { RoundDetail, RoundStats } from '../../../../contract';
import { get } from '../../api';
import { BarChart } from '../../components/BarChart';
import { CaseLink, Card, ErrorNote, Loading } from '../../components/common';
import { useAsync } from '../../hooks';
import { useI18n, type MessageKey } from '../../i18n';

type Row = RoundStats['byKind'][number];

/**
 * The round's statistics as the department reports them upward, from the cases' real state
 * (GET /api/rounds/:id/stats): charts and tables, and the same as an XLSX workbook or CSV.
 */
export function StatsTab({ round }: { round: RoundDetail }) {
  const i = useI18n();
  const id = encodeURIComponent(round.round.id);
  const stats = useAsync(() => get<RoundStats>(`/api/rounds/${id}/stats`), [id]);
  const s = stats.data;
  if (stats.error && !s) return <ErrorNote error={stats.error} />;
  if (!s) return <Loading />;
  const pct = (share: number) => `${share.toFixed(1)}%`;
  const tile = (key: MessageKey, value: string | number, testid: string, sub?: string, tone = '') => (
    <div class={`kpi ${tone}`} data-testid={testid}>
      <div class="kpi-value">{value}</div>
      <div class="kpi-label">
        {i.t(key)}
        {sub && <span class="kpi-sub"> · {sub}</span>}
      </div>
    </div>
  );
  const bars = (rows: Row[]) => rows.map((r) => ({ key: r.key, label: i.l(r.label, r.key), value: r.count }));
  const table = (rows: Row[], testid: string) => (
    <table class="table compact" data-testid={testid}>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <td>{i.l(r.label, r.key)}</td>
            <td class="num">{r.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  const p = s.progress;
  return (
    <div data-testid="round-stats">
      <div class="page-actions">
        <a class="btn" href={`/api/rounds/${id}/stats.xlsx`} download data-testid="download-xlsx">
          {i.t('downloadXlsx')}
        </a>
        <a class="btn" href={`/api/rounds/${id}/stats.csv`} download data-testid="download-csv">
          {i.t('downloadCsv')}
        </a>
        <a
          class="btn"
          href={`/api/rounds/${id}/documents/roundList.docx`}
          download
          data-testid="download-roundList-docx"
        >
          {i.t('roundListDocument')} · Word
        </a>
        <a
          class="btn"
          href={`/api/rounds/${id}/documents/roundList.pdf`}
          download
          data-testid="download-roundList-pdf"
        >
          {i.t('roundListDocument')} · PDF
        </a>
      </div>
      <div class="kpis kpis-6">
        {tile('statTotal', s.total, 'stat-total')}
        {tile('nonCpc', s.nonCpc.count, 'stat-noncpc', pct(s.nonCpc.share))}
        {tile('selectedGraduates', s.selectedGraduates, 'stat-graduates')}
        {tile('countyReserve', s.countyReserve, 'stat-reserve')}
        {tile(
          'graduatesAndReserve',
          s.graduatesAndReserve.count,
          'stat-both',
          pct(s.graduatesAndReserve.share),
        )}
        {tile('fromTownships', s.fromTownships, 'stat-townships')}
      </div>
      <div class="kpis kpis-8">
        {tile('arrived', p.arrived, 'stat-arrived')}
        {tile('inService', p.inService, 'stat-inService')}
        {tile('extended', p.extended, 'stat-extended')}
        {tile('recalled', p.recalled, 'stat-recalled')}
        {tile('promoted', p.promoted, 'stat-promoted')}
        {tile('returned', p.returned, 'stat-returned')}
        {tile('overdue', s.overdue, 'stat-overdue', undefined, s.overdue ? 'kpi-warn' : '')}
        {tile('stuck', s.stuck, 'stat-stuck', undefined, s.stuck ? 'kpi-danger' : '')}
      </div>
      <div class="grid grid-3">
        <Card title={i.t('byKind')}>
          <BarChart bars={bars(s.byKind)} title={i.t('byKind')} />
          {table(s.byKind, 'table-kind')}
        </Card>
        <Card title={i.t('byStatus')}>
          <BarChart bars={bars(s.byStatus)} title={i.t('byStatus')} />
          {table(s.byStatus, 'table-status')}
        </Card>
        <Card title={i.t('gradeDistribution')}>
          <BarChart bars={bars(s.grades)} title={i.t('gradeDistribution')} />
          {table(s.grades, 'table-grades')}
        </Card>
      </div>
      <div class="grid grid-2">
        <Card title={i.t('byReceivingUnit')}>
          <BarChart bars={bars(s.byReceivingUnit)} title={i.t('byReceivingUnit')} />
        </Card>
        <Card title={i.t('bySendingUnit')}>
          <BarChart bars={bars(s.bySendingUnit)} title={i.t('bySendingUnit')} />
        </Card>
      </div>
      <Card title={i.t('countedApart')} testid="stat-apart">
        <p>
          {i.t('apartLine', {
            rc: s.apart.rejectedCases,
            wc: s.apart.withdrawnCases,
            rr: s.apart.recommendationsRejected,
            wr: s.apart.recommendationsWithdrawn,
          })}
        </p>
      </Card>
      <Card title={`${i.t('caseRoster')} (${s.cases.length})`}>
        <table class="table" data-testid="stat-cases">
          <thead>
            <tr>
              <th>{i.t('cadreName')}</th>
              <th>{i.t('party')}</th>
              <th>{i.t('kind')}</th>
              <th>{i.t('sendingUnit')}</th>
              <th>{i.t('receivingUnit')}</th>
              <th>{i.t('post')}</th>
              <th>{i.t('term')}</th>
              <th>{i.t('status')}</th>
              <th>{i.t('grade')}</th>
            </tr>
          </thead>
          <tbody>
            {s.cases.map((c) => (
              <tr key={c.caseId}>
                <td>
                  {c.name}
                  <div class="small">
                    <CaseLink caseId={c.caseId} />
                  </div>
                </td>
                <td>{c.party}</td>
                <td>{i.kind(c.kind)}</td>
                <td>{c.sendingUnit}</td>
                <td>{c.receivingUnit}</td>
                <td>{c.post ?? '—'}</td>
                <td class="small nowrap">
                  {c.termStart} → {c.termEnd}
                </td>
                <td>{i.l(c.statusLabel)}</td>
                <td>{c.grade ? i.l(i.vocab.grades[c.grade], c.grade) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
