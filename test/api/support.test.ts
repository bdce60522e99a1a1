import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWorkerOnce } from '../../src/delivery/worker.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, type Harness, expectRefusal, makeMember, type TestMember } from '../support/harness.js';

describe.each(DIALECTS)('support requests, the support console and the audit trail (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  const invite = async (from: TestMember, to: TestMember) => {
    const res = await as(h, from).post('/api/v1/invitations', { memberId: to.id });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  const statusOf = async (id: string) => (await h.database.db.selectFrom('invitations').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  /**
   * A member with four sent invitations: one pending, one the recipient ignored, one accepted and one
   * expired. Only the first two can be withdrawn.
   */
  async function memberWithHistory() {
    const member = await makeMember(h);
    const [r1, r2, r3, r4] = [await makeMember(h), await makeMember(h), await makeMember(h), await makeMember(h)];
    const expired = await invite(member, r4);
    h.clock.advance(h.config.invitationTtlMs + DAY);
    const pending = await invite(member, r1);
    const ignored = await invite(member, r2);
    expect((await as(h, r2).post(`/api/v1/invitations/${ignored}/ignore`, {})).status).toBe(200);
    const accepted = await invite(member, r3);
    expect((await as(h, r3).post(`/api/v1/invitations/${accepted}/accept`)).status).toBe(200);
    return { member, pending, ignored, accepted, expired, recipients: [r1, r2, r3, r4] as const };
  }

  describe('support requests', () => {
    it('a member files a request (201); asking again while it is open is refused with 409 support_request_open', async () => {
      const m = await makeMember(h, { name: 'Req Uester' });
      const first = await as(h, m).post('/api/v1/support/requests', { kind: 'withdraw_all_pending', message: '  Please cancel them all  ' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        kind: 'withdraw_all_pending',
        status: 'open',
        message: 'Please cancel them all',
        member: { id: m.id, name: 'Req Uester', email: m.email },
        resolvedAt: null,
      });
      const second = await as(h, m).post('/api/v1/support/requests', { kind: 'withdraw_all_pending' });
      expectRefusal(second, 409, 'support_request_open');
      expect(second.body.error.message).toMatch(/already have an open request/);
      expect(second.body.error.details).toEqual({ requestId: first.body.id, createdAt: first.body.createdAt });
      const rows = await h.database.db.selectFrom('support_requests').select('id').where('member_id', '=', m.id).execute();
      expect(rows).toHaveLength(1);
    });

    it('of requests sent at the same moment, one is filed and the others are refused', async () => {
      const m = await makeMember(h);
      const replies = await Promise.all(Array.from({ length: 6 }, () => as(h, m).post('/api/v1/support/requests', { kind: 'withdraw_all_pending' })));
      expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      const rows = await h.database.db.selectFrom('support_requests').select('id').where('member_id', '=', m.id).execute();
      expect(rows).toHaveLength(1);
    });

    it('once the open request is done, a new one may be filed', async () => {
      const m = await makeMember(h);
      const agent = await makeMember(h, { role: 'support' });
      const first = await as(h, m).post('/api/v1/support/requests', { kind: 'withdraw_all_pending' });
      expect(first.status).toBe(201);
      const done = await as(h, agent).post(`/api/v1/admin/members/${m.id}/invitations/withdraw-all`, { reason: 'asked', requestId: first.body.id });
      expect(done.status).toBe(200);
      const again = await as(h, m).post('/api/v1/support/requests', { kind: 'withdraw_all_pending' });
      expect(again.status).toBe(201);
      expect(again.body.id).not.toBe(first.body.id);
    });

    it('refuses an unknown kind', async () => {
      const m = await makeMember(h);
      const res = await as(h, m).post('/api/v1/support/requests', { kind: 'delete_my_account' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toContain('kind');
    });

    it('a member sees only their own requests; support and admins see everyone’s', async () => {
      const a = await makeMember(h);
      const b = await makeMember(h);
      const agent = await makeMember(h, { role: 'support' });
      const admin = await makeMember(h, { role: 'admin' });
      const ra = (await as(h, a).post('/api/v1/support/requests', { kind: 'withdraw_all_pending' })).body.id;
      const rb = (await as(h, b).post('/api/v1/support/requests', { kind: 'withdraw_all_pending' })).body.id;

      const mine = await as(h, a).get('/api/v1/support/requests?limit=100');
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([ra]);
      expect((await as(h, b).get('/api/v1/support/requests')).body.items.map((r: { id: string }) => r.id)).toEqual([rb]);

      for (const viewer of [agent, admin]) {
        const all = await as(h, viewer).get('/api/v1/support/requests?limit=100');
        const ids = all.body.items.map((r: { id: string }) => r.id);
        expect(ids).toContain(ra);
        expect(ids).toContain(rb);
        const rowB = all.body.items.find((r: { id: string }) => r.id === rb);
        expect(rowB.member).toEqual({ id: b.id, name: b.member.name, email: b.email });
      }
    });
  });

  describe('withdraw-all on a member’s behalf', () => {
    it('is forbidden to members, even for themselves', async () => {
      const { member, pending } = await memberWithHistory();
      const other = await makeMember(h);
      for (const caller of [member, other]) {
        const res = await as(h, caller).post(`/api/v1/admin/members/${member.id}/invitations/withdraw-all`, { reason: 'please' });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
      expect(await statusOf(pending)).toBe('pending');
    });

    it('a dry run counts what would be withdrawn and changes nothing', async () => {
      const { member, pending, ignored, accepted } = await memberWithHistory();
      const agent = await makeMember(h, { role: 'support' });
      const auditBefore = await h.database.db.selectFrom('audit_log').select('id').execute();
      const res = await as(h, agent).post(`/api/v1/admin/members/${member.id}/invitations/withdraw-all`, { reason: 'preview', dryRun: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ count: 2, withdrawnIds: [] });
      expect(await statusOf(pending)).toBe('pending');
      expect(await statusOf(ignored)).toBe('ignored');
      expect(await statusOf(accepted)).toBe('accepted');
      expect(await h.database.db.selectFrom('audit_log').select('id').execute()).toHaveLength(auditBefore.length);
    });

    it('a null dryRun is refused, never taken as false', async () => {
      const { member, pending } = await memberWithHistory();
      const agent = await makeMember(h, { role: 'support' });
      const res = await as(h, agent).post(`/api/v1/admin/members/${member.id}/invitations/withdraw-all`, { reason: 'preview', dryRun: null });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.message).toContain('dryRun');
      expect(await statusOf(pending)).toBe('pending');
    });

    it('withdraws every pending and ignored invitation, not accepted or expired ones, audited as support with the reason', async () => {
      const { member, pending, ignored, accepted, expired, recipients } = await memberWithHistory();
      const agent = await makeMember(h, { role: 'support' });
      const res = await as(h, agent).post(`/api/v1/admin/members/${member.id}/invitations/withdraw-all`, { reason: 'Member asked by phone' });
      expect(res.status).toBe(200);
      expect(res.body.count).toBe(2);
      expect([...res.body.withdrawnIds].sort()).toEqual([pending, ignored].sort());

      expect(await statusOf(pending)).toBe('withdrawn');
      expect(await statusOf(ignored)).toBe('withdrawn');
      expect(await statusOf(accepted)).toBe('accepted');
      const sentAll = await as(h, member).get('/api/v1/invitations/sent?status=all');
      const byId = new Map(sentAll.body.items.map((i: { id: string; status: string }) => [i.id, i.status]));
      expect(byId.get(expired)).toBe('expired');
      expect(byId.get(accepted)).toBe('accepted');
      expect((await as(h, member).get('/api/v1/invitations/sent')).body.items).toEqual([]);
      expect((await as(h, recipients[0]).get('/api/v1/invitations/received')).body.items).toEqual([]);

      const rows = await h.database.db
        .selectFrom('invitations')
        .select(['id', 'withdrawn_by', 'withdraw_path'])
        .where('id', 'in', [pending, ignored])
        .execute();
      for (const row of rows) expect(row).toMatchObject({ withdrawn_by: agent.id, withdraw_path: 'support' });

      const audit = await as(h, agent).get(`/api/v1/admin/audit?memberId=${member.id}&action=invitation.withdrawn`);
      expect(audit.body.items).toHaveLength(2);
      for (const item of audit.body.items) {
        expect(item).toMatchObject({
          actor: { id: agent.id },
          subject: { memberId: member.id },
          path: 'support',
          details: { reason: 'Member asked by phone' },
        });
      }
      const summary = await as(h, agent).get(`/api/v1/admin/audit?memberId=${member.id}&action=support.withdraw_all`);
      expect(summary.body.items).toHaveLength(1);
      expect(summary.body.items[0]).toMatchObject({ path: 'support', details: { reason: 'Member asked by phone', count: 2 } });

      // Running it again finds nothing left.
      const again = await as(h, agent).post(`/api/v1/admin/members/${member.id}/invitations/withdraw-all`, { reason: 'again' });
      expect(again.body).toMatchObject({ count: 0, withdrawnIds: [] });
    });

    it('with a requestId, marks the request done and tells the member by e-mail', async () => {
      const { member, pending } = await memberWithHistory();
      const admin = await makeMember(h, { role: 'admin' });
      const request = await as(h, member).post('/api/v1/support/requests', { kind: 'withdraw_all_pending' });
      const res = await as(h, admin).post(`/api/v1/admin/members/${member.id}/invitations/withdraw-all`, {
        reason: 'Support request',
        requestId: request.body.id,
      });
      expect(res.status).toBe(200);
      expect(res.body.withdrawnIds).toContain(pending);

      const mine = await as(h, member).get('/api/v1/support/requests');
      expect(mine.body.items).toHaveLength(1);
      expect(mine.body.items[0]).toMatchObject({ id: request.body.id, status: 'done', resolvedAt: expect.any(String) });
      expect((await as(h, admin).get('/api/v1/support/requests?status=open&limit=100')).body.items.map((r: { id: string }) => r.id)).not.toContain(
        request.body.id,
      );

      // (The member also has an accepted-invitation notice queued, from the history.)
      const outbox = await h.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('recipient', '=', member.email)
        .where('kind', '=', 'support_request_done')
        .execute();
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ channel: 'email', status: 'queued' });
      expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ requestId: request.body.id, withdrawn: 2 });

      await runWorkerOnce(h.database.db, h.services.deps);
      const mail = await h.database.db.selectFrom('dev_mailbox').selectAll().where('outbox_id', '=', outbox[0]!.id).execute();
      expect(mail).toHaveLength(1);
      expect(mail[0]!.to_address).toBe(member.email);
      expect(mail[0]!.subject).toMatch(/cancel/i);
      expect(mail[0]!.text).toContain('2');

      // A new request can be filed once the old one is done.
      const next = await as(h, member).post('/api/v1/support/requests', { kind: 'withdraw_all_pending' });
      expect(next.body.id).not.toBe(request.body.id);
      expect(next.body.status).toBe('open');
    });

    it('a requestId of another member is 404 and nothing is withdrawn', async () => {
      const { member, pending } = await memberWithHistory();
      const other = await makeMember(h);
      const agent = await makeMember(h, { role: 'support' });
      const theirs = await as(h, other).post('/api/v1/support/requests', { kind: 'withdraw_all_pending' });
      const res = await as(h, agent).post(`/api/v1/admin/members/${member.id}/invitations/withdraw-all`, { reason: 'mix-up', requestId: theirs.body.id });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
      expect(await statusOf(pending)).toBe('pending');
      expect((await as(h, other).get('/api/v1/support/requests')).body.items[0].status).toBe('open');
    });

    it('an unknown member is 404; a missing or blank reason is 400', async () => {
      const agent = await makeMember(h, { role: 'support' });
      const unknown = await as(h, agent).post('/api/v1/admin/members/nobody/invitations/withdraw-all', { reason: 'x' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('not_found');
      const m = await makeMember(h);
      for (const body of [{}, { reason: '' }, { reason: '   ' }]) {
        const res = await as(h, agent).post(`/api/v1/admin/members/${m.id}/invitations/withdraw-all`, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
        expect(res.body.error.message).toContain('reason');
      }
    });
  });

  describe('balance grants', () => {
    it('only admins may grant: members and support get 403', async () => {
      const m = await makeMember(h);
      for (const role of ['member', 'support'] as const) {
        const caller = await makeMember(h, { role });
        const res = await as(h, caller).post(`/api/v1/admin/members/${m.id}/balance`, { grant: 10, reason: 'nice' });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
      expect((await as(h, m).get('/api/v1/me')).body.balance.available).toBe(h.config.initialBalance);
    });

    it('an admin grant increases the balance and is audited as balance.granted', async () => {
      const m = await makeMember(h, { balance: 0 });
      const admin = await makeMember(h, { role: 'admin' });
      const target = await makeMember(h);
      const refused = await as(h, m).post('/api/v1/invitations', { memberId: target.id });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('balance_exhausted');

      const res = await as(h, admin).post(`/api/v1/admin/members/${m.id}/balance`, { grant: 5, reason: 'Recruiting drive' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ available: 5 });
      expect((await as(h, admin).post(`/api/v1/admin/members/${m.id}/balance`, { grant: 3, reason: 'More' })).body).toEqual({ available: 8 });
      expect((await as(h, m).get('/api/v1/me')).body.balance.available).toBe(8);
      expect((await as(h, m).post('/api/v1/invitations', { memberId: target.id })).status).toBe(201);

      const audit = await as(h, admin).get(`/api/v1/admin/audit?memberId=${m.id}&action=balance.granted`);
      expect(audit.body.items).toHaveLength(2);
      expect(audit.body.items[1]).toMatchObject({
        action: 'balance.granted',
        actor: { id: admin.id },
        subject: { memberId: m.id },
        details: { grant: 5, reason: 'Recruiting drive', available: 5 },
      });
    });

    it('an unknown member is 404; a bad grant is 400', async () => {
      const admin = await makeMember(h, { role: 'admin' });
      const unknown = await as(h, admin).post('/api/v1/admin/members/nobody/balance', { grant: 1, reason: 'x' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('not_found');
      const m = await makeMember(h);
      for (const body of [{ grant: 0, reason: 'x' }, { grant: -3, reason: 'x' }, { grant: 1.5, reason: 'x' }, { grant: 1 }, { grant: 1, reason: '  ' }]) {
        const res = await as(h, admin).post(`/api/v1/admin/members/${m.id}/balance`, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
      }
      expect((await as(h, m).get('/api/v1/me')).body.balance.available).toBe(h.config.initialBalance);
    });
  });

  describe('the audit trail', () => {
    it('is for support and admins only', async () => {
      const m = await makeMember(h);
      const res = await as(h, m).get('/api/v1/admin/audit');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
      expect((await as(h, await makeMember(h, { role: 'support' })).get('/api/v1/admin/audit')).status).toBe(200);
      expect((await as(h, await makeMember(h, { role: 'admin' })).get('/api/v1/admin/audit')).status).toBe(200);
    });

    it('filters by member and by action, newest first, in pages', async () => {
      const alice = await makeMember(h, { name: 'Audited Alice' });
      const agent = await makeMember(h, { role: 'support' });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await makeMember(h);
        const id = await invite(alice, r);
        await as(h, alice).post(`/api/v1/invitations/${id}/withdraw`);
        ids.push(id);
      }
      const b = await makeMember(h);
      const c = await makeMember(h);
      const accepted = await invite(b, c);
      await as(h, c).post(`/api/v1/invitations/${accepted}/accept`);

      const seen: { invitationId: string; action: string; at: string; path: string; actor: unknown; subject: unknown }[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/admin/audit?memberId=${alice.id}&action=invitation.withdrawn&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await as(h, agent).get(url);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen.map((s) => s.invitationId)).toEqual([...ids].reverse());
      for (const item of seen) {
        expect(item).toMatchObject({
          action: 'invitation.withdrawn',
          path: 'api',
          actor: { id: alice.id, name: 'Audited Alice' },
          subject: { memberId: alice.id },
        });
      }
      // The member filter keeps other members out; the action filter keeps other actions out.
      const everything = await as(h, agent).get(`/api/v1/admin/audit?memberId=${alice.id}&limit=100`);
      const actions = everything.body.items.map((i: { action: string }) => i.action);
      expect(actions.filter((a: string) => a === 'invitation.sent')).toHaveLength(5);
      expect(actions.filter((a: string) => a === 'invitation.withdrawn')).toHaveLength(5);
      expect(actions).not.toContain('invitation.accepted');
      for (const item of everything.body.items) {
        const involved = [item.actor?.id, item.subject?.memberId];
        expect(involved).toContain(alice.id);
      }
      const acceptedRows = await as(h, agent).get(`/api/v1/admin/audit?memberId=${c.id}&action=invitation.accepted`);
      expect(acceptedRows.body.items).toHaveLength(1);
      expect(acceptedRows.body.items[0]).toMatchObject({ action: 'invitation.accepted', invitationId: accepted });
      const none = await as(h, agent).get(`/api/v1/admin/audit?memberId=${alice.id}&action=balance.granted`);
      expect(none.body).toEqual({ items: [], nextCursor: null });
    });

    it('refuses a malformed cursor', async () => {
      const agent = await makeMember(h, { role: 'support' });
      const res = await as(h, agent).get('/api/v1/admin/audit?cursor=not-a-cursor');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    });
  });
});
