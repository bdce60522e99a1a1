/** Received invitations: Accept, Ignore, "I don't know this person", Report spam; one by one or together. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { When } from '../components/invitation-row';
import { ReplyDialog } from '../components/reply-dialog';
import { QueryState } from '../components/query-state';
import { Empty } from '../components/status';
import { useToast } from '../components/toasts';
import { initials, plural } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { type Answer, fetchReceivedPage, useAnswer, useAnswerMany } from '../lib/invitations';
import { describeError } from '../lib/messages';
import { keys, usePagedQuery } from '../lib/query';
import type { Invitation } from '../lib/types';

const PAGE_SIZE = 25;

const DONE_TEXT: Record<Answer, (n: string) => string> = {
  accept: (n) => `Accepted ${n}. You're now connected.`,
  ignore: (n) => `Ignored ${n}. The senders aren't told.`,
  dont_know: (n) => `Ignored ${n} and told us you don't know the senders.`,
  spam: (n) => `Ignored ${n} and reported them as spam.`,
};

export function ReceivedInvitationsPage() {
  useTitle('Received invitations');
  const toast = useToast();
  const list = usePagedQuery({ queryKey: keys.receivedList(PAGE_SIZE), fetchPage: fetchReceivedPage(PAGE_SIZE) });
  const answer = useAnswer();
  const answerMany = useAnswerMany();
  const busy = answer.isPending || answerMany.isPending;
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [replyingTo, setReplyingTo] = useState<Invitation | null>(null);
  const selectAll = useRef<HTMLInputElement>(null);
  const items = list.data;
  const ids = useMemo(() => (items ?? []).map((i) => i.id), [items]);
  // Only what is still listed counts as selected: answered ones leave the list, and the selection.
  const selected = useMemo(() => new Set(ids.filter((id) => chosen.has(id))), [ids, chosen]);
  const allSelected = ids.length > 0 && ids.every((id) => selected.has(id));

  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = selected.size > 0 && !allSelected;
  }, [selected, allSelected]);

  const answerOne = async (inv: Invitation, reply: Answer) => {
    try {
      await answer.mutateAsync({ id: inv.id, answer: reply });
      toast.success(reply === 'accept' ? `You're now connected with ${inv.sender.name}.` : DONE_TEXT[reply](`the invitation from ${inv.sender.name}`));
    } catch (err) {
      toast.error(describeError(err));
    }
  };

  const answerSelected = async (reply: Answer) => {
    if (selected.size === 0) {
      toast.show('Select invitations first.');
      return;
    }
    try {
      const { done, failed } = await answerMany.mutateAsync({ ids: [...selected], answer: reply });
      toast.success(
        DONE_TEXT[reply](plural(done.length, 'invitation')) + (failed ? ` ${plural(failed, 'invitation')} had already been answered or withdrawn.` : ''),
      );
    } catch (err) {
      toast.error(describeError(err));
    }
  };

  const toggle = (id: string) =>
    setChosen((current) => {
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
      {ids.length > 0 && (
        <div className="toolbar wrap">
          <label className="checkbox-label">
            <input ref={selectAll} type="checkbox" checked={allSelected} onChange={() => setChosen(allSelected ? new Set() : new Set(ids))} />
            <span>Select all</span>
          </label>
          <span className="muted selection-count">{selected.size > 0 ? `${selected.size} selected` : 'None selected'}</span>
          <div className="toolbar-actions">
            <button
              type="button"
              className="button small primary"
              aria-disabled={selected.size === 0}
              disabled={busy}
              onClick={() => void answerSelected('accept')}
            >
              Accept selected
            </button>
            <button
              type="button"
              className="button small secondary"
              aria-disabled={selected.size === 0}
              disabled={busy}
              onClick={() => void answerSelected('ignore')}
            >
              Ignore selected
            </button>
            <button
              type="button"
              className="button small secondary"
              aria-disabled={selected.size === 0}
              disabled={busy}
              onClick={() => void answerSelected('dont_know')}
            >
              I don't know these people
            </button>
            <button
              type="button"
              className="button small secondary"
              aria-disabled={selected.size === 0}
              disabled={busy}
              onClick={() => void answerSelected('spam')}
            >
              Report selected as spam
            </button>
          </div>
        </div>
      )}
      <QueryState
        query={list}
        empty={
          <Empty>
            Nothing is waiting for your answer. <Link to="/people-you-may-know">Find people you may know</Link>
          </Empty>
        }
      >
        {(shown) => (
          <ul className="list" aria-label="Invitations waiting for your answer">
            {shown.map((inv) => (
              <li key={inv.id} className="row">
                <input
                  type="checkbox"
                  className="row-check"
                  aria-label={`Select invitation from ${inv.sender.name}`}
                  checked={selected.has(inv.id)}
                  onChange={() => toggle(inv.id)}
                />
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
                  <button
                    type="button"
                    className="button small primary"
                    disabled={busy}
                    aria-label={`Accept invitation from ${inv.sender.name}`}
                    onClick={() => void answerOne(inv, 'accept')}
                  >
                    Accept
                  </button>
                  <button
                    type="button"
                    className="button small secondary"
                    disabled={busy}
                    aria-label={`Ignore invitation from ${inv.sender.name}`}
                    onClick={() => void answerOne(inv, 'ignore')}
                  >
                    Ignore
                  </button>
                  <button
                    type="button"
                    className="button small secondary"
                    disabled={busy}
                    aria-label={`Reply to ${inv.sender.name}`}
                    onClick={() => setReplyingTo(inv)}
                  >
                    Reply
                  </button>
                  <button
                    type="button"
                    className="button small ghost"
                    disabled={busy}
                    aria-label={`I don't know this person: ${inv.sender.name}`}
                    onClick={() => void answerOne(inv, 'dont_know')}
                  >
                    I don't know this person
                  </button>
                  <button
                    type="button"
                    className="button small ghost"
                    disabled={busy}
                    aria-label={`Report spam from ${inv.sender.name}`}
                    onClick={() => void answerOne(inv, 'spam')}
                  >
                    Report spam
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      {replyingTo && <ReplyDialog invitation={replyingTo} onClose={() => setReplyingTo(null)} />}
    </div>
  );
}
