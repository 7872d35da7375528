import { useEffect, useState } from 'preact/hooks';
import type { LaunchPreview, LaunchProgress, RoundDetail } from '../../../../contract';
import { get, post, type ApiError } from '../../api';
import { CaseLink, Card, ErrorNote } from '../../components/common';
import { dateTime } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';

const OUTCOME: Record<LaunchPreview['items'][number]['outcome'], MessageKey> = {
  start: 'launchStart',
  already: 'launchAlready',
  blocked: 'launchBlocked',
};
const STATE: Record<LaunchProgress['items'][number]['state'], MessageKey> = {
  starting: 'stateStarting',
  started: 'stateStarted',
  approved: 'stateApproved',
  failed: 'stateFailed',
};

/**
 * 启动: first the dry run (exactly which cases a launch starts, which exist already, which are
 * refused and why), then one action that starts them; the round's workflow does it in batches and
 * the page follows its progress until done. A second launch starts nothing.
 */
export function LaunchTab({
  round,
  mine,
  onChange,
}: {
  round: RoundDetail;
  mine: boolean;
  onChange: () => void;
}) {
  const i = useI18n();
  const id = encodeURIComponent(round.round.id);
  const [preview, setPreview] = useState<LaunchPreview | null>(null);
  const [progress, setProgress] = useState<LaunchProgress | null>(round.launch);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const running = progress?.running ?? false;

  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => {
      get<LaunchProgress>(`/api/rounds/${id}/launch`).then(
        (p) => {
          setProgress(p);
          if (!p.running) onChange();
        },
        (e: ApiError) => setError(e),
      );
    }, 700);
    return () => clearInterval(t);
  }, [running, id]);

  const doPreview = async () => {
    setBusy(true);
    try {
      setPreview(await get<LaunchPreview>(`/api/rounds/${id}/launch/preview`));
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const doLaunch = async () => {
    setBusy(true);
    try {
      setProgress(await post<LaunchProgress>(`/api/rounds/${id}/launch`, {}));
      setPreview(null);
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const canLaunch = mine && round.allowed.includes('round.launch.start');
  const done = progress ? progress.started + progress.failed : 0;
  const pct = progress && progress.total > 0 ? Math.round((done / progress.total) * 100) : 0;

  return (
    <div data-testid="launch">
      <Card
        title={i.t('tabLaunch')}
        extra={
          canLaunch && (
            <button class="btn" onClick={() => void doPreview()} disabled={busy} data-testid="launch-preview">
              {i.t('preview')}
            </button>
          )
        }
      >
        {!canLaunch && !progress && (
          <p class="muted">
            {round.round.status === 'COLLECTING' ? i.t('launchAfterDecide') : i.t('launchNotYours')}
          </p>
        )}
        <ErrorNote error={error} />
        {preview && (
          <div data-testid="launch-preview-table">
            <p>
              {i.t('launchCounts', {
                start: preview.counts.start,
                already: preview.counts.already,
                blocked: preview.counts.blocked,
              })}
            </p>
            <table class="table">
              <thead>
                <tr>
                  <th>{i.t('cadreName')}</th>
                  <th>{i.t('kind')}</th>
                  <th>{i.t('sendingUnit')}</th>
                  <th>{i.t('receivingUnit')}</th>
                  <th>{i.t('post')}</th>
                  <th>{i.t('term')}</th>
                  <th>{i.t('outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.items.map((x) => (
                  <tr
                    key={x.recommendationId}
                    data-testid="preview-row"
                    class={x.outcome === 'blocked' ? 'row-warn' : ''}
                  >
                    <td>{x.name}</td>
                    <td>{i.kind(x.kind)}</td>
                    <td>{i.l(x.sendingUnit.name)}</td>
                    <td>{i.l(x.receivingUnit.name)}</td>
                    <td>{x.post}</td>
                    <td class="nowrap small">
                      {x.term.start} → {x.term.end}
                    </td>
                    <td>
                      {i.t(OUTCOME[x.outcome])}
                      {x.reason && <div class="small muted">{x.reason}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {canLaunch && preview.counts.start > 0 && (
              <div class="form-actions">
                <button
                  class="btn btn-primary"
                  onClick={() => void doLaunch()}
                  disabled={busy}
                  data-testid="launch-run"
                >
                  {i.t('launchRun', { n: preview.counts.start })}
                </button>
              </div>
            )}
          </div>
        )}
        {progress && (
          <div data-testid="launch-progress" data-running={String(progress.running)}>
            <div class="progress" role="progressbar" aria-valuenow={done} aria-valuemax={progress.total}>
              <div class="progress-bar" style={{ width: `${pct}%` }} />
              <span class="progress-text" data-testid="launch-progress-text">
                {progress.running
                  ? i.t('launchProgress', { n: done, N: progress.total })
                  : i.t('launchDone', { n: progress.started, N: progress.total, failed: progress.failed })}
              </span>
            </div>
            <p class="small muted">
              {i.t('launchedBy', { who: progress.startedBy, at: dateTime(progress.startedAt, i.lang) })}
              {progress.finishedAt && ` · ${i.t('finishedAt')} ${dateTime(progress.finishedAt, i.lang)}`}
            </p>
            <table class="table">
              <thead>
                <tr>
                  <th>{i.t('cadreName')}</th>
                  <th>{i.t('caseId')}</th>
                  <th>{i.t('outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {progress.items.map((x) => (
                  <tr key={x.caseId} data-testid="progress-row" data-state={x.state}>
                    <td>{x.name}</td>
                    <td>
                      <CaseLink caseId={x.caseId} />
                    </td>
                    <td>
                      {i.t(STATE[x.state])}
                      {x.error && <div class="small muted">{x.error}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
