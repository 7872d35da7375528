import { useState } from 'preact/hooks';
import { ApiError, post, type EventMeta, type InterventionPreview, type User } from '../api';
import { useI18n } from '../i18n';
import { ErrorNote } from './common';
import { InterventionPreviewPanel } from './InterventionPreview';
import {
  cleanValue,
  formPath,
  initialValue,
  SchemaFields,
  validate,
  type Choice,
  type FieldErrors,
  type FormValue,
} from './SchemaForm';

const ON_BEHALF_ROLES = ['sending_officer', 'receiving_officer', 'cadre'] as const;

/**
 * One event's form: fields from its payload schema, client checks first, then the API; a refusal
 * is shown next to the field it names (or above the buttons when it names none).
 */
export function EventForm(props: {
  caseId: string;
  meta: EventMeta;
  user: User;
  choices?: Record<string, Choice[]>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const i = useI18n();
  const { meta } = props;
  const [value, setValue] = useState<FormValue>(() => initialValue(meta.schema));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [onBehalf, setOnBehalf] = useState('');
  // an intervention is previewed first; any edit discards the preview, so what runs is what was shown
  const [preview, setPreview] = useState<{ body: FormValue; result: InterventionPreview } | null>(null);
  const [proposed, setProposed] = useState(false);
  const idPrefix = `f-${meta.type.replace(/\./g, '-')}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    const found = validate(meta.schema, value, i);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    const body = (cleanValue(meta.schema, value) ?? {}) as FormValue;
    if (onBehalf) body.onBehalfOf = { role: onBehalf };
    const url = `/api/cases/${encodeURIComponent(props.caseId)}/${meta.intervention ? 'interventions' : 'events'}/${meta.type}`;
    setBusy(true);
    try {
      if (meta.intervention && !preview) {
        setPreview({ body, result: await post<InterventionPreview>(`${url}/preview`, body) });
        return;
      }
      if (meta.intervention && preview?.result.fourEyes.required) {
        await post(`${url}/proposals`, preview.body);
        setProposed(true);
        return;
      }
      await post(url, preview?.body ?? body);
      props.onDone();
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError(0, 'INTERNAL', (err as Error).message);
      const p = formPath(apiErr.field);
      if (p && Object.keys(meta.schema.properties ?? {}).includes(p.split('.')[0] ?? '')) {
        setErrors({ [p]: apiErr.message });
      }
      setFailure(apiErr);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="event-form" onSubmit={(e) => void submit(e)} noValidate data-testid={`form-${meta.type}`}>
      <SchemaFields
        schema={meta.schema}
        value={value}
        onChange={(v) => {
          setValue(v);
          setPreview(null);
        }}
        errors={errors}
        choices={props.choices}
        idPrefix={idPrefix}
      />
      {!meta.intervention && props.user.role === 'org_admin' && (
        <div class="field">
          <label class="field-label" for={`${idPrefix}-behalf`}>
            {i.t('onBehalfOf')}
          </label>
          <select
            id={`${idPrefix}-behalf`}
            class="input"
            value={onBehalf}
            onChange={(e) => setOnBehalf(e.currentTarget.value)}
          >
            <option value="">{i.t('selfAct')}</option>
            {ON_BEHALF_ROLES.map((r) => (
              <option key={r} value={r}>
                {i.role(r)}
              </option>
            ))}
          </select>
        </div>
      )}
      {preview && <InterventionPreviewPanel preview={preview.result} />}
      {proposed && (
        <p class="hint" role="status" data-testid="proposal-sent">
          {i.t('proposed')}
        </p>
      )}
      <ErrorNote error={failure} />
      <div class="form-actions">
        {proposed ? (
          <button type="button" class="btn btn-primary" onClick={props.onDone}>
            {i.t('close')}
          </button>
        ) : (
          <button
            type="submit"
            class="btn btn-primary"
            disabled={busy || (preview !== null && !preview.result.willChange)}
          >
            {!meta.intervention
              ? i.t('submit')
              : !preview
                ? i.t('previewIntervention')
                : preview.result.fourEyes.required
                  ? i.t('proposeNow')
                  : i.t('applyNow')}
          </button>
        )}
        <button type="button" class="btn" onClick={props.onCancel} disabled={busy}>
          {i.t('cancel')}
        </button>
      </div>
    </form>
  );
}
