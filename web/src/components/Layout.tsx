import type { ComponentChildren } from 'preact';
import type { User } from '../api';
import { useI18n, type MessageKey } from '../i18n';
import { HeaderSearch } from './HeaderSearch';

const NAV: { href: string; key: MessageKey; match: string; roles?: string[] }[] = [
  { href: '#/', key: 'navDashboard', match: '' },
  { href: '#/rounds', key: 'navRounds', match: 'rounds' },
  { href: '#/cases', key: 'navShortCases', match: 'cases' },
  { href: '#/nominate', key: 'navNominate', match: 'nominate', roles: ['org_admin', 'sending_officer'] },
  {
    href: '#/pool',
    key: 'navPool',
    match: 'pool',
    roles: ['org_admin', 'united_front', 'auditor', 'sending_officer'],
  },
  { href: '#/units', key: 'navUnits', match: 'units' },
  { href: '#/duties', key: 'navShortDuties', match: 'duties' },
  { href: '#/bulk', key: 'navShortBulk', match: 'bulk', roles: ['org_admin'] },
  { href: '#/proposals', key: 'navProposals', match: 'proposals', roles: ['org_admin', 'auditor'] },
  { href: '#/calendar', key: 'navShortCalendar', match: 'calendar' },
];

export function Layout(props: {
  user: User;
  section: string;
  onLogout: () => void;
  onToggleLang: () => void;
  children: ComponentChildren;
}) {
  const i = useI18n();
  return (
    <div class="shell">
      <header class="topbar">
        <div class="brand">
          <span class="seal" aria-hidden="true">
            挂
          </span>
          <div>
            <div class="brand-title">{i.t('appTitle')}</div>
            <div class="brand-sub">{i.t('appSubtitle')}</div>
          </div>
        </div>
        <nav class="mainnav">
          {NAV.filter((n) => !n.roles || n.roles.includes(props.user.role)).map((n) => (
            <a
              key={n.href}
              href={n.href}
              class={props.section === n.match ? 'active' : ''}
              data-testid={`nav-${n.match || 'dashboard'}`}
            >
              {i.t(n.key)}
            </a>
          ))}
        </nav>
        <HeaderSearch />
        <div class="userbox">
          <a
            href="#/notifications"
            class={`linkish mail-link ${props.section === 'notifications' ? 'active' : ''}`}
            data-testid="nav-notifications"
          >
            {i.t('navNotifications')}
          </a>
          <div class="user-id">
            <span class="user-name" data-testid="user-name">
              {props.user.displayName}
            </span>
            <span class="user-role">
              {i.role(props.user.role)}
              {props.user.units[0] ? ` · ${i.unit(props.user.units[0])}` : ''}
            </span>
          </div>
          <button
            class="linkish"
            onClick={props.onToggleLang}
            data-testid="lang-switch"
            lang={i.lang === 'zh' ? 'en' : 'zh-CN'}
          >
            {i.t('language')}
          </button>
          <button class="linkish" onClick={props.onLogout}>
            {i.t('logout')}
          </button>
        </div>
      </header>
      <main class="content">{props.children}</main>
    </div>
  );
}
