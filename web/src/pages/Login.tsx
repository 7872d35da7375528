import { useState } from 'preact/hooks';
import { ApiError, post, type User } from '../api';
import { ErrorNote } from '../components/common';
import { useI18n } from '../i18n';

const DEMO = [
  'admin',
  'county-admin',
  'united-front',
  'sender',
  'receiver',
  'receiver-c',
  'cadre',
  'auditor',
];

export function Login(props: { onLogin: (user: User, csrf: string) => void; onToggleLang: () => void }) {
  const i = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ user: User; csrfToken: string }>('/api/auth/login', { username, password });
      props.onLogin(r.user, r.csrfToken);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="login-page">
      <div class="login-card">
        <div class="login-brand">
          <span class="seal seal-large" aria-hidden="true">
            挂
          </span>
          <div>
            <h1>{i.t('appTitle')}</h1>
            <p class="muted">{i.t('appSubtitle')}</p>
          </div>
        </div>
        <form onSubmit={(e) => void submit(e)} class="login-form">
          <h2>{i.t('loginTitle')}</h2>
          <div class="field">
            <label class="field-label" for="login-username">
              {i.t('username')}
            </label>
            <input
              id="login-username"
              class="input"
              autoComplete="username"
              value={username}
              onInput={(e) => setUsername(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label class="field-label" for="login-password">
              {i.t('password')}
            </label>
            <input
              id="login-password"
              class="input"
              type="password"
              autoComplete="current-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
          <ErrorNote error={error} />
          <button type="submit" class="btn btn-primary btn-block" disabled={busy || !username || !password}>
            {i.t('login')}
          </button>
        </form>
        <div class="demo-users">
          <div class="muted small">{i.t('demoUsers')}</div>
          <div class="demo-list">
            {DEMO.map((u) => (
              <button key={u} type="button" class="chip" onClick={() => setUsername(u)}>
                {u}
              </button>
            ))}
          </div>
        </div>
        <button
          type="button"
          class="linkish lang-corner"
          onClick={props.onToggleLang}
          data-testid="lang-switch"
        >
          {i.t('language')}
        </button>
      </div>
    </div>
  );
}
