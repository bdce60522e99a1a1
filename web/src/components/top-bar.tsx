/** The bar on top of every page: home, Inbox, Add Connections, People, and the member's own menu. */
import { useId } from 'react';
import { initials } from '../lib/format';
import { describeError } from '../lib/messages';
import { Link, useLocation, useNavigate } from 'react-router';
import { useLiveEvents } from '../lib/live';
import { logOut } from '../lib/session';
import type { Me } from '../lib/types';
import { AddConnections } from './add-connections';
import { HomeIcon, InboxIcon, PeopleIcon } from './icons';
import { type MenuItem, MenuButton } from './menu';
import { Badge } from './status';
import { useToast } from './toasts';

export function TopBar({ me }: { me: Me }) {
  const toast = useToast();
  const navigate = useNavigate();
  const { pathname: path } = useLocation();
  const inboxCountId = useId();
  // The classic inbox holds invitations and messages; the new messaging experience, conversations only.
  const newMessaging = me.features['new-messaging'];
  const unread = newMessaging ? me.unread.messages : me.inboxUnread.total + me.unread.messages;
  useLiveEvents(true);
  const staff = me.member.role === 'support' || me.member.role === 'admin';

  const peopleItems: MenuItem[] = [
    { label: 'Sent invitations', to: '/invitations/sent' },
    { label: 'Received invitations', to: '/invitations/received' },
    { label: 'People You May Know', to: '/people-you-may-know' },
    { label: 'Connections', to: '/connections' },
    { label: 'Import contacts', to: '/contacts/import' },
  ];
  const meItems: MenuItem[] = [
    { label: 'Your profile', to: `/members/${encodeURIComponent(me.member.id)}` },
    { label: 'Settings', to: '/settings' },
    { label: 'Contact support', to: '/support/contact' },
    ...(staff ? [{ label: 'Support console', to: '/console' }] : []),
    ...(me.member.role === 'admin' ? [{ label: 'Dev mailbox', to: '/dev/mailbox' }] : []),
    {
      label: 'Log out',
      onSelect: () => {
        logOut().then(
          () => {
            void navigate('/login', { replace: true });
            toast.show('You are logged out.');
          },
          (err: unknown) => toast.error(describeError(err)),
        );
      },
    },
  ];

  return (
    <header className="top-bar">
      <div className="top-bar-inner">
        <Link to="/" className="brand" aria-label="Rapport home">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Rapport</span>
        </Link>
        <nav className="top-nav" aria-label="Main">
          <Link to="/" className="icon-button" aria-label="Home" title="Home" aria-current={path === '/' ? 'page' : undefined}>
            <HomeIcon />
          </Link>
          <Link
            to={newMessaging ? '/messages' : '/inbox'}
            className="icon-button"
            aria-label="Inbox"
            title="Inbox"
            aria-describedby={inboxCountId}
            aria-current={path.startsWith('/inbox') || path.startsWith('/messages') ? 'page' : undefined}
          >
            <InboxIcon />
            <Badge count={unread} />
          </Link>
          <span id={inboxCountId} className="visually-hidden">
            {unread === 1 ? '1 unread' : `${unread} unread`}
          </span>
          <AddConnections pending={me.receivedPending} />
          <MenuButton label="People" items={peopleItems}>
            <PeopleIcon />
          </MenuButton>
          <MenuButton label={`Me: ${me.member.name}`} items={meItems} className="avatar-button">
            <span className="avatar small initials" data-initials={initials(me.member.name)} aria-hidden="true" />
          </MenuButton>
        </nav>
      </div>
    </header>
  );
}
