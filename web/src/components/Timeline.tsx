import type { AuditEntry, EventMeta } from '../api';
import { dateTime } from '../format';
import { useI18n } from '../i18n';

const SKIP_PAYLOAD = new Set(['reason', 'actor', 'onBehalfOf', 'dutyId']);

/** The audit trail, newest first: who (role, unit, on behalf of whom), what, why, from → to, when. */
export function Timeline({
  entries,
  meta,
}: {
  entries: AuditEntry[];
  meta: Map<string, EventMeta> | undefined;
}) {
  const i = useI18n();
  const sorted = [...entries].sort((a, b) => b.seq - a.seq);
  return (
    <ol class="timeline" data-testid="timeline">
      {sorted.map((e) => {
        const label = meta?.get(e.eventType)?.label;
        const system = e.actorRole === 'system';
        const admin = e.eventType.startsWith('admin.');
        const step = typeof e.payload.step === 'string' ? e.payload.step : null;
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
                {i.status(e.fromState)} → <strong>{i.status(e.toState)}</strong>
              </div>
            )}
            {step && (
              <div class="tl-detail">
                {i.t('escalation')}：{i.escalation(step)}
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
                    {i.field(k)}：{typeof v === 'string' ? i.enumValue(v) : String(v)}
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
