import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, expectRefusal, type Harness, makeMember, type Reply, type TestMember } from '../support/harness.js';

const send = (h: Harness, from: TestMember, body: unknown) => as(h, from).post('/api/v1/invitations', body);

let unique = 0;
const freshEmail = (label: string) => `${label}.${++unique}.${Math.random().toString(36).slice(2, 8)}@example.test`;

describe.each(DIALECTS)('sending invitations (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  it('invites a member: 201 with the whole invitation, and it reaches their received list', async () => {
    const alice = await makeMember(h, { name: 'Alice Sender' });
    const bob = await makeMember(h, { name: 'Bob Recipient' });
    const now = h.clock.now();
    const sent = await send(h, alice, { memberId: bob.id, message: 'Hello Bob' });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({
      id: expect.any(String),
      channel: 'member',
      status: 'pending',
      sender: { id: alice.id, name: 'Alice Sender' },
      recipient: { memberId: bob.id, name: 'Bob Recipient' },
      message: 'Hello Bob',
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + h.config.invitationTtlMs).toISOString(),
      respondedAt: null,
      withdrawnAt: null,
      withdrawable: true,
      delivery: 'none',
    });
    const received = await as(h, bob).get('/api/v1/invitations/received');
    expect(received.body.items).toHaveLength(1);
    expect(received.body.items[0]).toMatchObject({ id: sent.body.id, status: 'pending', withdrawable: false, sender: { id: alice.id } });
    expect((await as(h, alice).get('/api/v1/me')).body.balance.available).toBe(h.config.initialBalance - 1);
  });

  it('invites an e-mail address, normalised to lower case and queued for delivery', async () => {
    const alice = await makeMember(h);
    const address = freshEmail('outsider');
    const sent = await send(h, alice, { email: `  ${address.toUpperCase()} ` });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ channel: 'email', status: 'pending', recipient: { email: address }, delivery: 'queued', message: null });
    expect(sent.body.recipient.memberId).toBeUndefined();
  });

  it('an e-mail address that belongs to a member reaches that member’s received list', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await send(h, alice, { email: bob.email.toUpperCase() });
    expect(sent.status).toBe(201);
    // To Alice it reads as an invitation to the address, exactly as to a stranger's.
    expect(sent.body).toMatchObject({ channel: 'email', recipient: { email: bob.email } });
    expect(sent.body.recipient).toEqual({ email: bob.email });
    const received = await as(h, bob).get('/api/v1/invitations/received');
    expect(received.body.items.map((i: { id: string }) => i.id)).toEqual([sent.body.id]);
    expect((await as(h, bob).get(`/api/v1/invitations/${sent.body.id}`)).status).toBe(200);
    // Bob knows who invited him: it is an invitation between the two of them, so his direction is taken.
    expectRefusal(await send(h, bob, { memberId: alice.id }), 409, 'invitation_pending');
    expect((await as(h, alice).get(`/api/v1/members/${bob.id}`)).body.relationship).toBe('none');
    expect((await as(h, bob).get(`/api/v1/members/${alice.id}`)).body.relationship).toBe('invitation_received');
    expect((await as(h, bob).post(`/api/v1/invitations/${sent.body.id}/accept`)).status).toBe(200);
    expect((await as(h, alice).get(`/api/v1/members/${bob.id}`)).body.relationship).toBe('connected');
    // Connected, they know each other: now Alice sees who accepted.
    expect((await as(h, alice).get(`/api/v1/invitations/${sent.body.id}`)).body.recipient).toEqual({
      memberId: bob.id,
      name: bob.member.name,
      email: bob.email,
    });
  });

  it('invites a phone number, normalised to E.164', async () => {
    const alice = await makeMember(h);
    const sent = await send(h, alice, { phone: '+1 (415) 555-0123' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ channel: 'sms', recipient: { phone: '+14155550123' }, delivery: 'queued' });
    const international = await send(h, alice, { phone: '0044 20 7946 0958' });
    expect(international.status).toBe(201);
    expect(international.body.recipient.phone).toBe('+442079460958');
    // The same number written differently is the same recipient.
    expectRefusal(await send(h, alice, { phone: '+14155550123' }), 409, 'invitation_pending');
  });

  it('refuses a phone number that is not one', async () => {
    const alice = await makeMember(h);
    for (const phone of ['4155550123', '+0123456789', 'call me maybe']) {
      const reply = await send(h, alice, { phone });
      expectRefusal(reply, 400, 'validation_failed');
      expect(reply.body.error.message).toMatch(/^phone/);
    }
  });

  it('refuses an e-mail address that is not one', async () => {
    const alice = await makeMember(h);
    for (const email of ['not-an-address', 'two@@example.test', 'spaces in@example.test']) {
      const reply = await send(h, alice, { email });
      expectRefusal(reply, 400, 'validation_failed');
      expect(reply.body.error.message).toMatch(/^email/);
    }
  });

  it('takes a note of up to 300 characters and refuses a longer one naming the field', async () => {
    const alice = await makeMember(h);
    const [bob, carol] = [await makeMember(h), await makeMember(h)];
    const ok = await send(h, alice, { memberId: bob.id, message: 'x'.repeat(300) });
    expect(ok.status).toBe(201);
    expect(ok.body.message).toHaveLength(300);
    const long = await send(h, alice, { memberId: carol.id, message: 'x'.repeat(301) });
    expectRefusal(long, 400, 'validation_failed');
    expect(long.body.error.message).toMatch(/^message/);
    expect(long.body.error.details).toEqual({ field: 'message' });
    expect((await as(h, alice).get('/api/v1/me')).body.balance.available).toBe(h.config.initialBalance - 1);
  });

  it('needs exactly one recipient', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    for (const body of [{}, { message: 'hi' }, { email: freshEmail('two'), phone: '+14155550100' }, { memberId: bob.id, phone: '+14155550100' }]) {
      const reply = await send(h, alice, body);
      expectRefusal(reply, 400, 'validation_failed');
      expect(reply.body.error.message).toMatch(/^recipient/);
    }
    expect((await as(h, alice).get('/api/v1/invitations/sent?status=all')).body.items).toEqual([]);
  });

  it('404 for a member that does not exist', async () => {
    const alice = await makeMember(h);
    expectRefusal(await send(h, alice, { memberId: 'no-such-member' }), 404, 'not_found');
  });

  it('401 without credentials', async () => {
    const bob = await makeMember(h);
    const reply = await h.app.inject({ method: 'POST', url: '/api/v1/invitations', payload: { memberId: bob.id } });
    expect(reply.statusCode).toBe(401);
    expect(reply.json().error.code).toBe('unauthenticated');
  });
});

describe.each(DIALECTS)('refusals of sending (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  it('422 self_invitation by member id, by own e-mail and by own phone', async () => {
    const alice = await makeMember(h, { phone: '+14155550111' });
    expectRefusal(await send(h, alice, { memberId: alice.id }), 422, 'self_invitation');
    expectRefusal(await send(h, alice, { email: alice.email.toUpperCase() }), 422, 'self_invitation');
    expectRefusal(await send(h, alice, { phone: '+1 415 555 0111' }), 422, 'self_invitation');
    expect((await as(h, alice).get('/api/v1/me')).body.balance.available).toBe(h.config.initialBalance);
  });

  it('409 already_connected, from either side and by e-mail', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await send(h, alice, { memberId: bob.id });
    expect((await as(h, bob).post(`/api/v1/invitations/${sent.body.id}/accept`)).status).toBe(200);
    expectRefusal(await send(h, alice, { memberId: bob.id }), 409, 'already_connected');
    expectRefusal(await send(h, bob, { memberId: alice.id }), 409, 'already_connected');
    expectRefusal(await send(h, alice, { email: bob.email }), 409, 'already_connected');
  });

  it('409 invitation_pending in both directions', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    expect((await send(h, alice, { memberId: bob.id })).status).toBe(201);
    expectRefusal(await send(h, alice, { memberId: bob.id }), 409, 'invitation_pending');
    expectRefusal(await send(h, bob, { memberId: alice.id }), 409, 'invitation_pending');
    // By e-mail Bob addresses an address, not Alice: it is sent as to any address (refusing would
    // tell whose it is), and stays out of Alice's list while the pair has an invitation pending.
    const byEmail = await send(h, bob, { email: alice.email });
    expect(byEmail.status).toBe(201);
    expect(byEmail.body.recipient).toEqual({ email: alice.email });
    expect((await as(h, alice).get('/api/v1/invitations/received')).body.items).toEqual([]);
  });

  it('409 invitation_pending for an address already invited and awaiting a response', async () => {
    const alice = await makeMember(h);
    const address = freshEmail('twice');
    expect((await send(h, alice, { email: address })).status).toBe(201);
    expectRefusal(await send(h, alice, { email: address.toUpperCase() }), 409, 'invitation_pending');
    // Another sender may invite the same address.
    expect((await send(h, await makeMember(h), { email: address })).status).toBe(201);
  });

  it('429 reinvite_cooldown says when it ends, and passes once the cooldown is over', async () => {
    const alice = await makeMember(h);
    const bob = await makeMember(h);
    const sent = await send(h, alice, { memberId: bob.id });
    const withdrawn = await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
    const retryAt = new Date(Date.parse(withdrawn.body.withdrawnAt) + h.config.reinviteCooldownMs).toISOString();
    expect(withdrawn.body.reinviteAvailableAt).toBe(retryAt);

    const refused = await send(h, alice, { memberId: bob.id });
    expectRefusal(refused, 429, 'reinvite_cooldown');
    expect(refused.body.error.details.retryAt).toBe(retryAt);
    expect(refused.body.error.message).toContain(retryAt);
    expect(Number(refused.headers['retry-after'])).toBe(h.config.reinviteCooldownMs / 1000);
    // Addressing the same member by e-mail does not get around it in the app: the address is sent
    // an invitation as any address would be (a refusal would tell whose it is), but Bob's list stays empty.
    const byEmail = await send(h, alice, { email: bob.email });
    expect(byEmail.status).toBe(201);
    expect(byEmail.body.recipient).toEqual({ email: bob.email });
    expect((await as(h, bob).get('/api/v1/invitations/received')).body.items).toEqual([]);
    expect((await as(h, alice).post(`/api/v1/invitations/${byEmail.body.id}/withdraw`)).status).toBe(200);
    // It binds only the one who withdrew.
    const back = await send(h, bob, { memberId: alice.id });
    expect(back.status).toBe(201);
    expect((await as(h, bob).post(`/api/v1/invitations/${back.body.id}/withdraw`)).status).toBe(200);

    h.clock.advance(h.config.reinviteCooldownMs - 1000);
    const almost = await send(h, alice, { memberId: bob.id });
    expectRefusal(almost, 429, 'reinvite_cooldown');
    expect(almost.headers['retry-after']).toBe('1');
    h.clock.advance(1000);
    expect((await send(h, alice, { memberId: bob.id })).status).toBe(201);
  });

  it('429 reinvite_cooldown for a withdrawn e-mail invitation too', async () => {
    const alice = await makeMember(h);
    const address = freshEmail('cooldown');
    const sent = await send(h, alice, { email: address });
    await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
    expectRefusal(await send(h, alice, { email: address }), 429, 'reinvite_cooldown');
    expect((await send(h, alice, { email: freshEmail('other') })).status).toBe(201);
  });

  it('403 balance_exhausted, and withdrawing or being ignored gives nothing back', async () => {
    const alice = await makeMember(h, { balance: 2 });
    const [bob, carol, dave] = [await makeMember(h), await makeMember(h), await makeMember(h)];
    const toBob = await send(h, alice, { memberId: bob.id });
    const toCarol = await send(h, alice, { memberId: carol.id });
    expect([toBob.status, toCarol.status]).toEqual([201, 201]);
    expect((await as(h, alice).get('/api/v1/me')).body.balance.available).toBe(0);
    expectRefusal(await send(h, alice, { memberId: dave.id }), 403, 'balance_exhausted');

    expect((await as(h, bob).post(`/api/v1/invitations/${toBob.body.id}/ignore`, {})).status).toBe(200);
    expect((await as(h, alice).post(`/api/v1/invitations/${toCarol.body.id}/withdraw`)).status).toBe(200);
    expect((await as(h, alice).get('/api/v1/me')).body.balance.available).toBe(0);
    expectRefusal(await send(h, alice, { memberId: dave.id }), 403, 'balance_exhausted');
    expectRefusal(await send(h, alice, { email: freshEmail('nobalance') }), 403, 'balance_exhausted');
  });

  it('422 recipient_opted_out for an opted-out address or number', async () => {
    const alice = await makeMember(h);
    const address = freshEmail('optout');
    const at = h.clock.now().toISOString();
    await h.database.db
      .insertInto('opt_outs')
      .values([
        { recipient_key: `e:${address}`, created_at: at },
        { recipient_key: 'p:+14155550199', created_at: at },
      ])
      .execute();
    expectRefusal(await send(h, alice, { email: address.toUpperCase() }), 422, 'recipient_opted_out');
    expectRefusal(await send(h, alice, { phone: '+1 415-555-0199' }), 422, 'recipient_opted_out');
    expect((await send(h, alice, { phone: '+14155550198' })).status).toBe(201);
    expect((await as(h, alice).get('/api/v1/me')).body.balance.available).toBe(h.config.initialBalance - 1);
  });

  it('422 email_required once a sender collects 5 reports within 90 days', async () => {
    const alice = await makeMember(h);
    const reporters = await Promise.all([1, 2, 3, 4, 5].map(() => makeMember(h)));
    for (const [i, reporter] of reporters.entries()) {
      const sent = await send(h, alice, { memberId: reporter.id });
      expect(sent.status).toBe(201);
      expect((await as(h, alice).get('/api/v1/me')).body.restricted).toBe(false);
      const reason = i % 2 === 0 ? 'dont_know' : 'spam';
      expect((await as(h, reporter).post(`/api/v1/invitations/${sent.body.id}/ignore`, { reason })).status).toBe(200);
    }
    expect((await as(h, alice).get('/api/v1/me')).body.restricted).toBe(true);

    const carol = await makeMember(h);
    expectRefusal(await send(h, alice, { memberId: carol.id }), 422, 'email_required');
    expectRefusal(await send(h, alice, { memberId: carol.id, email: freshEmail('wrong') }), 422, 'email_required');
    const ok = await send(h, alice, { memberId: carol.id, email: carol.email.toUpperCase() });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ channel: 'member', recipient: { memberId: carol.id } });
    // Plain e-mail invitations carry the address by themselves.
    expect((await send(h, alice, { email: freshEmail('plain') })).status).toBe(201);
  });

  it('plain ignores and reports older than 90 days do not restrict', async () => {
    const alice = await makeMember(h);
    const answer = async (reason: string | undefined) => {
      const recipient = await makeMember(h);
      const sent = await send(h, alice, { memberId: recipient.id });
      expect((await as(h, recipient).post(`/api/v1/invitations/${sent.body.id}/ignore`, reason ? { reason } : {})).status).toBe(200);
    };
    for (let i = 0; i < 4; i++) await answer('spam');
    for (let i = 0; i < 3; i++) await answer(undefined);
    expect((await as(h, alice).get('/api/v1/me')).body.restricted).toBe(false);
    h.clock.advance(91 * DAY);
    await answer('dont_know');
    expect((await as(h, alice).get('/api/v1/me')).body.restricted).toBe(false);
    expect((await send(h, alice, { memberId: (await makeMember(h)).id })).status).toBe(201);
  });
});

describe.each(DIALECTS)('the weekly limit (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect, { env: { WEEKLY_INVITATION_LIMIT: '3' } });
  });
  afterAll(async () => h?.close());

  it('429 weekly_limit_reached over a rolling 7 days, shown on /me', async () => {
    const alice = await makeMember(h);
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => makeMember(h)));
    const createdAt: string[] = [];
    for (const p of people.slice(0, 3)) {
      const sent = await send(h, alice, { memberId: p.id });
      expect(sent.status).toBe(201);
      createdAt.push(sent.body.createdAt);
      h.clock.advance(DAY);
    }
    const firstFrees = new Date(Date.parse(createdAt[0]!) + 7 * DAY).toISOString();
    const me = await as(h, alice).get('/api/v1/me');
    expect(me.body.balance).toMatchObject({ weeklyLimit: 3, sentLast7Days: 3, weeklyWindowFreesAt: firstFrees });

    const refused = await send(h, alice, { memberId: people[3]!.id });
    expectRefusal(refused, 429, 'weekly_limit_reached');
    expect(refused.body.error.details.retryAt).toBe(firstFrees);
    expect(Number(refused.headers['retry-after'])).toBe((Date.parse(firstFrees) - h.clock.now().getTime()) / 1000);
    // Withdrawing does not give the slot back, and the refusal did not take from the balance.
    const first = (await as(h, alice).get('/api/v1/invitations/sent')).body.items.at(-1);
    expect((await as(h, alice).post(`/api/v1/invitations/${first.id}/withdraw`)).status).toBe(200);
    expectRefusal(await send(h, alice, { email: freshEmail('weekly') }), 429, 'weekly_limit_reached');
    expect((await as(h, alice).get('/api/v1/me')).body.balance.available).toBe(h.config.initialBalance - 3);

    h.clock.advance(Date.parse(firstFrees) - h.clock.now().getTime() - 1);
    expectRefusal(await send(h, alice, { memberId: people[3]!.id }), 429, 'weekly_limit_reached');
    h.clock.advance(1);
    expect((await send(h, alice, { memberId: people[3]!.id })).status).toBe(201);
    expectRefusal(await send(h, alice, { memberId: people[4]!.id }), 429, 'weekly_limit_reached');
    const after = await as(h, alice).get('/api/v1/me');
    expect(after.body.balance).toMatchObject({
      sentLast7Days: 3,
      weeklyWindowFreesAt: new Date(Date.parse(createdAt[1]!) + 7 * DAY).toISOString(),
      available: h.config.initialBalance - 4,
    });
  });

  it('a new member has the whole window', async () => {
    const alice = await makeMember(h);
    const me = await as(h, alice).get('/api/v1/me');
    expect(me.body.balance).toMatchObject({ weeklyLimit: 3, sentLast7Days: 0, weeklyWindowFreesAt: null });
  });
});

describe.each(DIALECTS)('the sent list (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  const ids = (reply: Reply) => reply.body.items.map((i: { id: string }) => i.id);

  it('shows only what awaits a response by default, newest first; other statuses on request', async () => {
    const alice = await makeMember(h);
    const [bob, carol, dave, erin] = await Promise.all([1, 2, 3, 4].map(() => makeMember(h)));
    const sentTo = async (m: TestMember) => {
      h.clock.advance(60_000);
      return (await send(h, alice, { memberId: m.id })).body.id as string;
    };
    const pending = await sentTo(bob!);
    const accepted = await sentTo(carol!);
    const withdrawn = await sentTo(dave!);
    const ignored = await sentTo(erin!);
    await as(h, carol!).post(`/api/v1/invitations/${accepted}/accept`);
    const w = await as(h, alice).post(`/api/v1/invitations/${withdrawn}/withdraw`);
    await as(h, erin!).post(`/api/v1/invitations/${ignored}/ignore`, {});

    const awaiting = await as(h, alice).get('/api/v1/invitations/sent');
    expect(ids(awaiting)).toEqual([ignored, pending]);
    expect(awaiting.body.items.map((i: { status: string }) => i.status)).toEqual(['pending', 'pending']);
    expect(awaiting.body.nextCursor).toBeNull();
    expect(ids(await as(h, alice).get('/api/v1/invitations/sent?status=pending'))).toEqual([ignored, pending]);
    expect(ids(await as(h, alice).get('/api/v1/invitations/sent?status=accepted'))).toEqual([accepted]);
    expect(ids(await as(h, alice).get('/api/v1/invitations/sent?status=expired'))).toEqual([]);
    expect(ids(await as(h, alice).get('/api/v1/invitations/sent?status=all'))).toEqual([ignored, withdrawn, accepted, pending]);

    const withdrawnList = await as(h, alice).get('/api/v1/invitations/sent?status=withdrawn');
    expect(ids(withdrawnList)).toEqual([withdrawn]);
    expect(withdrawnList.body.items[0]).toMatchObject({
      status: 'withdrawn',
      withdrawable: false,
      withdrawnAt: w.body.withdrawnAt,
      reinviteAvailableAt: new Date(Date.parse(w.body.withdrawnAt) + h.config.reinviteCooldownMs).toISOString(),
    });
    for (const item of awaiting.body.items) expect(item.reinviteAvailableAt).toBeUndefined();
  });

  it('pages with limit and cursor return every invitation exactly once', async () => {
    const alice = await makeMember(h);
    const sent: string[] = [];
    for (let i = 0; i < 7; i++) {
      // Some share a creation time, so the order must break ties too.
      if (i % 3 === 0) h.clock.advance(1000);
      sent.push((await send(h, alice, { email: freshEmail(`page${i}`) })).body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const page: Reply = await as(h, alice).get(`/api/v1/invitations/sent?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      sizes.push(page.body.items.length);
      seen.push(...ids(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(new Set(sent));
    expect(seen).toEqual(ids(await as(h, alice).get('/api/v1/invitations/sent?limit=100')));
    const createdAt = (await as(h, alice).get('/api/v1/invitations/sent?limit=100')).body.items.map((i: { createdAt: string }) => i.createdAt);
    expect(createdAt).toEqual([...createdAt].sort().reverse());
  });

  it('refuses a malformed cursor or limit with 400', async () => {
    const alice = await makeMember(h);
    expectRefusal(await as(h, alice).get('/api/v1/invitations/sent?cursor=garbage'), 400, 'validation_failed');
    expectRefusal(await as(h, alice).get('/api/v1/invitations/sent?limit=0'), 400, 'validation_failed');
    expectRefusal(await as(h, alice).get('/api/v1/invitations/sent?limit=101'), 400, 'validation_failed');
    expectRefusal(await as(h, alice).get('/api/v1/invitations/sent?status=ignored'), 400, 'validation_failed');
  });

  it('filters by channel, by name, e-mail or phone, and by age', async () => {
    const alice = await makeMember(h);
    const zelda = await makeMember(h, { name: 'Zelda Quuxley' });
    const toZelda = (await send(h, alice, { memberId: zelda.id })).body.id;
    h.clock.advance(1000);
    const email = freshEmail('findme');
    const toEmail = (await send(h, alice, { email })).body.id;
    h.clock.advance(10 * DAY);
    const toPhone = (await send(h, alice, { phone: '+14155550777' })).body.id;
    const list = async (query: string) => ids(await as(h, alice).get(`/api/v1/invitations/sent?${query}`));

    expect(await list('channel=member')).toEqual([toZelda]);
    expect(await list('channel=email')).toEqual([toEmail]);
    expect(await list('channel=sms')).toEqual([toPhone]);
    expect(await list('q=quuxley')).toEqual([toZelda]);
    expect(await list('q=ZELDA')).toEqual([toZelda]);
    expect(await list(`q=${encodeURIComponent(email.slice(0, 10).toUpperCase())}`)).toEqual([toEmail]);
    expect(await list('q=5550777')).toEqual([toPhone]);
    expect(await list(`q=${encodeURIComponent('+1415')}`)).toEqual([toPhone]);
    expect(await list('q=nobody-matches-this')).toEqual([]);
    expect(await list('olderThanDays=7')).toEqual([toEmail, toZelda]);
    expect(await list('olderThanDays=11')).toEqual([]);
    expect(await list('olderThanDays=0')).toEqual([toPhone, toEmail, toZelda]);
    expect(await list('olderThanDays=7&channel=email')).toEqual([toEmail]);
    expectRefusal(await as(h, alice).get('/api/v1/invitations/sent?channel=fax'), 400, 'validation_failed');
  });

  it('matches % and _ in q literally', async () => {
    const alice = await makeMember(h);
    const percent = await makeMember(h, { name: 'Fully 100% Certain' });
    const underscore = await makeMember(h, { name: 'Under_Score' });
    const plain = await makeMember(h, { name: 'Plain Person' });
    const toPercent = (await send(h, alice, { memberId: percent.id })).body.id;
    const toUnderscore = (await send(h, alice, { memberId: underscore.id })).body.id;
    expect((await send(h, alice, { memberId: plain.id })).status).toBe(201);
    const list = async (q: string) => ids(await as(h, alice).get(`/api/v1/invitations/sent?q=${encodeURIComponent(q)}`));
    expect(await list('%')).toEqual([toPercent]);
    expect(await list('0% c')).toEqual([toPercent]);
    expect(await list('_')).toEqual([toUnderscore]);
    expect(await list('r_s')).toEqual([toUnderscore]);
  });

  it('lists only the caller’s own invitations', async () => {
    const alice = await makeMember(h);
    const mallory = await makeMember(h);
    expect((await send(h, alice, { email: freshEmail('mine') })).status).toBe(201);
    expect((await as(h, mallory).get('/api/v1/invitations/sent?status=all')).body.items).toEqual([]);
  });
});
