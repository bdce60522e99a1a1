import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerOnce } from '../../src/delivery/worker.js';
import { DIALECTS } from '../support/databases.js';
import { as, call, createHarness, DAY, type Harness, makeMember, type TestMember } from '../support/harness.js';

let addresses = 0;
const freshAddress = () => `guest.${Date.now().toString(36)}.${(addresses += 1)}@example.test`;

describe.each(DIALECTS)('invitation links and the dev mailbox (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  /** Sends an e-mail invitation, delivers it to the dev mailbox, and returns the link's token. */
  async function emailedInvitation(sender: TestMember, message: string | null = 'Would love to connect') {
    const address = freshAddress();
    const sent = await as(h, sender).post('/api/v1/invitations', { email: address, ...(message === null ? {} : { message }) });
    expect(sent.status).toBe(201);
    await runWorkerOnce(h.database.db, h.services.deps);
    const mail = await h.database.db.selectFrom('dev_mailbox').selectAll().where('to_address', '=', address).execute();
    expect(mail).toHaveLength(1);
    const links = JSON.parse(mail[0]!.links) as string[];
    const pattern = new RegExp(`^${h.config.publicUrl}/i/([A-Za-z0-9_-]{32,})$`);
    const accept = links.filter((l) => pattern.test(l));
    expect(accept, links.join(' ')).toHaveLength(1);
    expect(mail[0]!.text).toContain(accept[0]);
    return { id: sent.body.id as string, address, token: pattern.exec(accept[0]!)![1]!, links, mail: mail[0]! };
  }

  const readLink = (token: string) => call(h, 'GET', `/api/v1/invitation-links/${token}`);

  async function snapshot(invitationId: string) {
    const db = h.database.db;
    return {
      invitation: await db.selectFrom('invitations').selectAll().where('id', '=', invitationId).executeTakeFirst(),
      outbox: await db.selectFrom('outbox').selectAll().where('invitation_id', '=', invitationId).orderBy('id').execute(),
      links: await db.selectFrom('invitation_links').selectAll().where('invitation_id', '=', invitationId).execute(),
      audit: await db.selectFrom('audit_log').selectAll().where('invitation_id', '=', invitationId).orderBy('id').execute(),
      connections: await db.selectFrom('connections').selectAll().where('invitation_id', '=', invitationId).execute(),
    };
  }

  describe('reading a link', () => {
    it('shows the sender’s name and message for a live invitation, without credentials', async () => {
      const alice = await makeMember(h, { name: 'Alice Linker' });
      const { token, address } = await emailedInvitation(alice, 'Great talk yesterday');
      const res = await readLink(token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ available: true, sender: { name: 'Alice Linker' }, message: 'Great talk yesterday' });
      // Nothing private about the sender leaks; the address shown is the one the link was sent to.
      expect(JSON.stringify(res.body)).not.toContain(alice.email);
      if ('email' in res.body) expect(res.body.email).toBe(address);
    });

    it('a GET changes nothing, however often it is read', async () => {
      const alice = await makeMember(h);
      const { id, token } = await emailedInvitation(alice);
      const before = await snapshot(id);
      const first = await readLink(token);
      const second = await readLink(token);
      expect(second.body).toEqual(first.body);
      expect(await snapshot(id)).toEqual(before);
      expect(before.invitation).toMatchObject({ status: 'pending', recipient_member_id: null, recipient_read: 0 });
    });

    it('stores only the hash of a link token', async () => {
      const alice = await makeMember(h);
      const { id, token } = await emailedInvitation(alice);
      const rows = await h.database.db.selectFrom('invitation_links').selectAll().where('invitation_id', '=', id).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.token_hash).not.toContain(token);
    });
  });

  describe('accepting through a link', () => {
    it('a newly made member accepts: 200 {connection}, and the link is then unavailable', async () => {
      const alice = await makeMember(h);
      const { id, token } = await emailedInvitation(alice);
      const newcomer = await makeMember(h);
      const res = await as(h, newcomer).post(`/api/v1/invitation-links/${token}/accept`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ connection: { memberId: alice.id, connectedAt: expect.any(String), invitationId: id } });

      const aliceConnections = await as(h, alice).get('/api/v1/connections');
      expect(aliceConnections.body.items.map((c: { member: { id: string } }) => c.member.id)).toEqual([newcomer.id]);
      const sent = await as(h, alice).get(`/api/v1/invitations/${id}`);
      expect(sent.body).toMatchObject({ status: 'accepted', recipient: { memberId: newcomer.id } });

      expect((await readLink(token)).body).toEqual({ available: false });
      const again = await as(h, newcomer).post(`/api/v1/invitation-links/${token}/accept`);
      expect(again.status).toBe(410);
      expect(again.body.error.code).toBe('invitation_unavailable');
    });

    it('needs a signed-in member', async () => {
      const alice = await makeMember(h);
      const { id, token } = await emailedInvitation(alice);
      const res = await call(h, 'POST', `/api/v1/invitation-links/${token}/accept`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
      expect((await snapshot(id)).invitation!.status).toBe('pending');
    });

    it('the sender cannot accept their own invitation', async () => {
      const alice = await makeMember(h);
      const { id, token } = await emailedInvitation(alice);
      const res = await as(h, alice).post(`/api/v1/invitation-links/${token}/accept`);
      expect(res.status).toBe(410);
      expect(res.body.error.code).toBe('invitation_unavailable');
      expect((await snapshot(id)).invitation!.status).toBe('pending');
      expect((await readLink(token)).body.available).toBe(true);
    });
  });

  describe('unavailable links all read the same', () => {
    it('withdrawn, expired, accepted and unknown links give the same {available:false}, and accepting them is 410', async () => {
      const alice = await makeMember(h);
      const acceptor = await makeMember(h);
      const taker = await makeMember(h);

      const withdrawn = await emailedInvitation(alice);
      const accepted = await emailedInvitation(alice);
      const expiring = await emailedInvitation(alice);
      expect((await readLink(withdrawn.token)).body.available).toBe(true);
      expect((await readLink(expiring.token)).body.available).toBe(true);

      expect((await as(h, alice).post(`/api/v1/invitations/${withdrawn.id}/withdraw`)).status).toBe(200);
      expect((await as(h, acceptor).post(`/api/v1/invitation-links/${accepted.token}/accept`)).status).toBe(200);
      h.clock.advance(h.config.invitationTtlMs + DAY);

      const tokens = {
        withdrawn: withdrawn.token,
        accepted: accepted.token,
        expired: expiring.token,
        unknown: randomBytes(32).toString('base64url'),
        short: 'abc',
      };
      const bodies = new Set<string>();
      for (const [kind, token] of Object.entries(tokens)) {
        const res = await h.app.inject({ method: 'GET', url: `/api/v1/invitation-links/${token}` });
        expect(res.statusCode, kind).toBe(200);
        expect(res.json(), kind).toEqual({ available: false });
        bodies.add(res.body);
        const refused = await as(h, taker).post(`/api/v1/invitation-links/${token}/accept`);
        expect(refused.status, kind).toBe(410);
        expect(refused.body.error.code).toBe('invitation_unavailable');
        bodies.add(`accept:${JSON.stringify(refused.body)}`);
      }
      // One reading body and one refusal body, whatever the reason.
      expect(bodies.size).toBe(2);
      expect((await as(h, taker).get('/api/v1/connections')).body.items).toEqual([]);
      expect((await as(h, alice).get(`/api/v1/invitations/${withdrawn.id}`)).body.status).toBe('withdrawn');
    });

    it('a link delivered before the withdrawal cannot be used after it', async () => {
      const alice = await makeMember(h);
      const { id, token } = await emailedInvitation(alice);
      await as(h, alice).post(`/api/v1/invitations/${id}/withdraw`);
      const stranger = await makeMember(h);
      expect((await as(h, stranger).post(`/api/v1/invitation-links/${token}/accept`)).status).toBe(410);
      const after = await snapshot(id);
      expect(after.invitation).toMatchObject({ status: 'withdrawn', recipient_member_id: null });
      expect(after.connections).toEqual([]);
    });
  });

  describe('the dev mailbox', () => {
    it('is for admins only', async () => {
      for (const role of ['member', 'support'] as const) {
        const res = await as(h, await makeMember(h, { role })).get('/api/v1/dev/mailbox');
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
      const anonymous = await call(h, 'GET', '/api/v1/dev/mailbox');
      expect(anonymous.status).toBe(401);
    });

    it('lists delivered messages, newest first, with to, subject, text and links', async () => {
      const admin = await makeMember(h, { role: 'admin' });
      const alice = await makeMember(h, { name: 'Alice Mailer' });
      const first = await emailedInvitation(alice, 'First note');
      const second = await emailedInvitation(alice, 'Second note');
      const res = await as(h, admin).get('/api/v1/dev/mailbox?limit=2');
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { to: string }) => i.to)).toEqual([second.address, first.address]);
      expect(res.body.items[0]).toMatchObject({
        to: second.address,
        channel: 'email',
        subject: 'Alice Mailer would like to connect on Rapport',
        links: second.links,
        sentAt: expect.any(String),
      });
      expect(res.body.items[0].links).toContain(`${h.config.publicUrl}/i/${second.token}`);
      expect(res.body.items[0].text).toContain('Second note');
      expect(res.body.items[0].text).toContain(second.token);
      // Paging goes on to older messages.
      expect(res.body.nextCursor).toEqual(expect.any(String));
      const older = await as(h, admin).get(`/api/v1/dev/mailbox?limit=2&cursor=${res.body.nextCursor}`);
      expect(older.status).toBe(200);
      expect(older.body.items.map((i: { to: string }) => i.to)).not.toContain(second.address);
    });

    it('holds no message for a member invitation, and none for an invitation withdrawn before delivery', async () => {
      const admin = await makeMember(h, { role: 'admin' });
      const alice = await makeMember(h);
      const bob = await makeMember(h);
      const address = freshAddress();
      await as(h, alice).post('/api/v1/invitations', { memberId: bob.id });
      const sent = await as(h, alice).post('/api/v1/invitations', { email: address });
      await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
      await runWorkerOnce(h.database.db, h.services.deps);
      const all = await as(h, admin).get('/api/v1/dev/mailbox?limit=100');
      const to = all.body.items.map((i: { to: string }) => i.to);
      expect(to).not.toContain(address);
      expect(to).not.toContain(bob.email);
    });
  });
});

describe.each(DIALECTS)('the dev mailbox with real transports configured (%s)', (dialect) => {
  it('is 404 when both SMTP and SMS are configured', async () => {
    const h = await createHarness(dialect, { env: { SMTP_URL: 'smtp://user:pass@127.0.0.1:2525', SMS_GATEWAY_URL: 'http://127.0.0.1:9999/sms' } });
    try {
      const admin = await makeMember(h, { role: 'admin' });
      const res = await as(h, admin).get('/api/v1/dev/mailbox');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    } finally {
      await h.close();
    }
  });

  it('stays available while only one of them is configured', async () => {
    const h = await createHarness(dialect, { env: { SMTP_URL: 'smtp://user:pass@127.0.0.1:2525' } });
    try {
      const admin = await makeMember(h, { role: 'admin' });
      expect((await as(h, admin).get('/api/v1/dev/mailbox')).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
