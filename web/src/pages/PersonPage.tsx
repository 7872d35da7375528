import type { PersonDetail } from '../../../contract';
import { get } from '../api';
import { CaseLink, Card, Empty, ErrorNote, Loading, StatusBadge } from '../components/common';
import { CaseDocumentsCard } from '../components/Documents';
import { dateTime } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { roundHref, unitHref } from '../router';
import { NotFound } from './NotFound';

/** A person's page: the registry record, every secondment across years, personnel file, seminars. */
export function PersonPage({ personId }: { personId: string }) {
  const i = useI18n();
  const detail = useAsync(
    () => get<PersonDetail>(`/api/persons/${encodeURIComponent(personId)}`),
    [personId],
  );
  if (detail.error?.status === 404) return <NotFound kind="page" />;
  if (detail.error && !detail.data) return <ErrorNote error={detail.error} />;
  const d = detail.data;
  if (!d) return <Loading />;
  const p = d.person;
  const v = i.vocab;
  return (
    <div class="page" data-testid="person-page">
      <div class="page-head">
        <div>
          <h1 data-testid="person-name">
            {p.name}
            {p.partyStatus === 'non_cpc' && <span class="badge badge-info">{i.t('nonCpc')}</span>}
          </h1>
          <div class="muted small">
            {i.l(p.currentUnitName)} · {p.currentPost ?? '—'}
          </div>
        </div>
        {d.reservePool?.active && <span class="badge badge-warn">{i.t('inPool')}</span>}
      </div>
      <div class="grid grid-2">
        <Card title={i.t('personRecord')} testid="person-record">
          <dl class="kv">
            <dt>{i.t('gender')}</dt>
            <dd>{p.gender ? i.l(v.genders[p.gender], p.gender) : '—'}</dd>
            <dt>{i.t('birthDate')}</dt>
            <dd>{p.birthDate ?? '—'}</dd>
            <dt>{i.t('ethnicity')}</dt>
            <dd>{p.ethnicity ?? '—'}</dd>
            <dt>{i.t('party')}</dt>
            <dd>
              {i.l(v.partyStatuses[p.partyStatus], p.partyStatus)}
              {p.partyName ? `（${p.partyName}）` : ''}
              {p.partyJoinedOn ? ` · ${p.partyJoinedOn}` : ''}
            </dd>
            <dt>{i.t('education')}</dt>
            <dd>
              {[p.education.level, p.education.degree, p.education.school, p.education.major]
                .filter(Boolean)
                .join(' · ') || '—'}
            </dd>
            <dt>{i.t('currentUnit')}</dt>
            <dd>
              {p.currentUnit ? (
                <a href={unitHref(p.currentUnit)}>{i.l(p.currentUnitName, p.currentUnit)}</a>
              ) : (
                '—'
              )}
            </dd>
            <dt>{i.t('rank')}</dt>
            <dd>{p.rank ? i.l(v.ranks[p.rank], p.rank) : '—'}</dd>
            <dt>{i.t('categories')}</dt>
            <dd>{p.categories.map((c) => i.l(v.categories[c], c)).join('、') || '—'}</dd>
            <dt>{i.t('workStarted')}</dt>
            <dd>{p.workStartedOn ?? '—'}</dd>
            <dt>{i.t('grassrootsPrincipal')}</dt>
            <dd>{p.heldGrassrootsPrincipalPost ? i.t('yes') : i.t('no')}</dd>
          </dl>
        </Card>
        <Card title={i.t('annualGrades')} testid="person-grades">
          {d.grades.length === 0 ? (
            <Empty />
          ) : (
            <table class="table compact">
              <tbody>
                {d.grades.map((g) => (
                  <tr key={g.year}>
                    <td>{g.year}</td>
                    <td>{i.l(v.grades[g.grade], g.grade)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {d.reservePool && (
            <>
              <div class="subhead">{i.t('poolTitle')}</div>
              <p class="small">
                {d.reservePool.enteredOn} · {i.t(`poolSource_${d.reservePool.source}`)}
                {d.reservePool.active ? '' : ` · ${i.t('inactive')}`}
                {d.reservePool.note ? ` · ${d.reservePool.note}` : ''}
              </p>
            </>
          )}
        </Card>
      </div>
      <Card title={`${i.t('secondments')} (${d.cases.length})`} testid="person-cases">
        {d.cases.length === 0 ? (
          <Empty />
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th>{i.t('year')}</th>
                <th>{i.t('caseId')}</th>
                <th>{i.t('kind')}</th>
                <th>{i.t('sendingUnit')}</th>
                <th>{i.t('receivingUnit')}</th>
                <th>{i.t('round')}</th>
                <th>{i.t('term')}</th>
                <th>{i.t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {d.cases.map((c) => (
                <tr key={c.caseId} data-testid="person-case">
                  <td>{c.year ?? '—'}</td>
                  <td>
                    <CaseLink caseId={c.caseId} />
                  </td>
                  <td>{c.kind ? i.kind(c.kind) : '—'}</td>
                  <td>{i.l(c.sendingUnitName)}</td>
                  <td>{i.l(c.receivingUnitName)}</td>
                  <td>{c.roundId ? <a href={roundHref(c.roundId)}>{c.roundName ?? c.roundId}</a> : '—'}</td>
                  <td class="small nowrap">{c.term ? `${c.term.start} → ${c.term.end}` : '—'}</td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {d.cases[0] && <CaseDocumentsCard caseId={d.cases[0].caseId} />}
      <div class="grid grid-2">
        <Card title={i.t('personnelFile')} testid="person-file">
          {d.personnelFile.length === 0 ? (
            <Empty />
          ) : (
            <ul class="plain-list">
              {d.personnelFile.map((e, n) => (
                <li key={n}>
                  <strong>{i.personnelFileKind(e.kind)}</strong>{' '}
                  <span class="small muted">{dateTime(e.at, i.lang)}</span>
                  {
                    <span class="small">
                      {' '}
                      · <CaseLink caseId={e.caseId} />
                    </span>
                  }
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={i.t('tabSeminars')} testid="person-seminars">
          {d.seminars.length === 0 ? (
            <Empty />
          ) : (
            <ul class="plain-list">
              {d.seminars.map((s) => (
                <li key={s.seminarId}>
                  <strong>{s.title}</strong>{' '}
                  <span class="small muted">
                    {dateTime(s.heldAt, i.lang)} · {s.place}
                  </span>{' '}
                  <span class="small">
                    {s.attended === null
                      ? i.t('attendanceOpen')
                      : s.attended
                        ? i.t('attendedYes')
                        : i.t('attendedNo')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
