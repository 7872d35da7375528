import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api';
import { useI18n } from '../i18n';
import { caseHref } from '../router';

export function StatusBadge({ status }: { status: string | null | undefined }) {
  const { status: label } = useI18n();
  const tone =
    status === 'ON_HOLD'
      ? 'warn'
      : status && /^(CLOSED_|REJECTED|WITHDRAWN|RECALLED)/.test(status)
        ? 'muted'
        : 'info';
  return <span class={`badge badge-${tone}`}>{label(status)}</span>;
}

export function Flags(props: { overdue: boolean; stuck: boolean; provisional?: boolean; v1?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {props.stuck && <span class="badge badge-danger">{t('stuck')}</span>}
      {props.overdue && <span class="badge badge-warn">{t('overdue')}</span>}
      {props.provisional && <ProvisionalBadge />}
      {props.v1 && (
        <span class="badge badge-muted" data-testid="v1-badge">
          {t('machineV1')}
        </span>
      )}
    </>
  );
}

/** A due date counted on weekdays because its year has no holiday table yet. */
export function ProvisionalBadge({ version }: { version?: string | null }) {
  const { t } = useI18n();
  return (
    <span
      class="badge badge-provisional"
      title={`${t('provisionalHint')}${version ? ` (${t('calendarVersion')} ${version})` : ''}`}
      data-testid="provisional-badge"
    >
      {t('provisional')}
    </span>
  );
}

export function CaseLink({ caseId }: { caseId: string }) {
  return (
    <a class="mono" href={caseHref(caseId)}>
      {caseId}
    </a>
  );
}

/** An API error as people read it: the message, and the code and rule for whoever supports them. */
export function ErrorNote({ error }: { error: ApiError | Error | null | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  const e = error as Partial<ApiError>;
  return (
    <div class="error-note" role="alert">
      <strong>{t('error')}</strong> {error.message}
      {e.code && (
        <span class="error-code">
          {e.code}
          {e.rule ? ` · ${e.rule}` : ''}
        </span>
      )}
    </div>
  );
}

export function Card(props: {
  title?: ComponentChildren;
  extra?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
  testid?: string;
}) {
  return (
    <section class={`card ${props.class ?? ''}`} data-testid={props.testid}>
      {(props.title || props.extra) && (
        <header class="card-head">
          <h2>{props.title}</h2>
          <div class="card-extra">{props.extra}</div>
        </header>
      )}
      <div class="card-body">{props.children}</div>
    </section>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <p class="muted loading">{t('loading')}</p>;
}

export function Empty() {
  const { t } = useI18n();
  return <p class="muted empty">{t('none')}</p>;
}
