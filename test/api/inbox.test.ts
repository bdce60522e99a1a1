import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerOnce } from '../../src/delivery/worker.js';
import { unreadCountsQuery } from '../../src/inbox/store.js';
import { DIALECTS } from '../support/databases.js';
import { as, call, createHarness, DAY, type Harness, makeMember, setFeature, type TestMember } from '../support/harness.js';

interface InboxItem {
  id: string;
  kind: string;
  subject: string;
  counterpart: { memberId?: string; name: string };
  read: boolean;
  invitation?: { id: string; status: string; withdrawable: boolean };
}

describe.each(DIALECTS)('the inbox (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  const inbox = async (m: Parameters<typeof as>[1], folder?: 'received' | 'sent', query = '') => {
    const res = await as(h, m).get(`/api/v1/inbox?${folder ? `folder=${folder}&` : ''}${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: InboxItem[]; nextCursor: string | null };
  };

  it('shows an invitation as a message in the recipient’s Received and the sender’s Sent folder', async () => {
    const alice = await makeMember(h, { name: 'Alice Inbox' });
    const bob = await makeMember(h, { name: 'Bob Inbox' });
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id, message: 'Met at the conference' });

    const received = await inbox(bob, 'received');
    expect(received.items).toHaveLength(1);
    expect(received.items[0]).toMatchObject({
      id: sent.body.id,
      kind: 'invitation',
      subject: 'Alice Inbox would like to connect',
      counterpart: { memberId: alice.id, name: 'Alice Inbox' },
      createdAt: sent.body.createdAt,
      read: false,
      invitation: { id: sent.body.id, status: 'pending', message: 'Met at the conference' },
    });
    // Received is the default folder.
    expect((await inbox(bob)).items.map((i) => i.id)).toEqual([sent.body.id]);

    const outgoing = await inbox(alice, 'sent');
    expect(outgoing.items).toHaveLength(1);
    expect(outgoing.items[0]).toMatchObject({
      id: sent.body.id,
      kind: 'invitation',
      subject: 'Invitation to connect with Bob Inbox',
      counterpart: { memberId: bob.id, name: 'Bob Inbox' },
      invitation: { status: 'pending', withdrawable: true },
    });
    // Each folder holds only its own side.
    expect((await inbox(alice, 'received')).items).toEqual([]);
    expect((await inbox(bob, 'sent')).items).toEqual([]);
  });

  it('names a non-member counterpart by address', async () => {
    const alice = await makeMember(h);
    const address = `friend.${Date.now()}@example.test`;
    await as(h, alice).post('/api/v1/invitations', { email: address });
    const [item] = (await inbox(alice, 'sent')).items;
    expect(item!.counterpart).toEqual({ name: address });
    expect(item!.subject).toBe(`Invitation to connect with ${address}`);
  });

  it('marks accepted invitations accepted, in both folders', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
    await as(h, bob).post(`/api/v1/invitations/${sent.body.id}/accept`);
    expect((await inbox(bob, 'received')).items[0]!.invitation).toMatchObject({ id: sent.body.id, status: 'accepted', withdrawable: false });
    expect((await inbox(alice, 'sent')).items[0]!.invitation).toMatchObject({ id: sent.body.id, status: 'accepted', withdrawable: false });
  });

  it('a withdrawn invitation leaves the recipient’s Received folder and stays in the sender’s Sent folder as withdrawn', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
    expect((await inbox(bob, 'received')).items).toHaveLength(1);
    await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
    expect((await inbox(bob, 'received')).items).toEqual([]);
    const [item] = (await inbox(alice, 'sent')).items;
    expect(item).toMatchObject({ id: sent.body.id, invitation: { status: 'withdrawn', withdrawable: false } });
  });

  it('an ignored invitation is archived for the recipient and still awaiting a response for the sender', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
    await as(h, bob).post(`/api/v1/invitations/${sent.body.id}/ignore`, { reason: 'dont_know' });
    expect((await inbox(bob, 'received')).items).toEqual([]);
    expect((await inbox(alice, 'sent')).items[0]!.invitation).toMatchObject({ status: 'pending', withdrawable: true });
  });

  it('an expired invitation shows as expired, without a withdraw action', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
    h.clock.advance(h.config.invitationTtlMs + DAY);
    expect((await inbox(alice, 'sent')).items[0]!.invitation).toMatchObject({ id: sent.body.id, status: 'expired', withdrawable: false });
    expect((await inbox(bob, 'received')).items[0]!.invitation).toMatchObject({ id: sent.body.id, status: 'expired' });
  });

  it('pages newest first', async () => {
    const bob = await makeMember(h);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sender = await makeMember(h);
      ids.push((await as(h, sender).post('/api/v1/invitations', { memberId: bob.id })).body.id);
      h.clock.advance(1000);
    }
    const first = await inbox(bob, 'received', 'limit=2');
    expect(first.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await inbox(bob, 'received', `limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses an unknown folder and needs credentials', async () => {
    const bob = await makeMember(h);
    const bad = await as(h, bob).get('/api/v1/inbox?folder=spam');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.message).toContain('folder');
    const anonymous = await as(h, { ...bob, token: '' }).get('/api/v1/inbox');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
  });

  describe('withdrawing from the inbox', () => {
    it('needs the inbox-withdraw flag: 403 feature_unavailable without it, and nothing changes', async () => {
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
      const refused = await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`, { via: 'inbox' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('feature_unavailable');
      expect((await inbox(alice, 'sent')).items[0]!.invitation).toMatchObject({ status: 'pending', withdrawable: true });
      expect((await inbox(bob, 'received')).items).toHaveLength(1);
    });

    it('with the flag, withdraws and audits the path as inbox', async () => {
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      await setFeature(h, 'inbox-withdraw', { rolloutPercent: 0, allow: [alice.id] });
      expect((await as(h, alice).get('/api/v1/me')).body.features['inbox-withdraw']).toBe(true);
      const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
      const done = await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`, { via: 'inbox' });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ id: sent.body.id, status: 'withdrawn' });
      expect((await inbox(bob, 'received')).items).toEqual([]);

      const audit = await h.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('invitation_id', '=', sent.body.id)
        .where('action', '=', 'invitation.withdrawn')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: alice.id, subject_member_id: alice.id, path: 'inbox' });
      const row = await h.database.db
        .selectFrom('invitations')
        .select(['withdraw_path', 'withdrawn_by'])
        .where('id', '=', sent.body.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ withdraw_path: 'inbox', withdrawn_by: alice.id });
    });

    it('a plain withdrawal is audited as api, whether or not the member has the flag', async () => {
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
      await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
      const audit = await h.database.db
        .selectFrom('audit_log')
        .select('path')
        .where('invitation_id', '=', sent.body.id)
        .where('action', '=', 'invitation.withdrawn')
        .execute();
      expect(audit).toEqual([{ path: 'api' }]);
    });

    it('refuses an unknown via', async () => {
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      const sent = await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
      const res = await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`, { via: 'carrier-pigeon' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect((await inbox(alice, 'sent')).items[0]!.invitation!.status).toBe('pending');
    });
  });

  describe('read and unread', () => {
    interface Counts {
      received: number;
      sent: number;
      total: number;
    }

    const invite = async (from: TestMember, to: TestMember) => {
      const res = await as(h, from).post('/api/v1/invitations', { memberId: to.id });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const unread = async (m: TestMember): Promise<Counts> => {
      const res = await as(h, m).get('/api/v1/inbox/unread');
      expect(res.status).toBe(200);
      return res.body;
    };
    const mark = (m: TestMember, id: string, state: 'read' | 'unread' = 'read') => as(h, m).post(`/api/v1/inbox/${encodeURIComponent(id)}/${state}`);
    const readFlag = async (m: TestMember, folder: 'received' | 'sent', id: string) =>
      (await inbox(m, folder, 'limit=100')).items.find((i) => i.id === id)?.read;
    /** The unread items of both folders, as listed, page by page. */
    const listedUnread = async (m: TestMember): Promise<Counts> => {
      const counts = { received: 0, sent: 0, total: 0 };
      for (const folder of ['received', 'sent'] as const) {
        for (let cursor: string | null = null, first = true; first || cursor; first = false) {
          const page = await inbox(m, folder, `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
          counts[folder] += page.items.filter((i) => !i.read).length;
          cursor = page.nextCursor;
        }
      }
      return { ...counts, total: counts.received + counts.sent };
    };

    it('a received invitation is unread until opened; the sender’s copy is read from the start', async () => {
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      const id = await invite(alice, bob);
      expect(await readFlag(bob, 'received', id)).toBe(false);
      expect(await readFlag(alice, 'sent', id)).toBe(true);
      expect(await unread(bob)).toEqual({ received: 1, sent: 0, total: 1 });
      expect(await unread(alice)).toEqual({ received: 0, sent: 0, total: 0 });
      expect((await as(h, bob).get('/api/v1/me')).body.inboxUnread).toEqual({ received: 1, sent: 0, total: 1 });

      const opened = await mark(bob, id);
      expect(opened.status).toBe(200);
      expect(opened.body).toEqual({ id, read: true, unread: { received: 0, sent: 0, total: 0 } });
      expect(await readFlag(bob, 'received', id)).toBe(true);
      expect((await as(h, bob).get('/api/v1/me')).body.inboxUnread).toEqual({ received: 0, sent: 0, total: 0 });
      // Reading it does not answer it.
      expect((await inbox(bob, 'received')).items[0]!.invitation!.status).toBe('pending');
      // Again: the same reply, no change.
      expect((await mark(bob, id)).body).toEqual(opened.body);
      expect(await readFlag(bob, 'received', id)).toBe(true);
    });

    it('marks only the caller’s side, and can make a message unread again', async () => {
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      const id = await invite(alice, bob);
      expect((await mark(alice, id, 'unread')).body).toEqual({ id, read: false, unread: { received: 0, sent: 1, total: 1 } });
      expect(await readFlag(alice, 'sent', id)).toBe(false);
      expect(await readFlag(bob, 'received', id)).toBe(false);
      await mark(bob, id);
      expect(await readFlag(alice, 'sent', id)).toBe(false);
      await mark(alice, id);
      expect(await readFlag(alice, 'sent', id)).toBe(true);
      expect(await readFlag(bob, 'received', id)).toBe(true);
      const again = await mark(bob, id, 'unread');
      expect(again.body).toEqual({ id, read: false, unread: { received: 1, sent: 0, total: 1 } });
      expect(await readFlag(bob, 'received', id)).toBe(false);
      expect(await readFlag(alice, 'sent', id)).toBe(true);
    });

    it('another member’s message, an unknown id, and a withdrawn invitation to its recipient are 404 not_found', async () => {
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      const carol = await makeMember(h);
      const id = await invite(alice, bob);
      for (const state of ['read', 'unread'] as const) {
        const other = await mark(carol, id, state);
        expect(other.status).toBe(404);
        expect(other.body.error.code).toBe('not_found');
        expect((await mark(carol, 'no-such-invitation', state)).status).toBe(404);
      }
      expect(await readFlag(bob, 'received', id)).toBe(false);

      await as(h, alice).post(`/api/v1/invitations/${id}/withdraw`);
      for (const state of ['read', 'unread'] as const) {
        const gone = await mark(bob, id, state);
        expect(gone.status).toBe(404);
        expect(gone.body.error.code).toBe('not_found');
      }
      // The sender still has it in the Sent folder, withdrawn, and may mark it.
      expect((await mark(alice, id, 'unread')).status).toBe(200);
      expect(await readFlag(alice, 'sent', id)).toBe(false);
      // The unread withdrawn invitation no longer counts for its recipient.
      expect(await unread(bob)).toEqual({ received: 0, sent: 0, total: 0 });
    });

    it('an ignored invitation is archived: it is not the recipient’s to mark, and does not count', async () => {
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      const id = await invite(alice, bob);
      await as(h, bob).post(`/api/v1/invitations/${id}/ignore`);
      expect((await mark(bob, id, 'unread')).status).toBe(404);
      expect(await unread(bob)).toEqual({ received: 0, sent: 0, total: 0 });
      // The sender is not told of an ignore: nothing new in the Sent folder.
      expect(await unread(alice)).toEqual({ received: 0, sent: 0, total: 0 });
    });

    it('an acceptance is news to the sender, whichever way it was made', async () => {
      const alice = await makeMember(h);
      const viaApi = await makeMember(h);
      const viaBatch = await makeMember(h);
      const first = await invite(alice, viaApi);
      const second = await invite(alice, viaBatch);
      expect(await unread(alice)).toEqual({ received: 0, sent: 0, total: 0 });

      await as(h, viaApi).post(`/api/v1/invitations/${first}/accept`);
      expect(await readFlag(alice, 'sent', first)).toBe(false);
      expect(await readFlag(alice, 'sent', second)).toBe(true);
      expect(await unread(alice)).toEqual({ received: 0, sent: 1, total: 1 });
      // Accepting reads it for the recipient.
      expect(await readFlag(viaApi, 'received', first)).toBe(true);
      expect(await unread(viaApi)).toEqual({ received: 0, sent: 0, total: 0 });

      const batch = await as(h, viaBatch).post('/api/v1/invitations/respond', { ids: [second], action: 'accept' });
      expect(batch.body.done).toEqual([second]);
      expect(await readFlag(alice, 'sent', second)).toBe(false);
      expect(await unread(alice)).toEqual({ received: 0, sent: 2, total: 2 });

      expect((await mark(alice, first)).body.unread).toEqual({ received: 0, sent: 1, total: 1 });
      expect(await readFlag(alice, 'sent', first)).toBe(true);
    });

    it('an acceptance through an e-mail link is news to the sender too', async () => {
      const alice = await makeMember(h);
      const address = `guest.${Date.now().toString(36)}@example.test`;
      const sent = await as(h, alice).post('/api/v1/invitations', { email: address });
      await runWorkerOnce(h.database.db, h.services.deps);
      const mail = await h.database.db.selectFrom('dev_mailbox').select('links').where('to_address', '=', address).executeTakeFirstOrThrow();
      const token = (JSON.parse(mail.links) as string[]).map((l) => /\/i\/([A-Za-z0-9_-]{32,})$/.exec(l)?.[1]).find(Boolean)!;
      const guest = await makeMember(h, { email: address });
      expect(await unread(alice)).toEqual({ received: 0, sent: 0, total: 0 });
      const accepted = await as(h, guest).post(`/api/v1/invitation-links/${token}/accept`);
      expect(accepted.status).toBe(200);
      expect(await readFlag(alice, 'sent', sent.body.id)).toBe(false);
      expect(await unread(alice)).toEqual({ received: 0, sent: 1, total: 1 });
      expect(await unread(guest)).toEqual({ received: 0, sent: 0, total: 0 });
    });

    it('the counts are the unread items the folders list, whatever became of the invitations', async () => {
      const bob = await makeMember(h);
      const senders = await Promise.all(Array.from({ length: 7 }, () => makeMember(h)));
      const ids: string[] = [];
      for (const sender of senders) ids.push(await invite(sender, bob));
      const others = await Promise.all(Array.from({ length: 3 }, () => makeMember(h)));
      const sentIds: string[] = [];
      for (const other of others) sentIds.push(await invite(bob, other));
      // The first and the last stay pending and unread.
      const [, read, accepted, ignored, reported, withdrawn] = ids as [string, string, string, string, string, string];
      await mark(bob, read);
      await as(h, bob).post(`/api/v1/invitations/${accepted}/accept`);
      await as(h, bob).post(`/api/v1/invitations/${ignored}/ignore`);
      await as(h, bob).post(`/api/v1/invitations/${reported}/ignore`, { reason: 'spam' });
      await as(h, senders[5]!).post(`/api/v1/invitations/${withdrawn}/withdraw`);
      await as(h, others[0]!).post(`/api/v1/invitations/${sentIds[0]}/accept`);
      // Ignored and withdrawn ones stay unread in the table but are not shown, so they do not count.
      await h.database.db.updateTable('invitations').set({ recipient_read: 0 }).where('id', 'in', [ignored, reported, withdrawn]).execute();

      let counts = await unread(bob);
      expect(counts).toEqual(await listedUnread(bob));
      expect(counts).toEqual({ received: 2, sent: 1, total: 3 });

      // Past their lifetime, open invitations are still listed (as expired) and still unread.
      h.clock.advance(h.config.invitationTtlMs + DAY);
      counts = await unread(bob);
      expect(counts).toEqual(await listedUnread(bob));
      expect(counts).toEqual({ received: 2, sent: 1, total: 3 });
      expect((await as(h, bob).get('/api/v1/me')).body.inboxUnread).toEqual(counts);
    });

    it('marks a whole folder, or both, read at once', async () => {
      const bob = await makeMember(h);
      const senders = await Promise.all(Array.from({ length: 3 }, () => makeMember(h)));
      const ids: string[] = [];
      for (const sender of senders) ids.push(await invite(sender, bob));
      const carol = await makeMember(h);
      const dave = await makeMember(h);
      const toCarol = await invite(bob, carol);
      await invite(bob, dave);
      await as(h, carol).post(`/api/v1/invitations/${toCarol}/accept`);
      await mark(bob, ids[0]!);
      expect(await unread(bob)).toEqual({ received: 2, sent: 1, total: 3 });
      // Another member's unread message is not touched.
      const other = await makeMember(h);
      const othersId = await invite(senders[0]!, other);

      const received = await as(h, bob).post('/api/v1/inbox/read-all?folder=received');
      expect(received.status).toBe(200);
      expect(received.body).toEqual({ marked: 2, unread: { received: 0, sent: 1, total: 1 } });
      expect((await inbox(bob, 'received')).items.every((i) => i.read)).toBe(true);
      expect(await readFlag(bob, 'sent', toCarol)).toBe(false);

      const again = await as(h, bob).post('/api/v1/inbox/read-all?folder=received');
      expect(again.body).toEqual({ marked: 0, unread: { received: 0, sent: 1, total: 1 } });

      await mark(bob, ids[1]!, 'unread');
      const all = await as(h, bob).post('/api/v1/inbox/read-all');
      expect(all.body).toEqual({ marked: 2, unread: { received: 0, sent: 0, total: 0 } });
      expect(await listedUnread(bob)).toEqual({ received: 0, sent: 0, total: 0 });
      expect(await readFlag(other, 'received', othersId)).toBe(false);

      const bad = await as(h, bob).post('/api/v1/inbox/read-all?folder=spam');
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('validation_failed');
    });

    it('needs credentials', async () => {
      for (const [method, url] of [
        ['GET', '/api/v1/inbox/unread'],
        ['POST', '/api/v1/inbox/some-id/read'],
        ['POST', '/api/v1/inbox/some-id/unread'],
        ['POST', '/api/v1/inbox/read-all'],
      ] as const) {
        const res = await call(h, method, url);
        expect(res.status, url).toBe(401);
        expect(res.body.error.code).toBe('unauthenticated');
      }
    });

    it('counts from the member’s own range of an index, never the whole table', async () => {
      const bob = await makeMember(h);
      const compiled = unreadCountsQuery(h.database.db, bob.id).compile();
      if (dialect === 'sqlite') {
        const plan = await h.database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
        const steps = plan.rows.map((r) => r.detail);
        expect(
          steps.some((s) => /^SEARCH invitations USING (COVERING )?INDEX invitations_received \(recipient_member_id=\? AND status=\?\)/.test(s)),
          steps.join('\n'),
        ).toBe(true);
        expect(
          steps.some((s) => /^SEARCH invitations USING (COVERING )?INDEX \w+ \(sender_id=\?/.test(s)),
          steps.join('\n'),
        ).toBe(true);
        expect(
          steps.filter((s) => /^SCAN invitations/.test(s)),
          steps.join('\n'),
        ).toEqual([]);
      } else {
        // A small test table would be read whole anyway; forbidding that shows an index can serve.
        const plan = await h.database.db.transaction().execute(async (trx) => {
          await sql`set local enable_seqscan = off`.execute(trx);
          return trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
        });
        const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(text).not.toMatch(/Seq Scan/);
        expect(text).toMatch(/Index Cond: \(+recipient_member_id = /);
        expect(text).toMatch(/Index Cond: \(+sender_id = /);
      }
    });
  });
});
