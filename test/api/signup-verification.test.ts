/**
 * Sign-up only claims its address: a verification link goes out through the outbox, and until it is
 * followed nothing addressed to that address reaches the account — no waiting invitation, no new
 * e-mail invitation, no contacts import match, no member lookup, no colleague by domain. The first
 * account to verify an address owns it; an unverified claim stops nobody.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerOnce } from '../../src/delivery/worker.js';
import { sha256 } from '../../src/shared/crypto.js';
import { addVerifiedAddress, freshAddress, mailedToken } from '../support/addresses.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, expectRefusal, type Harness, makeMember, type TestMember } from '../support/harness.js';

const PASSWORD = 'a long sign-up passphrase';

describe.each(DIALECTS)('sign-up verifies the primary address (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  // Each call from its own client address, so the per-address limits of sign-up and log-in never bite.
  const from = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const inject = async (url: string, payload: object) => {
    const res = await h.app.inject({ method: 'POST', url, remoteAddress: from(), payload });
    const body = JSON.parse(res.body);
    expect(h.openapi.check('POST', url, res.statusCode, body), res.body).toEqual([]);
    return { status: res.statusCode, body };
  };
  const logIn = async (email: string, password = PASSWORD) => inject('/api/v1/auth/tokens', { email, password });

  /** Signs up through the API, then takes a bearer token by logging in with the address. */
  async function signUp(email: string, name = 'New Member', password = PASSWORD): Promise<TestMember> {
    const res = await inject('/api/v1/auth/signup', { name, email, password });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.member.emailVerified).toBe(false);
    const login = await logIn(email, password);
    expect(login.status, JSON.stringify(login.body)).toBe(201);
    expect(login.body.member.id).toBe(res.body.member.id);
    const member = await h.database.db.selectFrom('members').selectAll().where('id', '=', res.body.member.id).executeTakeFirstOrThrow();
    return { member, id: member.id, email: member.email, token: login.body.token };
  }

  const receivedIds = async (m: TestMember) => (await as(h, m).get('/api/v1/invitations/received')).body.items.map((i: { id: string }) => i.id);
  const verify = (m: TestMember, token: string) => as(h, m).post(`/api/v1/emails/verify/${token}`);

  it('mails a link through the outbox, keeps only its hash, and nothing addressed to the address reaches the account until it is followed', async () => {
    const address = freshAddress('ceo', 'bigcorp-one.example');
    const sender = await makeMember(h, { name: 'Early Sender' });
    const waiting = await as(h, sender).post('/api/v1/invitations', { email: address });
    expect(waiting.status).toBe(201);

    const squatter = await signUp(address.toUpperCase(), 'Not The Ceo');
    expect((await as(h, squatter).get('/api/v1/me')).body.member).toMatchObject({ email: address, emailVerified: false });
    expect(await receivedIds(squatter)).toEqual([]);

    // A new e-mail invitation to the address is one to a stranger's address.
    const later = await as(h, await makeMember(h)).post('/api/v1/invitations', { email: address });
    expect(later.status).toBe(201);
    expect(await receivedIds(squatter)).toEqual([]);

    // Contacts import, support's lookup and the colleagues' domain do not see it either.
    const finder = await makeMember(h);
    const imported = await as(h, finder).post('/api/v1/contacts/import', `Name,Email\nThe Ceo,${address}\n`, { headers: { 'content-type': 'text/csv' } });
    expect(imported.body).toMatchObject({ members: [], others: [{ email: address }] });
    const agent = await makeMember(h, { role: 'support' });
    const lookup = await as(h, agent).get(`/api/v1/support/members?q=${encodeURIComponent(address)}`);
    expect(lookup.body).toMatchObject({ match: 'email', items: [] });
    const colleague = await makeMember(h, { email: freshAddress('colleague', 'bigcorp-one.example') });
    const suggested = async (m: TestMember) =>
      (await as(h, m).get('/api/v1/people-you-may-know')).body.items.map((s: { member: { id: string } }) => s.member.id);
    expect(await suggested(colleague)).not.toContain(squatter.id);
    expect(await suggested(squatter)).not.toContain(colleague.id);

    // The link went through the outbox and the delivery worker, and only its hash is stored.
    const token = await mailedToken(h, address);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(squatter.member.email_token_hash).toBe(sha256(token));
    while ((await runWorkerOnce(h.database.db, h.services.deps)) > 0);
    const mail = await h.database.db
      .selectFrom('dev_mailbox')
      .selectAll()
      .where('to_address', '=', address)
      .where('subject', '=', 'Confirm your e-mail address on Rapport')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(mail.links)).toEqual([`${h.config.publicUrl}/verify-email/${token}`]);
    const row = await h.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('kind', '=', 'email_verification')
      .where('recipient', '=', address)
      .executeTakeFirstOrThrow();
    expect(row.payload).not.toContain(token);

    // Following it: the address is the member's, and what waited for it arrives.
    const verified = await verify(squatter, token);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body).toMatchObject({ email: address, primary: true, verified: true, state: 'primary' });
    expect((await as(h, squatter).get('/api/v1/me')).body.member.emailVerified).toBe(true);
    expect((await verify(squatter, token)).status).toBe(200);
    expect((await receivedIds(squatter)).sort()).toEqual([waiting.body.id, later.body.id].sort());
    const again = await as(h, finder).post('/api/v1/contacts/import', `Name,Email\nThe Ceo,${address}\n`, { headers: { 'content-type': 'text/csv' } });
    expect(again.body.members.map((m: { member: { id: string } }) => m.member.id)).toEqual([squatter.id]);
    expect((await as(h, agent).get(`/api/v1/support/members?q=${encodeURIComponent(address)}`)).body.items.map((m: { id: string }) => m.id)).toEqual([
      squatter.id,
    ]);
    expect(await suggested(colleague)).toContain(squatter.id);
  });

  it('logs in with its own address whether verified or not, and sign-up refuses an address someone verified', async () => {
    const address = freshAddress('login');
    const member = await signUp(address);
    expect((await logIn(address, 'not the password')).status).toBe(401);
    expect((await verify(member, await mailedToken(h, address))).status).toBe(200);
    expect((await logIn(address.toUpperCase())).body.member).toMatchObject({ id: member.id, emailVerified: true });
    const taken = await inject('/api/v1/auth/signup', { name: 'Second', email: address, password: 'another passphrase' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('email_taken');
  });

  it('an unverified claim does not stop the owner from signing up; the first to verify owns the address, and the other claim loses it', async () => {
    const address = freshAddress('claimed');
    const squatter = await signUp(address, 'Squatter', 'the squatter passphrase');
    const squattersToken = await mailedToken(h, address, squatter.id);
    const owner = await signUp(address, 'Owner', 'the owner passphrase');
    const ownersToken = await mailedToken(h, address, owner.id);
    expect(ownersToken).not.toBe(squattersToken);
    // Each log-in finds its own account by its password.
    expect((await logIn(address, 'the squatter passphrase')).body.member.id).toBe(squatter.id);
    expect((await logIn(address, 'the owner passphrase')).body.member.id).toBe(owner.id);
    // A link works only for the account it was mailed for.
    expect((await verify(squatter, ownersToken)).body.error.code).toBe('verification_unavailable');

    expect((await verify(owner, ownersToken)).status).toBe(200);
    const lost = await verify(squatter, squattersToken);
    expect(lost.status).toBe(410);
    expect(lost.body.error.code).toBe('verification_unavailable');
    expect((await logIn(address, 'the squatter passphrase')).status).toBe(401);
    expect((await logIn(address, 'the owner passphrase')).body.member.id).toBe(owner.id);
    expect((await as(h, squatter).get('/api/v1/me')).body.member.emailVerified).toBe(false);
    // Invitations to the address reach the owner only.
    const sent = await as(h, await makeMember(h)).post('/api/v1/invitations', { email: address });
    expect(await receivedIds(owner)).toEqual([sent.body.id]);
    expect(await receivedIds(squatter)).toEqual([]);
  });

  it('an unverified claim does not stop another member from verifying the address as an additional one, which ends the claim', async () => {
    const address = freshAddress('added');
    const squatter = await signUp(address, 'Squatter');
    const squattersToken = await mailedToken(h, address, squatter.id);
    const owner = await makeMember(h);
    await addVerifiedAddress(h, owner, address);
    expect((await verify(squatter, squattersToken)).body.error.code).toBe('verification_unavailable');
    expect((await logIn(address)).status).toBe(401);
    const sent = await as(h, await makeMember(h)).post('/api/v1/invitations', { email: address });
    expect(await receivedIds(owner)).toEqual([sent.body.id]);

    // And the other way round: a verified primary address cannot be verified as another's additional one.
    const first = freshAddress('first');
    const member = await signUp(first);
    expect((await verify(member, await mailedToken(h, first))).status).toBe(200);
    const other = await makeMember(h);
    expect((await as(h, other).post('/api/v1/me/emails', { email: first })).status).toBe(201);
    expect((await verify(other, await mailedToken(h, first, other.id))).body.error.code).toBe('verification_unavailable');
  });

  it('a new link can be asked for; the old one then stops working, as does an expired one', async () => {
    const address = freshAddress('resend');
    const member = await signUp(address);
    const first = await mailedToken(h, address);
    const listed = await as(h, member).get('/api/v1/me/emails');
    expect(listed.body.items[0]).toMatchObject({ email: address, primary: true, verified: false, state: 'pending' });

    h.clock.advance(24 * 3_600_000);
    expect((await as(h, member).get('/api/v1/me/emails')).body.items[0].state).toBe('expired');
    expect((await verify(member, first)).body.error.code).toBe('verification_unavailable');

    const resent = await as(h, member).post('/api/v1/me/emails', { email: address.toUpperCase() });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body).toMatchObject({ email: address, primary: true, verified: false, state: 'pending' });
    const second = await mailedToken(h, address);
    expect(second).not.toBe(first);
    expect((await verify(member, first)).body.error.code).toBe('verification_unavailable');
    expect((await verify(member, second)).status).toBe(200);
    // Once verified, it is the primary address again.
    expectRefusal(await as(h, member).post('/api/v1/me/emails', { email: address }), 409, 'email_is_primary');
  });

  it('the outbox drops a sign-up link that was replaced or followed before it went out', async () => {
    const address = freshAddress('dropped');
    const member = await signUp(address);
    const first = await mailedToken(h, address);
    await as(h, member).post('/api/v1/me/emails', { email: address });
    const second = await mailedToken(h, address);
    expect((await verify(member, second)).status).toBe(200);
    while ((await runWorkerOnce(h.database.db, h.services.deps)) > 0);
    const mails = await h.database.db.selectFrom('dev_mailbox').select('links').where('to_address', '=', address).execute();
    expect(mails.flatMap((m) => JSON.parse(m.links) as string[]).filter((l) => l.includes(first) || l.includes(second))).toEqual([]);
  });

  it('an invitation by member to an unverified account sends no reminder to the address it only claims', async () => {
    const address = freshAddress('noremind');
    const member = await signUp(address);
    const sender = await makeMember(h);
    const sent = await as(h, sender).post('/api/v1/invitations', { memberId: member.id });
    expect(sent.status).toBe(201);
    expect(await receivedIds(member)).toEqual([sent.body.id]);
    const reminders = await h.database.db.selectFrom('outbox').select('id').where('invitation_id', '=', sent.body.id).execute();
    expect(reminders).toEqual([]);
  });

  it('sign-ups of one address race: both get an account, and neither takes the other’s invitations', async () => {
    const address = freshAddress('race');
    const sender = await makeMember(h);
    const waiting = await as(h, sender).post('/api/v1/invitations', { email: address });
    const [a, b] = await Promise.all([
      inject('/api/v1/auth/signup', { name: 'A', email: address, password: 'passphrase of a' }),
      inject('/api/v1/auth/signup', { name: 'B', email: address, password: 'passphrase of b' }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const invitation = await h.database.db
      .selectFrom('invitations')
      .select(['recipient_member_id', 'pair_key'])
      .where('id', '=', waiting.body.id)
      .executeTakeFirstOrThrow();
    expect(invitation).toEqual({ recipient_member_id: null, pair_key: null });
  });
});
