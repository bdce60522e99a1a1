/**
 * The inbox: folders Received and Sent on the left; invitations as messages with a subject line,
 * accepted ones marked Accepted, unread ones in bold. Opening a message reads it. Opening a sent one
 * that is still pending shows Withdraw (with inbox-withdraw); one that can no longer be withdrawn
 * says why, in a word.
 */
import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../components/dialog';
import { When } from '../components/invitation-row';
import { Empty, ErrorState, Loading, LoadMore } from '../components/status';
import { useToast } from '../components/toasts';
import { api } from '../lib/api';
import { formatDateTime, initials, recipientLabel, STATUS_LABEL } from '../lib/format';
import { usePaged, useResource, useTitle } from '../lib/hooks';
import { markAllRead, markMessageRead, markMessageUnread } from '../lib/inbox';
import { acceptInvitation, getInvitation, ignoreInvitation, withdrawInvitation } from '../lib/invitations';
import { describeError } from '../lib/messages';
import { Link, navigate } from '../lib/router';
import { useMe, useSession } from '../lib/session';
import type { InboxItem, InboxUnread, Invitation, Page } from '../lib/types';
import type { PageProps } from '../app';

type Folder = 'received' | 'sent';

/** The subject the inbox gives an invitation, for the one opened from elsewhere. */
function subjectOf(inv: Invitation, folder: Folder): string {
  return folder === 'sent' ? `Invitation to connect with ${recipientLabel(inv)}` : `${inv.sender.name} would like to connect`;
}

function StatusWord({ inv }: { inv: Invitation }) {
  if (inv.status === 'pending') return null;
  const tone = inv.status === 'accepted' ? 'success' : 'neutral';
  return <span className={`chip ${tone}`}>{STATUS_LABEL[inv.status]}</span>;
}

const sameCounts = (a: InboxUnread, b: InboxUnread) => a.received === b.received && a.sent === b.sent;

const unreadLabel = (n: number) => (n === 0 ? 'No unread messages' : `${n.toLocaleString()} unread`);

function FolderList({ folder }: { folder: Folder }) {
  const me = useMe();
  const { refresh } = useSession();
  const toast = useToast();
  const [marking, setMarking] = useState(false);
  const list = usePaged<InboxItem>(
    (cursor) => `/inbox?folder=${folder}&limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    (path, signal) => api<Page<InboxItem>>('GET', path, { signal }),
    [folder],
  );
  if (list.loading) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  const unread = me.inboxUnread.total;
  const nothingUnread = unread === 0 && list.items.every((item) => item.read);

  const markAll = async () => {
    if (nothingUnread || marking) return;
    setMarking(true);
    try {
      const done = await markAllRead();
      list.update((item) => ({ ...item, read: true }));
      toast.success(done.marked === 1 ? '1 message marked as read.' : `${done.marked.toLocaleString()} messages marked as read.`);
      void refresh();
    } catch (err) {
      toast.error(describeError(err));
    } finally {
      setMarking(false);
    }
  };

  const toolbar = (
    <div className="toolbar">
      <span className="muted" aria-live="polite">
        {unreadLabel(unread)}
      </span>
      <button type="button" className="button small secondary" aria-disabled={nothingUnread} disabled={marking} onClick={() => void markAll()}>
        Mark all as read
      </button>
    </div>
  );
  if (list.items.length === 0) {
    return (
      <>
        {unread > 0 && toolbar}
        <Empty>{folder === 'sent' ? "You haven't sent any invitation yet." : 'Your inbox is empty.'}</Empty>
      </>
    );
  }
  return (
    <>
      {toolbar}
      <ul className="list inbox-list" aria-label={folder === 'sent' ? 'Sent messages' : 'Received messages'}>
        {list.items.map((item) => (
          <li key={item.id} className={`row inbox-item${item.read ? '' : ' unread'}`}>
            <span className="avatar" aria-hidden="true">
              {initials(item.counterpart.name)}
            </span>
            <div className="row-main">
              <p className="row-title">
                {!item.read && <span className="visually-hidden">Unread: </span>}
                <span className="counterpart">{item.counterpart.name}</span>
                {item.invitation && <StatusWord inv={item.invitation} />}
              </p>
              <Link className="subject" to={`/inbox/${folder}/${encodeURIComponent(item.id)}`}>
                {item.subject}
              </Link>
              <p className="meta">
                <When iso={item.createdAt} prefix={folder === 'sent' ? 'Sent' : 'Received'} />
              </p>
            </div>
          </li>
        ))}
      </ul>
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} />
    </>
  );
}

function Message({ folder, id }: { folder: Folder; id: string }) {
  const me = useMe();
  const { refresh } = useSession();
  const toast = useToast();
  const invitation = useResource((signal) => getInvitation(id, signal), [id]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const shown = useRef(me.inboxUnread);
  shown.current = me.inboxUnread;

  // Opening a message reads it; the badges are read again only when that changed a count.
  useEffect(() => {
    markMessageRead(id).then(
      (done) => {
        if (!sameCounts(done.unread, shown.current)) void refresh();
      },
      // A message that cannot be opened says so below, from its own load.
      () => undefined,
    );
  }, [id, refresh]);

  if (invitation.loading && !invitation.data) return <Loading />;
  if (invitation.error || !invitation.data) return <ErrorState error={invitation.error} onRetry={invitation.reload} />;
  const inv = invitation.data;
  const isSender = inv.sender.id === me.member.id;
  const canWithdraw = isSender && inv.withdrawable && me.features['inbox-withdraw'];

  const withdraw = async () => {
    setBusy(true);
    try {
      const done = await withdrawInvitation(inv.id, 'inbox');
      invitation.setData(() => done);
      const again = done.reinviteAvailableAt ? ` You can invite them again after ${formatDateTime(done.reinviteAvailableAt)}.` : '';
      toast.success(`Invitation withdrawn. ${recipientLabel(inv)} won't be notified.${again}`);
      void refresh();
    } catch (err) {
      toast.error(describeError(err));
      invitation.reload();
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const markUnread = async () => {
    setBusy(true);
    try {
      await markMessageUnread(inv.id);
      void refresh();
      navigate(`/inbox/${folder}`);
    } catch (err) {
      toast.error(describeError(err));
      setBusy(false);
    }
  };

  const answer = async (action: 'accept' | 'ignore') => {
    setBusy(true);
    try {
      const updated = action === 'accept' ? (await acceptInvitation(inv.id)).invitation : await ignoreInvitation(inv.id);
      invitation.setData(() => updated);
      toast.success(action === 'accept' ? `You're now connected with ${inv.sender.name}.` : 'Invitation ignored. The sender is not told.');
      void refresh();
    } catch (err) {
      toast.error(describeError(err));
      invitation.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="card message" aria-labelledby="message-subject">
      <p>
        <Link to={`/inbox/${folder}`}>← All messages</Link>
      </p>
      <h2 id="message-subject">{subjectOf(inv, folder)}</h2>
      <dl className="message-meta">
        <dt>From</dt>
        <dd>{inv.sender.name}</dd>
        <dt>To</dt>
        <dd>{isSender ? recipientLabel(inv) : 'You'}</dd>
        <dt>Date</dt>
        <dd>{formatDateTime(inv.createdAt)}</dd>
        <dt>Status</dt>
        <dd>{STATUS_LABEL[inv.status]}</dd>
      </dl>
      {inv.message ? <p className="note message-note">{inv.message}</p> : <p className="muted">No note was added.</p>}
      {isSender && inv.status === 'pending' && <p className="muted">Expires {formatDateTime(inv.expiresAt)}.</p>}
      <div className="message-actions">
        {canWithdraw && (
          <button type="button" className="button danger" onClick={() => setConfirming(true)} disabled={busy}>
            Withdraw
          </button>
        )}
        {isSender && !inv.withdrawable && (
          <p className="status-line">
            <strong className="status-word">{STATUS_LABEL[inv.status]}</strong>
            <span className="muted"> · This invitation can no longer be withdrawn.</span>
          </p>
        )}
        {isSender && inv.withdrawable && !me.features['inbox-withdraw'] && (
          <p className="muted">
            Waiting for a response. You can withdraw it from your <Link to="/invitations/sent">invitations awaiting a response</Link>.
          </p>
        )}
        {!isSender && inv.status === 'pending' && (
          <>
            <button type="button" className="button primary" disabled={busy} onClick={() => void answer('accept')}>
              Accept
            </button>
            <button type="button" className="button secondary" disabled={busy} onClick={() => void answer('ignore')}>
              Ignore
            </button>
          </>
        )}
        <button type="button" className="button secondary" disabled={busy} onClick={() => void markUnread()}>
          Mark as unread
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title="Withdraw this invitation?"
          confirmLabel="Withdraw"
          cancelLabel="Keep it"
          danger
          busy={busy}
          onConfirm={() => void withdraw()}
          onCancel={() => setConfirming(false)}
        >
          <p>{recipientLabel(inv)} won't be notified, and no more reminders will be sent. The invitation doesn't return to your balance.</p>
        </ConfirmDialog>
      )}
    </article>
  );
}

function FolderCount({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="folder-count">
      {count > 99 ? '99+' : count}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}

export function InboxPage({ params }: PageProps) {
  useTitle('Inbox');
  const me = useMe();
  const folder: Folder = params.folder === 'sent' ? 'sent' : 'received';
  const unread = me.inboxUnread;
  return (
    <div className="page wide">
      <div className="page-head">
        <h1>Inbox</h1>
      </div>
      <div className="inbox">
        <nav className="folders" aria-label="Folders">
          <ul>
            <li>
              <Link to="/inbox/received" aria-current={folder === 'received' ? 'page' : undefined}>
                Received
                <FolderCount count={unread.received} />
              </Link>
            </li>
            <li>
              <Link to="/inbox/sent" aria-current={folder === 'sent' ? 'page' : undefined}>
                Sent
                <FolderCount count={unread.sent} />
              </Link>
            </li>
          </ul>
        </nav>
        <section className="inbox-content" aria-label={folder === 'sent' ? 'Sent' : 'Received'}>
          {params.id ? <Message folder={folder} id={params.id} /> : <FolderList folder={folder} />}
        </section>
      </div>
    </div>
  );
}
