/** The dev mailbox (admins): messages kept locally because no SMTP server or SMS gateway is set. */
import { QueryState } from '../components/query-state';
import { Empty, ErrorState } from '../components/status';
import { api, ApiError } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { keys, usePagedQuery } from '../lib/query';
import { useMe } from '../lib/session';

/** Links from our own messages, shown as links only when they are web addresses. */
function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export default function DevMailboxPage() {
  useTitle('Dev mailbox');
  const me = useMe();
  const admin = me.member.role === 'admin';
  const list = usePagedQuery({
    queryKey: keys.mailbox,
    fetchPage: (cursor, signal) => api('get', '/dev/mailbox', { query: { limit: 20, cursor: cursor ?? undefined }, signal }),
    enabled: admin,
  });

  return (
    <div className="page">
      <div className="page-head">
        <h1>Dev mailbox</h1>
        <p className="muted">E-mails and text messages Rapport would have sent. It is on only while no SMTP server or SMS gateway is configured.</p>
      </div>
      {!admin ? (
        <p>This page is for administrators.</p>
      ) : (
        <QueryState
          query={list}
          failed={(error, retry) =>
            error instanceof ApiError && error.code === 'not_found' ? (
              <p>The dev mailbox is off: an SMTP server and an SMS gateway are configured.</p>
            ) : (
              <ErrorState error={error} onRetry={retry} />
            )
          }
          empty={<Empty>No messages yet.</Empty>}
        >
          {(items) => (
            <ul className="list mailbox">
              {items.map((m) => (
                <li key={m.id} className="card mail">
                  <p className="row-title">
                    <strong>{m.subject || '(text message)'}</strong>
                  </p>
                  <p className="meta">
                    To {m.to} · {m.channel === 'sms' ? 'Text message' : 'E-mail'} · {formatDateTime(m.sentAt)}
                  </p>
                  <pre className="mail-text">{m.text}</pre>
                  {m.links.length > 0 && (
                    <ul className="plain-list">
                      {m.links.filter(isWebLink).map((href) => (
                        <li key={href}>
                          <a href={href} rel="noreferrer">
                            {href}
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      )}
    </div>
  );
}
