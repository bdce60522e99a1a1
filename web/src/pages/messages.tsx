/**
 * The new messaging experience (members with `new-messaging`): conversations on the left, the open
 * thread on the right, with its composer and its actions (mark unread, mute, archive, delete,
 * report). On a phone one pane shows at a time: the list, or the thread with a way back. Opening a
 * thread reads it. `/messages/new?to=` starts a conversation with a connection (for every member:
 * without the flag, the message then shows in the classic inbox's Sent folder).
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { BlockDialog } from '../components/block-dialog';
import { AttachmentList, Composer } from '../components/composer';
import { ConfirmDialog, Dialog } from '../components/dialog';
import { QueryState } from '../components/query-state';
import { Empty, ErrorState, Loading } from '../components/status';
import { useToast } from '../components/toasts';
import {
  type ConversationFolder,
  type ReportReason,
  titleOf,
  useChangeConversation,
  useConversation,
  useConversationList,
  useDeleteConversation,
  useMarkConversationRead,
  useMarkConversationUnread,
  useReportConversation,
  useSendMessage,
  useStartConversation,
  useThread,
} from '../lib/conversations';
import { formatDateTime, initials, relativeTime } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { describeError } from '../lib/messages';
import { blockedIdsQuery } from '../lib/blocks';
import { profileQuery } from '../lib/people';
import { useMe } from '../lib/session';
import type { Conversation, ConversationMessage } from '../lib/types';

function ConversationList({ folder, selected }: { folder: ConversationFolder; selected?: string }) {
  const me = useMe();
  const list = useConversationList(folder);
  const items = list.data?.pages.flatMap((p) => p.items);
  return (
    <QueryState
      query={{ ...list, data: items }}
      empty={<Empty>{folder === 'archived' ? 'No archived conversations.' : 'No conversations yet. Message one of your connections to start one.'}</Empty>}
    >
      {(conversations) => (
        <ul className="conversation-list" aria-label={folder === 'archived' ? 'Archived conversations' : 'Conversations'}>
          {conversations.map((c) => {
            const title = titleOf(c, me.member.id);
            return (
              <li key={c.id} className={`conversation-item${c.unreadCount > 0 ? ' unread' : ''}`}>
                <Link
                  to={`/messages/${encodeURIComponent(c.id)}${folder === 'archived' ? '?folder=archived' : ''}`}
                  aria-current={c.id === selected ? 'page' : undefined}
                >
                  <span className="avatar" aria-hidden="true">
                    {initials(title)}
                  </span>
                  <span className="conversation-main">
                    <span className="conversation-title">
                      {title}
                      {c.muted && <span className="muted"> · muted</span>}
                    </span>
                    {c.lastMessage && (
                      <span className="conversation-preview">
                        {c.lastMessage.sender.id === me.member.id ? 'You: ' : ''}
                        {c.lastMessage.text}
                      </span>
                    )}
                  </span>
                  <span className="conversation-side">
                    <span className="muted">{relativeTime(c.updatedAt)}</span>
                    {c.unreadCount > 0 && (
                      <span className="unread-count">
                        {c.unreadCount}
                        <span className="visually-hidden"> unread</span>
                      </span>
                    )}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </QueryState>
  );
}

function MessageBubble({ message, mine }: { message: ConversationMessage; mine: boolean }) {
  return (
    <li className={`bubble${mine ? ' mine' : ''}`}>
      <p className="bubble-meta">
        <span className="bubble-sender">{mine ? 'You' : message.sender.name}</span>{' '}
        <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
      </p>
      <p className="bubble-text">{message.text}</p>
      <AttachmentList attachments={message.attachments} />
    </li>
  );
}

const REASONS: { value: ReportReason; label: string }[] = [
  { value: 'spam', label: 'Spam' },
  { value: 'harassment', label: 'Harassment' },
  { value: 'other', label: 'Something else' },
];

function ReportDialog({ conversation, onClose }: { conversation: Conversation; onClose(): void }) {
  const report = useReportConversation();
  const toast = useToast();
  const [reason, setReason] = useState<ReportReason>('spam');
  const [details, setDetails] = useState('');
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await report.mutateAsync({ id: conversation.id, reason, details: details.trim() || undefined });
      toast.success('Thanks. Support will look at this conversation.');
      onClose();
    } catch (err) {
      toast.error(describeError(err));
    }
  };
  return (
    <Dialog title="Report this conversation" onClose={onClose} busy={report.isPending}>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <fieldset className="field">
          <legend>Why?</legend>
          {REASONS.map((r) => (
            <label key={r.value} className="checkbox-label">
              <input type="radio" name={`${id}-reason`} value={r.value} checked={reason === r.value} onChange={() => setReason(r.value)} /> {r.label}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>Details (optional)</span>
          <textarea rows={3} maxLength={2000} value={details} onChange={(e) => setDetails(e.target.value)} />
        </label>
        <div className="button-row">
          <button type="button" className="button secondary" onClick={onClose} disabled={report.isPending}>
            Cancel
          </button>
          <button type="submit" className="button danger" disabled={report.isPending}>
            Report
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Thread({ id }: { id: string }) {
  const me = useMe();
  const toast = useToast();
  const navigate = useNavigate();
  const conversation = useConversation(id);
  const thread = useThread(id);
  const send = useSendMessage(id);
  const { mutate: markRead } = useMarkConversationRead();
  const markUnread = useMarkConversationUnread();
  const change = useChangeConversation();
  const remove = useDeleteConversation();
  const [deleting, setDeleting] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [blocking, setBlocking] = useState<{ id: string; name: string; block: boolean } | null>(null);
  const blocked = useQuery(blockedIdsQuery);
  const unread = conversation.data?.unreadCount ?? 0;

  // Opening a thread (or a new message arriving in it while open) reads it.
  useEffect(() => {
    if (unread > 0) markRead(id);
  }, [id, unread, markRead]);

  const act = async (what: () => Promise<unknown>, done: string, then?: () => void) => {
    try {
      await what();
      toast.success(done);
      then?.();
    } catch (err) {
      toast.error(describeError(err));
    }
  };

  return (
    <QueryState query={conversation} failed={(error) => <ErrorState error={error} title="This conversation couldn't be opened" />}>
      {(c) => {
        const title = titleOf(c, me.member.id);
        const others = c.participants.filter((p) => p.id !== me.member.id);
        const busy = change.isPending || remove.isPending || markUnread.isPending;
        // In a direct conversation, the other member; blocked by me, nobody can write here.
        const other = others.length === 1 ? others[0]! : null;
        const iBlocked = other !== null && (blocked.data?.has(other.id) ?? false);
        return (
          <article className="thread" aria-labelledby="thread-title">
            <header className="thread-head">
              <p className="thread-back">
                <Link to="/messages">← All conversations</Link>
              </p>
              <h2 id="thread-title">{title}</h2>
              <p className="muted">{others.map((p) => (p.headline ? `${p.name}, ${p.headline}` : p.name)).join(' · ')}</p>
              <div className="thread-actions" role="group" aria-label="Conversation actions">
                <button
                  type="button"
                  className="button small secondary"
                  disabled={busy}
                  onClick={() =>
                    void act(
                      () => markUnread.mutateAsync(c.id),
                      'Marked as unread.',
                      () => void navigate('/messages'),
                    )
                  }
                >
                  Mark as unread
                </button>
                <button
                  type="button"
                  className="button small secondary"
                  disabled={busy}
                  aria-pressed={c.muted}
                  onClick={() => void act(() => change.mutateAsync({ id: c.id, muted: !c.muted }), c.muted ? 'Conversation unmuted.' : 'Conversation muted.')}
                >
                  {c.muted ? 'Unmute' : 'Mute'}
                </button>
                <button
                  type="button"
                  className="button small secondary"
                  disabled={busy}
                  onClick={() =>
                    void act(
                      () => change.mutateAsync({ id: c.id, archived: !c.archived }),
                      c.archived ? 'Moved back to your conversations.' : 'Conversation archived.',
                      c.archived ? undefined : () => void navigate('/messages'),
                    )
                  }
                >
                  {c.archived ? 'Move to inbox' : 'Archive'}
                </button>
                <button type="button" className="button small secondary" disabled={busy} onClick={() => setReporting(true)}>
                  Report
                </button>
                {other && (
                  <button
                    type="button"
                    className="button small secondary"
                    disabled={busy || blocked.isPending}
                    onClick={() => setBlocking({ id: other.id, name: other.name, block: !iBlocked })}
                  >
                    {iBlocked ? `Unblock ${other.name}` : `Block ${other.name}`}
                  </button>
                )}
                <button type="button" className="button small danger" disabled={busy} onClick={() => setDeleting(true)}>
                  Delete
                </button>
              </div>
            </header>
            <QueryState query={{ ...thread, data: thread.messages }} empty={<Empty>No messages here yet.</Empty>} moreLabel="Earlier messages">
              {(messages) => (
                <ol className="bubbles" aria-label="Messages">
                  {messages.map((m) => (
                    <MessageBubble key={m.id} message={m} mine={m.sender.id === me.member.id} />
                  ))}
                </ol>
              )}
            </QueryState>
            <Composer
              label={`Write to ${title}`}
              busy={send.isPending}
              onSend={(outgoing) => send.mutateAsync(outgoing)}
              refusal={
                iBlocked && other ? (
                  <>
                    You blocked {other.name}, so neither of you can send messages here. Unblock them from this conversation's actions or in{' '}
                    <Link to="/settings#blocked-title">Settings</Link> to write again.
                  </>
                ) : undefined
              }
            />
            {deleting && (
              <ConfirmDialog
                title="Delete this conversation?"
                confirmLabel="Delete"
                cancelLabel="Keep it"
                danger
                busy={remove.isPending}
                onConfirm={() =>
                  void act(
                    () => remove.mutateAsync(c.id),
                    'Conversation deleted.',
                    () => void navigate('/messages'),
                  ).finally(() => setDeleting(false))
                }
                onCancel={() => setDeleting(false)}
              >
                <p>It is removed from your conversations only; the others keep it. A new message brings it back.</p>
              </ConfirmDialog>
            )}
            {reporting && <ReportDialog conversation={c} onClose={() => setReporting(false)} />}
            {blocking && <BlockDialog member={blocking} block={blocking.block} onClose={() => setBlocking(null)} />}
          </article>
        );
      }}
    </QueryState>
  );
}

export function MessagesPage() {
  useTitle('Messages');
  const params = useParams();
  const [search] = useSearchParams();
  const folder: ConversationFolder = search.get('folder') === 'archived' ? 'archived' : 'inbox';
  const id = params.id;
  return (
    <div className="page wide">
      <div className="page-head">
        <h1>Messages</h1>
      </div>
      <div className={`messaging${id ? ' has-thread' : ''}`}>
        <section className="conversations-pane" aria-label="Your conversations">
          <nav className="tabs" aria-label="Conversation folders">
            <Link className="tab" to="/messages" aria-current={folder === 'inbox' ? 'page' : undefined}>
              Inbox
            </Link>
            <Link className="tab" to="/messages?folder=archived" aria-current={folder === 'archived' ? 'page' : undefined}>
              Archived
            </Link>
          </nav>
          <ConversationList folder={folder} selected={id} />
        </section>
        <section className="thread-pane" aria-label="Conversation">
          {id ? <Thread key={id} id={id} /> : <Empty>Choose a conversation to read it.</Empty>}
        </section>
      </div>
    </div>
  );
}

/** Starting a conversation with a connection: `/messages/new?to=<member id>`. */
export function NewConversationPage() {
  useTitle('New message');
  const me = useMe();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const to = search.get('to') ?? '';
  const profile = useQuery({ ...profileQuery(to), enabled: to !== '' });
  const startConversation = useStartConversation();
  const [subject, setSubject] = useState('');
  const classic = !me.features['new-messaging'];
  const subjectId = useId();

  if (!to) return <ErrorState error={new Error('Choose a connection to write to.')} title="Nobody to write to" />;
  if (profile.isPending) return <Loading />;
  return (
    <div className="page narrow">
      <div className="page-head">
        <h1>New message</h1>
      </div>
      <QueryState query={profile}>
        {(p) => (
          <div className="card form stack">
            <p>
              To: <Link to={`/members/${encodeURIComponent(p.id)}`}>{p.name}</Link>
            </p>
            {p.relationship !== 'connected' && <p className="muted">You can only write to members you are connected with.</p>}
            {classic && (
              <div className="field">
                <label htmlFor={subjectId}>Subject (optional)</label>
                <input id={subjectId} maxLength={200} value={subject} onChange={(e) => setSubject(e.target.value)} />
              </div>
            )}
            <Composer
              label={`Write to ${p.name}`}
              autoFocus
              busy={startConversation.isPending}
              onSend={async (outgoing) => {
                const done = await startConversation.mutateAsync({ memberIds: [p.id], ...outgoing, ...(subject.trim() ? { subject: subject.trim() } : {}) });
                void navigate(classic ? '/inbox/sent' : `/messages/${encodeURIComponent(done.conversation.id)}`);
              }}
            />
          </div>
        )}
      </QueryState>
    </div>
  );
}
