import type { Duty, DutyView } from '../api';
import { dateTime, duration } from '../format';
import { useNow } from '../hooks';
import { useI18n } from '../i18n';
import { ProvisionalBadge } from './common';

export function DueIn({ dueAt, paused }: { dueAt: string; paused?: boolean }) {
  const i = useI18n();
  const now = useNow(1000);
  if (paused) return <span class="muted">{i.t('paused')}</span>;
  const ms = Date.parse(dueAt) - now;
  return ms >= 0 ? (
    <span class="due-ok">{i.t('dueIn', { t: duration(ms, i.lang) })}</span>
  ) : (
    <span class="due-late">{i.t('overdueBy', { t: duration(ms, i.lang) })}</span>
  );
}

/**
 * The duty's current escalation step. The API reports the last step ever taken; after an extension
 * (ladder restarted, history kept) that old step no longer applies until the new due date nears.
 */
export function EscalationBadge(props: { step: string | null; stuck: boolean; dueAt: string }) {
  const i = useI18n();
  const now = useNow(5000);
  const { stuck } = props;
  const restarted = !stuck && props.step !== 'reminder' && Date.parse(props.dueAt) > now;
  const step = restarted ? null : props.step;
  if (!step) return <span class="muted">—</span>;
  const tone = stuck || step === 'stuck' ? 'danger' : step === 'reminder' ? 'info' : 'warn';
  return <span class={`badge badge-${tone}`}>{i.escalation(step)}</span>;
}

/** Open duties of one case: what, who owes it, when, and how far up the escalation ladder it is. */
export function DutyTable({ duties }: { duties: Duty[] }) {
  const i = useI18n();
  const sorted = [...duties].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return (
    <table class="table" data-testid="open-duties">
      <thead>
        <tr>
          <th>{i.t('duty')}</th>
          <th>{i.t('owner')}</th>
          <th>{i.t('dueAt')}</th>
          <th>{i.t('escalation')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((d) => (
          <tr key={d.id} class={d.stuck ? 'row-danger' : ''}>
            <td>{i.l(d.what)}</td>
            <td>
              {i.role(d.owner.role)}
              <div class="muted small">{i.unit(d.owner.unit)}</div>
            </td>
            <td title={d.calendarVersion ? `${i.t('calendarVersion')} ${d.calendarVersion}` : undefined}>
              {dateTime(d.dueAt, i.lang)} {d.provisional && <ProvisionalBadge version={d.calendarVersion} />}
              <div class="small">
                <DueIn dueAt={d.dueAt} paused={d.paused} />
              </div>
            </td>
            <td>
              <EscalationBadge step={d.escalationStep} stuck={d.stuck} dueAt={d.dueAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Duties of later periods (a quarter's report, the year-end assessment): owed once their window opens. */
export function PlannedDutyTable({ duties }: { duties: DutyView[] }) {
  const i = useI18n();
  const sorted = [...duties].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return (
    <table class="table" data-testid="planned-duties">
      <thead>
        <tr>
          <th>{i.t('duty')}</th>
          <th>{i.t('owner')}</th>
          <th>{i.t('opensAt')}</th>
          <th>{i.t('dueAt')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((d) => (
          <tr key={d.id}>
            <td>{i.l(d.what)}</td>
            <td>
              {i.role(d.owner.role)}
              <div class="muted small">{i.unit(d.owner.unit)}</div>
            </td>
            <td>{dateTime(d.opensAt, i.lang)}</td>
            <td title={d.calendarVersion ? `${i.t('calendarVersion')} ${d.calendarVersion}` : undefined}>
              {dateTime(d.dueAt, i.lang)} {d.provisional && <ProvisionalBadge version={d.calendarVersion} />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
