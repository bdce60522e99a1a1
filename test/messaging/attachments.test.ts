/**
 * Attachments: uploads (only images and PDFs whose bytes are what their type says, within the size
 * and the daily bytes), sending them in a message (each once, one winner of a race), who may
 * download them (their uploader and the participants who still have the message: everyone else 404),
 * the headers a download carries, and the cleanup of uploads never sent.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentHash, filesystemBlobStore } from '../../src/blobs/blob-store.js';
import { startWorker } from '../../src/delivery/worker.js';
import { cleanFileName, cleanupUnsentAttachments } from '../../src/messaging/attachments.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, expectRefusal, type Harness, makeMember, type Reply, TEST_PASSWORD, type TestMember } from '../support/harness.js';
import { connect, start } from './support.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake png body')]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF fake jpeg body')]);
const GIF = Buffer.from('GIF89a fake gif body');
const GIF87 = Buffer.from('GIF87a older gif body');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x20, 0, 0, 0]), Buffer.from('WEBPVP8 fake webp body')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const HTML = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');

const unique = (tag: string) => Buffer.concat([PNG, Buffer.from(` ${tag} ${Math.random()}`)]);

/** Uploads `bytes` as `type` (raw body), checks the reply against the OpenAPI document, returns it. */
async function upload(h: Harness, m: TestMember | null, bytes: Buffer, type: string | null, query = '', headers: Record<string, string> = {}): Promise<Reply> {
  const url = `/api/v1/attachments${query}`;
  const res = await h.app.inject({
    method: 'POST',
    url,
    headers: { ...(m ? { authorization: `Bearer ${m.token}` } : {}), ...(type ? { 'content-type': type } : {}), ...headers },
    payload: bytes,
  });
  const body = res.body === '' ? res.body : (JSON.parse(res.body) as unknown);
  expect(h.openapi.check('POST', url, res.statusCode, body), `POST ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`).toEqual([]);
  return { status: res.statusCode, body, headers: res.headers };
}

async function uploaded(h: Harness, m: TestMember, bytes = unique('file'), type = 'image/png', query = '') {
  const res = await upload(h, m, bytes, type, query);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string; size: number; contentType: string };
}

/** GET /attachments/{id} as `m`, the body as raw bytes. */
async function download(h: Harness, m: TestMember | null, id: string) {
  const url = `/api/v1/attachments/${id}`;
  const res = await h.app.inject({ method: 'GET', url, headers: m ? { authorization: `Bearer ${m.token}` } : {} });
  const json = String(res.headers['content-type'] ?? '').includes('application/json');
  const body = json ? (JSON.parse(res.body) as unknown) : res.rawPayload;
  expect(h.openapi.check('GET', url, res.statusCode, json ? body : undefined)).toEqual([]);
  return { status: res.statusCode, body: body as any, bytes: res.rawPayload, headers: res.headers };
}

const blobPath = (h: Harness, bytes: Buffer) => {
  const hash = contentHash(bytes);
  return join(h.config.dataDir, 'attachments', hash.slice(0, 2), hash.slice(2, 4), hash);
};

const messageCount = async (h: Harness) =>
  Number(
    (
      await h.database.db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('file names', () => {
  it.each([
    ['../../etc/passwd', 'image/png', '_.._etc_passwd'],
    ['..\\..\\boot.ini', 'image/png', '_.._boot.ini'],
    ['report\u0000\u0007\u001b[31m.pdf', 'application/pdf', 'report[31m.pdf'],
    ['invoice\u202egpj.exe', 'image/jpeg', 'invoicegpj.exe'],
    ['  \u200b  ', 'image/webp', 'image.webp'],
    ['...', 'application/pdf', 'document.pdf'],
    ['.hidden.png', 'image/png', 'hidden.png'],
    ['a<b>:c*?"d|e.gif', 'image/gif', 'a_b__c___d_e.gif'],
    ['line\nbreak.png', 'image/png', 'line break.png'],
    ['Résumé – 2026.pdf', 'application/pdf', 'Résumé – 2026.pdf'],
  ])('%j (%s) is stored as %j', (raw, type, expected) => {
    expect(cleanFileName(raw, type)).toBe(expected);
  });

  it('is at most 120 characters, keeping the extension', () => {
    const name = cleanFileName(`${'x'.repeat(300)}.jpeg`, 'image/jpeg');
    expect([...name]).toHaveLength(120);
    expect(name.endsWith('.jpeg')).toBe(true);
    expect([...cleanFileName('é'.repeat(500), 'image/png')]).toHaveLength(120);
  });

  it('defaults by type', () => {
    expect(cleanFileName(undefined, 'image/png')).toBe('image.png');
    expect(cleanFileName('', 'image/jpeg')).toBe('image.jpg');
    expect(cleanFileName(undefined, 'image/gif')).toBe('image.gif');
    expect(cleanFileName(undefined, 'application/pdf')).toBe('document.pdf');
  });
});

describe('the filesystem blob store', () => {
  it('stores by hash in two levels, once, leaves no temporary file, and refuses a key that is not a hash', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rapport-blobs-'));
    try {
      const store = filesystemBlobStore(root);
      const bytes = Buffer.from('some bytes');
      const hash = contentHash(bytes);
      expect(await store.has(hash)).toBe(false);
      expect(await store.get(hash)).toBeNull();
      await store.put(hash, bytes);
      await store.put(hash, bytes);
      expect(await store.has(hash)).toBe(true);
      expect(await store.get(hash)).toEqual(bytes);
      expect(readdirSync(join(root, hash.slice(0, 2), hash.slice(2, 4)))).toEqual([hash]);
      await store.delete(hash);
      await store.delete(hash);
      expect(await store.has(hash)).toBe(false);
      await expect(store.put('../../escape', bytes)).rejects.toThrow(/SHA-256/);
      await expect(store.get(hash.toUpperCase())).rejects.toThrow(/SHA-256/);
      expect(readdirSync(root)).toEqual([hash.slice(0, 2)]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe.each(DIALECTS)('attachments (%s)', (dialect) => {
  let h: Harness;
  let ann: TestMember;
  let ben: TestMember;
  let eve: TestMember;

  beforeAll(async () => {
    h = await createHarness(dialect, { env: { MESSAGE_DAILY_LIMIT: '1000', ATTACHMENT_MAX_BYTES: '4096' } });
    ann = await makeMember(h, { name: 'Ann' });
    ben = await makeMember(h, { name: 'Ben' });
    eve = await makeMember(h, { name: 'Eve' });
    await connect(h, ann, ben);
    await connect(h, ann, eve);
    await connect(h, ben, eve);
  });
  afterAll(async () => h?.close());

  describe('uploading', () => {
    it.each([
      ['image/png', PNG, 'image.png'],
      ['image/jpeg', JPEG, 'image.jpg'],
      ['image/gif', GIF, 'image.gif'],
      ['image/gif', GIF87, 'image.gif'],
      ['image/webp', WEBP, 'image.webp'],
      ['application/pdf', PDF, 'document.pdf'],
    ])('takes %s: 201 with its id, default name, size and type, the bytes stored under their hash', async (type, bytes, name) => {
      const res = await upload(h, ann, bytes, type);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), name, size: bytes.length, contentType: type });
      const row = await h.database.db.selectFrom('attachments').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ uploader_id: ann.id, message_id: null, sha256: contentHash(bytes), size: bytes.length, content_type: type });
      expect(existsSync(blobPath(h, bytes))).toBe(true);
    });

    it('reads the type case-insensitively and with parameters', async () => {
      const res = await upload(h, ann, unique('case'), 'Image/PNG; charset=utf-8');
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.contentType).toBe('image/png');
    });

    it('stores identical bytes once, however many uploads have them', async () => {
      const bytes = unique('twice');
      const first = await uploaded(h, ann, bytes);
      const second = await uploaded(h, ben, bytes);
      expect(second.id).not.toBe(first.id);
      const dir = join(blobPath(h, bytes), '..');
      expect(readdirSync(dir).filter((f) => f.startsWith(contentHash(bytes)))).toEqual([contentHash(bytes)]);
    });

    it('cleans the name it is given', async () => {
      const evil = await uploaded(h, ann, unique('name'), 'image/png', `?name=${encodeURIComponent('../../../etc/\u202epasswd\u0001\u001b.png')}`);
      expect(evil.name).toBe('_.._.._etc_passwd.png');
      expect((await uploaded(h, ann, PDF, 'application/pdf', `?name=${encodeURIComponent('Q3 report.pdf')}`)).name).toBe('Q3 report.pdf');
      expectRefusal(await upload(h, ann, unique('long'), 'image/png', `?name=${'x'.repeat(1001)}`), 400, 'validation_failed');
    });

    it('refuses a body past ATTACHMENT_MAX_BYTES with 413 attachment_too_large, and takes one of exactly that size', async () => {
      const exact = Buffer.concat([PNG, Buffer.alloc(4096 - PNG.length, 1)]);
      expect((await upload(h, ann, exact, 'image/png')).status).toBe(201);
      const over = Buffer.concat([exact, Buffer.from([1])]);
      const res = await upload(h, ann, over, 'image/png');
      expectRefusal(res, 413, 'attachment_too_large');
      expect(res.body.error.details).toEqual({ maxBytes: 4096 });
      // Far past it, too, and whatever Content-Length claims.
      expectRefusal(await upload(h, ann, Buffer.concat([PNG, Buffer.alloc(100_000)]), 'image/png'), 413, 'attachment_too_large');
      // Streamed without a Content-Length, too.
      const streamed = await h.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'image/png', 'transfer-encoding': 'chunked' },
        payload: Readable.from([PNG, Buffer.alloc(3000), Buffer.alloc(3000)]),
      });
      expect(streamed.statusCode, streamed.body).toBe(413);
      expect(JSON.parse(streamed.body).error.code).toBe('attachment_too_large');
      // Other routes keep their own limit and code.
      const json = await h.app.inject({
        method: 'POST',
        url: '/api/v1/conversations',
        headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ memberIds: [ben.id], text: 'x'.repeat(7 * 1024 * 1024) }),
      });
      expect(json.statusCode).toBe(413);
      expect(JSON.parse(json.body).error.code).toBe('payload_too_large');
    });

    it.each([
      ['HTML as image/png', HTML, 'image/png'],
      ['SVG as image/png', SVG, 'image/png'],
      ['a PNG as image/jpeg', PNG, 'image/jpeg'],
      ['a JPEG as application/pdf', JPEG, 'application/pdf'],
      ['a PDF as image/gif', PDF, 'image/gif'],
      ['RIFF that is not WebP as image/webp', Buffer.concat([Buffer.from('RIFF'), Buffer.from([0, 0, 0, 0]), Buffer.from('AVI LIST')]), 'image/webp'],
      ['a truncated PNG signature', PNG.subarray(0, 5), 'image/png'],
      ['GIF88a', Buffer.from('GIF88a nope'), 'image/gif'],
    ])('refuses %s with 415 unsupported_media_type, storing nothing', async (_name, prefix, type) => {
      const bytes = Buffer.concat([prefix, Buffer.from(` ${Math.random()}`)]);
      const before = await h.database.db.selectFrom('attachments').select('id').execute();
      expectRefusal(await upload(h, ann, bytes, type), 415, 'unsupported_media_type');
      expect(await h.database.db.selectFrom('attachments').select('id').execute()).toHaveLength(before.length);
      expect(existsSync(blobPath(h, bytes))).toBe(false);
    });

    it.each(['image/svg+xml', 'text/html', 'application/octet-stream', 'application/json', 'text/plain', 'multipart/form-data; boundary=x'])(
      'refuses the type %s with 415 unsupported_media_type',
      async (type) => {
        expectRefusal(await upload(h, ann, type === 'application/json' ? Buffer.from('{"a":1}') : HTML, type), 415, 'unsupported_media_type');
      },
    );

    it('refuses a body without a type with 415, and an empty body with 400 validation_failed', async () => {
      expectRefusal(await upload(h, ann, PNG, null), 415, 'unsupported_media_type');
      const empty = await upload(h, ann, Buffer.alloc(0), 'image/png');
      expectRefusal(empty, 400, 'validation_failed');
    });

    it('is for members: 401 without credentials, 403 csrf_failed from a session without the CSRF token', async () => {
      expectRefusal(await upload(h, null, PNG, 'image/png'), 401, 'unauthenticated');
      const login = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ann.email, password: TEST_PASSWORD } });
      expect(login.statusCode).toBe(200);
      const session = (login.cookies as { name: string; value: string }[]).find((c) => c.name === 'rapport_session')!.value;
      const cookie = `rapport_session=${session}`;
      const csrf = JSON.parse((await h.app.inject({ method: 'GET', url: '/api/v1/auth/csrf', headers: { cookie } })).body).csrfToken as string;
      expectRefusal(await upload(h, null, unique('csrf'), 'image/png', '', { cookie }), 403, 'csrf_failed');
      expectRefusal(await upload(h, null, unique('csrf'), 'image/png', '', { cookie, 'x-csrf-token': 'forged' }), 403, 'csrf_failed');
      expect((await upload(h, null, unique('csrf'), 'image/png', '', { cookie, 'x-csrf-token': csrf })).status).toBe(201);
    });
  });

  describe('sending and downloading', () => {
    it('sends uploads with a new conversation and a message; every message object shows them, in order', async () => {
      const a = await uploaded(h, ann, unique('a'), 'image/png', '?name=a.png');
      const b = await uploaded(h, ann, PDF, 'application/pdf', '?name=b.pdf');
      const started = await as(h, ann).post('/api/v1/conversations', { memberIds: [ben.id, eve.id], text: 'files', attachmentIds: [b.id, a.id] });
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      expect(started.body.message.attachments).toEqual([b, a]);
      expect(started.body.conversation.lastMessage.attachments).toEqual([b, a]);
      const conversationId = started.body.conversation.id as string;

      const c = await uploaded(h, ben, GIF, 'image/gif');
      const sent = await as(h, ben).post(`/api/v1/conversations/${conversationId}/messages`, { text: 'one more', attachmentIds: [c.id] });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      expect(sent.body.attachments).toEqual([c]);
      const plain = await as(h, eve).post(`/api/v1/conversations/${conversationId}/messages`, { text: 'none', attachmentIds: [] });
      expect(plain.body.attachments).toEqual([]);

      const thread = await as(h, eve).get(`/api/v1/conversations/${conversationId}/messages`);
      expect(thread.body.items.map((m: any) => m.attachments)).toEqual([[], [c], [b, a]]);
      const one = await as(h, eve).get(`/api/v1/conversations/${conversationId}`);
      expect(one.body.lastMessage.attachments).toEqual([]);
      const list = await as(h, ben).get('/api/v1/conversations');
      expect(list.body.items.find((x: any) => x.id === conversationId).lastMessage.attachments).toEqual([]);

      // Every participant downloads them; the bytes are the upload's.
      for (const member of [ann, ben, eve]) {
        const got = await download(h, member, b.id);
        expect(got.status).toBe(200);
        expect(got.bytes).toEqual(PDF);
      }
    });

    it('a download carries its type, an attachment disposition and headers that keep browsers from running it', async () => {
      const name = 'Résumé "final"\\2026.pdf';
      const a = await uploaded(h, ann, PDF, 'application/pdf', `?name=${encodeURIComponent(name)}`);
      expect(a.name).toBe('Résumé _final__2026.pdf');
      const got = await download(h, ann, a.id);
      expect(got.status).toBe(200);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(got.headers['content-disposition']).toBe(`attachment; filename="R_sum_ _final__2026.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20_final__2026.pdf`);
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(String(got.headers['cache-control'])).toContain('no-store');
      expect(got.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
      expect(Number(got.headers['content-length'])).toBe(PDF.length);
    });

    it('before it is sent only its uploader downloads it; others get 404 exactly as for an unknown id', async () => {
      const a = await uploaded(h, ann);
      expect((await download(h, ann, a.id)).status).toBe(200);
      const unknown = await download(h, ben, 'no-such-attachment');
      expectRefusal(unknown, 404, 'not_found');
      for (const member of [ben, eve]) {
        const res = await download(h, member, a.id);
        expectRefusal(res, 404, 'not_found');
        expect(res.body).toEqual(unknown.body);
      }
      expectRefusal(await download(h, null, a.id), 401, 'unauthenticated');
    });

    it('after it is sent, a member outside the conversation still gets 404, as for an unknown id', async () => {
      const a = await uploaded(h, ann);
      await start(h, ann, [ben], 'private', { attachmentIds: [a.id] });
      const theirs = await download(h, eve, a.id);
      expectRefusal(theirs, 404, 'not_found');
      expect(theirs.body).toEqual((await download(h, eve, 'nope')).body);
      // Support and admins are not participants either.
      const agent = await makeMember(h, { role: 'admin' });
      expectRefusal(await download(h, agent, a.id), 404, 'not_found');
    });

    it('a participant who deleted the conversation for themselves no longer gets it; its uploader always does, until a later message', async () => {
      const cara = await makeMember(h);
      await connect(h, cara, ann);
      const a = await uploaded(h, cara);
      const { conversation } = await start(h, cara, [ann], 'see this', { attachmentIds: [a.id] });
      expect((await download(h, ann, a.id)).status).toBe(200);
      expect((await as(h, ann).delete(`/api/v1/conversations/${conversation.id}`)).status).toBe(204);
      expectRefusal(await download(h, ann, a.id), 404, 'not_found');
      // A new message brings the conversation back, but not the history cleared before it.
      await as(h, cara).post(`/api/v1/conversations/${conversation.id}/messages`, { text: 'again' });
      expectRefusal(await download(h, ann, a.id), 404, 'not_found');
      expect((await as(h, cara).delete(`/api/v1/conversations/${conversation.id}`)).status).toBe(204);
      expect((await download(h, cara, a.id)).status).toBe(200);
    });

    it('refuses an upload already sent, another member’s, or an unknown one with 422 attachment_unavailable, sending nothing', async () => {
      const a = await uploaded(h, ann);
      const { conversation } = await start(h, ann, [ben], 'first', { attachmentIds: [a.id] });
      const url = `/api/v1/conversations/${conversation.id}/messages`;
      const fresh = await uploaded(h, ann);
      const bens = await uploaded(h, ben);
      const before = await messageCount(h);
      for (const ids of [[a.id], [fresh.id, a.id], [bens.id], ['no-such-upload']]) {
        const res = await as(h, ann).post(url, { text: 'again', attachmentIds: ids });
        expectRefusal(res, 422, 'attachment_unavailable');
        expect(res.body.error.details.attachmentIds).toEqual(ids.filter((id) => id !== fresh.id));
        const startAgain = await as(h, ann).post('/api/v1/conversations', { memberIds: [eve.id], text: 'again', attachmentIds: ids });
        expectRefusal(startAgain, 422, 'attachment_unavailable');
      }
      expect(await messageCount(h)).toBe(before);
      // The refused send linked nothing: the fresh upload is still free to send.
      const row = await h.database.db.selectFrom('attachments').select('message_id').where('id', '=', fresh.id).executeTakeFirstOrThrow();
      expect(row.message_id).toBeNull();
      expect((await as(h, ann).post(url, { text: 'now', attachmentIds: [fresh.id] })).status).toBe(201);
      // A direct conversation with Eve was not made by the refused starts.
      expect(
        (await as(h, eve).get('/api/v1/conversations')).body.items.some(
          (c: any) => c.participants.length === 2 && c.participants.some((p: any) => p.id === ann.id) && c.lastMessage?.text === 'again',
        ),
      ).toBe(false);
    });

    it('takes at most 10 distinct ids', async () => {
      const { conversation } = await start(h, ann, [ben], 'limits');
      const url = `/api/v1/conversations/${conversation.id}/messages`;
      const a = await uploaded(h, ann);
      const dup = await as(h, ann).post(url, { text: 'dup', attachmentIds: [a.id, a.id] });
      expectRefusal(dup, 400, 'validation_failed');
      expect(dup.body.error.details.field).toBe('attachmentIds');
      const many = await as(h, ann).post(url, { text: 'many', attachmentIds: Array.from({ length: 11 }, (_, i) => `id${i}`) });
      expectRefusal(many, 400, 'validation_failed');
      const ten = await Promise.all(Array.from({ length: 10 }, (_, i) => uploaded(h, ann, unique(`ten${i}`))));
      const sent = await as(h, ann).post(url, { text: 'ten', attachmentIds: ten.map((x) => x.id) });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      expect(sent.body.attachments.map((x: any) => x.id)).toEqual(ten.map((x) => x.id));
    });

    it('two sends of the same upload at once: one wins, the other sends nothing', async () => {
      for (let round = 0; round < 4; round++) {
        const { conversation } = await start(h, ann, [ben], 'race');
        const other = await start(h, ann, [eve], 'race too');
        const a = await uploaded(h, ann, unique(`race${round}`));
        const before = await messageCount(h);
        const replies = await Promise.all([
          as(h, ann).post(`/api/v1/conversations/${conversation.id}/messages`, { text: 'mine', attachmentIds: [a.id] }),
          as(h, ann).post(`/api/v1/conversations/${other.conversation.id}/messages`, { text: 'mine too', attachmentIds: [a.id] }),
          as(h, ann).post('/api/v1/conversations', { memberIds: [ben.id, eve.id], text: 'group', attachmentIds: [a.id] }),
        ]);
        const won = replies.filter((r) => r.status === 201);
        expect(won, JSON.stringify(replies.map((r) => r.body))).toHaveLength(1);
        for (const lost of replies.filter((r) => r.status !== 201)) expectRefusal(lost, 422, 'attachment_unavailable');
        expect(await messageCount(h)).toBe(before + 1);
        const row = await h.database.db.selectFrom('attachments').select('message_id').where('id', '=', a.id).executeTakeFirstOrThrow();
        const winner = won[0]!.body.message ?? won[0]!.body;
        expect(row.message_id).toBe(winner.id);
      }
    });

    it('an Idempotency-Key replay returns the first reply, attachments included, and sends nothing twice', async () => {
      const { conversation } = await start(h, ann, [ben], 'idem');
      const url = `/api/v1/conversations/${conversation.id}/messages`;
      const a = await uploaded(h, ann);
      const headers = { 'idempotency-key': `attach-${a.id}` };
      const first = await as(h, ann).post(url, { text: 'with file', attachmentIds: [a.id] }, { headers });
      expect(first.status).toBe(201);
      const before = await messageCount(h);
      const again = await as(h, ann).post(url, { text: 'with file', attachmentIds: [a.id] }, { headers });
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(again.body.attachments).toEqual([a]);
      expect(await messageCount(h)).toBe(before);
      expectRefusal(await as(h, ann).post(url, { text: 'with file', attachmentIds: [] }, { headers }), 422, 'idempotency_key_reused');
    });
  });

  describe('limits', () => {
    it('caps the bytes a member uploads in 24 hours: 429 attachment_quota_reached, and takes more a day later', async () => {
      const q = await createHarness(dialect, { env: { ATTACHMENT_DAILY_BYTES: '100' } });
      try {
        const m = await makeMember(q);
        const sixty = Buffer.concat([PNG, Buffer.alloc(60 - PNG.length, 7)]);
        expect((await upload(q, m, sixty, 'image/png')).status).toBe(201);
        const refused = await upload(q, m, Buffer.concat([sixty, Buffer.from('x')]), 'image/png');
        expectRefusal(refused, 429, 'attachment_quota_reached');
        expect(refused.headers['retry-after']).toBe(String(DAY / 1000));
        // Another member has their own allowance.
        expect((await upload(q, await makeMember(q), sixty, 'image/png')).status).toBe(201);
        q.clock.advance(DAY + 1);
        expect((await upload(q, m, Buffer.concat([sixty, Buffer.from('y')]), 'image/png')).status).toBe(201);
      } finally {
        await q.close();
      }
    });

    it('by default takes up to 10 MiB, past the 6 MiB every other route reads', async () => {
      const d = await createHarness(dialect);
      try {
        const m = await makeMember(d);
        const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 - PDF.length, 0x20)]);
        const res = await upload(d, m, big, 'application/pdf');
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect(res.body.size).toBe(10 * 1024 * 1024);
        expectRefusal(await upload(d, m, Buffer.concat([big, Buffer.from(' ')]), 'application/pdf'), 413, 'attachment_too_large');
      } finally {
        await d.close();
      }
    });

    it('limits uploads per member to 60 an hour (429 rate_limited)', async () => {
      const m = await makeMember(h);
      for (let i = 0; i < 60; i++) expect((await upload(h, m, GIF, 'image/gif')).status).toBe(201);
      const refused = await upload(h, m, GIF, 'image/gif');
      expectRefusal(refused, 429, 'rate_limited');
      // Counted per member, not per address.
      expect((await upload(h, await makeMember(h), GIF, 'image/gif')).status).toBe(201);
    });
  });

  describe('cleanup', () => {
    it('removes uploads never sent after a day, and their blobs unless another row has the same bytes', async () => {
      const c = await createHarness(dialect);
      try {
        const [x, y] = [await makeMember(c), await makeMember(c)];
        await connect(c, x, y);
        const lonelyBytes = unique('lonely');
        const sharedBytes = unique('shared');
        const lonely = await uploaded(c, x, lonelyBytes);
        const sharedSent = await uploaded(c, x, sharedBytes);
        const sharedUnsent = await uploaded(c, y, sharedBytes);
        await start(c, x, [y], 'kept', { attachmentIds: [sharedSent.id] });
        c.clock.advance(DAY - 1000);
        const recentBytes = unique('recent');
        const recent = await uploaded(c, x, recentBytes);
        c.clock.advance(2000);

        expect(await cleanupUnsentAttachments(c.database.db, c.services.deps, c.services.blobs)).toBe(2);
        const ids = (await c.database.db.selectFrom('attachments').select('id').execute()).map((r) => r.id).sort();
        expect(ids).toEqual([sharedSent.id, recent.id].sort());
        expect(existsSync(blobPath(c, lonelyBytes))).toBe(false);
        expect(existsSync(blobPath(c, sharedBytes))).toBe(true);
        expect(existsSync(blobPath(c, recentBytes))).toBe(true);
        expect((await download(c, y, sharedSent.id)).bytes).toEqual(sharedBytes);
        expectRefusal(await download(c, x, lonely.id), 404, 'not_found');
        expectRefusal(await download(c, y, sharedUnsent.id), 404, 'not_found');
        const { conversation } = await start(c, x, [y], 'late');
        const late = await as(c, x).post(`/api/v1/conversations/${conversation.id}/messages`, { text: 'late', attachmentIds: [lonely.id] });
        expectRefusal(late, 422, 'attachment_unavailable');
        // Nothing more is due; the recent one goes a day after it was made.
        expect(await cleanupUnsentAttachments(c.database.db, c.services.deps, c.services.blobs)).toBe(0);
        c.clock.advance(DAY);
        expect(await cleanupUnsentAttachments(c.database.db, c.services.deps, c.services.blobs, 1)).toBe(1);
        expect(existsSync(blobPath(c, recentBytes))).toBe(false);
        expect(existsSync(blobPath(c, sharedBytes))).toBe(true);
      } finally {
        await c.close();
      }
    });

    it('runs in the worker’s periodic sweep', async () => {
      const c = await createHarness(dialect);
      try {
        const x = await makeMember(c);
        const bytes = unique('worker');
        await uploaded(c, x, bytes);
        c.clock.advance(DAY + 1);
        const errors: unknown[] = [];
        const worker = startWorker(c.database.db, c.services.deps, (_msg, err) => errors.push(err), undefined, undefined, c.services.blobs);
        try {
          // The first pass sweeps; wait for it.
          await vi.waitFor(async () => expect(await c.database.db.selectFrom('attachments').select('id').execute()).toEqual([]), { timeout: 10_000 });
        } finally {
          await worker.stop();
        }
        expect(errors).toEqual([]);
        expect(existsSync(blobPath(c, bytes))).toBe(false);
      } finally {
        await c.close();
      }
    });
  });
});
