/**
 * Sending never reveals who owns an address. An e-mail invitation to a member's primary or verified
 * additional address, and an SMS invitation to a member's phone, read to the sender exactly as one to
 * a stranger's address — in the 201 reply, its idempotent replay, the batch results, the sent list
 * and its filters, the inbox's Sent folder, the invitation itself, the withdraw replies and the
 * member's profile — unless the two are connected; and no refusal depends on who owns it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addVerifiedAddress, freshAddress } from '../support/addresses.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, expectRefusal, type Harness, makeMember, setFeature, type TestMember } from '../support/harness.js';

type Kind = 'primary address' | 'verified additional address' | 'phone';

let phones = 0;
const freshPhone = () => `+1415${String(Math.floor(Math.random() * 1e6) * 10 + (++phones % 10)).padStart(7, '0')}`;

describe.each(DIALECTS)('who owns an address is never told (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  /** A member with a name found nowhere else, a verified additional address and a phone. */
  async function makeOwner(findable = true) {
    const tag = Math.random().toString(36).slice(2, 10);
    const owner = await makeMember(h, { name: `Quintus Hidden ${tag}`, phone: freshPhone(), email: freshAddress('owner') });
    const extra = freshAddress('owner-extra', 'elsewhere.example');
    await addVerifiedAddress(h, owner, extra);
    if (!findable) expect((await as(h, owner).patch('/api/v1/me/settings', { findableByEmail: false })).status).toBe(200);
    return { owner, extra };
  }

  /** Fails when anything in `body` names the member. */
  const expectNoTrace = (body: unknown, owner: TestMember, where: string) => {
    const text = JSON.stringify(body);
    expect(text.includes(owner.id), `${where} names the owner's id: ${text}`).toBe(false);
    expect(text.includes(owner.member.name), `${where} names the owner: ${text}`).toBe(false);
  };

  /** The invitation with what differs between any two sends taken out. */
  const shape = (inv: Record<string, unknown>) => ({ ...inv, id: '-', recipient: Object.keys(inv.recipient as object) });

  it.each<[Kind, boolean]>([
    ['primary address', true],
    ['verified additional address', false],
    ['phone', true],
  ])('to a member’s %s (findable by e-mail: %s), every reply reads as to a stranger', async (kind, findable) => {
    const { owner, extra } = await makeOwner(findable);
    const sender = await makeMember(h);
    const field = kind === 'phone' ? 'phone' : 'email';
    const address = kind === 'phone' ? owner.member.phone! : kind === 'primary address' ? owner.email : extra;
    const stranger = kind === 'phone' ? freshPhone() : freshAddress('stranger');
    const headers = { 'idempotency-key': `key-${Math.random()}` };

    const sent = await as(h, sender).post('/api/v1/invitations', { [field]: address.toUpperCase() }, { headers });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.recipient).toEqual({ [field]: address });
    expectNoTrace(sent.body, owner, 'the 201 reply');
    const toStranger = await as(h, sender).post('/api/v1/invitations', { [field]: stranger });
    expect(shape(sent.body)).toEqual(shape(toStranger.body));

    const replay = await as(h, sender).post('/api/v1/invitations', { [field]: address.toUpperCase() }, { headers });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(sent.body);

    // It does reach the member, by e-mail to their addresses and in the app (phones are not
    // verified, so an SMS invitation stays one to the number).
    const received = await as(h, owner).get('/api/v1/invitations/received');
    expect(received.body.items.map((i: { id: string }) => i.id)).toEqual(kind === 'phone' ? [] : [sent.body.id]);

    for (const query of ['', '?status=all', `?channel=${kind === 'phone' ? 'sms' : 'email'}`, `?q=${encodeURIComponent(address.slice(0, 8))}`]) {
      const page = await as(h, sender).get(`/api/v1/invitations/sent${query}`);
      expect(
        page.body.items.map((i: { id: string }) => i.id),
        query,
      ).toContain(sent.body.id);
      expectNoTrace(page.body, owner, `the sent list ${query}`);
    }
    // Searching the sent list by the owner's name does not find it: that would tell whose it is.
    const byName = await as(h, sender).get(`/api/v1/invitations/sent?q=${encodeURIComponent(owner.member.name)}`);
    expect(byName.body.items).toEqual([]);
    expect((await as(h, sender).get(`/api/v1/invitations/sent/count?q=${encodeURIComponent(owner.member.name)}`)).body).toEqual({ count: 0 });

    const one = await as(h, sender).get(`/api/v1/invitations/${sent.body.id}`);
    expect(one.body).toEqual(sent.body);

    const folder = await as(h, sender).get('/api/v1/inbox?folder=sent');
    const item = folder.body.items.find((i: { id: string }) => i.id === sent.body.id);
    expect(item).toMatchObject({ subject: `Invitation to connect with ${address}`, counterpart: { name: address } });
    expect(item.counterpart).toEqual({ name: address });
    expectNoTrace(folder.body, owner, 'the Sent folder');

    expect((await as(h, sender).get(`/api/v1/members/${owner.id}`)).body.relationship).toBe('none');

    // A batch from someone else reads the same.
    const other = await makeMember(h);
    const batch = await as(h, other).post('/api/v1/invitations/batch', { recipients: [{ [field]: address }] });
    expect(batch.body.results[0].invitation.recipient).toEqual({ [field]: address });
    expectNoTrace(batch.body, owner, 'the batch results');

    const withdrawn = await as(h, sender).post(`/api/v1/invitations/${sent.body.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expectNoTrace(withdrawn.body, owner, 'the withdraw reply');
    expectNoTrace((await as(h, sender).get('/api/v1/invitations/sent?status=withdrawn')).body, owner, 'the withdrawn list');

    await setFeature(h, 'bulk-withdraw', { rolloutPercent: 0, allow: [other.id] });
    const bulk = await as(h, other).post('/api/v1/invitations/withdraw', { filter: {} });
    expect(bulk.body.withdrawnIds).toEqual([batch.body.results[0].invitation.id]);
    expectNoTrace(bulk.body, owner, 'the bulk withdraw reply');
    expectNoTrace((await as(h, other).get('/api/v1/inbox?folder=sent')).body, owner, 'the Sent folder after withdrawing');
  });

  it('once the two are connected, the sender may see whom their invitation reached', async () => {
    const { owner, extra } = await makeOwner();
    const sender = await makeMember(h);
    const sent = await as(h, sender).post('/api/v1/invitations', { email: extra });
    expect(sent.body.recipient).toEqual({ email: extra });
    expect((await as(h, owner).post(`/api/v1/invitations/${sent.body.id}/accept`)).status).toBe(200);
    const known = { memberId: owner.id, name: owner.member.name, email: extra };
    expect((await as(h, sender).get(`/api/v1/invitations/${sent.body.id}`)).body.recipient).toEqual(known);
    const item = (await as(h, sender).get('/api/v1/inbox?folder=sent')).body.items[0];
    expect(item).toMatchObject({ subject: `Invitation to connect with ${owner.member.name}`, counterpart: { memberId: owner.id, name: owner.member.name } });
    // Removing the connection makes the address an address again.
    expect((await as(h, sender).delete(`/api/v1/connections/${owner.id}`)).status).toBe(204);
    expect((await as(h, sender).get(`/api/v1/invitations/${sent.body.id}`)).body.recipient).toEqual({ email: extra });
  });

  describe('no refusal depends on who owns the address', () => {
    it('a member invitation after an e-mail one to the member’s address goes through, and takes its place in their list', async () => {
      const { owner } = await makeOwner();
      const sender = await makeMember(h);
      const byEmail = await as(h, sender).post('/api/v1/invitations', { email: owner.email });
      h.clock.advance(1000);
      const byId = await as(h, sender).post('/api/v1/invitations', { memberId: owner.id });
      expect(byId.status, JSON.stringify(byId.body)).toBe(201);
      expect((await as(h, owner).get('/api/v1/invitations/received')).body.items.map((i: { id: string }) => i.id)).toEqual([byId.body.id]);
      const sent = (await as(h, sender).get('/api/v1/invitations/sent')).body.items;
      expect(sent.map((i: { id: string; recipient: unknown }) => [i.id, i.recipient])).toEqual([
        [byId.body.id, { memberId: owner.id, name: owner.member.name }],
        [byEmail.body.id, { email: owner.email }],
      ]);
      expect((await as(h, sender).get(`/api/v1/members/${owner.id}`)).body.relationship).toBe('invitation_sent');
      // Accepting the member invitation connects them; the e-mail one still works as its link does.
      expect((await as(h, owner).post(`/api/v1/invitations/${byId.body.id}/accept`)).status).toBe(200);
    });

    it('an e-mail invitation to the address of a member already invited, or who invited the sender, goes through without reaching their list twice', async () => {
      const { owner, extra } = await makeOwner();
      const sender = await makeMember(h);
      const byId = await as(h, sender).post('/api/v1/invitations', { memberId: owner.id });
      const byEmail = await as(h, sender).post('/api/v1/invitations', { email: extra });
      expect(byEmail.status, JSON.stringify(byEmail.body)).toBe(201);
      expect(byEmail.body.recipient).toEqual({ email: extra });
      expect((await as(h, owner).get('/api/v1/invitations/received')).body.items.map((i: { id: string }) => i.id)).toEqual([byId.body.id]);

      const invitee = await makeMember(h);
      expect((await as(h, owner).post('/api/v1/invitations', { memberId: invitee.id })).status).toBe(201);
      const back = await as(h, invitee).post('/api/v1/invitations', { email: owner.email });
      expect(back.status, JSON.stringify(back.body)).toBe(201);
      expect(back.body.recipient).toEqual({ email: owner.email });
    });

    it('the re-invite cooldown follows what was addressed, and the member’s list stays clear of it', async () => {
      const { owner, extra } = await makeOwner();
      const sender = await makeMember(h);
      const byId = await as(h, sender).post('/api/v1/invitations', { memberId: owner.id });
      await as(h, sender).post(`/api/v1/invitations/${byId.body.id}/withdraw`);
      const byEmail = await as(h, sender).post('/api/v1/invitations', { email: extra });
      expect(byEmail.status, JSON.stringify(byEmail.body)).toBe(201);
      expect((await as(h, owner).get('/api/v1/invitations/received')).body.items).toEqual([]);
      expectRefusal(await as(h, sender).post('/api/v1/invitations', { memberId: owner.id }), 429, 'reinvite_cooldown');

      const second = await makeMember(h);
      const first = await as(h, second).post('/api/v1/invitations', { email: owner.email });
      await as(h, second).post(`/api/v1/invitations/${first.body.id}/withdraw`);
      expect((await as(h, second).post('/api/v1/invitations', { memberId: owner.id })).status).toBe(201);
      expectRefusal(await as(h, second).post('/api/v1/invitations', { email: owner.email }), 429, 'reinvite_cooldown');
    });

    it('the owner can accept through the e-mail’s link an invitation that did not reach their list', async () => {
      const { owner } = await makeOwner();
      const sender = await makeMember(h);
      const byId = await as(h, owner).post('/api/v1/invitations', { memberId: sender.id });
      const byEmail = await as(h, sender).post('/api/v1/invitations', { email: owner.email });
      expect(byEmail.status).toBe(201);
      const { runWorkerOnce } = await import('../../src/delivery/worker.js');
      while ((await runWorkerOnce(h.database.db, h.services.deps)) > 0);
      const mail = await h.database.db
        .selectFrom('dev_mailbox')
        .selectAll()
        .where('to_address', '=', owner.email)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const token = (JSON.parse(mail.links) as string[]).map((l) => /\/i\/([^/?#]+)/.exec(l)?.[1]).find(Boolean)!;
      const accepted = await as(h, owner).post(`/api/v1/invitation-links/${token}/accept`);
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      expect((await as(h, sender).get(`/api/v1/members/${owner.id}`)).body.relationship).toBe('connected');
      // The owner's own invitation to the sender had nothing left to ask.
      expect((await as(h, owner).get(`/api/v1/invitations/${byId.body.id}`)).body.status).toBe('withdrawn');
    });
  });
});
