import { useEffect, useState } from 'preact/hooks';
import type { PersonRow } from '../../../contract';
import { get, qs, type ApiError } from '../api';
import { useI18n } from '../i18n';

/**
 * A person of the registry found by part of their name (GET /api/persons?q=), in the caller's
 * scope; choosing one gives its id. `pool` limits the search to the reserve pool.
 */
export function PersonSearch(props: {
  id: string;
  value: PersonRow | null;
  onChange: (p: PersonRow | null) => void;
  pool?: boolean;
  invalid?: boolean;
}) {
  const i = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<PersonRow[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setFound([]);
      return;
    }
    const t = setTimeout(() => {
      get<{ items: PersonRow[] }>(
        `/api/persons${qs({ q: text, pool: props.pool ? 'true' : undefined, limit: 10 })}`,
      ).then(
        (r) => {
          setFound(r.items);
          setError(null);
        },
        (e: ApiError) => setError(e),
      );
    }, 200);
    return () => clearTimeout(t);
  }, [q, props.pool]);

  if (props.value)
    return (
      <div class="picked" data-testid="person-picked">
        <strong>{props.value.name}</strong>
        <span class="muted small">
          {' '}
          {i.l(props.value.currentUnitName)} · {props.value.currentPost ?? '—'}
          {props.value.partyStatus === 'non_cpc' ? ` · ${i.t('nonCpc')}` : ''}
        </span>{' '}
        <button type="button" class="linkish" onClick={() => props.onChange(null)}>
          {i.t('changePerson')}
        </button>
      </div>
    );
  return (
    <div class="person-search">
      <input
        id={props.id}
        class="input"
        type="search"
        autocomplete="off"
        placeholder={i.t('searchByName')}
        aria-invalid={props.invalid ? 'true' : undefined}
        value={q}
        onInput={(e) => setQ((e.target as HTMLInputElement).value)}
      />
      {error && <div class="field-error">{error.message}</div>}
      {found.length > 0 && (
        <ul class="pick-list" data-testid="person-results">
          {found.map((p) => (
            <li key={p.id}>
              <button type="button" class="linkish" onClick={() => props.onChange(p)}>
                <strong>{p.name}</strong>
                <span class="muted small">
                  {' '}
                  {i.l(p.currentUnitName)} · {p.currentPost ?? '—'}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {q.trim() && found.length === 0 && !error && <div class="muted small">{i.t('noMatch')}</div>}
    </div>
  );
}
