/**
 * The classic inbox: folders Received and Sent on the left; invitations and messages as items with
 * a subject line, accepted invitations marked Accepted, unread items in bold. Opening an item reads
 * it. Opening a sent invitation that is still pending shows Withdraw (with inbox-withdraw); one that
 * can no longer be withdrawn says why, in a word. Opening a message shows its conversation's text,
 * with a reply box. Members with `new-messaging` have their conversations at /messages instead.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { BlockDialog } from '../components/block-dialog';
import { AttachmentList, Composer } from '../components/composer';
import { ConfirmDialog } from '../components/dialog';
import { When } from '../components/invitation-row';
import { QueryState } from '../components/query-state';
import { ReplyDialog } from '../components/reply-dialog';
import { Empty } from '../components/status';
import { useToast } from '../components/toasts';
import { formatDateTime, initials, recipientLabel, reinviteBlockedUntil, STATUS_LABEL } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { blockedIdsQuery } from '../lib/blocks';
import { titleOf, useConversation, useSendMessage, useThread } from '../lib/conversations';
import { fetchInboxPage, type Folder, useMarkAllRead, useMarkRead, useMarkUnread } from '../lib/inbox';
import { invitationQuery, useAnswer, useWithdraw } from '../lib/invitations';
import { describeError } from '../lib/messages';
import { keys, usePagedQuery } from '../lib/query';
import { useMe } from '../lib/session';
import type { Invitation } from '../lib/types';

/** The subject the inbox gives an invitation, for the one opened from elsewhere. */
function subjectOf(inv: Invitation, folder: Folder): string {
  return folder === 'sent' ? `Invitation to connect with ${recipientLabel(inv)}` : `${inv.sender.name} would like to connect`;
}

function StatusWord({ inv }: { inv: Invitation }) {
  if (inv.status === 'pending') return null;
  const tone = inv.status === 'accepted' ? 'success' : 'neutral';
  return <span className={`chip ${tone}`}>{STATUS_LABEL[inv.status]}</span>;
}

const unreadLabel = (n: number) => (n === 0 ? 'No unread messages' : `${n.toLocaleString()} unread`);

function FolderList({ folder }: { folder: Folder }) {
  const me = useMe();
  const toast = useToast();
  const { search } = useLocation();
  const list = usePagedQuery({ queryKey: keys.inboxFolder(folder), fetchPage: fetchInboxPage(folder) });
  const markAllRead = useMarkAllRead();
  // The open folder's count: Received holds the unread messages of conversations too.
  const unread = folder === 'received' ? me.inboxUnread.received + me.unread.messages : me.inboxUnread.sent;
  const folderName = folder === 'received' ? 'Received' : 'Sent';
  const nothingUnread = unread === 0 && (list.data ?? []).every((item) => item.read);

  const markAll = async () => {
    if (nothingUnread || markAllRead.isPending) return;
    try {
      const done = await markAllRead.mutateAsync(folder);
      toast.success(
        done.marked === 1 ? `1 message in ${folderName} marked as read.` : `${done.marked.toLocaleString()} messages in ${folderName} marked as read.`,
      );
    } catch (err) {
      toast.error(describeError(err));
    }
  };

  const toolbar = (
    <div className="toolbar">
      <span className="muted" aria-live="polite">
        {unreadLabel(unread)} in {folderName}
      </span>
      <button type="button" className="button small secondary" aria-disabled={nothingUnread} disabled={markAllRead.isPending} onClick={() => void markAll()}>
        Mark all in {folderName} as read
      </button>
    </div>
  );
  return (
    <QueryState
      query={list}
      empty={
        <>
          {unread > 0 && toolbar}
          <Empty>{folder === 'sent' ? "You haven't sent any invitation yet." : 'Your inbox is empty.'}</Empty>
        </>
      }
    >
      {(items) => (
        <>
          {toolbar}
          <ul className="list inbox-list" aria-label={folder === 'sent' ? 'Sent messages' : 'Received messages'}>
            {items.map((item) => (
              <li key={item.id} className={`row inbox-item${item.read ? '' : ' unread'}`}>
                <span className="avatar" aria-hidden="true">
                  {initials(item.counterpart.name)}
                </span>
                <div className="row-main">
                  <p className="row-title">
                    {!item.read && <span className="visually-hidden">Unread: </span>}
                    <span className="counterpart">{item.counterpart.name}</span>
                    {item.invitation && <StatusWord inv={item.invitation} />}
                    {item.kind === 'message' && <span className="chip">Message</span>}
                  </p>
                  {/* The list's place (how many pages are open) comes along, for the way back. */}
                  <Link
                    className="subject"
                    to={{
                      pathname:
                        item.kind === 'message' && item.conversationId
                          ? `/inbox/${folder}/message/${encodeURIComponent(item.conversationId)}/${encodeURIComponent(item.id)}`
                          : `/inbox/${folder}/${encodeURIComponent(item.id)}`,
                      search,
                    }}
                  >
                    {item.subject}
                  </Link>
                  <p className="meta">
                    <When iso={item.createdAt} prefix={folder === 'sent' ? 'Sent' : 'Received'} />
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </QueryState>
  );
}

function Message({ folder, id }: { folder: Folder; id: string }) {
  const me = useMe();
  const toast = useToast();
  const navigate = useNavigate();
  const { search } = useLocation();
  const invitation = useQuery(invitationQuery(id));
  const withdrawal = useWithdraw();
  const answer = useAnswer();
  const markUnread = useMarkUnread();
  const { mutate: markRead } = useMarkRead();
  const [confirming, setConfirming] = useState(false);
  const [replying, setReplying] = useState(false);
  const busy = withdrawal.isPending || answer.isPending || markUnread.isPending;
  const back = { pathname: `/inbox/${folder}`, search };

  // Opening a message reads it; a message that cannot be opened says so below, from its own load.
  useEffect(() => {
    markRead(id);
  }, [id, markRead]);

  return (
    <QueryState query={invitation}>
      {(inv) => {
        const isSender = inv.sender.id === me.member.id;
        const canWithdraw = isSender && inv.withdrawable && me.features['inbox-withdraw'];

        const withdraw = async () => {
          try {
            const done = await withdrawal.mutateAsync({ id: inv.id, via: 'inbox' });
            const again = done.reinviteAvailableAt ? ` You can invite them again after ${formatDateTime(done.reinviteAvailableAt)}.` : '';
            toast.success(`Invitation withdrawn. ${recipientLabel(inv)} won't be notified.${again}`);
          } catch (err) {
            toast.error(describeError(err));
          } finally {
            setConfirming(false);
          }
        };

        const unread = async () => {
          try {
            await markUnread.mutateAsync(inv.id);
            void navigate(back);
          } catch (err) {
            toast.error(describeError(err));
          }
        };

        const respond = async (action: 'accept' | 'ignore') => {
          try {
            await answer.mutateAsync({ id: inv.id, answer: action });
            toast.success(action === 'accept' ? `You're now connected with ${inv.sender.name}.` : 'Invitation ignored. The sender is not told.');
          } catch (err) {
            toast.error(describeError(err));
            void invitation.refetch();
          }
        };

        return (
          <article className="card message" aria-labelledby="message-subject">
            <p>
              <Link to={back}>← All messages</Link>
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
                  <button type="button" className="button primary" disabled={busy} onClick={() => void respond('accept')}>
                    Accept
                  </button>
                  <button type="button" className="button secondary" disabled={busy} onClick={() => void respond('ignore')}>
                    Ignore
                  </button>
                  <button type="button" className="button secondary" disabled={busy} onClick={() => setReplying(true)}>
                    Reply
                  </button>
                </>
              )}
              <button type="button" className="button secondary" disabled={busy} onClick={() => void unread()}>
                Mark as unread
              </button>
            </div>
            {replying && <ReplyDialog invitation={inv} onClose={() => setReplying(false)} />}
            {confirming && (
              <ConfirmDialog
                title="Withdraw this invitation?"
                confirmLabel="Withdraw"
                cancelLabel="Keep it"
                danger
                busy={withdrawal.isPending}
                onConfirm={() => void withdraw()}
                onCancel={() => setConfirming(false)}
              >
                <p>{recipientLabel(inv)} won't be notified, and no more reminders will be sent. The invitation doesn't return to your balance.</p>
                <p>
                  You won't be able to invite them again until <strong>{reinviteBlockedUntil(me.rules.reinviteCooldownSeconds)}</strong>.
                </p>
              </ConfirmDialog>
            )}
          </article>
        );
      }}
    </QueryState>
  );
}

/** A message of the classic inbox: its subject, who and when, and its conversation's text, with a reply box. */
function ConversationMessageView({ folder, conversationId, id }: { folder: Folder; conversationId: string; id: string }) {
  const me = useMe();
  const toast = useToast();
  const navigate = useNavigate();
  const { search } = useLocation();
  const conversation = useConversation(conversationId);
  const thread = useThread(conversationId);
  const send = useSendMessage(conversationId);
  const markUnread = useMarkUnread();
  const { mutate: markRead } = useMarkRead();
  const blocked = useQuery(blockedIdsQuery);
  const [blocking, setBlocking] = useState(false);
  const back = { pathname: `/inbox/${folder}`, search };

  useEffect(() => {
    markRead(id);
  }, [id, markRead]);

  const opened = thread.messages?.find((m) => m.id === id);
  return (
    <QueryState query={conversation}>
      {(c) => {
        const others = c.participants.filter((p) => p.id !== me.member.id);
        const firstLine = opened?.text.split('\n').find((l) => l.trim() !== '') ?? '';
        const subject = c.subject || firstLine || titleOf(c, me.member.id);
        // In a direct conversation, the other member; blocked by me, nobody can write here.
        const other = others.length === 1 ? others[0]! : null;
        const iBlocked = other !== null && (blocked.data?.has(other.id) ?? false);
        const unread = async () => {
          try {
            await markUnread.mutateAsync(id);
            void navigate(back);
          } catch (err) {
            toast.error(describeError(err));
          }
        };
        return (
          <article className="card message" aria-labelledby="message-subject">
            <p>
              <Link to={back}>← All messages</Link>
            </p>
            <h2 id="message-subject">{subject}</h2>
            {opened && (
              <dl className="message-meta">
                <dt>From</dt>
                <dd>{opened.sender.id === me.member.id ? 'You' : opened.sender.name}</dd>
                <dt>To</dt>
                <dd>
                  {opened.sender.id === me.member.id
                    ? others.map((p) => p.name).join(', ')
                    : ['You', ...others.filter((p) => p.id !== opened.sender.id).map((p) => p.name)].join(', ')}
                </dd>
                <dt>Date</dt>
                <dd>{formatDateTime(opened.createdAt)}</dd>
              </dl>
            )}
            <QueryState query={{ ...thread, data: thread.messages }} moreLabel="Earlier messages">
              {(messages) => (
                <ol className="bubbles" aria-label="The conversation">
                  {messages.map((m) => (
                    <li key={m.id} className={`bubble${m.sender.id === me.member.id ? ' mine' : ''}${m.id === id ? ' opened' : ''}`}>
                      <p className="bubble-meta">
                        <span className="bubble-sender">{m.sender.id === me.member.id ? 'You' : m.sender.name}</span>{' '}
                        <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
                      </p>
                      <p className="bubble-text">{m.text}</p>
                      <AttachmentList attachments={m.attachments} />
                    </li>
                  ))}
                </ol>
              )}
            </QueryState>
            <Composer
              label="Write a reply"
              submitLabel="Reply"
              busy={send.isPending}
              onSend={(outgoing) => send.mutateAsync(outgoing)}
              refusal={
                iBlocked && other ? (
                  <>
                    You blocked {other.name}, so neither of you can send messages here. Unblock them below or in{' '}
                    <Link to="/settings#blocked-title">Settings</Link> to write again.
                  </>
                ) : undefined
              }
            />
            <div className="message-actions">
              <button type="button" className="button secondary" disabled={markUnread.isPending} onClick={() => void unread()}>
                Mark as unread
              </button>
              {other && (
                <button type="button" className="button secondary" disabled={blocked.isPending} onClick={() => setBlocking(true)}>
                  {iBlocked ? `Unblock ${other.name}` : `Block ${other.name}`}
                </button>
              )}
            </div>
            {blocking && other && <BlockDialog member={other} block={!iBlocked} onClose={() => setBlocking(false)} />}
          </article>
        );
      }}
    </QueryState>
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

export function InboxPage() {
  useTitle('Inbox');
  const me = useMe();
  const params = useParams();
  const folder: Folder = params.folder === 'sent' ? 'sent' : 'received';
  const unread = me.inboxUnread;
  // With the new messaging experience, invitations have left the inbox and messages are conversations.
  if (me.features['new-messaging']) return <Navigate to="/messages" replace />;
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
                <FolderCount count={unread.received + me.unread.messages} />
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
          {params.conversationId && params.messageId ? (
            <ConversationMessageView folder={folder} conversationId={params.conversationId} id={params.messageId} />
          ) : params.id ? (
            <Message folder={folder} id={params.id} />
          ) : (
            <FolderList folder={folder} />
          )}
        </section>
      </div>
    </div>
  );
}
