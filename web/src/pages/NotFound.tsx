import { useI18n } from '../i18n';

/** Missing and out-of-scope cases look the same on purpose: the API answers 404 for both. */
export function NotFound({ kind }: { kind: 'case' | 'page' }) {
  const i = useI18n();
  return (
    <div class="notfound" data-testid="not-found">
      <div class="notfound-code">404</div>
      <h1>{kind === 'case' ? i.t('notFoundTitle') : i.t('notFoundPage')}</h1>
      {kind === 'case' && <p class="muted">{i.t('notFoundHint')}</p>}
      <a class="btn" href="#/cases">
        {i.t('backToList')}
      </a>
    </div>
  );
}
