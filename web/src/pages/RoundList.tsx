import type { RoundList as Rounds } from '../../../contract';
import { get } from '../api';
import { Card, Empty, ErrorNote, Loading } from '../components/common';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { roundHref } from '../router';

/** 年度挂职工作: the rounds the caller sees (their department's jurisdiction, or rounds their unit is in). */
export function RoundList() {
  const i = useI18n();
  const rounds = useAsync(() => get<Rounds>('/api/rounds'), []);
  const items = rounds.data?.items;
  return (
    <div class="page" data-testid="round-list">
      <div class="page-head">
        <h1>{i.t('roundsTitle')}</h1>
      </div>
      <ErrorNote error={rounds.error} />
      <Card>
        {!items ? (
          <Loading />
        ) : items.length === 0 ? (
          <Empty />
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th>{i.t('roundName')}</th>
                <th>{i.t('year')}</th>
                <th>{i.t('kind')}</th>
                <th>{i.t('orgDept')}</th>
                <th>{i.t('term')}</th>
                <th>{i.t('subsidy')}</th>
                <th>{i.t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-round={r.id}>
                  <td>
                    <a href={roundHref(r.id)}>{r.name}</a>
                  </td>
                  <td>{r.year}</td>
                  <td>{r.kinds.map((k) => i.kind(k)).join('、')}</td>
                  <td>{i.l(r.orgUnit.name)}</td>
                  <td class="nowrap">
                    {r.term.start} → {r.term.end}
                  </td>
                  <td class="nowrap">
                    {r.subsidy.amountPerDay} {i.t('perDay')}
                  </td>
                  <td>
                    <span class="badge badge-info">{i.l(r.statusLabel)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
