import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, post, type MigrationAnswer } from '../api';
import { dateTime } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { ErrorNote, Loading, ProvisionalBadge, StatusBadge } from './common';

type Side = NonNullable<MigrationAnswer['preview']>['before'];

function SideTable({ side, title }: { side: Side; title: string }) {
  const i = useI18n();
  return (
    <div class="migrate-side" data-testid={`migrate-${side.machineVersion === 1 ? 'before' : 'after'}`}>
      <h3 class="subhead">
        {title} · {i.t('machineVersion')} {side.machineVersion} · <StatusBadge status={side.status} />
      </h3>
      <table class="table">
        <thead>
          <tr>
            <th>{i.t('duty')}</th>
            <th>{i.t('status')}</th>
            <th>{i.t('dueAt')}</th>
          </tr>
        </thead>
        <tbody>
          {side.duties.map((d) => (
            <tr key={d.id}>
              <td>{i.l(d.what)}</td>
              <td class="small nowrap">
                {i.t(d.state === 'planned' ? 'dutyStatePlanned' : 'dutyStateOpen')}
              </td>
              <td class="small">
                {dateTime(d.dueAt, i.lang)} {d.provisional && <ProvisionalBadge />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The org admin's migration of a v1 case to machine v2: first the dry run (GET
 * /api/cases/:id/migration, the same pure migration the workflow runs), then, with a reason, the
 * intervention admin.case.migrate.
 */
export function MigrationDialog(props: { caseId: string; onDone: () => void; onClose: () => void }) {
  const i = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const preview = useAsync(
    () => get<MigrationAnswer>(`/api/cases/${encodeURIComponent(props.caseId)}/migration`),
    [props.caseId],
  );
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/cases/${encodeURIComponent(props.caseId)}/interventions/admin.case.migrate`, {
        reason: reason.trim(),
      });
      props.onDone();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const m = preview.data;
  const p = m?.preview;
  return (
    <dialog
      ref={ref}
      class="dialog dialog-wide"
      aria-labelledby="migrate-title"
      data-testid="migration-dialog"
      onClose={props.onClose}
      onCancel={props.onClose}
    >
      <header class="dialog-head">
        <h2 id="migrate-title">{i.t('migrateTitle')}</h2>
        <button type="button" class="linkish" onClick={props.onClose} aria-label={i.t('close')}>
          ×
        </button>
      </header>
      <ErrorNote error={preview.error} />
      {!m && !preview.error && <Loading />}
      {m && !p && (
        <p class="error-note">
          {i.t('migrateNot')}：{m.reason}
        </p>
      )}
      {p && (
        <>
          <p class="hint">{i.t('migrateHint')}</p>
          <div class="migrate-grid">
            <SideTable side={p.before} title={i.t('migrateBefore')} />
            <SideTable side={p.after} title={i.t('migrateAfter')} />
          </div>
          <h3 class="subhead">{i.t('migrateChanges')}</h3>
          <ul class="migrate-changes" data-testid="migrate-changes">
            {p.changes.length === 0 ? (
              <li>{i.t('migrateNoChanges')}</li>
            ) : (
              p.changes.map((c) => <li key={c}>{c}</li>)
            )}
          </ul>
          <div class="field">
            <label class="field-label" for="migrate-reason">
              {i.field('reason')} *
            </label>
            <textarea
              id="migrate-reason"
              class="input"
              rows={2}
              value={reason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </div>
          <ErrorNote error={error} />
          <div class="form-actions">
            <button
              class="btn btn-danger"
              disabled={busy || reason.trim().length < 2}
              onClick={() => void run()}
              data-testid="migrate-run"
            >
              {i.t('migrateRun')}
            </button>
            <button class="btn" type="button" onClick={props.onClose}>
              {i.t('cancel')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
