/** Contacts import: a CSV or vCard file in; members found (Connect) and others to invite together. */
import { type ChangeEvent, useState } from 'react';
import { Link } from 'react-router';
import { ConnectDialog } from '../components/connect-dialog';
import { ErrorState } from '../components/status';
import { useToast } from '../components/toasts';
import { api, ApiError } from '../lib/api';
import { plural } from '../lib/format';
import { useTitle } from '../lib/hooks';
import { useSendBatch } from '../lib/invitations';
import { describeError } from '../lib/messages';
import type { ContactsImport } from '../lib/types';

/** The content type the API wants for a file, from its type or its name. */
function contentTypeOf(file: File): string | null {
  const name = file.name.toLowerCase();
  if (file.type === 'text/csv' || name.endsWith('.csv')) return 'text/csv';
  if (file.type === 'text/vcard' || file.type === 'text/x-vcard' || name.endsWith('.vcf') || name.endsWith('.vcard')) return 'text/vcard';
  return null;
}

const RELATIONSHIP: Record<string, string> = { connected: 'Connected', invitation_sent: 'Pending', invitation_received: 'Invited you', self: 'You' };

export default function ContactsImportPage() {
  useTitle('Import contacts');
  const toast = useToast();
  const sendBatch = useSendBatch();
  const [result, setResult] = useState<ContactsImport | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [outcomes, setOutcomes] = useState<Record<string, string>>({});
  const [connecting, setConnecting] = useState<{ id: string; name: string } | null>(null);
  const [invited, setInvited] = useState<Set<string>>(new Set());

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const type = contentTypeOf(file);
    if (!type) {
      setError('Choose a CSV file (.csv) or a vCard file (.vcf).');
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    setOutcomes({});
    try {
      const found = await api('post', '/contacts/import', { raw: { data: file, contentType: type } });
      setResult(found);
      setSelected(new Set());
    } catch (err) {
      setError(err instanceof ApiError ? err : describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const inviteSelected = async () => {
    if (selected.size === 0) {
      toast.show('Select the people you want to invite first.');
      return;
    }
    setBusy(true);
    try {
      const reply = await sendBatch.mutateAsync([...selected]);
      const next: Record<string, string> = { ...outcomes };
      let ok = 0;
      for (const r of reply.results) {
        const email = r.recipient.email ?? '';
        if (r.invitation) ok++;
        next[email] = r.invitation ? 'Invited' : describeError(new ApiError(400, r.error?.code ?? 'unexpected', r.error?.message ?? ''));
      }
      setOutcomes(next);
      setSelected(new Set());
      toast.success(
        `Sent ${plural(ok, 'invitation')}.` +
          (ok < reply.results.length ? ` ${plural(reply.results.length - ok, 'invitation')} could not be sent; see below.` : ''),
      );
    } catch (err) {
      toast.error(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const others = result?.others ?? [];
  const selectable = others.filter((o) => outcomes[o.email] !== 'Invited');
  const allSelected = selectable.length > 0 && selectable.every((o) => selected.has(o.email));

  return (
    <div className="page">
      <div className="page-head">
        <h1>Import contacts</h1>
        <p className="muted">
          Find people you know among your contacts, and invite the others. Export a CSV file from Google, Outlook or Apple Contacts, or a vCard (.vcf) file.
        </p>
      </div>
      <div className="card section">
        <label className="field">
          <span>Contacts file</span>
          <input type="file" accept=".csv,.vcf,.vcard,text/csv,text/vcard" onChange={(e) => void onFile(e)} disabled={busy} />
        </label>
        {busy && !result && <p role="status">Reading your contacts…</p>}
        {error &&
          (typeof error === 'string' ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : (
            <ErrorState title="The file couldn't be imported" error={error} />
          ))}
      </div>

      {result && (
        <>
          <section className="section" aria-labelledby="found-title">
            <h2 id="found-title">On Rapport ({result.members.length.toLocaleString()})</h2>
            {result.members.length === 0 ? (
              <p className="muted">None of your contacts is on Rapport yet.</p>
            ) : (
              <ul className="list">
                {result.members.map((m) => (
                  <li key={m.member.id} className="row">
                    <div className="row-main">
                      <p className="row-title">
                        <Link to={`/members/${encodeURIComponent(m.member.id)}`}>{m.member.name}</Link>
                        <span className="muted"> · {m.email}</span>
                      </p>
                      <p className="meta">{m.member.headline}</p>
                    </div>
                    <div className="row-actions">
                      {invited.has(m.member.id) ? (
                        <span className="chip">Pending</span>
                      ) : m.relationship === 'none' ? (
                        <button
                          type="button"
                          className="button small primary"
                          aria-label={`Connect with ${m.member.name}`}
                          onClick={() => setConnecting(m.member)}
                        >
                          Connect
                        </button>
                      ) : (
                        <span className="chip">{RELATIONSHIP[m.relationship] ?? m.relationship}</span>
                      )}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="section" aria-labelledby="others-title">
            <h2 id="others-title">Not on Rapport yet ({others.length.toLocaleString()})</h2>
            {others.length > 0 && (
              <div className="toolbar">
                <label className="checkbox-label">
                  <input
                    type="checkbox"
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((o) => o.email)))}
                  />
                  <span>Select all</span>
                </label>
                <span className="muted selection-count">{selected.size} selected</span>
                <button type="button" className="button primary" aria-disabled={selected.size === 0} disabled={busy} onClick={() => void inviteSelected()}>
                  Invite selected
                </button>
              </div>
            )}
            <ul className="list">
              {others.map((o) => (
                <li key={o.email} className="row">
                  <input
                    type="checkbox"
                    className="row-check"
                    aria-label={`Select ${o.name || o.email}`}
                    checked={selected.has(o.email)}
                    disabled={outcomes[o.email] === 'Invited'}
                    onChange={() =>
                      setSelected((current) => {
                        const next = new Set(current);
                        if (next.has(o.email)) next.delete(o.email);
                        else next.add(o.email);
                        return next;
                      })
                    }
                  />
                  <div className="row-main">
                    <p className="row-title">{o.name || o.email}</p>
                    <p className="meta">
                      {o.email}
                      {outcomes[o.email] && (
                        <>
                          {' '}
                          · <span className={outcomes[o.email] === 'Invited' ? 'success-text' : 'warning-text'}>{outcomes[o.email]}</span>
                        </>
                      )}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
            {result.skipped.length > 0 && (
              <p className="muted">{plural(result.skipped.length, 'row')} of the file had no usable e-mail address and were skipped.</p>
            )}
          </section>
        </>
      )}
      {connecting && (
        <ConnectDialog
          member={connecting}
          onClose={() => setConnecting(null)}
          onSent={() => {
            setInvited((current) => new Set(current).add(connecting.id));
            setConnecting(null);
          }}
        />
      )}
    </div>
  );
}
