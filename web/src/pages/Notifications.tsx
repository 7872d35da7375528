import type { MyNotifications } from '../../../contract';
import { get } from '../api';
import { Card, Empty, ErrorNote, Loading } from '../components/common';
import { dateTime } from '../format';
import { useAsync } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { caseHref } from '../router';

const STATUS: Record<MyNotifications['items'][number]['status'], MessageKey> = {
  pending: 'mailPending',
  sent: 'mailSent',
  dead: 'mailDead',
};

/** 我的通知: the mail addressed to me (my person, or my unit's desk for my role), newest first. */
export function Notifications() {
  const i = useI18n();
  const list = useAsync(() => get<MyNotifications>('/api/my/notifications?limit=100'), []);
  const d = list.data;
  return (
    <div class="page" data-testid="notifications">
      <div class="page-head">
        <h1>{i.t('navNotifications')}</h1>
        <button class="btn" onClick={list.reload}>
          {i.t('refresh')}
        </button>
      </div>
      <ErrorNote error={list.error} />
      <Card
        title={
          <>
            {i.t('navNotifications')} <span class="count">{d?.total ?? ''}</span>
          </>
        }
        extra={d && <span class="muted small">{i.t('mailPendingCount', { n: d.pending })}</span>}
      >
        {!d ? (
          <Loading />
        ) : d.items.length === 0 ? (
          <Empty />
        ) : (
          <ul class="mail-list">
            {d.items.map((m) => (
              <li key={m.id} class="mail" data-testid="notification">
                <div class="mail-head">
                  <strong>{m.subject}</strong>
                  <span class="small muted">
                    {dateTime(m.sentAt ?? m.createdAt, i.lang)} · {i.t(STATUS[m.status])}
                    {m.to ? ` · ${m.to}` : ''}
                  </span>
                </div>
                <details>
                  <summary class="small">
                    {m.caseId ? <a href={caseHref(m.caseId)}>{m.caseId}</a> : (m.about ?? '')}
                  </summary>
                  <pre class="mail-body">{m.body}</pre>
                </details>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
