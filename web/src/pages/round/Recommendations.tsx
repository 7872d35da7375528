import type { RecommendationList, RoundDetail } from '../../../../contract';
import { get } from '../../api';
import { CaseLink, Card, Empty, ErrorNote, Loading } from '../../components/common';
import { Eligibility, SourceText } from '../../components/Eligibility';
import { useAsync } from '../../hooks';
import { useI18n } from '../../i18n';
import { personHref } from '../../router';

/** 推荐: the sending units' candidates with source, eligibility and what became of them. */
export function Recommendations({ round }: { round: RoundDetail }) {
  const i = useI18n();
  const id = round.round.id;
  const list = useAsync(
    () => get<RecommendationList>(`/api/rounds/${encodeURIComponent(id)}/recommendations`),
    [id],
  );
  const items = list.data?.items;
  return (
    <Card
      title={i.t('tabRecommendations')}
      testid="recommendations"
      extra={
        round.allowed.includes('round.recommendation.submit') && (
          <a class="btn btn-small" href="#/nominate">
            {i.t('recommend')}
          </a>
        )
      }
    >
      <ErrorNote error={list.error} />
      {!items ? (
        <Loading />
      ) : items.length === 0 ? (
        <Empty />
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th>{i.t('cadreName')}</th>
              <th>{i.t('sendingUnit')}</th>
              <th>{i.t('kind')}</th>
              <th>{i.t('source')}</th>
              <th>{i.t('eligibility')}</th>
              <th>{i.t('status')}</th>
              <th>{i.t('assignment')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr
                key={r.id}
                data-testid="recommendation-row"
                class={r.status === 'rejected' || r.status === 'withdrawn' ? 'row-muted' : ''}
              >
                <td>
                  <a href={personHref(r.person.id)}>{r.person.name}</a>
                  {r.person.partyStatus === 'non_cpc' && (
                    <span class="badge badge-info">{i.t('nonCpc')}</span>
                  )}
                  <div class="small muted">
                    {r.person.categories.map((c) => i.l(i.vocab.categories[c], c)).join('、')}
                  </div>
                </td>
                <td>{i.l(r.sendingUnit.name)}</td>
                <td>{i.kind(r.kind)}</td>
                <td>
                  <SourceText s={r.source} />
                </td>
                <td>
                  <Eligibility e={r.eligibility} />
                </td>
                <td>
                  {i.l(r.statusLabel)}
                  {r.statusReason && <div class="small muted">{r.statusReason}</div>}
                </td>
                <td>
                  {r.assignment ? (
                    <>
                      {i.l(r.assignment.receivingUnit.name)}
                      <div class="small">{r.assignment.post.title}</div>
                    </>
                  ) : r.requestedReceivingUnit ? (
                    <span class="muted small">
                      {i.t('wants')} {i.l(r.requestedReceivingUnit.name)}
                    </span>
                  ) : (
                    '—'
                  )}
                  {r.caseId && (
                    <div class="small">
                      <CaseLink caseId={r.caseId} />
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
