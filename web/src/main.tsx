import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, setApiLanguage } from './api.ts';
import { keepScroll, returnToKeptScroll } from './components/keptScroll.ts';
import { forgetUnits } from './components/units.ts';
import { forgetAnswers, prefetch } from './components/useCachedFetch.ts';
import { currentLocale, setLocale, t, tx } from './i18n.ts';
import { JumpLink } from './components/JumpLink.tsx';
import { lazy } from './components/Lazy.tsx';
import { useScreenTitle } from './components/screenTitle.ts';
import { Dashboard } from './pages/Dashboard.tsx';
import { Home } from './pages/Home.tsx';
import { Login } from './pages/Login.tsx';
import { firstReads } from './pages/province/paths.ts';
import { href, useLocation } from './router.ts';
import { loadSession, logOut, type SessionUser } from './session.ts';
import { forgetOffline, installOffline } from './offline.ts';
import { setQueueOwner } from './components/offlineQueue.ts';
import type { NotificationsResponse } from '../../src/server/contract/notifications.ts';
import { appReturnPath } from '../../src/core/returnPath.ts';
import './styles.css';

const Admin = lazy(() => import('./pages/Admin.tsx').then((m) => m.Admin));
const ImportExport = lazy(() => import('./pages/ImportExport.tsx').then((m) => m.ImportExport));
const SurveyPage = lazy(() => import('./pages/Survey.tsx').then((m) => m.SurveyPage));
const SurveyPaper = lazy(() => import('./pages/SurveyPaper.tsx').then((m) => m.SurveyPaper));
const Assess = lazy(() => import('./pages/Assess.tsx').then((m) => m.Assess));
const Worklist = lazy(() => import('./pages/appraisal/Worklist.tsx').then((m) => m.Worklist));
const AppraisalStart = lazy(() => import('./pages/appraisal/Worklist.tsx').then((m) => m.AppraisalStart));
const Explain = lazy(() => import('./pages/appraisal/Explain.tsx').then((m) => m.Explain));
const Council = lazy(() => import('./pages/appraisal/Council.tsx').then((m) => m.Council));
const PlanPage = lazy(() => import('./pages/Plan.tsx').then((m) => m.PlanPage));
const Province = lazy(() => import('./pages/Province.tsx').then((m) => m.Province));
const Tree = lazy(() => import('./pages/Tree.tsx').then((m) => m.Tree));
const Notifications = lazy(() => import('./pages/Notifications.tsx').then((m) => m.Notifications));

/** Back to the screen the user was on before logging in (only a screen of this app). */
const safeNext = (next: string | null) => appReturnPath(next) ?? '#/';

function App() {
  const location = useLocation();
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [, setLanguage] = useState(currentLocale());
  useEffect(() => {
    setApiLanguage(currentLocale());
    loadSession().then(setUser);
  }, []);
  // Unread notices, in the header: counted when someone signs in and again on each new screen.
  const [unread, setUnread] = useState(0);
  const countUnread = () =>
    api<Pick<NotificationsResponse, 'unread'>>('GET', '/api/notifications?unread=true').then(
      (n) => setUnread(n.unread),
      () => setUnread(0),
    );
  // The officer who fills a self-assessment gets the installable, offline-capable app.
  useEffect(() => {
    setQueueOwner(user?.id);
    installOffline(user?.role);
  }, [user?.id]);
  useEffect(() => {
    if (user) void countUnread();
  }, [user?.id, location.path.join('/')]);
  const switchLanguage = () => {
    const next = currentLocale() === 'vi' ? 'en' : 'vi';
    setLocale(next);
    setApiLanguage(next);
    setLanguage(next);
  };
  // A new screen: keyboard and screen-reader users start at its content, at the top.
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) return void (first.current = false);
    main.current?.focus({ preventScroll: true });
    // Back (or forward) to a screen seen before: where the reader left it; a new screen at the top.
    if (!returnToKeptScroll()) scrollTo(0, 0);
  }, [location.path.join('/')]);
  useScreenTitle(main, tx('Chỉ số CCHC — PAR Index', 'PAR Index — administrative reform index'));
  const [page, ...rest] = location.path;
  let content;
  // Public screens start fetching before the session is known (one round trip less to the first figures).
  if (page === 'unit' && rest[0]) content = <Dashboard unitId={rest[0]} year={Number(location.query.get('year')) || undefined} user={user} />;
  else if (page === 'province')
    content = (
      <Province
        year={Number(location.query.get('year')) || undefined}
        level={location.query.get('level') ?? undefined}
        group={location.query.get('group') ?? undefined}
      />
    );
  else if (user === undefined) content = <p role="status">{t('loading')}</p>;
  else if (page === 'tree' && rest[0])
    content = <Tree unitId={rest[0]} year={Number(location.query.get('year')) || undefined} open={location.query.get('open') ?? undefined} user={user} />;
  else if (page === 'assess' && rest[0] && rest[1]) content = <Assess cycleId={rest[0]} unitId={rest[1]} user={user} />;
  else if (page === 'appraisal') content = rest[0] ? <Worklist cycleId={rest[0]} user={user} /> : <AppraisalStart user={user} />;
  else if (page === 'explain' && rest[0] && rest[1]) content = <Explain cycleId={rest[0]} unitId={rest[1]} user={user} />;
  else if (page === 'council' && rest[0]) content = <Council cycleId={rest[0]} user={user} />;
  else if (page === 'plan' && rest[0]) content = <PlanPage unitId={rest[0]} year={Number(location.query.get('year')) || undefined} user={user} />;
  else if (page === 'survey' && rest[0] && rest[1] === 'paper') content = <SurveyPaper cycleId={rest[0]} />;
  else if (page === 'survey' && rest[0]) content = <SurveyPage cycleId={rest[0]} />;
  else if (page === 'admin') content = <Admin user={user} />;
  else if (page === 'data') content = <ImportExport user={user} />;
  else if (page === 'notifications') content = <Notifications user={user} onRead={countUnread} />;
  else if (page === 'login')
    content = (
      <Login
        query={location.query}
        onLogin={(u) => {
          forgetUnits();
          forgetAnswers();
          setUser(u);
          window.location.hash = safeNext(location.query.get('next'));
        }}
      />
    );
  else content = <Home user={user} />;
  return (
    <>
      <JumpLink class="skip" page="#main" to="main">
        {tx('Bỏ qua điều hướng', 'Skip to content')}
      </JumpLink>
      <header class="top">
        <a class="brand" href="#/">
          {t('appName')}
        </a>
        <nav aria-label={tx('Điều hướng chính', 'Main')}>
          <a href="#/">{t('home')}</a>
          <a href={href('/province')}>{t('province')}</a>
          <a href="#/data">{t('data')}</a>
          {(user?.role === 'admin' || user?.role === 'appraiser') && <a href="#/appraisal">{tx('Thẩm định', 'Appraisal')}</a>}
          {user?.role === 'admin' && <a href="#/admin">{t('admin')}</a>}
        </nav>
        <div class="who">
          {user ? (
            <>
              <a href="#/notifications" class="bell" data-testid="unread" aria-label={tx(`Thông báo: ${unread} chưa đọc`, `Notifications: ${unread} unread`)}>
                {tx('Thông báo', 'Notices')}
                {unread > 0 && <span class="count"> ({unread})</span>}
              </a>
              <span class="user" data-role={user.role}>
                {user.displayName}
              </span>
              <button
                type="button"
                onClick={() =>
                  logOut().then((providerLogout) => {
                    forgetUnits();
                    forgetAnswers();
                    forgetOffline();
                    setUser(null);
                    // Signed in through the province's provider: signed out there too, then back here.
                    if (providerLogout) window.location.assign(providerLogout);
                    else window.location.hash = '#/';
                  })
                }
              >
                {t('logout')}
              </button>
            </>
          ) : (
            <a href={page === 'login' ? '#/login' : href('/login', { next: window.location.hash })}>{t('login')}</a>
          )}
          <button type="button" class="lang" onClick={switchLanguage} lang={currentLocale() === 'vi' ? 'en' : 'vi'}>
            {t('language')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {content}
      </main>
    </>
  );
}

// index.html shows "Đang tải…" until the app starts; Preact appends to what it did not render, so empty it first.
const root = document.getElementById('app')!;
keepScroll();
// The screen the address names: its code and its first answers asked at once, side by side (on a
// slow line the ranking waits for one round trip after the app's code, not three).
{
  const [path = '', query = ''] = location.hash.replace(/^#/, '').split('?');
  if (path.split('/').filter(Boolean)[0] === 'province') {
    Province.preload();
    for (const read of firstReads(new URLSearchParams(query))) prefetch(read);
  }
}
root.replaceChildren();
render(<App />, root);
