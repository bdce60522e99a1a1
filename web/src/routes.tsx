/** Which page each path shows and who may see it: react-router's data router. */
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Crashed, MemberOnly, Root, type RouteHandle, Starting } from './app';
import { LoginPage, SignupPage } from './pages/auth';
import { ConnectionsPage } from './pages/connections';
import { ContactSupportPage } from './pages/contact-support';
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
const onDemand = (load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

const inbox: RouteHandle = { page: 'inbox' };
const supportConsole: RouteHandle = { page: 'console' };

export const routes: RouteObject[] = [
  {
    element: <Root />,
    errorElement: <Crashed />,
    hydrateFallbackElement: <Starting />,
    children: [
      // Log-in pages send a member who is already signed in on to `?next=`.
      { path: '/login', element: <LoginPage /> },
      { path: '/signup', element: <SignupPage /> },
      // Links from e-mails, for anyone.
      { path: '/i/:token', element: <InvitationLinkPage /> },
      { path: '/opt-out/:token', element: <OptOutPage /> },
      {
        element: <MemberOnly />,
        children: [
          { path: '/', element: <HomePage /> },
          { path: '/people-you-may-know', element: <PeopleYouMayKnowPage /> },
          { path: '/invitations/sent', element: <SentInvitationsPage /> },
          { path: '/invitations/received', element: <ReceivedInvitationsPage /> },
          { path: '/inbox/:folder?/:id?', element: <InboxPage />, handle: inbox },
          { path: '/members/:id', element: <ProfilePage /> },
          { path: '/connections', element: <ConnectionsPage /> },
          { path: '/settings', element: <SettingsPage /> },
          { path: '/contacts/import', ...onDemand(() => import('./pages/contacts-import')) },
          { path: '/support/contact', element: <ContactSupportPage /> },
          { path: '/console/:section?', ...onDemand(() => import('./console/console')), handle: supportConsole },
          { path: '/dev/mailbox', ...onDemand(() => import('./pages/dev-mailbox')) },
          // Only the member who added the address may verify it: signing in comes first.
          { path: '/verify-email/:token', element: <VerifyEmailPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
