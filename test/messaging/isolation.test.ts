/**
 * Who reaches a conversation: to anyone but its participants every conversation route answers as
 * if it did not exist (404, the same reply as for an unknown id) and changes nothing; without
 * credentials every route (blocks and replies to invitations too) is 401. And every body and query is taken exactly as declared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { as, call, createHarness, expectRefusal, type Harness, makeMember, type TestMember } from '../support/harness.js';
import { connect, start } from './support.js';

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: (id: string) => string;
  body?: unknown;
}

const CONVERSATION_ROUTES: Route[] = [
  { method: 'GET', path: (id) => `/api/v1/conversations/${id}` },
  { method: 'PATCH', path: (id) => `/api/v1/conversations/${id}`, body: { archived: true, muted: true } },
  { method: 'DELETE', path: (id) => `/api/v1/conversations/${id}` },
  { method: 'GET', path: (id) => `/api/v1/conversations/${id}/messages` },
  { method: 'POST', path: (id) => `/api/v1/conversations/${id}/messages`, body: { text: 'let me in' } },
  { method: 'POST', path: (id) => `/api/v1/conversations/${id}/read`, body: {} },
  { method: 'POST', path: (id) => `/api/v1/conversations/${id}/unread` },
  { method: 'POST', path: (id) => `/api/v1/conversations/${id}/report`, body: { reason: 'spam' } },
];

describe.each(DIALECTS)('conversation access (%s)', (dialect) => {
  let h: Harness;
  let ann: TestMember;
  let ben: TestMember;
  let eve: TestMember;
  let conversationId: string;
  let messageId: string;
  let attachmentId: string;

  beforeAll(async () => {
    h = await createHarness(dialect);
    ann = await makeMember(h);
    ben = await makeMember(h);
    eve = await makeMember(h);
    // Eve is connected with both, and has a conversation of her own with each: still not theirs.
    await connect(h, ann, ben);
    await connect(h, eve, ann);
    await connect(h, eve, ben);
    const uploaded = await h.app.inject({
      method: 'POST',
      url: '/api/v1/attachments?name=private.pdf',
      headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.7\nprivate\n%%EOF\n'),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    attachmentId = JSON.parse(uploaded.body).id;
    const started = await start(h, ann, [ben], 'private', { attachmentIds: [attachmentId] });
    conversationId = started.conversation.id;
    messageId = started.message.id;
    await start(h, eve, [ann], 'eve and ann');
  });
  afterAll(async () => h?.close());

  it.each(CONVERSATION_ROUTES.map((r) => [`${r.method} ${r.path('{id}')}`, r] as const))(
    '%s: a non-participant gets 404, as for no conversation',
    async (_name, route) => {
      const before = await h.database.db
        .selectFrom('conversation_members')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .orderBy('member_id')
        .execute();
      const theirs = await call(h, route.method, route.path(conversationId), { token: eve.token, body: route.body });
      const unknown = await call(h, route.method, route.path('no-such-conversation'), { token: eve.token, body: route.body });
      expectRefusal(theirs, 404, 'not_found');
      expect(theirs.body).toEqual(unknown.body);
      // Nothing changed for the participants, and nothing was written.
      const after = await h.database.db
        .selectFrom('conversation_members')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .orderBy('member_id')
        .execute();
      expect(after).toEqual(before);
      const messages = await h.database.db.selectFrom('messages').select('id').where('conversation_id', '=', conversationId).execute();
      expect(messages.map((m) => m.id)).toEqual([messageId]);
      const reports = await h.database.db.selectFrom('conversation_reports').select('id').where('conversation_id', '=', conversationId).execute();
      expect(reports).toEqual([]);
    },
  );

  it('GET /attachments/{id}: a non-participant gets 404, as for no attachment, while participants get the file', async () => {
    const theirs = await as(h, eve).get(`/api/v1/attachments/${attachmentId}`);
    const unknown = await as(h, eve).get('/api/v1/attachments/no-such-attachment');
    expectRefusal(theirs, 404, 'not_found');
    expect(theirs.body).toEqual(unknown.body);
    for (const member of [ann, ben]) {
      const res = await h.app.inject({ method: 'GET', url: `/api/v1/attachments/${attachmentId}`, headers: { authorization: `Bearer ${member.token}` } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
    }
  });

  it("a non-participant cannot send someone else's attachment into a conversation of their own", async () => {
    const own = await start(h, eve, [ann], 'eve again');
    const res = await as(h, eve).post(`/api/v1/conversations/${own.conversation.id}/messages`, { text: 'look', attachmentIds: [attachmentId] });
    expectRefusal(res, 422, 'attachment_unavailable');
    const row = await h.database.db.selectFrom('attachments').select('message_id').where('id', '=', attachmentId).executeTakeFirstOrThrow();
    expect(row.message_id).toBe(messageId);
  });

  it("a non-participant's lists never show the conversation, nor its messages", async () => {
    for (const query of ['', '?folder=archived', '?unread=true', '?q=Member']) {
      const res = await as(h, eve).get(`/api/v1/conversations${query}`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: any) => c.id)).not.toContain(conversationId);
    }
    expectRefusal(await as(h, eve).post(`/api/v1/conversations/${conversationId}/read`, { upTo: messageId }), 404, 'not_found');
  });

  it('a participant reading up to a message of a conversation they are not in gets 404', async () => {
    const own = await start(h, eve, [ben], 'eve and ben');
    expectRefusal(await as(h, eve).post(`/api/v1/conversations/${own.conversation.id}/read`, { upTo: messageId }), 404, 'not_found');
  });

  it('without credentials every route is 401', async () => {
    const routes: Route[] = [
      { method: 'GET', path: () => '/api/v1/conversations' },
      { method: 'POST', path: () => '/api/v1/conversations', body: { memberIds: [ben.id], text: 'hi' } },
      { method: 'GET', path: () => '/api/v1/admin/conversation-reports' },
      { method: 'POST', path: () => `/api/v1/members/${ben.id}/block`, body: {} },
      { method: 'DELETE', path: () => `/api/v1/members/${ben.id}/block` },
      { method: 'GET', path: () => '/api/v1/me/blocked' },
      { method: 'POST', path: () => '/api/v1/invitations/some-invitation/reply', body: { text: 'hi' } },
      { method: 'GET', path: () => `/api/v1/attachments/${attachmentId}` },
      ...CONVERSATION_ROUTES,
    ];
    for (const route of routes) {
      const res = await call(h, route.method, route.path(conversationId), { body: route.body });
      expectRefusal(res, 401, 'unauthenticated');
      const bogus = await call(h, route.method, route.path(conversationId), { body: route.body, token: 'not-a-token' });
      expectRefusal(bogus, 401, 'unauthenticated');
    }
  });

  it('support reads reports only through the console, not the conversations themselves', async () => {
    const agent = await makeMember(h, { role: 'support' });
    expectRefusal(await as(h, agent).get(`/api/v1/conversations/${conversationId}`), 404, 'not_found');
    expectRefusal(await as(h, agent).get(`/api/v1/conversations/${conversationId}/messages`), 404, 'not_found');
  });

  describe('strict input', () => {
    const invalid = async (member: TestMember, method: Route['method'], url: string, body: unknown, field: string) => {
      const res = await call(h, method, url, { token: member.token, body });
      expectRefusal(res, 400, 'validation_failed');
      expect(res.body.error.details?.field, JSON.stringify(res.body)).toBe(field);
    };

    it('POST /conversations takes exactly its declared fields and types', async () => {
      const url = '/api/v1/conversations';
      await invalid(ann, 'POST', url, { memberIds: ben.id, text: 'hi' }, 'memberIds');
      await invalid(ann, 'POST', url, { memberIds: [], text: 'hi' }, 'memberIds');
      await invalid(ann, 'POST', url, { memberIds: [[ben.id]], text: 'hi' }, 'memberIds.0');
      await invalid(ann, 'POST', url, { memberIds: [7], text: 'hi' }, 'memberIds.0');
      await invalid(ann, 'POST', url, { memberIds: [ben.id], text: ['hi'] }, 'text');
      await invalid(ann, 'POST', url, { memberIds: [ben.id], text: 5 }, 'text');
      await invalid(ann, 'POST', url, { memberIds: [ben.id], text: null }, 'text');
      await invalid(ann, 'POST', url, { memberIds: [ben.id] }, 'text');
      await invalid(ann, 'POST', url, { text: 'hi' }, 'memberIds');
      await invalid(ann, 'POST', url, { memberIds: [ben.id], text: 'hi', subject: ['x'] }, 'subject');
      await invalid(ann, 'POST', url, { memberIds: [ben.id], text: 'hi', subject: 'x'.repeat(201) }, 'subject');
      await invalid(ann, 'POST', url, { memberIds: [ben.id], text: 'hi', attachmentIds: 'a' }, 'attachmentIds');
      await invalid(ann, 'POST', url, { memberIds: [ben.id], text: 'hi', attachmentIds: [5] }, 'attachmentIds.0');
      await invalid(ann, 'POST', url, { memberIds: [ben.id], text: 'hi', attachmentIds: [''] }, 'attachmentIds.0');
      await invalid(ann, 'POST', url, { memberIds: [ben.id], text: 'hi', attachmentIds: ['a', 'a'] }, 'attachmentIds');
      await invalid(ann, 'POST', url, { memberIds: [ben.id], text: 'hi\u0000' }, 'text');
      await invalid(ann, 'POST', url, [{ memberIds: [ben.id], text: 'hi' }], 'body');
    });

    it('the conversation routes take exactly their declared fields and types', async () => {
      const base = `/api/v1/conversations/${conversationId}`;
      await invalid(ann, 'POST', `${base}/messages`, { text: ['hi'] }, 'text');
      await invalid(ann, 'POST', `${base}/messages`, { text: 'hi', attachmentIds: null }, 'attachmentIds');
      await invalid(ann, 'POST', `${base}/messages`, { text: 'hi', attachmentIds: [['a']] }, 'attachmentIds.0');
      await invalid(ann, 'POST', `${base}/messages`, { text: 'hi', attachmentIds: Array.from({ length: 11 }, (_, i) => `a${i}`) }, 'attachmentIds');
      await invalid(ann, 'POST', `${base}/messages`, {}, 'text');
      await invalid(ann, 'PATCH', base, { muted: 'true' }, 'muted');
      await invalid(ann, 'PATCH', base, { archived: [true] }, 'archived');
      await invalid(ann, 'PATCH', base, { archived: null }, 'archived');
      await invalid(ann, 'PATCH', base, { pinned: true }, 'pinned');
      await invalid(ann, 'POST', `${base}/read`, { upTo: 5 }, 'upTo');
      await invalid(ann, 'POST', `${base}/read`, { upTo: [messageId] }, 'upTo');
      await invalid(ann, 'POST', `${base}/read`, { all: true }, 'all');
      await invalid(ann, 'POST', `${base}/unread`, { upTo: messageId }, 'upTo');
      await invalid(ann, 'POST', `${base}/report`, { reason: ['spam'] }, 'reason');
      await invalid(ann, 'POST', `${base}/report`, { reason: 'rude' }, 'reason');
      await invalid(ann, 'POST', `${base}/report`, {}, 'reason');
      await invalid(ann, 'POST', `${base}/report`, { reason: 'spam', details: 5 }, 'details');
      await invalid(ann, 'POST', `${base}/report`, { reason: 'spam', details: 'x'.repeat(2001) }, 'details');
      await invalid(ann, 'POST', `${base}/report`, { reason: 'spam', url: 'x' }, 'url');
      // None of them did anything.
      const messages = await h.database.db.selectFrom('messages').select('id').where('conversation_id', '=', conversationId).execute();
      expect(messages).toHaveLength(1);
    });

    it('blocking and replying take exactly their declared fields and types', async () => {
      await invalid(ann, 'POST', `/api/v1/members/${eve.id}/block`, { reason: 'spam' }, 'reason');
      await invalid(ann, 'POST', `/api/v1/members/${eve.id}/block`, [], 'body');
      const reply = '/api/v1/invitations/some-invitation/reply';
      await invalid(ann, 'POST', reply, {}, 'text');
      await invalid(ann, 'POST', reply, { text: ['hi'] }, 'text');
      await invalid(ann, 'POST', reply, { text: 5 }, 'text');
      await invalid(ann, 'POST', reply, { text: 'x'.repeat(8001) }, 'text');
      await invalid(ann, 'POST', reply, { text: 'hi', subject: 'x' }, 'subject');
      for (const query of ['limit=0', 'limit=101', 'limit=ten', 'cursor=%5B%5D']) {
        expectRefusal(await as(h, ann).get(`/api/v1/me/blocked?${query}`), 400, 'validation_failed');
      }
      // None of them blocked anyone.
      expect(await h.database.db.selectFrom('member_blocks').select('blocked_id').where('blocker_id', '=', ann.id).execute()).toEqual([]);
    });

    it('query strings are converted to their declared types only', async () => {
      for (const query of ['unread=yes', 'folder=sent', 'limit=0', 'limit=101', 'limit=ten', 'unread=true&unread=false']) {
        expectRefusal(await as(h, ann).get(`/api/v1/conversations?${query}`), 400, 'validation_failed');
      }
      expectRefusal(await as(h, ann).get(`/api/v1/conversations/${conversationId}/messages?limit=0`), 400, 'validation_failed');
      const res = await as(h, ann).get('/api/v1/conversations?unread=false&folder=inbox&limit=5');
      expect(res.status).toBe(200);
    });

    it('a body that is not JSON is 415', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/messages`,
        headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'text/plain' },
        payload: 'hi',
      });
      expect(res.statusCode).toBe(415);
      expect(JSON.parse(res.body).error.code).toBe('unsupported_media_type');
    });
  });
});
