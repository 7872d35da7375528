import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchAnswer } from '../../../contract';
import { get, qs } from '../api';
import { useI18n } from '../i18n';
import { caseHref, personHref } from '../router';

/** Search by name in the header: persons and cases (by their cadre's name) in the caller's scope. */
export function HeaderSearch() {
  const i = useI18n();
  const [q, setQ] = useState('');
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setAnswer(null);
      return;
    }
    const t = setTimeout(() => {
      get<SearchAnswer>(`/api/search${qs({ q: text, limit: 8 })}`).then(
        (a) => {
          setAnswer(a);
          setOpen(true);
        },
        () => setAnswer(null),
      );
    }, 200);
    return () => clearTimeout(t);
  }, [q]);
  useEffect(() => {
    const close = () => setOpen(false);
    window.addEventListener('hashchange', close);
    return () => window.removeEventListener('hashchange', close);
  }, []);
  const empty = answer && answer.persons.length === 0 && answer.cases.length === 0;
  return (
    <div class="header-search" ref={box}>
      <input
        type="search"
        class="input"
        data-testid="header-search"
        placeholder={i.t('searchByName')}
        aria-label={i.t('searchByName')}
        value={q}
        onInput={(e) => setQ((e.target as HTMLInputElement).value)}
        onFocus={() => answer && setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      />
      {open && answer && (
        <div class="search-results" data-testid="search-results" role="listbox">
          {empty && <div class="muted small pad">{i.t('noMatch')}</div>}
          {answer.persons.length > 0 && <div class="search-group">{i.t('persons')}</div>}
          {answer.persons.map((p) => (
            <a key={p.id} href={personHref(p.id)} class="search-item" data-testid="search-person">
              <strong>{p.name}</strong>
              <span class="muted small">
                {i.l(p.currentUnitName)} · {p.currentPost ?? '—'}
              </span>
            </a>
          ))}
          {answer.cases.length > 0 && <div class="search-group">{i.t('navCases')}</div>}
          {answer.cases.map((c) => (
            <a key={c.caseId} href={caseHref(c.caseId)} class="search-item" data-testid="search-case">
              <strong>{c.cadreName}</strong>
              <span class="muted small">
                {c.year} · {i.kind(c.kind)} · {i.l(c.receivingUnitName)} · {i.status(c.status)}
              </span>
            </a>
          ))}
        </div>
      )}
    </div>
  );
}
