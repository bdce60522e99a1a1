/** Received invitations: Accept, Ignore, "I don't know this person", Report spam; one by one or together. */
import { useMemo, useRef, useState, useEffect } from 'react';
import { When } from '../components/invitation-row';
import { Empty, ErrorState, Loading, LoadMore } from '../components/status';
import { useToast } from '../components/toasts';
import { api } from '../lib/api';
import { initials, plural } from '../lib/format';
import { usePaged, useTitle } from '../lib/hooks';
import { acceptInvitation, ignoreInvitation } from '../lib/invitations';
import { describeError } from '../lib/messages';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import type { Invitation, Page, RespondResult } from '../lib/types';

type Answer = 'accept' | 'ignore' | 'dont_know' | 'spam';

const DONE_TEXT: Record<Answer, (n: string) => string> = {
  accept: (n) => `Accepted ${n}. You're now connected.`,
  ignore: (n) => `Ignored ${n}. The senders aren't told.`,
  dont_know: (n) => `Ignored ${n} and told us you don't know the senders.`,
  spam: (n) => `Ignored ${n} and reported them as spam.`,
};

/** Answers many invitations: accept and ignore in one request, the reports one by one. */
async function answerMany(ids: string[], answer: Answer): Promise<{ done: string[]; failed: number }> {
  if (answer === 'accept' || answer === 'ignore') {
    const result = await api<RespondResult>('POST', '/invitations/respond', { body: { ids, action: answer } });
    return { done: result.done, failed: result.skipped.length };
  }
  const outcomes = await Promise.allSettled(ids.map((id) => ignoreInvitation(id, answer)));
  return { done: ids.filter((_, i) => outcomes[i]!.status === 'fulfilled'), failed: outcomes.filter((o) => o.status === 'rejected').length };
}

export function ReceivedInvitationsPage() {
  useTitle('Received invitations');
  const toast = useToast();
  const { refresh } = useSession();
  const list = usePaged<Invitation>(
    (cursor) => `/invitations/received?limit=25${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    (path, signal) => api<Page<Invitation>>('GET', path, { signal }),
    [],
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const selectAll = useRef<HTMLInputElement>(null);
  const ids = useMemo(() => list.items.map((i) => i.id), [list.items]);
  const allSelected = ids.length > 0 && ids.every((id) => selected.has(id));

  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = selected.size > 0 && !allSelected;
  }, [selected, allSelected]);

  const finish = (done: string[]) => {
    const gone = new Set(done);
    list.remove((inv) => !gone.has(inv.id));
    setSelected((current) => new Set([...current].filter((id) => !gone.has(id))));
    void refresh();
  };

  const answerOne = async (inv: Invitation, answer: Answer) => {
    setBusy(true);
    try {
      if (answer === 'accept') await acceptInvitation(inv.id);
      else await ignoreInvitation(inv.id, answer === 'ignore' ? undefined : answer);
      toast.success(answer === 'accept' ? `You're now connected with ${inv.sender.name}.` : DONE_TEXT[answer](`the invitation from ${inv.sender.name}`));
      finish([inv.id]);
    } catch (err) {
      toast.error(describeError(err));
      if ((err as { code?: string }).code === 'not_pending' || (err as { code?: string }).code === 'not_found') finish([inv.id]);
    } finally {
      setBusy(false);
    }
  };

  const answerSelected = async (answer: Answer) => {
    if (selected.size === 0) {
      toast.show('Select invitations first.');
      return;
    }
    setBusy(true);
    try {
      const { done, failed } = await answerMany([...selected], answer);
      toast.success(DONE_TEXT[answer](plural(done.length, 'invitation')) + (failed ? ` ${plural(failed, 'invitation')} had already been answered or withdrawn.` : ''));
      finish([...selected]);
    } catch (err) {
      toast.error(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="page">
      <div className="page-head">
        <h1>Received invitations</h1>
        <p className="muted">People waiting for your answer. Senders are never told that you ignored them.</p>
      </div>
      {list.items.length > 0 && (
        <div className="toolbar wrap">
          <label className="checkbox-label">
            <input ref={selectAll} type="checkbox" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(ids))} />
            <span>Select all</span>
          </label>
          <span className="muted selection-count">{selected.size > 0 ? `${selected.size} selected` : 'None selected'}</span>
          <div className="toolbar-actions">
            <button type="button" className="button small primary" aria-disabled={selected.size === 0} disabled={busy} onClick={() => void answerSelected('accept')}>
              Accept selected
            </button>
            <button type="button" className="button small secondary" aria-disabled={selected.size === 0} disabled={busy} onClick={() => void answerSelected('ignore')}>
              Ignore selected
            </button>
            <button type="button" className="button small secondary" aria-disabled={selected.size === 0} disabled={busy} onClick={() => void answerSelected('dont_know')}>
              I don't know these people
            </button>
            <button type="button" className="button small secondary" aria-disabled={selected.size === 0} disabled={busy} onClick={() => void answerSelected('spam')}>
              Report selected as spam
            </button>
          </div>
        </div>
      )}
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <Empty>
          Nothing is waiting for your answer. <Link to="/people-you-may-know">Find people you may know</Link>
        </Empty>
      ) : (
        <ul className="list" aria-label="Invitations waiting for your answer">
          {list.items.map((inv) => (
            <li key={inv.id} className="row">
              <input type="checkbox" className="row-check" aria-label={`Select invitation from ${inv.sender.name}`} checked={selected.has(inv.id)} onChange={() => toggle(inv.id)} />
              <span className="avatar" aria-hidden="true">
                {initials(inv.sender.name)}
              </span>
              <div className="row-main">
                <p className="row-title">
                  <Link to={`/members/${encodeURIComponent(inv.sender.id)}`}>{inv.sender.name}</Link>
                </p>
                {inv.message && <p className="note">{inv.message}</p>}
                <p className="meta">
                  <When iso={inv.createdAt} prefix="Received" />
                </p>
              </div>
              <div className="row-actions wrap">
                <button type="button" className="button small primary" disabled={busy} aria-label={`Accept invitation from ${inv.sender.name}`} onClick={() => void answerOne(inv, 'accept')}>
                  Accept
                </button>
                <button type="button" className="button small secondary" disabled={busy} aria-label={`Ignore invitation from ${inv.sender.name}`} onClick={() => void answerOne(inv, 'ignore')}>
                  Ignore
                </button>
                <button type="button" className="button small ghost" disabled={busy} aria-label={`I don't know this person: ${inv.sender.name}`} onClick={() => void answerOne(inv, 'dont_know')}>
                  I don't know this person
                </button>
                <button type="button" className="button small ghost" disabled={busy} aria-label={`Report spam from ${inv.sender.name}`} onClick={() => void answerOne(inv, 'spam')}>
                  Report spam
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <LoadMore hasMore={list.hasMore && !list.loading} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} />
    </div>
  );
}
