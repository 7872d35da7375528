import { useReducer, useRef, useState } from 'preact/hooks';
import { pickDuty } from '../../../contract/bulkDuty';
import { isDutyTargeted } from '../../../contract/constants';
import { ApiError, eventMeta, get, post, type BulkPreview, type CaseDetail, type User } from '../api';
import { Card, CaseLink, ErrorNote, Loading, StatusBadge } from '../components/common';
import {
  cleanValue,
  formPath,
  initialValue,
  SchemaFields,
  validate,
  type FieldErrors,
  type FormValue,
} from '../components/SchemaForm';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { EMPTY_FILTERS, filterQuery, FilterForm, type Filters } from './CaseList';

type Outcome = { state: 'pending' | 'changed' | 'failed' | 'skipped'; message?: string };

/** Everything the bulk page shows, changed only through `bulkReducer`. */
interface BulkState {
  filters: Filters;
  type: string;
  duty: 'next' | 'stuck';
  value: FormValue;
  errors: FieldErrors;
  preview: BulkPreview | null;
  previewError: ApiError | null;
  busy: boolean;
  outcomes: Record<string, Outcome>;
  progress: { n: number; N: number } | null;
}

type BulkAction =
  | { type: 'filters'; filters: Filters }
  | { type: 'intervention'; intervention: string; value: FormValue }
  | { type: 'duty'; duty: 'next' | 'stuck' }
  | { type: 'value'; value: FormValue }
  | { type: 'previewStarted'; errors: FieldErrors }
  | { type: 'previewDone'; preview: BulkPreview }
  | { type: 'previewFailed'; error: ApiError; errors: FieldErrors }
  | { type: 'runStarted'; caseIds: string[] }
  | { type: 'outcome'; caseId: string; outcome: Outcome; n: number }
  | { type: 'runEnded' };

const INITIAL: BulkState = {
  filters: EMPTY_FILTERS,
  type: 'admin.deadline.extend',
  duty: 'stuck',
  value: {},
  errors: {},
  preview: null,
  previewError: null,
  busy: false,
  outcomes: {},
  progress: null,
};

/** Any change of what would run discards the preview: a run always follows the preview shown. */
function bulkReducer(state: BulkState, action: BulkAction): BulkState {
  switch (action.type) {
    case 'filters':
      return { ...state, filters: action.filters, preview: null };
    case 'intervention':
      return {
        ...state,
        type: action.intervention,
        value: action.value,
        errors: {},
        preview: null,
        outcomes: {},
        progress: null,
      };
    case 'duty':
      return { ...state, duty: action.duty };
    case 'value':
      return { ...state, value: action.value, preview: null };
    case 'previewStarted':
      return {
        ...state,
        errors: action.errors,
        previewError: null,
        outcomes: {},
        progress: null,
        busy: Object.keys(action.errors).length === 0,
      };
    case 'previewDone':
      return { ...state, preview: action.preview, busy: false };
    case 'previewFailed':
      return { ...state, errors: action.errors, previewError: action.error, preview: null, busy: false };
    case 'runStarted':
      return {
        ...state,
        busy: true,
        outcomes: Object.fromEntries(
          action.caseIds.map((id): [string, Outcome] => [id, { state: 'pending' }]),
        ),
        progress: { n: 0, N: action.caseIds.length },
      };
    case 'outcome':
      return {
        ...state,
        outcomes: { ...state.outcomes, [action.caseId]: action.outcome },
        progress: state.progress ? { ...state.progress, n: action.n } : null,
      };
    case 'runEnded':
      return { ...state, busy: false };
  }
}

/**
 * Bulk intervention in three steps: choose cases by filter, fill the intervention, preview with
 * POST /api/bulk (dry run: exactly which cases change and how), then run it case by case through
 * the intervention route, so progress (n/N) and each outcome show as they happen.
 */
export function Bulk({ user }: { user: User }) {
  const i = useI18n();
  const meta = useAsync(() => eventMeta(), []);
  const [state, dispatch] = useReducer(bulkReducer, INITIAL);
  const { filters, type, duty, value, errors, preview, previewError, busy, outcomes, progress } = state;
  const stop = useRef(false);

  if (user.role !== 'org_admin') {
    return (
      <div class="page">
        <h1>{i.t('bulkTitle')}</h1>
        <p class="muted">{i.t('bulkOnlyAdmin')}</p>
      </div>
    );
  }
  if (!meta.data) return <Loading />;
  const interventions = [...meta.data.values()].filter((m) => m.intervention);
  const current = meta.data.get(type);
  const targeted = isDutyTargeted(type);
  const schema = current?.schema ?? {};
  const payloadSchema = targeted
    ? { ...schema, required: (schema.required ?? []).filter((r) => r !== 'dutyId') }
    : schema;

  const changeType = (t: string) =>
    dispatch({ type: 'intervention', intervention: t, value: initialValue(meta.data?.get(t)?.schema ?? {}) });

  const payload = () => {
    const { dutyId: _d, ...rest } = (cleanValue(payloadSchema, value) ?? {}) as FormValue;
    return targeted ? rest : (cleanValue(schema, value) as FormValue);
  };

  const runPreview = async () => {
    const found = validate(payloadSchema, value, i);
    delete found.dutyId;
    dispatch({ type: 'previewStarted', errors: found });
    setProposed(null);
    if (Object.keys(found).length) return;
    try {
      const r = await post<BulkPreview>('/api/bulk', {
        filter: filterQuery(filters),
        intervention: { type, payload: payload(), ...(targeted ? { duty } : {}) },
        dryRun: true,
      });
      dispatch({ type: 'previewDone', preview: r });
    } catch (err) {
      const e = err as ApiError;
      const p = formPath(e.field);
      dispatch({ type: 'previewFailed', error: e, errors: p ? { [p]: e.message } : found });
    }
  };

  const execute = async () => {
    if (!preview) return;
    const todo = preview.items.filter((x) => x.willChange);
    stop.current = false;
    dispatch({ type: 'runStarted', caseIds: todo.map((x) => x.caseId) });
    const body = payload();
    for (const [n, item] of todo.entries()) {
      if (stop.current) break;
      let outcome: Outcome;
      try {
        let extra: FormValue = {};
        if (targeted) {
          // The preview named one duty per case; run exactly that one, or nothing if it moved on.
          const d = await get<CaseDetail>(`/api/cases/${encodeURIComponent(item.caseId)}`);
          const chosen = pickDuty(d.openDuties, duty);
          if (!chosen || !item.change?.startsWith(`duty ${chosen.id} `)) throw new Error(i.t('outcomeDrift'));
          extra = { dutyId: chosen.id };
        }
        await post(`/api/cases/${encodeURIComponent(item.caseId)}/interventions/${type}`, {
          ...body,
          ...extra,
        });
        outcome = { state: 'changed' };
      } catch (err) {
        outcome = { state: 'failed', message: (err as Error).message };
      }
      dispatch({ type: 'outcome', caseId: item.caseId, outcome, n: n + 1 });
    }
    dispatch({ type: 'runEnded' });
  };

  // 双人复核: over the department's limit the plan is proposed, and exactly it runs once approved
  const [proposed, setProposed] = useState<string | null>(null);
  const [proposeError, setProposeError] = useState<ApiError | null>(null);
  const propose = async () => {
    setProposeError(null);
    try {
      const r = await post<{ proposal: { proposalId: string } }>('/api/bulk/proposals', {
        filter: filterQuery(filters),
        intervention: { type, payload: payload(), ...(targeted ? { duty } : {}) },
      });
      setProposed(r.proposal.proposalId);
    } catch (err) {
      setProposeError(err as ApiError);
    }
  };

  const outcomeLabel = (o: Outcome | undefined) => {
    if (!o) return null;
    const text = {
      pending: i.t('outcomePending'),
      changed: i.t('outcomeChanged'),
      failed: i.t('outcomeFailed'),
      skipped: i.t('outcomeSkipped'),
    }[o.state];
    return (
      <span class={`outcome outcome-${o.state}`}>
        {text}
        {o.message ? `：${o.message}` : ''}
      </span>
    );
  };

  return (
    <div class="page" data-testid="bulk">
      <div class="page-head">
        <h1>{i.t('bulkTitle')}</h1>
      </div>
      <Card title={i.t('bulkStep1')}>
        <FilterForm
          value={filters}
          units={[]}
          live
          onApply={(f) => dispatch({ type: 'filters', filters: f })}
        />
      </Card>
      <Card title={i.t('bulkStep2')}>
        <div class="bulk-form">
          <div class="field">
            <label class="field-label" for="bulk-type">
              {i.t('interventionType')}
            </label>
            <select
              id="bulk-type"
              class="input"
              value={type}
              onChange={(e) => changeType(e.currentTarget.value)}
            >
              {interventions.map((m) => (
                <option key={m.type} value={m.type}>
                  {i.l(m.label, m.type)}
                </option>
              ))}
            </select>
          </div>
          {targeted && (
            <div class="field">
              <label class="field-label" for="bulk-duty">
                {i.t('dutySelector')}
              </label>
              <select
                id="bulk-duty"
                class="input"
                value={duty}
                onChange={(e) => dispatch({ type: 'duty', duty: e.currentTarget.value as 'next' | 'stuck' })}
              >
                <option value="stuck">{i.t('dutyStuck')}</option>
                <option value="next">{i.t('dutyNext')}</option>
              </select>
            </div>
          )}
          <SchemaFields
            schema={payloadSchema}
            value={value}
            onChange={(v) => dispatch({ type: 'value', value: v })}
            errors={errors}
            hidden={targeted ? ['dutyId'] : []}
            idPrefix="bulk"
          />
        </div>
        <p class="hint">{i.t('interventionHint')}</p>
        <ErrorNote error={previewError} />
        <div class="form-actions">
          <button class="btn btn-primary" onClick={() => void runPreview()} disabled={busy}>
            {i.t('preview')}
          </button>
        </div>
      </Card>
      {preview && (
        <Card
          title={i.t('bulkStep3')}
          extra={
            <span class="small">
              {i.t('matched', { m: preview.matched, w: preview.willChange })}
              {preview.truncated ? ` · ${i.t('truncatedNote', { n: preview.considered })}` : ''}
            </span>
          }
          testid="bulk-preview"
        >
          {progress && (
            <div
              class="progress"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={progress.N}
              aria-valuenow={progress.n}
            >
              <div
                class="progress-bar"
                style={{ width: `${progress.N ? (progress.n / progress.N) * 100 : 100}%` }}
              />
              <span class="progress-text">{i.t('progress', { n: progress.n, N: progress.N })}</span>
            </div>
          )}
          <table class="table">
            <thead>
              <tr>
                <th>{i.t('caseId')}</th>
                <th>{i.t('status')}</th>
                <th>{i.t('willChange')}</th>
                <th>{i.t('change')}</th>
                <th>{i.t('outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.items.map((x) => (
                <tr key={x.caseId} class={x.willChange ? '' : 'row-muted'}>
                  <td>
                    <CaseLink caseId={x.caseId} />
                  </td>
                  <td>
                    <StatusBadge status={x.status} />
                  </td>
                  <td>{x.willChange ? '✓' : '—'}</td>
                  <td class="small">{x.change ?? x.skipReason}</td>
                  <td class="small">
                    {x.willChange ? outcomeLabel(outcomes[x.caseId]) : outcomeLabel({ state: 'skipped' })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.secondAdmin && (
            <p class="hint warn" data-testid="needs-second-admin">
              {i.t('bulkNeedsSecondAdmin')}
            </p>
          )}
          {proposed && (
            <p class="hint" role="status" data-testid="proposal-sent">
              {i.t('proposed')} <a href="#/proposals">{proposed}</a>
            </p>
          )}
          <ErrorNote error={proposeError} />
          <div class="form-actions">
            {preview.secondAdmin ? (
              <button
                class="btn btn-danger"
                disabled={busy || preview.willChange === 0 || proposed !== null}
                onClick={() => void propose()}
              >
                {i.t('proposeNow')}
              </button>
            ) : (
              <button
                class="btn btn-danger"
                disabled={busy || preview.willChange === 0 || !!progress}
                onClick={() => void execute()}
              >
                {i.t('execute', { n: preview.willChange })}
              </button>
            )}
            {busy && progress && (
              <button class="btn" onClick={() => (stop.current = true)}>
                {i.t('stop')}
              </button>
            )}
          </div>
        </Card>
      )}
    </div>
  );
}
