import { useState } from 'preact/hooks';
import { get, post } from '../api';
import { dateTime } from '../format';
import { useAsync } from '../hooks';
import { useI18n } from '../i18n';
import { Card, ErrorNote } from './common';

type Purpose = 'duties' | 'overdue';
interface FeedList {
  feeds: { purpose: Purpose; createdAt: string }[];
  available: Purpose[];
}

/**
 * 日历订阅 / calendar subscription: make the secret feed URL (shown once: only its hash is kept),
 * copy it, regenerate it (the old one stops working) or revoke it.
 */
export function FeedSubscription() {
  const i = useI18n();
  const list = useAsync(() => get<FeedList>('/api/my/feeds'), []);
  const [shown, setShown] = useState<Partial<Record<Purpose, string>>>({});
  const [copied, setCopied] = useState<Purpose | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const l = list.data;
  if (!l || l.available.length === 0) return null;

  const make = async (purpose: Purpose) => {
    setError(null);
    try {
      const made = await post<{ path: string }>('/api/my/feeds', { purpose });
      setShown((s) => ({ ...s, [purpose]: `${location.origin}${made.path}` }));
      list.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const revoke = async (purpose: Purpose) => {
    setError(null);
    try {
      await post('/api/my/feeds/revoke', { purpose });
      setShown((s) => ({ ...s, [purpose]: undefined }));
      list.reload();
    } catch (err) {
      setError(err as Error);
    }
  };
  const copy = async (purpose: Purpose, url: string) => {
    await navigator.clipboard?.writeText(url).catch(() => undefined);
    setCopied(purpose);
  };

  return (
    <Card title={i.t('feedTitle')} testid="feed-subscription">
      <p class="muted small">{i.t('feedHint')}</p>
      <ErrorNote error={error} />
      {l.available.map((purpose) => {
        const live = l.feeds.find((f) => f.purpose === purpose);
        const url = shown[purpose];
        return (
          <div key={purpose} class="feed-row" data-testid={`feed-${purpose}`}>
            <strong>{i.t(purpose === 'duties' ? 'feedDuties' : 'feedOverdue')}</strong>{' '}
            <span class="muted small">
              {live ? `${i.t('feedActiveSince')} ${dateTime(live.createdAt, i.lang)}` : i.t('feedNone')}
            </span>
            {url && (
              <div>
                <input
                  class="mono feed-url"
                  readOnly
                  value={url}
                  data-testid={`feed-url-${purpose}`}
                  size={70}
                />{' '}
                <button class="btn" onClick={() => void copy(purpose, url)}>
                  {copied === purpose ? i.t('feedCopied') : i.t('feedCopy')}
                </button>
                <div class="muted small">{i.t('feedShownOnce')}</div>
              </div>
            )}
            <div class="action-list">
              <button class="btn" onClick={() => void make(purpose)} data-testid={`feed-create-${purpose}`}>
                {live ? i.t('feedRegenerate') : i.t('feedCreate')}
              </button>
              {live && (
                <button
                  class="btn btn-danger"
                  onClick={() => void revoke(purpose)}
                  data-testid={`feed-revoke-${purpose}`}
                >
                  {i.t('feedRevoke')}
                </button>
              )}
            </div>
          </div>
        );
      })}
    </Card>
  );
}
