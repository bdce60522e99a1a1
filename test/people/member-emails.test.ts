/**
 * Members' additional e-mail addresses: added, listed and removed through the API, verified with the
 * link the delivery worker mails (read from the dev mailbox), and from then on matched by contacts
 * import and by invitations by e-mail — never before, never for someone else, never when the member
 * does not want to be found by e-mail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerOnce } from '../../src/delivery/worker.js';
import { sha256 } from '../../src/shared/crypto.js';
import { DIALECTS } from '../support/databases.js';
import { as, call, createHarness, type Harness, makeMember, type TestMember } from '../support/harness.js';

const HOUR = 3_600_000;
let unique = 0;
const fresh = (label: string) => `${label}.${++unique}.${Math.random().toString(36).slice(2, 8)}@other-mail.example`;

describe.each(DIALECTS)('members’ e-mail addresses (%s)', (dialect) => {
  let h: Harness;
  let admin: TestMember;

  beforeAll(async () => {
    h = await createHarness(dialect);
    admin = await makeMember(h, { role: 'admin' });
  });
  afterAll(async () => h?.close());

  const drain = async () => {
    while ((await runWorkerOnce(h.database.db, h.services.deps)) > 0);
  };
  const linkPattern = () => new RegExp(`^${h.config.publicUrl}/verify-email/([A-Za-z0-9_-]{43})$`);

  /** The verification links mailed to `address`, oldest first. */
  async function tokensMailedTo(address: string): Promise<string[]> {
    const mails = await h.database.db
      .selectFrom('dev_mailbox')
      .selectAll()
      .where('to_address', '=', address)
      .where('subject', '=', 'Confirm your e-mail address on Rapport')
      .orderBy('id')
      .execute();
    return mails.map((m) => {
      const links = JSON.parse(m.links) as string[];
      expect(links).toHaveLength(1);
      expect(m.text).toContain(links[0]);
      return linkPattern().exec(links[0]!)![1]!;
    });
  }

  /** Adds `address` for `m`, delivers the mail, and returns the link's token. */
  async function addAndMail(m: TestMember, address: string): Promise<string> {
    const added = await as(h, m).post('/api/v1/me/emails', { email: address });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    await drain();
    const tokens = await tokensMailedTo(address.toLowerCase());
    expect(tokens.length).toBeGreaterThan(0);
    return tokens[tokens.length - 1]!;
  }

  async function addVerified(m: TestMember, address: string): Promise<string> {
    const token = await addAndMail(m, address);
    const verified = await as(h, m).post(`/api/v1/emails/verify/${token}`);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    return token;
  }

  const importCsv = async (m: TestMember, rows: [string, string][]) => {
    const csv = ['Name,Email', ...rows.map(([name, email]) => `${name},${email}`)].join('\n');
    const res = await as(h, m).post('/api/v1/contacts/import', csv, { headers: { 'content-type': 'text/csv' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { members: { member: { id: string }; email: string }[]; others: { email: string }[] };
  };

  describe('adding, listing, removing', () => {
    it('lists the primary address first, then added ones with their state; removes additional ones only', async () => {
      const me = await makeMember(h);
      const initial = await as(h, me).get('/api/v1/me/emails');
      expect(initial.status).toBe(200);
      expect(initial.body).toEqual({
        items: [
          {
            email: me.email,
            primary: true,
            verified: true,
            state: 'primary',
            verifiedAt: me.member.email_verified_at,
            addedAt: me.member.created_at,
            verificationExpiresAt: null,
          },
        ],
        maxAdditional: 10,
      });

      const address = fresh('Work');
      const added = await as(h, me).post('/api/v1/me/emails', { email: `  ${address.toUpperCase()} ` });
      expect(added.status).toBe(201);
      const expiresAt = new Date(h.clock.now().getTime() + 24 * HOUR).toISOString();
      const pending = {
        email: address.toLowerCase(),
        primary: false,
        verified: false,
        state: 'pending',
        verifiedAt: null,
        addedAt: h.clock.now().toISOString(),
        verificationExpiresAt: expiresAt,
      };
      expect(added.body).toEqual(pending);
      expect((await as(h, me).get('/api/v1/me/emails')).body.items).toEqual([initial.body.items[0], pending]);

      // Someone else's list is their own.
      const other = await makeMember(h);
      expect((await as(h, other).get('/api/v1/me/emails')).body.items).toHaveLength(1);
      expect((await as(h, other).delete(`/api/v1/me/emails/${encodeURIComponent(address)}`)).status).toBe(404);

      const removed = await as(h, me).delete(`/api/v1/me/emails/${encodeURIComponent(address.toUpperCase())}`);
      expect(removed.status).toBe(204);
      expect((await as(h, me).get('/api/v1/me/emails')).body.items).toEqual([initial.body.items[0]]);
      const again = await as(h, me).delete(`/api/v1/me/emails/${encodeURIComponent(address)}`);
      expect(again.status).toBe(404);
      expect(again.body.error.code).toBe('not_found');
    });

    it('refuses the primary address (either way), a malformed one, and an address already verified on the account', async () => {
      const me = await makeMember(h);
      const primary = await as(h, me).post('/api/v1/me/emails', { email: me.email.toUpperCase() });
      expect(primary.status).toBe(409);
      expect(primary.body.error.code).toBe('email_is_primary');
      const removePrimary = await as(h, me).delete(`/api/v1/me/emails/${encodeURIComponent(me.email)}`);
      expect(removePrimary.status).toBe(409);
      expect(removePrimary.body.error.code).toBe('email_is_primary');

      const malformed = await as(h, me).post('/api/v1/me/emails', { email: 'not an address' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error).toMatchObject({ code: 'validation_failed', details: { field: 'email' } });
      const missing = await as(h, me).post('/api/v1/me/emails', {});
      expect(missing.status).toBe(400);

      const address = fresh('verified');
      await addVerified(me, address);
      const twice = await as(h, me).post('/api/v1/me/emails', { email: address });
      expect(twice.status).toBe(409);
      expect(twice.body.error.code).toBe('email_already_added');
    });

    it('adding a waiting address again sends a new link, and the old link stops working', async () => {
      const me = await makeMember(h);
      const address = fresh('resend');
      const first = await addAndMail(me, address);
      const again = await as(h, me).post('/api/v1/me/emails', { email: address });
      expect(again.status).toBe(200);
      expect(again.body.state).toBe('pending');
      await drain();
      const tokens = await tokensMailedTo(address);
      expect(tokens).toHaveLength(2);
      expect(tokens[1]).not.toBe(first);

      const old = await as(h, me).post(`/api/v1/emails/verify/${first}`);
      expect(old.status).toBe(410);
      expect(old.body.error.code).toBe('verification_unavailable');
      expect((await as(h, me).post(`/api/v1/emails/verify/${tokens[1]}`)).status).toBe(200);
    });

    it('at most 10 addresses besides the primary one; adds are rate-limited per member', async () => {
      const me = await makeMember(h);
      for (let i = 0; i < 10; i++) expect((await as(h, me).post('/api/v1/me/emails', { email: fresh(`many${i}`) })).status).toBe(201);
      const eleventh = await as(h, me).post('/api/v1/me/emails', { email: fresh('eleventh') });
      expect(eleventh.status).toBe(422);
      expect(eleventh.body.error.code).toBe('too_many_emails');
      expect((await as(h, me).get('/api/v1/me/emails')).body.items).toHaveLength(11);

      // Removing one makes room again.
      const [, firstAdded] = (await as(h, me).get('/api/v1/me/emails')).body.items;
      expect((await as(h, me).delete(`/api/v1/me/emails/${encodeURIComponent(firstAdded.email)}`)).status).toBe(204);
      expect((await as(h, me).post('/api/v1/me/emails', { email: fresh('room') })).status).toBe(201);

      // 12 attempts so far; 20 an hour are allowed, then every attempt is refused.
      for (let i = 0; i < 8; i++) expect((await as(h, me).post('/api/v1/me/emails', { email: fresh('over') })).status).toBe(422);
      const limited = await as(h, me).post('/api/v1/me/emails', { email: fresh('limited') });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('verification mails to one address are limited, whoever asks', async () => {
      const address = fresh('popular');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await as(h, await makeMember(h)).post('/api/v1/me/emails', { email: address })).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
    });

    it('needs a member: anonymous calls are 401', async () => {
      expect((await call(h, 'GET', '/api/v1/me/emails')).status).toBe(401);
      expect((await call(h, 'POST', '/api/v1/me/emails', { body: { email: fresh('anon') } })).status).toBe(401);
      expect((await call(h, 'POST', `/api/v1/emails/verify/${'a'.repeat(43)}`)).status).toBe(401);
    });
  });

  describe('verification', () => {
    it('through the real delivery path: the link in the dev mailbox verifies; only the token’s hash is stored', async () => {
      const me = await makeMember(h, { name: 'Vera Verify' });
      const address = fresh('vera');
      const token = await addAndMail(me, address);

      const row = await h.database.db.selectFrom('member_emails').selectAll().where('member_id', '=', me.id).executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(sha256(token));
      expect(JSON.stringify(row)).not.toContain(token);
      const outbox = await h.database.db.selectFrom('outbox').selectAll().where('recipient', '=', address).execute();
      expect(outbox.map((o) => [o.kind, o.status])).toEqual([['email_verification', 'sent']]);
      // Sent: the message no longer holds the token either.
      expect(outbox[0]!.payload).not.toContain(token);
      // In the dev mailbox like every other message; it names no member, since whoever typed the
      // address may not own it.
      const mailbox = await as(h, admin).get<{ items: { to: string; subject: string; text: string; links: string[] }[] }>('/api/v1/dev/mailbox?limit=100');
      const mail = mailbox.body.items.find((m) => m.to === address);
      expect(mail).toMatchObject({ subject: 'Confirm your e-mail address on Rapport', links: [`${h.config.publicUrl}/verify-email/${token}`] });
      expect(mail!.text).not.toContain('Vera');

      const verified = await as(h, me).post(`/api/v1/emails/verify/${token}`);
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({
        email: address,
        primary: false,
        verified: true,
        state: 'verified',
        verifiedAt: h.clock.now().toISOString(),
        verificationExpiresAt: null,
      });
      // Opening the link again is harmless.
      expect((await as(h, me).post(`/api/v1/emails/verify/${token}`)).body).toEqual(verified.body);
      expect((await as(h, me).get('/api/v1/me/emails')).body.items[1]).toEqual(verified.body);
      const audit = await h.database.db.selectFrom('audit_log').select('action').where('subject_member_id', '=', me.id).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['member.email_added', 'member.email_verified']);
    });

    it('only the member who added the address can verify it with its link', async () => {
      const owner = await makeMember(h);
      const stranger = await makeMember(h);
      const token = await addAndMail(owner, fresh('mine'));
      const res = await as(h, stranger).post(`/api/v1/emails/verify/${token}`);
      expect(res.status).toBe(410);
      expect(res.body.error.code).toBe('verification_unavailable');
      expect((await as(h, owner).post(`/api/v1/emails/verify/${token}`)).status).toBe(200);
    });

    it('an expired link is refused and the address reads as expired; a link that expired before delivery is not sent', async () => {
      const me = await makeMember(h);
      const address = fresh('late');
      const token = await addAndMail(me, address);
      h.clock.advance(24 * HOUR + 1000);
      const res = await as(h, me).post(`/api/v1/emails/verify/${token}`);
      expect(res.status).toBe(410);
      expect(res.body.error.code).toBe('verification_unavailable');
      expect((await as(h, me).get('/api/v1/me/emails')).body.items[1]).toMatchObject({ email: address, verified: false, state: 'expired' });

      const never = fresh('never');
      expect((await as(h, me).post('/api/v1/me/emails', { email: never })).status).toBe(201);
      h.clock.advance(24 * HOUR + 1000);
      await drain();
      expect(await tokensMailedTo(never)).toEqual([]);
      const outbox = await h.database.db.selectFrom('outbox').select('status').where('recipient', '=', never).execute();
      expect(outbox).toEqual([{ status: 'suppressed' }]);
    });

    it('an address removed before its mail goes out gets no mail', async () => {
      const me = await makeMember(h);
      const address = fresh('gone');
      expect((await as(h, me).post('/api/v1/me/emails', { email: address })).status).toBe(201);
      expect((await as(h, me).delete(`/api/v1/me/emails/${encodeURIComponent(address)}`)).status).toBe(204);
      await drain();
      expect(await tokensMailedTo(address)).toEqual([]);
    });

    it('unknown and malformed links read the same, and verification attempts are rate-limited per member', async () => {
      const me = await makeMember(h);
      const unknown = await as(h, me).post(`/api/v1/emails/verify/${'x'.repeat(43)}`);
      const short = await as(h, me).post('/api/v1/emails/verify/abc');
      expect(unknown.status).toBe(410);
      expect(short.body).toEqual(unknown.body);
      for (let i = 0; i < 8; i++) expect((await as(h, me).post(`/api/v1/emails/verify/${'y'.repeat(43)}`)).status).toBe(410);
      const limited = await as(h, me).post(`/api/v1/emails/verify/${'z'.repeat(43)}`);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
    });

    it('an address member A verified cannot be verified by member B, and B learns nothing about A', async () => {
      const alice = await makeMember(h, { name: 'Alice Owner' });
      const bob = await makeMember(h, { name: 'Bob Claimer' });
      const address = fresh('contested');
      await addVerified(alice, address);

      // Adding it looks exactly like adding an address nobody has.
      const nobodys = fresh('nobodys');
      const contested = await as(h, bob).post('/api/v1/me/emails', { email: address });
      const plain = await as(h, bob).post('/api/v1/me/emails', { email: nobodys });
      expect(contested.status).toBe(plain.status);
      expect({ ...contested.body, email: '' }).toEqual({ ...plain.body, email: '' });
      await drain();
      const [token] = (await tokensMailedTo(address)).slice(-1);
      const [plainToken] = await tokensMailedTo(nobodys);

      // Verifying fails with the words of an unknown link, naming nobody.
      const refused = await as(h, bob).post(`/api/v1/emails/verify/${token}`);
      const unknown = await as(h, bob).post(`/api/v1/emails/verify/${'q'.repeat(43)}`);
      expect(refused.status).toBe(410);
      expect(refused.body).toEqual(unknown.body);
      expect(JSON.stringify(refused.body)).not.toMatch(/Alice|alice/);
      expect(JSON.stringify(refused.body)).not.toContain(alice.id);
      expect((await as(h, bob).get('/api/v1/me/emails')).body.items.find((e: { email: string }) => e.email === address)).toMatchObject({ verified: false });
      expect((await as(h, bob).post(`/api/v1/emails/verify/${plainToken}`)).status).toBe(200);

      // It is still Alice's.
      const finder = await makeMember(h);
      expect((await importCsv(finder, [['Contested', address]])).members.map((m) => m.member.id)).toEqual([alice.id]);
      // And another member's primary address cannot become Bob's either.
      const carol = await makeMember(h);
      expect((await as(h, bob).post('/api/v1/me/emails', { email: carol.email })).status).toBe(201);
      await drain();
      const [carolsToken] = await tokensMailedTo(carol.email);
      const carols = await as(h, bob).post(`/api/v1/emails/verify/${carolsToken}`);
      expect(carols.body).toEqual(unknown.body);
    });

    it('an unverified claim never stands in the way of the owner; sign-up with a verified address is refused', async () => {
      const squatter = await makeMember(h);
      const owner = await makeMember(h);
      const address = fresh('claimed');
      await addAndMail(squatter, address);
      await addVerified(owner, address);
      const finder = await makeMember(h);
      expect((await importCsv(finder, [['Claimed', address]])).members.map((m) => m.member.id)).toEqual([owner.id]);

      const signup = await call(h, 'POST', '/api/v1/auth/signup', {
        body: { name: 'Late Comer', email: address.toUpperCase(), password: 'a long enough password' },
      });
      expect(signup.status).toBe(409);
      expect(signup.body.error.code).toBe('email_taken');
    });
  });

  describe('matching', () => {
    it('a verified address is matched by contacts import (case-insensitively, once per member) and by an invitation by e-mail', async () => {
      const owner = await makeMember(h, { name: 'Olga Owner', headline: 'Many addresses' });
      const address = fresh('olga');
      await addVerified(owner, address);
      const finder = await makeMember(h);

      const found = await importCsv(finder, [
        ['Olga at work', address.toUpperCase()],
        ['Olga at home', owner.email],
        ['Somebody', 'somebody.else@nowhere.example'],
      ]);
      expect(found.members).toEqual([
        { member: { id: owner.id, name: 'Olga Owner', headline: 'Many addresses' }, email: address, contactName: 'Olga at work', relationship: 'none' },
      ]);
      expect(found.others).toEqual([{ name: 'Somebody', email: 'somebody.else@nowhere.example' }]);

      const sent = await as(h, finder).post('/api/v1/invitations', { email: address.toUpperCase() });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      // It reaches the member, but reads to the sender as an invitation to the address they typed.
      expect(sent.body).toMatchObject({ channel: 'email', recipient: { email: address } });
      expect(sent.body.recipient).toEqual({ email: address });
      const received = await as(h, owner).get('/api/v1/invitations/received');
      expect(received.body.items.map((i: { id: string }) => i.id)).toEqual([sent.body.id]);
      // Inviting the member by id is not refused, which would tell whose address it was: the member
      // invitation takes the e-mail one's place in the member's list, and that one stays an
      // invitation to the address.
      h.clock.advance(1000);
      const second = await as(h, finder).post('/api/v1/invitations', { memberId: owner.id });
      expect(second.status, JSON.stringify(second.body)).toBe(201);
      expect((await as(h, owner).get('/api/v1/invitations/received')).body.items.map((i: { id: string }) => i.id)).toEqual([second.body.id]);
      expect((await as(h, finder).get('/api/v1/invitations/sent')).body.items.map((i: { id: string; recipient: unknown }) => [i.id, i.recipient])).toEqual([
        [second.body.id, { memberId: owner.id, name: 'Olga Owner' }],
        [sent.body.id, { email: address }],
      ]);
      // And inviting one's own address is inviting oneself.
      const self = await as(h, owner).post('/api/v1/invitations', { email: address });
      expect(self.status).toBe(422);
      expect(self.body.error.code).toBe('self_invitation');
    });

    it('a restricted sender may type any verified address of the member, but not a waiting one', async () => {
      const owner = await makeMember(h);
      const verified = fresh('restricted-ok');
      const waiting = fresh('restricted-waiting');
      await addVerified(owner, verified);
      await addAndMail(owner, waiting);
      const sender = await makeMember(h);
      await h.database.db.updateTable('members').set({ restricted_at: h.clock.now().toISOString() }).where('id', '=', sender.id).execute();
      const refused = await as(h, sender).post('/api/v1/invitations', { memberId: owner.id, email: waiting });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('email_required');
      const sent = await as(h, sender).post('/api/v1/invitations', { memberId: owner.id, email: verified.toUpperCase() });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    });

    it('the batch send treats a verified address as its member too', async () => {
      const owner = await makeMember(h);
      const address = fresh('batch');
      await addVerified(owner, address);
      const sender = await makeMember(h);
      const res = await as(h, sender).post('/api/v1/invitations/batch', { recipients: [{ email: address }] });
      expect(res.status).toBe(200);
      expect(res.body.results[0].invitation.recipient).toEqual({ email: address });
      const received = await as(h, owner).get('/api/v1/invitations/received');
      expect(received.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.results[0].invitation.id]);
    });

    it('an unverified address never matches', async () => {
      const owner = await makeMember(h);
      const address = fresh('unverified');
      await addAndMail(owner, address);
      const finder = await makeMember(h);
      const found = await importCsv(finder, [['Not yet', address]]);
      expect(found.members).toEqual([]);
      expect(found.others).toEqual([{ name: 'Not yet', email: address }]);
      const sent = await as(h, finder).post('/api/v1/invitations', { email: address });
      expect(sent.status).toBe(201);
      expect(sent.body.recipient.memberId).toBeUndefined();
      expect((await as(h, owner).get('/api/v1/invitations/received')).body.items).toEqual([]);
    });

    it('a removed address stops matching', async () => {
      const owner = await makeMember(h);
      const address = fresh('removed');
      await addVerified(owner, address);
      expect((await as(h, owner).delete(`/api/v1/me/emails/${encodeURIComponent(address)}`)).status).toBe(204);
      const found = await importCsv(await makeMember(h), [['Removed', address]]);
      expect(found.members).toEqual([]);
    });

    it('with findable-by-e-mail off, none of the member’s addresses is found', async () => {
      const owner = await makeMember(h);
      const address = fresh('hidden');
      await addVerified(owner, address);
      expect((await as(h, owner).patch('/api/v1/me/settings', { findableByEmail: false })).status).toBe(200);
      const found = await importCsv(await makeMember(h), [
        ['Primary', owner.email],
        ['Additional', address],
      ]);
      expect(found.members).toEqual([]);
      expect(found.others.map((o) => o.email)).toEqual([owner.email, address]);
    });

    it('pending invitations to an address reach the member who verifies it', async () => {
      const sender = await makeMember(h);
      const address = fresh('waiting');
      const sent = await as(h, sender).post('/api/v1/invitations', { email: address });
      expect(sent.status).toBe(201);
      const owner = await makeMember(h);
      expect((await as(h, owner).get('/api/v1/invitations/received')).body.items).toEqual([]);
      await addVerified(owner, address);
      const received = await as(h, owner).get('/api/v1/invitations/received');
      expect(received.body.items.map((i: { id: string }) => i.id)).toEqual([sent.body.id]);
      const accepted = await as(h, owner).post(`/api/v1/invitations/${sent.body.id}/accept`);
      expect(accepted.status).toBe(200);
    });

    // Last in this file: it moves the clock past the invitations' lifetime.
    it('only pending, unexpired invitations reach the member who verifies the address: not one past its expiry, nor an ignored one', async () => {
      const db = h.database.db;
      const address = fresh('handover');
      const [early, ignorer, late] = [await makeMember(h), await makeMember(h), await makeMember(h)];
      // Past its expiry, but not yet swept: it reads and acts as expired (expiry is never late).
      const lapsed = await as(h, early).post('/api/v1/invitations', { email: address });
      expect(lapsed.status).toBe(201);
      h.clock.advance(h.config.invitationTtlMs + HOUR);
      const ignored = await as(h, ignorer).post('/api/v1/invitations', { email: address });
      expect(ignored.status).toBe(201);
      // Ignored while no member held it: the API makes no such row, but a hand-over must not revive one.
      await db.updateTable('invitations').set({ status: 'ignored', responded_at: h.clock.now().toISOString() }).where('id', '=', ignored.body.id).execute();
      const live = await as(h, late).post('/api/v1/invitations', { email: address });
      expect(live.status).toBe(201);
      expect((await db.selectFrom('invitations').select('status').where('id', '=', lapsed.body.id).executeTakeFirstOrThrow()).status).toBe('pending');

      const owner = await makeMember(h);
      await addVerified(owner, address);

      const holders = await db
        .selectFrom('invitations')
        .select(['id', 'recipient_member_id', 'pair_key'])
        .where('id', 'in', [lapsed.body.id, ignored.body.id, live.body.id])
        .execute();
      const holder = new Map(holders.map((r) => [r.id, r]));
      expect(holder.get(live.body.id)).toMatchObject({ recipient_member_id: owner.id });
      expect(holder.get(lapsed.body.id)).toMatchObject({ recipient_member_id: null, pair_key: null });
      expect(holder.get(ignored.body.id)).toMatchObject({ recipient_member_id: null, pair_key: null });
      const audit = await db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'member.email_verified')
        .where('subject_member_id', '=', owner.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.details)).toMatchObject({ email: address, invitationsReceived: 1 });
      const received = await as(h, owner).get('/api/v1/invitations/received');
      expect(received.body.items.map((i: { id: string }) => i.id)).toEqual([live.body.id]);
    });
  });
});
