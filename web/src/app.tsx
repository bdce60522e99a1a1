/** The app: which page a path shows, who may see it, and the frame around every page. */
import { type ComponentType, lazy, type ReactNode, Suspense, useEffect, useRef } from 'react';
import { ErrorState, Loading } from './components/status';
import { TopBar } from './components/top-bar';
import { VerifyAddressBanner } from './components/verify-address-banner';
import { Link, matchPath, navigate, useLocation } from './lib/router';
import { useSession } from './lib/session';
import { LoginPage, SignupPage } from './pages/auth';
import { ContactSupportPage } from './pages/contact-support';
import { ConnectionsPage } from './pages/connections';
import { HomePage } from './pages/home';
import { InboxPage } from './pages/inbox';
import { InvitationLinkPage } from './pages/invitation-link';
import { NotFoundPage } from './pages/not-found';
import { OptOutPage } from './pages/opt-out';
import { PeopleYouMayKnowPage } from './pages/people-you-may-know';
import { ProfilePage } from './pages/profile';
import { ReceivedInvitationsPage } from './pages/received-invitations';
import { SentInvitationsPage } from './pages/sent-invitations';
import { SettingsPage } from './pages/settings';
import { VerifyEmailPage } from './pages/verify-email';

// Pages few members open load on demand, keeping the first page's JavaScript small.
const ConsolePage = lazy(() => import('./console/console'));
const DevMailboxPage = lazy(() => import('./pages/dev-mailbox'));
const ContactsImportPage = lazy(() => import('./pages/contacts-import'));

export type PageProps = { params: Record<string, string> };

interface Route {
  pattern: string;
  page: ComponentType<PageProps>;
  /** member: log-in needed; guest: the log-in pages; public: anyone (links from e-mails). */
  access: 'member' | 'guest' | 'public';
}

const ROUTES: Route[] = [
  { pattern: '/', page: HomePage, access: 'member' },
  { pattern: '/login', page: LoginPage, access: 'guest' },
  { pattern: '/signup', page: SignupPage, access: 'guest' },
  { pattern: '/people-you-may-know', page: PeopleYouMayKnowPage, access: 'member' },
  { pattern: '/invitations/sent', page: SentInvitationsPage, access: 'member' },
  { pattern: '/invitations/received', page: ReceivedInvitationsPage, access: 'member' },
  { pattern: '/inbox', page: InboxPage, access: 'member' },
  { pattern: '/inbox/:folder', page: InboxPage, access: 'member' },
  { pattern: '/inbox/:folder/:id', page: InboxPage, access: 'member' },
  { pattern: '/members/:id', page: ProfilePage, access: 'member' },
  { pattern: '/connections', page: ConnectionsPage, access: 'member' },
  { pattern: '/settings', page: SettingsPage, access: 'member' },
  { pattern: '/contacts/import', page: ContactsImportPage, access: 'member' },
  { pattern: '/support/contact', page: ContactSupportPage, access: 'member' },
  { pattern: '/console', page: ConsolePage, access: 'member' },
  { pattern: '/console/:section', page: ConsolePage, access: 'member' },
  { pattern: '/dev/mailbox', page: DevMailboxPage, access: 'member' },
  { pattern: '/i/:token', page: InvitationLinkPage, access: 'public' },
  { pattern: '/opt-out/:token', page: OptOutPage, access: 'public' },
  // Only the member the link was mailed for may verify the address: signing in comes first.
  { pattern: '/verify-email/:token', page: VerifyEmailPage, access: 'member' },
];

function resolve(path: string): { route: Route | null; params: Record<string, string> } {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params) return { route, params };
  }
  return { route: null, params: {} };
}

function GuestHeader() {
  return (
    <header className="top-bar">
      <div className="top-bar-inner">
        <Link to="/" className="brand" aria-label="Rapport home">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Rapport</span>
        </Link>
        <nav className="top-nav guest" aria-label="Main">
          <Link to="/login">Log in</Link>
          <Link to="/signup" className="button small primary">
            Sign up
          </Link>
        </nav>
      </div>
    </header>
  );
}

/** After a navigation, focus goes to the new page's heading so screen readers announce it. */
function useFocusOnNavigate(key: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const timer = window.setTimeout(() => {
      const main = document.getElementById('main');
      const heading = main?.querySelector<HTMLElement>('h1');
      if (heading) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: true });
      } else main?.focus({ preventScroll: true });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [key]);
}

function Frame({ header, children }: { header: ReactNode; children: ReactNode }) {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      {header}
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
    </>
  );
}

export function App() {
  const { path, href } = useLocation();
  const { status, me, error, refresh } = useSession();
  const { route, params } = resolve(path);
  useFocusOnNavigate(path);

  useEffect(() => {
    if (status === 'anonymous' && route?.access === 'member') {
      navigate(`/login?next=${encodeURIComponent(href.replace(window.location.origin, ''))}`, { replace: true });
    }
  }, [status, route, href]);

  // Badges and balance follow every navigation.
  useEffect(() => {
    if (status === 'member') void refresh();
  }, [path]);

  if (status === 'loading') {
    return (
      <Frame header={null}>
        <Loading label="Loading Rapport…" />
      </Frame>
    );
  }
  if (status === 'error') {
    return (
      <Frame header={<GuestHeader />}>
        <ErrorState title="Rapport couldn't start" error={error} onRetry={() => void refresh()} />
      </Frame>
    );
  }

  const header = me ? <TopBar me={me} /> : <GuestHeader />;
  if (!route) {
    return (
      <Frame header={header}>
        <NotFoundPage />
      </Frame>
    );
  }
  if (route.access === 'member' && !me) {
    return (
      <Frame header={header}>
        <Loading />
      </Frame>
    );
  }
  const Page = route.page;
  return (
    <Frame header={header}>
      {me && !me.member.emailVerified && route.pattern !== '/verify-email/:token' && <VerifyAddressBanner me={me} />}
      <Page key={route.pattern.startsWith('/inbox') ? 'inbox' : route.pattern.startsWith('/console') ? 'console' : path} params={params} />
    </Frame>
  );
}
