/** The frame around every page, and who may see which: the layouts of the routes (routes.tsx). */
import { useQueryClient } from '@tanstack/react-query';
import { Fragment, type ReactNode, useEffect, useEffectEvent, useRef } from 'react';
import { Link, Navigate, Outlet, ScrollRestoration, useLocation, useMatches, useRouteError } from 'react-router';
import { ErrorState, Loading } from './components/status';
import { TopBar } from './components/top-bar';
import { VerifyAddressBanner } from './components/verify-address-banner';
import { keys } from './lib/query';
import { useSession } from './lib/session';
import type { Me } from './lib/types';

/** What a route may say about itself in its `handle`. */
export interface RouteHandle {
  /** Paths of one page that keep it mounted between them (the inbox's folders and messages). */
  page?: string;
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
function useFocusOnNavigate(path: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = window.setTimeout(() => {
      const main = document.getElementById('main');
      const heading = main?.querySelector<HTMLElement>('h1');
      if (heading) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        heading.focus({ preventScroll: true });
      } else main?.focus({ preventScroll: true });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [path]);
}

/** Balance and badges follow every navigation; the lists waiting for an answer follow the badge. */
function useFreshBadges(path: string, me: Me | null) {
  const client = useQueryClient();
  const signedIn = me !== null;
  const onNavigate = useEffectEvent(() => {
    // Nobody to read for a visitor; a read already under way is answer enough.
    if (signedIn) void client.invalidateQueries({ queryKey: keys.me }, { cancelRefetch: false });
  });
  useEffect(() => onNavigate(), [path]);
  const receivedPending = me?.receivedPending;
  useEffect(() => {
    if (receivedPending !== undefined) void client.invalidateQueries({ queryKey: keys.received }, { cancelRefetch: false });
  }, [client, receivedPending]);
}

function Frame({ header, children }: { header: ReactNode; children: ReactNode }) {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      {header}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

/** Every page's frame: the session's first load, the top bar, and the page for the path. */
export function Root() {
  const { status, me, error, retry } = useSession();
  const { pathname } = useLocation();
  const matches = useMatches();
  useFocusOnNavigate(pathname);
  useFreshBadges(pathname, me);

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
        <ErrorState title="Rapport couldn't start" error={error} onRetry={retry} />
      </Frame>
    );
  }
  // A new path is a new page (its state starts afresh), except between the paths of one page.
  const page = (matches[matches.length - 1]?.handle as RouteHandle | undefined)?.page ?? pathname;
  return (
    <Frame header={me ? <TopBar me={me} /> : <GuestHeader />}>
      {me && !me.member.emailVerified && !pathname.startsWith('/verify-email/') && <VerifyAddressBanner me={me} />}
      <Fragment key={page}>
        <Outlet />
      </Fragment>
      <ScrollRestoration />
    </Frame>
  );
}

/** Pages for members: anyone else logs in first and comes back here. */
export function MemberOnly() {
  const { me } = useSession();
  const { pathname, search, hash } = useLocation();
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(pathname + search + hash)}`} replace />;
  return <Outlet />;
}

/** While the first page's code loads. */
export function Starting() {
  return (
    <Frame header={null}>
      <Loading label="Loading Rapport…" />
    </Frame>
  );
}

/** A page that failed to render or whose code could not be loaded. */
export function Crashed() {
  const error = useRouteError();
  return (
    <Frame header={<GuestHeader />}>
      <ErrorState title="This page couldn't be shown" error={error} onRetry={() => window.location.reload()} />
    </Frame>
  );
}
