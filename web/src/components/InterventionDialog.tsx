import { useEffect, useRef, useState } from 'preact/hooks';
import type { EventMeta, User } from '../api';
import { useI18n } from '../i18n';
import { EventForm } from './EventForm';
import type { Choice } from './SchemaForm';

/**
 * The organization department's intervention, in a modal dialog: pick one of the interventions
 * allowed now, fill its form; the reason is mandatory (checked here and by the server).
 */
export function InterventionDialog(props: {
  caseId: string;
  user: User;
  interventions: EventMeta[];
  dutyChoices: Choice[];
  onDone: () => void;
  onClose: () => void;
}) {
  const i = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [type, setType] = useState(props.interventions[0]?.type ?? '');
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const meta = props.interventions.find((m) => m.type === type);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby="intervention-title"
      data-testid="intervention-dialog"
      onClose={props.onClose}
      onCancel={props.onClose}
    >
      <header class="dialog-head">
        <h2 id="intervention-title">{i.t('interventionTitle')}</h2>
        <button type="button" class="linkish" onClick={props.onClose} aria-label={i.t('close')}>
          ×
        </button>
      </header>
      <p class="hint">{i.t('interventionHint')}</p>
      <div class="field">
        <label class="field-label" for="intervention-type">
          {i.t('interventionType')}
        </label>
        <select
          id="intervention-type"
          class="input"
          value={type}
          onChange={(e) => setType(e.currentTarget.value)}
        >
          {props.interventions.map((m) => (
            <option key={m.type} value={m.type}>
              {i.l(m.label, m.type)}
            </option>
          ))}
        </select>
      </div>
      {meta && (
        <EventForm
          key={meta.type}
          caseId={props.caseId}
          meta={meta}
          user={props.user}
          choices={{ dutyId: props.dutyChoices }}
          onDone={props.onDone}
          onCancel={props.onClose}
        />
      )}
    </dialog>
  );
}
