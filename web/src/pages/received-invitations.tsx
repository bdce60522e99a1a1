/** Received invitations: Accept, Ignore, "I don't know this person", Report spam; one by one or together. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog } from '../components/dialog';
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

/** What a toast says once invitations are answered: `what` names them, `one` says whether it is one. */
const DONE_TEXT: Record<Answer, (what: string, one: boolean) => string> = {
  accept: (what) => `Accepted ${what}. You're now connected.`,
  ignore: (what, one) => `Ignored ${what}. ${one ? "The sender isn't told." : "The senders aren't told."}`,
  dont_know: (what, one) => `Ignored ${what} and told us you don't know ${one ? 'the sender' : 'the senders'}.`,
  spam: (what, one) => `Ignored ${what} and reported ${one ? 'it' : 'them'} as spam.`,
};

/** Answers that cannot be undone, or that act on many at once, and so are confirmed first. */
type Confirmable = Exclude<Answer, 'accept'>;

function confirmation(reply: Confirmable, invs: Invitation[]): { title: string; body: string; label: string } {
  const one = invs.length === 1;
  const name = invs[0]?.sender.name ?? '';
  const count = plural(invs.length, 'invitation');
  switch (reply) {
    case 'spam':
      return {
        title: one ? `Report the invitation from ${name} as spam?` : `Report ${count} as spam?`,
        body: `${one ? 'It is' : 'They are'} ignored and reported to Rapport's team, and ${one ? 'the sender' : 'the senders'} can't invite you again. Nobody is told. This can't be undone.`,
        label: 'Report spam',
      };
    case 'dont_know':
      return {
        title: one ? `You don't know ${name}?` : `You don't know the senders of ${count}?`,
        body: `${one ? 'The invitation is' : 'The invitations are'} ignored, and ${one ? `${name} can't` : "they can't"} invite you again. Nobody is told. This can't be undone.`,
        label: one ? "I don't know this person" : "I don't know these people",
      };
    case 'ignore':
      return {
        title: one ? 'Ignore 1 invitation?' : `Ignore ${count}?`,
        body: `${one ? 'It leaves' : 'They leave'} this list, and ${one ? "the sender isn't" : "the senders aren't"} told.`,
        label: one ? 'Ignore it' : 'Ignore them',
      };
  }
}

export function ReceivedInvitationsPage() {
  useTitle('Received invitations');
  const toast = useToast();
  const list = usePagedQuery({ queryKey: keys.receivedList(PAGE_SIZE), fetchPage: fetchReceivedPage(PAGE_SIZE) });
  const answer = useAnswer();
  const answerMany = useAnswerMany();
  const busy = answer.isPending || answerMany.isPending;
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [replyingTo, setReplyingTo] = useState<Invitation | null>(null);
  const [confirming, setConfirming] = useState<{ reply: Confirmable; invs: Invitation[]; many: boolean } | null>(null);
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
      toast.success(reply === 'accept' ? `You're now connected with ${inv.sender.name}.` : DONE_TEXT[reply](`the invitation from ${inv.sender.name}`, true));
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
        DONE_TEXT[reply](plural(done.length, 'invitation'), done.length === 1) +
          (failed ? ` ${plural(failed, 'invitation')} had already been answered or withdrawn.` : ''),
      );
    } catch (err) {
      toast.error(describeError(err));
    }
  };

  /** Confirms a bulk answer for what is selected (or says to select first). */
  const askSelected = (reply: Confirmable) => {
    if (selected.size === 0) {
      toast.show('Select invitations first.');
      return;
    }
    setConfirming({ reply, invs: (items ?? []).filter((i) => selected.has(i.id)), many: true });
  };

  const confirmAnswer = async () => {
    if (!confirming) return;
    const { reply, invs, many } = confirming;
    if (many) await answerSelected(reply);
    else await answerOne(invs[0]!, reply);
    setConfirming(null);
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
            <button type="button" className="button small secondary" aria-disabled={selected.size === 0} disabled={busy} onClick={() => askSelected('ignore')}>
              Ignore selected
            </button>
            <button
              type="button"
              className="button small secondary"
              aria-disabled={selected.size === 0}
              disabled={busy}
              onClick={() => askSelected('dont_know')}
            >
              I don't know these people
            </button>
            <button type="button" className="button small secondary" aria-disabled={selected.size === 0} disabled={busy} onClick={() => askSelected('spam')}>
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
                    onClick={() => setConfirming({ reply: 'dont_know', invs: [inv], many: false })}
                  >
                    I don't know this person
                  </button>
                  <button
                    type="button"
                    className="button small ghost"
                    disabled={busy}
                    aria-label={`Report spam from ${inv.sender.name}`}
                    onClick={() => setConfirming({ reply: 'spam', invs: [inv], many: false })}
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
      {confirming &&
        (() => {
          const c = confirmation(confirming.reply, confirming.invs);
          return (
            <ConfirmDialog
              title={c.title}
              confirmLabel={c.label}
              cancelLabel={confirming.invs.length === 1 ? 'Keep it' : 'Keep them'}
              danger={confirming.reply !== 'ignore'}
              busy={busy}
              onConfirm={() => void confirmAnswer()}
              onCancel={() => setConfirming(null)}
            >
              <p>{c.body}</p>
            </ConfirmDialog>
          );
        })()}
    </div>
  );
}
