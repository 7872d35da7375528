import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { get, post, setCsrfToken, setUnauthenticatedHandler, type User } from './api';
import { Layout } from './components/Layout';
import { I18nContext, initialLang, makeI18n, persistLang, type Lang, type Vocabulary } from './i18n';
import { Bulk } from './pages/Bulk';
import { Proposals } from './pages/Proposals';
import { Calendar } from './pages/Calendar';
import { CaseList } from './pages/CaseList';
import { CasePage } from './pages/CasePage';
import { Dashboard } from './pages/Dashboard';
import { Login } from './pages/Login';
import { MyDuties } from './pages/MyDuties';
import { NotFound } from './pages/NotFound';
import { Nominate } from './pages/Nominate';
import { Notifications } from './pages/Notifications';
import { PersonPage } from './pages/PersonPage';
import { ReservePool } from './pages/ReservePool';
import { RoundList } from './pages/RoundList';
import { RoundPage } from './pages/RoundPage';
import { Units } from './pages/Units';
import { useRoute } from './router';
import './styles.css';

type Session = { state: 'checking' } | { state: 'out'; expired?: boolean } | { state: 'in'; user: User };

function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [vocab, setVocab] = useState<Vocabulary | undefined>(undefined);
  const i18n = useMemo(() => makeI18n(lang, vocab), [lang, vocab]);
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const loggedIn = session.state === 'in';
  const route = useRoute();

  useEffect(() => persistLang(lang), [lang]);
  useEffect(() => {
    setUnauthenticatedHandler(() => setSession({ state: 'out', expired: true }));
    get<{ user: User }>('/api/auth/me').then(
      (r) => setSession({ state: 'in', user: r.user }),
      () => setSession({ state: 'out' }),
    );
  }, []);

  useEffect(() => {
    if (loggedIn && !vocab) get<Vocabulary>('/api/meta/vocabulary').then(setVocab, () => undefined);
  }, [loggedIn, vocab]);

  const toggleLang = () => setLang((l) => (l === 'zh' ? 'en' : 'zh'));
  const logout = async () => {
    await post('/api/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    setSession({ state: 'out' });
  };

  let body;
  if (session.state === 'checking') body = <p class="boot">{i18n.t('loading')}</p>;
  else if (session.state === 'out')
    body = (
      <Login
        onToggleLang={toggleLang}
        onLogin={(user, csrf) => {
          setCsrfToken(csrf);
          setSession({ state: 'in', user });
          if (route.path[0] === 'login') location.hash = '#/';
        }}
      />
    );
  else if (!vocab) body = <p class="boot">{i18n.t('loading')}</p>;
  else {
    const { user } = session;
    const [section = '', id, extra] = route.path;
    let page;
    if (section === '') page = <Dashboard user={user} />;
    else if (section === 'cases' && id && !extra) page = <CasePage key={id} caseId={id} user={user} />;
    else if (section === 'cases' && !id) page = <CaseList query={route.query} />;
    else if (section === 'duties') page = <MyDuties user={user} />;
    else if (section === 'bulk') page = <Bulk user={user} />;
    else if (section === 'proposals') page = <Proposals user={user} />;
    else if (section === 'calendar') page = <Calendar user={user} />;
    else if (section === 'nominate') page = <Nominate user={user} />;
    else if (section === 'pool') page = <ReservePool user={user} />;
    else if (section === 'rounds' && !id) page = <RoundList />;
    else if (section === 'rounds' && id)
      page = <RoundPage key={id} roundId={id} tab={extra ?? ''} user={user} />;
    else if (section === 'units') page = <Units code={id} user={user} />;
    else if (section === 'persons' && id) page = <PersonPage key={id} personId={id} />;
    else if (section === 'notifications') page = <Notifications />;
    else page = <NotFound kind="page" />;
    body = (
      <Layout user={user} section={section} onLogout={() => void logout()} onToggleLang={toggleLang}>
        {page}
      </Layout>
    );
  }
  return <I18nContext.Provider value={i18n}>{body}</I18nContext.Provider>;
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
