import type { AuditEntry, Duty, EventMeta } from '../api';
import { dateTime } from '../format';
import { SYSTEM_EVENT_LABELS, useI18n, type I18n } from '../i18n';

const SKIP_PAYLOAD = new Set(['reason', 'actor', 'onBehalfOf', 'dutyId']);

const showValue = (i: I18n, key: string, v: string | number | boolean): string => {
  if (typeof v !== 'string') return typeof v === 'boolean' ? (v ? i.t('yes') : i.t('no')) : String(v);
  if (key === 'kind') return i.kind(v);
  if (/unit$/i.test(key)) return i.unit(v);
  return i.enumValue(v);
};

/**
 * The audit trail, newest first: who (role, unit, on behalf of whom), what, why, from → to, when.
 * An alarm names only its duty; the duty's escalation taken at that moment says which step it was.
 */
export function Timeline(props: {
  entries: AuditEntry[];
  meta: Map<string, EventMeta> | undefined;
  duties: Duty[];
}) {
  const i = useI18n();
  const sorted = [...props.entries].sort((a, b) => b.seq - a.seq);
  const dutyById = new Map(props.duties.map((d) => [d.id, d]));
  return (
    <ol class="timeline" data-testid="timeline">
      {sorted.map((e) => {
        const label = props.meta?.get(e.eventType)?.label ?? SYSTEM_EVENT_LABELS[e.eventType];
        const system = e.actorRole === 'system';
        const admin = e.eventType.startsWith('admin.');
        const duty = typeof e.payload.dutyId === 'string' ? dutyById.get(e.payload.dutyId) : undefined;
        const step =
          e.eventType === 'deadline.reached'
            ? (duty?.escalations.find((x) => Date.parse(x.at) === Date.parse(e.at))?.step ?? null)
            : null;
        const details = Object.entries(e.payload).filter(
          ([k, v]) => !SKIP_PAYLOAD.has(k) && v !== null && typeof v !== 'object',
        );
        return (
          <li
            key={e.seq}
            class={`tl-item ${system ? 'tl-system' : ''} ${admin ? 'tl-admin' : ''}`}
            data-testid="timeline-entry"
            data-event={e.eventType}
          >
            <div class="tl-dot" aria-hidden="true" />
            <div class="tl-head">
              <span class="tl-title">{label ? i.l(label) : e.eventType}</span>
              <span class="tl-seq">#{e.seq}</span>
              <time class="tl-time" dateTime={e.at}>
                {dateTime(e.at, i.lang)}
              </time>
            </div>
            <div class="tl-actor">
              <span class="tl-who" data-testid="timeline-actor">
                {e.actorId}
              </span>
              <span class="muted">
                {' · '}
                {i.role(e.actorRole)}
                {e.actorUnit && e.actorUnit !== 'system' ? ` · ${i.unit(e.actorUnit)}` : ''}
              </span>
              {e.onBehalfOf && (
                <span class="tl-behalf">
                  {i.t('onBehalf')} {e.onBehalfOf}
                </span>
              )}
            </div>
            {e.fromState !== e.toState && (
              <div class="tl-transition">
                {e.fromState && e.fromState !== 'NONE' ? `${i.status(e.fromState)} → ` : '→ '}
                <strong>{i.status(e.toState)}</strong>
              </div>
            )}
            {duty && (
              <div class="tl-detail">
                {i.t('duty')}：{i.l(duty.what)}
                {step ? ` · ${i.t('escalation')}：${i.escalation(step)}` : ''}
              </div>
            )}
            {e.reason && (
              <blockquote class="tl-reason" data-testid="timeline-reason">
                {i.t('reason')}：{e.reason}
              </blockquote>
            )}
            {details.length > 0 && (
              <div class="tl-detail">
                {details.map(([k, v]) => (
                  <span key={k} class="kv">
                    {i.field(k)}：{showValue(i, k, v as string | number | boolean)}
                  </span>
                ))}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
