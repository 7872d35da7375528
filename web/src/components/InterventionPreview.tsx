import type { DutyView, InterventionPreview as Preview } from '../api';
import { dateTime } from '../format';
import { useI18n } from '../i18n';
import { StatusBadge } from './common';

/**
 * What an intervention would change, as the server's machine computed it on the stored state:
 * the status, each duty and its due date before → after, and every notification with the names of
 * the people it reaches. Shown before anything is applied or proposed.
 */
export function InterventionPreviewPanel({ preview }: { preview: Preview }) {
  const i = useI18n();
  if (!preview.willChange)
    return (
      <div class="error-note" role="alert" data-testid="intervention-preview">
        <strong>{i.t('previewRefused')}</strong> {preview.refusal}
      </div>
    );
  const before = preview.before;
  const after = preview.after;
  const duties = (v: typeof before) => (v ? [...v.openDuties, ...v.plannedDuties] : []);
  const afterById = new Map(duties(after).map((d) => [d.id, d]));
  const beforeIds = new Set(duties(before).map((d) => d.id));
  const rows = [
    ...duties(before).map((d) => ({ id: d.id, what: d.what, b: d, a: afterById.get(d.id) ?? null })),
    ...duties(after)
      .filter((d) => !beforeIds.has(d.id))
      .map((d) => ({ id: d.id, what: d.what, b: null, a: d })),
  ];
  const side = (d: DutyView) => (
    <span>
      {dateTime(d.dueAt, i.lang)}
      {d.paused ? ' ⏸' : ''}
      {d.stuck ? ' ⚠' : ''}
      <span class="muted"> {i.role(d.owner.role)}</span>
    </span>
  );
  return (
    <section class="preview" data-testid="intervention-preview" aria-label={i.t('previewTitle')}>
      <h3>{i.t('previewTitle')}</h3>
      <p data-testid="preview-status">
        <StatusBadge status={before?.status} /> → <StatusBadge status={after?.status} />
      </p>
      <h4>{i.t('previewDuties')}</h4>
      {rows.length === 0 ? (
        <p class="muted">{i.t('previewNoDuties')}</p>
      ) : (
        <table class="table" data-testid="preview-duties">
          <thead>
            <tr>
              <th>{i.t('duty')}</th>
              <th>{i.t('previewBefore')}</th>
              <th>{i.t('previewAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const changed =
                !r.a ||
                !r.b ||
                r.a.dueAt !== r.b.dueAt ||
                r.a.paused !== r.b.paused ||
                r.a.owner.role !== r.b.owner.role ||
                r.a.owner.unit !== r.b.owner.unit;
              return (
                <tr key={r.id} class={changed ? 'changed' : ''} data-duty={r.id}>
                  <td>{i.l(r.what, r.id)}</td>
                  <td>{r.b ? side(r.b) : <span class="muted">{i.t('previewOpened')}</span>}</td>
                  <td>{r.a ? side(r.a) : <span class="muted">{i.t('previewClosed')}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h4>{i.t('previewNotifications')}</h4>
      {preview.notifications.length === 0 ? (
        <p class="muted">{i.t('previewNoNotifications')}</p>
      ) : (
        <ul data-testid="preview-notifications">
          {preview.notifications.map((n, k) => (
            <li key={k}>
              {n.text}{' '}
              <span class="muted">
                →{' '}
                {n.recipients
                  .map(
                    (r) =>
                      `${r.names.length > 0 ? r.names.join('、') : i.role(r.role)}（${i.l(r.unitName, r.unit)}）`,
                  )
                  .join('；')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {preview.fourEyes.required && (
        <p class="hint warn" data-testid="needs-second-admin">
          {i.t('needsSecondAdmin')}
        </p>
      )}
    </section>
  );
}
