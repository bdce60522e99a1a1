/** Which page each path shows and who may see it: react-router's data router. */
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { Crashed, MemberOnly, Root, type RouteHandle, Starting } from './app';
import { LoginPage, SignupPage } from './pages/auth';
import { ConnectionsPage } from './pages/connections';
import { HomePage } from './pages/home';
import { InboxPage } from './pages/inbox';
import { MessagesPage, NewConversationPage } from './pages/messages';
import { NotFoundPage } from './pages/not-found';
import { PeopleYouMayKnowPage } from './pages/people-you-may-know';
import { ProfilePage } from './pages/profile';
import { ReceivedInvitationsPage } from './pages/received-invitations';
import { SentInvitationsPage } from './pages/sent-invitations';

/**
 * Pages opened from a menu or from a link in a message load on demand, keeping the first page's
 * JavaScript small; the pages of the top bar and the lists come with the app.
 */
const onDemand = <M,>(load: () => Promise<M>, page: (module: M) => ComponentType): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: page(await load()) }),
});

const inbox: RouteHandle = { page: 'inbox' };
const messages: RouteHandle = { page: 'messages' };
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
      {
        path: '/i/:token',
        ...onDemand(
          () => import('./pages/invitation-link'),
          (m) => m.InvitationLinkPage,
        ),
      },
      {
        path: '/opt-out/:token',
        ...onDemand(
          () => import('./pages/opt-out'),
          (m) => m.OptOutPage,
        ),
      },
      {
        path: '/message-emails/unsubscribe/:token',
        ...onDemand(
          () => import('./pages/message-emails-unsubscribe'),
          (m) => m.MessageEmailsUnsubscribePage,
        ),
      },
      {
        element: <MemberOnly />,
        children: [
          { path: '/', element: <HomePage /> },
          { path: '/people-you-may-know', element: <PeopleYouMayKnowPage /> },
          { path: '/invitations/sent', element: <SentInvitationsPage /> },
          { path: '/invitations/received', element: <ReceivedInvitationsPage /> },
          { path: '/inbox/:folder?/:id?', element: <InboxPage />, handle: inbox },
          { path: '/inbox/:folder/message/:conversationId/:messageId', element: <InboxPage />, handle: inbox },
          { path: '/messages/new', element: <NewConversationPage /> },
          { path: '/messages/:id?', element: <MessagesPage />, handle: messages },
          { path: '/members/:id', element: <ProfilePage /> },
          { path: '/connections', element: <ConnectionsPage /> },
          {
            path: '/settings',
            ...onDemand(
              () => import('./pages/settings'),
              (m) => m.SettingsPage,
            ),
          },
          {
            path: '/contacts/import',
            ...onDemand(
              () => import('./pages/contacts-import'),
              (m) => m.default,
            ),
          },
          {
            path: '/support/contact',
            ...onDemand(
              () => import('./pages/contact-support'),
              (m) => m.ContactSupportPage,
            ),
          },
          {
            path: '/console/:section?',
            ...onDemand(
              () => import('./console/console'),
              (m) => m.default,
            ),
            handle: supportConsole,
          },
          {
            path: '/dev/mailbox',
            ...onDemand(
              () => import('./pages/dev-mailbox'),
              (m) => m.default,
            ),
          },
          // Only the member who added the address may verify it: signing in comes first.
          {
            path: '/verify-email/:token',
            ...onDemand(
              () => import('./pages/verify-email'),
              (m) => m.VerifyEmailPage,
            ),
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
