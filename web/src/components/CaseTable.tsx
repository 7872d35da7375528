import type { CaseSummary } from '../api';
import { dateTime } from '../format';
import { pickLang, useI18n, type MessageKey } from '../i18n';
import { CaseLink, Flags, StatusBadge } from './common';
import { DueIn } from './DutyTable';

export type SortKey = 'caseId' | 'status' | 'year' | 'nextDeadline' | 'updatedAt';

/** Cases as rows; sortable columns call `onSort` (the list page keeps the order in the address). */
export function CaseTable(props: {
  items: CaseSummary[];
  compact?: boolean;
  sort?: SortKey;
  order?: 'asc' | 'desc';
  onSort?: (key: SortKey) => void;
}) {
  const i = useI18n();
  const head = (key: MessageKey, sortKey?: SortKey) => {
    if (!sortKey || !props.onSort) return <th>{i.t(key)}</th>;
    const active = props.sort === sortKey;
    return (
      <th aria-sort={active ? (props.order === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button type="button" class="th-sort" onClick={() => props.onSort?.(sortKey)}>
          {i.t(key)}
          <span class="sort-mark">{active ? (props.order === 'asc' ? '▲' : '▼') : '↕'}</span>
        </button>
      </th>
    );
  };
  return (
    <table class="table" data-testid="case-table">
      <thead>
        <tr>
          {head('caseId', 'caseId')}
          {head('cadreName')}
          {head('status', 'status')}
          {!props.compact && head('kind')}
          {!props.compact && head('year', 'year')}
          {!props.compact && head('sendingUnit')}
          {head('receivingUnit')}
          {head('nextDuty')}
          {head('nextDeadline', 'nextDeadline')}
          {!props.compact && head('updatedAt', 'updatedAt')}
        </tr>
      </thead>
      <tbody>
        {props.items.map((c) => (
          <tr key={c.caseId} class={c.stuck ? 'row-danger' : c.overdue ? 'row-warn' : ''}>
            <td>
              <CaseLink caseId={c.caseId} />
            </td>
            <td data-testid="cadre-name">{c.cadre?.name ?? '—'}</td>
            <td>
              <StatusBadge status={c.status} />{' '}
              <Flags
                overdue={c.overdue}
                stuck={c.stuck}
                provisional={c.provisional}
                v1={c.machineVersion === 1 && !i.vocab.terminalStatuses.includes(c.status)}
              />
            </td>
            {!props.compact && <td>{i.kind(c.kind)}</td>}
            {!props.compact && <td>{c.year}</td>}
            {!props.compact && <td>{i.l(c.sendingUnitName)}</td>}
            <td>{i.l(c.receivingUnitName)}</td>
            <td>{c.nextDuty ? pickLang(c.nextDuty.label, i.lang) : '—'}</td>
            <td>
              {c.nextDeadline ? (
                <>
                  {dateTime(c.nextDeadline, i.lang)}
                  <div class="small">
                    <DueIn dueAt={c.nextDeadline} />
                  </div>
                </>
              ) : (
                '—'
              )}
            </td>
            {!props.compact && <td class="small">{dateTime(c.updatedAt, i.lang)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
