import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/invitations/respond.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, type Harness, makeMember, type TestMember } from '../support/harness.js';

const URL = '/api/v1/contacts/import';
const fixture = (name: string) => readFileSync(new globalThis.URL(`../fixtures/contacts/${name}`, import.meta.url));

interface ImportReply {
  members: { member: { id: string; name: string; headline: string }; email: string; contactName: string; relationship: string }[];
  others: { name: string; email: string }[];
  skipped: { row: number; reason: string }[];
}

let unique = 0;
const fresh = (label: string) => `${label}.${++unique}.${Math.random().toString(36).slice(2, 8)}@contacts.example`;

describe.each(DIALECTS)('contacts import (%s)', (dialect) => {
  let h: Harness;
  /** Members whose addresses appear in the sample files. */
  const known: Record<string, TestMember> = {};

  beforeAll(async () => {
    h = await createHarness(dialect);
    const addresses = {
      ada: 'ada.lovelace@analytical.example',
      babbage: 'c.babbage@cambridge.example',
      margaret: 'margaret@apollo.example',
      alan: 'alan.turing@home.example',
      mueller: 'juergen.mueller@firma.example',
      lefevre: 'f.lefevre@societe.example',
      hedy: 'hedy@frequency.example',
      liskov: 'barbara@substitution.example',
      zoe: 'zoe@home.example',
      johnny: 'johnny@orchard.example',
    };
    for (const [key, email] of Object.entries(addresses)) known[key] = await makeMember(h, { email, name: `${key} (member)`, headline: `${key} headline` });
  });
  afterAll(async () => h?.close());

  async function upload(m: TestMember, contentType: string | undefined, payload: string | Buffer) {
    const res = await h.app.inject({
      method: 'POST',
      url: URL,
      headers: { authorization: `Bearer ${m.token}`, ...(contentType ? { 'content-type': contentType } : {}) },
      payload,
    });
    const body = (res.headers['content-type'] ?? '').toString().includes('application/json') ? res.json() : res.body;
    expect(h.openapi.check('POST', URL, res.statusCode, body), `${res.statusCode} ${res.body.slice(0, 300)}`).toEqual([]);
    return { status: res.statusCode, body };
  }

  async function imported(m: TestMember, contentType: string, payload: string | Buffer): Promise<ImportReply> {
    const res = await upload(m, contentType, payload);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as ImportReply;
  }

  async function refused(m: TestMember, contentType: string | undefined, payload: string | Buffer, status: number, code: string) {
    const res = await upload(m, contentType, payload);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(status);
    expect(res.body.error.code).toBe(code);
  }

  const found = (key: string, email: string, contactName: string, relationship = 'none') => ({
    member: { id: known[key]!.id, name: `${key} (member)`, headline: `${key} headline` },
    email,
    contactName,
    relationship,
  });

  describe('real exports', () => {
    it('Google CSV: "E-mail N - Value" columns, ":::"-joined addresses, quoted commas and newlines, case-insensitive matches', async () => {
      const me = await makeMember(h);
      const result = await imported(me, 'text/csv', fixture('google.csv'));
      expect(result).toEqual({
        members: [
          found('ada', 'ada.lovelace@analytical.example', 'Ada Lovelace'),
          // Matched by the second of two addresses in one cell.
          found('babbage', 'c.babbage@cambridge.example', 'Charles Babbage'),
        ],
        others: [
          { name: 'Zoë Çelik-Ångström', email: 'zoe.celik@bureau.example' },
          { name: 'Doe, "Johnny" Jr.', email: 'johnny.doe@acme.example' },
          // A spreadsheet formula is only text here: returned exactly as written, never evaluated or altered.
          { name: '=HYPERLINK("http://evil.example","x")', email: 'formula@sheet.example' },
          { name: '李 小龙', email: 'bruce.lee@dragon.example' },
        ],
        skipped: [
          { row: 4, reason: 'no_email' },
          { row: 7, reason: 'invalid_email' },
        ],
      });
    });

    it('Google CSV, older layout with a Name column and "E-mail N - Type"', async () => {
      const me = await makeMember(h);
      expect(await imported(me, 'text/csv', fixture('google-legacy.csv'))).toEqual({
        members: [found('alan', 'alan.turing@home.example', 'Alan Turing')],
        others: [{ name: 'Katherine Johnson', email: 'kj@nasa.example' }],
        skipped: [],
      });
    });

    it('Outlook CSV: BOM, CRLF, every field quoted, an address on two lines; duplicates listed once', async () => {
      const me = await makeMember(h);
      expect(await imported(me, 'text/csv; charset=utf-8', fixture('outlook.csv'))).toEqual({
        members: [found('margaret', 'margaret@apollo.example', 'Margaret Hamilton')],
        others: [
          { name: 'José María Núñez', email: 'jose.nunez@correo.example' },
          { name: '', email: 'anonymous@nameless.example' },
        ],
        skipped: [{ row: 4, reason: 'no_email' }],
      });
    });

    it('Outlook CSV in Windows-1252 (classic Outlook on Windows): accented names read correctly', async () => {
      const me = await makeMember(h);
      expect(await imported(me, 'application/csv', fixture('outlook-windows-1252.csv'))).toEqual({
        members: [found('mueller', 'juergen.mueller@firma.example', 'Jürgen Müller'), found('lefevre', 'f.lefevre@societe.example', 'Françoise Lefèvre')],
        others: [{ name: 'Søren Kierkegaard', email: 'soren@kobenhavn.example' }],
        skipped: [],
      });
    });

    it('UTF-16 with a byte-order mark (a spreadsheet’s “Unicode text”) reads like UTF-8', async () => {
      const me = await makeMember(h);
      const text = 'Name,E-mail\r\nJürgen Müller,juergen.mueller@firma.example\r\n';
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const expected = { members: [found('mueller', 'juergen.mueller@firma.example', 'Jürgen Müller')], others: [], skipped: [] };
      expect(await imported(me, 'text/csv', le)).toEqual(expected);
      const be = Buffer.from(le);
      be.swap16();
      expect(await imported(me, 'text/csv', be)).toEqual(expected);
    });

    it('Thunderbird CSV: "Primary Email"/"Secondary Email" and a "Display Name" with a comma', async () => {
      const me = await makeMember(h);
      expect(await imported(me, 'text/comma-separated-values', fixture('thunderbird.csv'))).toEqual({
        members: [found('hedy', 'hedy@frequency.example', 'Lamarr, Hedy')],
        others: [{ name: 'Linus Torvalds', email: 'linus@kernel.example' }],
        skipped: [],
      });
    });

    it('LinkedIn Connections.csv: notes above the header are passed over; rows are numbered as in the file', async () => {
      const me = await makeMember(h);
      expect(await imported(me, 'text/csv', fixture('linkedin.csv'))).toEqual({
        members: [found('liskov', 'barbara@substitution.example', 'Barbara Liskov')],
        others: [{ name: 'Frances Allen', email: 'fran@optimizing.example' }],
        skipped: [{ row: 5, reason: 'no_email' }],
      });
    });

    it('vCard 3.0 from an iPhone: grouped EMAIL properties, a folded photo, several contacts', async () => {
      const me = await makeMember(h);
      expect(await imported(me, 'text/vcard', fixture('apple.vcf'))).toEqual({
        members: [found('johnny', 'johnny@orchard.example', 'Johnny Appleseed'), found('ada', 'ada.lovelace@analytical.example', 'Ada Lovelace')],
        others: [],
        skipped: [{ row: 3, reason: 'no_email' }],
      });
    });

    it('vCard 4.0: folded lines, several EMAIL per contact, mailto:, non-ASCII and structured-only names', async () => {
      const me = await makeMember(h);
      expect(await imported(me, 'text/x-vcard', fixture('vcard4.vcf'))).toEqual({
        members: [found('zoe', 'zoe@home.example', 'Zoë Çelik-Ångström'), found('babbage', 'c.babbage@cambridge.example', 'Charles Babbage')],
        others: [
          { name: '李小龙', email: 'bruce.lee@dragon.example' },
          { name: '=HYPERLINK("http://evil.example","x")', email: 'formula@sheet.example' },
          { name: 'Only Structured', email: 'only.structured@names.example' },
        ],
        skipped: [{ row: 4, reason: 'invalid_email' }],
      });
    });

    it('says how each found member relates to me, and leaves me out', async () => {
      const me = await makeMember(h, { email: fresh('me') });
      const [friend, invited, inviter, stranger] = [
        await makeMember(h, { email: fresh('friend') }),
        await makeMember(h, { email: fresh('invited') }),
        await makeMember(h, { email: fresh('inviter') }),
        await makeMember(h, { email: fresh('stranger') }),
      ];
      await h.database.db.transaction().execute((trx) => connect(trx, me.id, friend.id, null, h.clock.now().toISOString()));
      expect((await as(h, me).post('/api/v1/invitations', { memberId: invited.id })).status).toBe(201);
      expect((await as(h, inviter).post('/api/v1/invitations', { memberId: me.id })).status).toBe(201);
      const csv = [
        'Name,Email',
        `Me Myself,${me.email.toUpperCase()}`,
        `F,${friend.email}`,
        `I,${invited.email}`,
        `R,${inviter.email}`,
        `S,${stranger.email}`,
      ].join('\n');
      const result = await imported(me, 'text/csv', csv);
      expect(result.members.map((m) => [m.member.id, m.relationship])).toEqual([
        [friend.id, 'connected'],
        [invited.id, 'invitation_sent'],
        [inviter.id, 'invitation_received'],
        [stranger.id, 'none'],
      ]);
      expect(result.others).toEqual([]);
    });
  });

  describe('findable by e-mail', () => {
    it('a member who turned it off is not matched: listed like any other address, until it is turned back on', async () => {
      const me = await makeMember(h);
      const hidden = await makeMember(h, { email: fresh('hidden'), name: 'Hidden Member' });
      const csv = `Full Name,E-mail Address\nHidden Contact,${hidden.email.toUpperCase()}\n`;
      expect((await imported(me, 'text/csv', csv)).members.map((m) => m.member.id)).toEqual([hidden.id]);

      expect((await as(h, hidden).patch('/api/v1/me/settings', { findableByEmail: false })).body).toEqual({
        findableByEmail: false,
        invitationsFrom: 'anyone',
        messageEmails: true,
      });
      expect(await imported(me, 'text/csv', csv)).toEqual({ members: [], others: [{ name: 'Hidden Contact', email: hidden.email }], skipped: [] });
      const vcard = `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hidden Contact\r\nEMAIL:${hidden.email}\r\nEND:VCARD\r\n`;
      expect((await imported(me, 'text/vcard', vcard)).members).toEqual([]);

      expect((await as(h, hidden).patch('/api/v1/me/settings', { findableByEmail: true })).status).toBe(200);
      expect((await imported(me, 'text/csv', csv)).members.map((m) => m.member.id)).toEqual([hidden.id]);
    });
  });

  describe('hostile and malformed files', () => {
    it('binary is 422 unreadable_contacts, whatever type it claims', async () => {
      const me = await makeMember(h);
      const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex'), randomBytes(2048)]);
      // High bytes only: no NUL, not UTF-8.
      const noNul = Buffer.from(randomBytes(4096).map((b) => 0x80 | b));
      const controls = Buffer.from(randomBytes(4096).map((b) => 1 + (b % 31)));
      for (const body of [randomBytes(4096), png, noNul, controls]) {
        await refused(me, 'text/csv', body, 422, 'unreadable_contacts');
        await refused(me, 'text/vcard', body, 422, 'unreadable_contacts');
      }
    });

    it('a CSV without an e-mail column is 422; text that is not a vCard is 422', async () => {
      const me = await makeMember(h);
      await refused(me, 'text/csv', 'First Name,Last Name,Phone\nAda,Lovelace,+44 20 7946 0001\n', 422, 'unreadable_contacts');
      await refused(me, 'text/vcard', 'Name,Email\nAda,ada@example.test\n', 422, 'unreadable_contacts');
      await refused(me, 'text/vcard', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Unterminated\r\n', 422, 'unreadable_contacts');
    });

    it('over 5 MB is 413', async () => {
      const me = await makeMember(h);
      const row = 'Some Body,somebody@example.test\n';
      const big = `Name,Email\n${row.repeat(Math.ceil((5 * 1024 * 1024) / row.length) + 1)}`;
      expect(Buffer.byteLength(big)).toBeGreaterThan(5 * 1024 * 1024);
      await refused(me, 'text/csv', big, 413, 'payload_too_large');
      await refused(me, 'text/vcard', big, 413, 'payload_too_large');
    });

    it('10,000 contacts are read; 10,001 are 413 too_many_contacts, in CSV and in vCard', async () => {
      const me = await makeMember(h);
      const rows = (n: number) => Array.from({ length: n }, (_, i) => `Person ${i},person${i}@bulk.example`);
      const ok = await imported(me, 'text/csv', ['Name,Email', ...rows(10_000)].join('\r\n'));
      expect(ok.others).toHaveLength(10_000);
      expect(ok.others[9_999]).toEqual({ name: 'Person 9999', email: 'person9999@bulk.example' });
      await refused(me, 'text/csv', ['Name,Email', ...rows(10_001)].join('\r\n'), 413, 'too_many_contacts');
      const cards = (n: number) =>
        Array.from({ length: n }, (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P${i}\r\nEMAIL:p${i}@bulk.example\r\nEND:VCARD\r\n`).join('');
      await refused(me, 'text/vcard', cards(10_001), 413, 'too_many_contacts');
      // Tiny cards packed up to the byte limit are refused by count too.
      await refused(me, 'text/vcard', 'BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n'.repeat(100_000), 413, 'too_many_contacts');
    });

    it('formula-like names are kept as plain text, unchanged', async () => {
      const me = await makeMember(h);
      const names = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(1+1)', '<script>alert(1)</script>'];
      const csv = ['Name,Email', ...names.map((n, i) => `"${n.replace(/"/g, '""')}",f${i}@formula.example`)].join('\n');
      const result = await imported(me, 'text/csv', csv);
      expect(result.others).toEqual(names.map((name, i) => ({ name, email: `f${i}@formula.example` })));
    });

    it('reports each skipped row: no address, or none that is valid', async () => {
      const me = await makeMember(h);
      const csv = [
        'Name,E-mail 1,E-mail 2',
        'Good,good@rows.example,',
        'Empty,,',
        'Bad,not-an-address,also bad',
        'Half,oops,half@rows.example',
        '"Multi\nLine",,',
      ].join('\n');
      expect(await imported(me, 'text/csv', csv)).toEqual({
        members: [],
        others: [
          { name: 'Good', email: 'good@rows.example' },
          { name: 'Half', email: 'half@rows.example' },
        ],
        skipped: [
          { row: 3, reason: 'no_email' },
          { row: 4, reason: 'invalid_email' },
          { row: 6, reason: 'no_email' },
        ],
      });
    });

    it('an empty file finds nobody', async () => {
      const me = await makeMember(h);
      expect(await imported(me, 'text/csv', 'Name,Email\n')).toEqual({ members: [], others: [], skipped: [] });
    });

    it('another content type is 415 unsupported_media_type', async () => {
      const me = await makeMember(h);
      await refused(me, 'application/json', JSON.stringify({ contacts: ['a@b.example'] }), 415, 'unsupported_media_type');
      await refused(me, 'text/plain', 'Name,Email\nA,a@b.example\n', 415, 'unsupported_media_type');
      await refused(me, 'application/octet-stream', 'Name,Email\nA,a@b.example\n', 415, 'unsupported_media_type');
      await refused(me, 'application/vnd.ms-excel', 'Name,Email\nA,a@b.example\n', 415, 'unsupported_media_type');
    });

    it('needs authentication', async () => {
      const res = await h.app.inject({ method: 'POST', url: URL, headers: { 'content-type': 'text/csv' }, payload: 'Name,Email\n' });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    });
  });

  it('stores nothing of an upload: no new rows in any table but rate limits', async () => {
    const me = await makeMember(h);
    const counts = async () => {
      const tables =
        dialect === 'sqlite'
          ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(h.database.db)).rows
          : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(h.database.db)).rows;
      const result: Record<string, number> = {};
      for (const { name } of tables) {
        if (name === 'rate_limits') continue;
        const row = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(h.database.db);
        result[name] = Number(row.rows[0]!.n);
      }
      return result;
    };
    const before = await counts();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['members', 'invitations', 'audit_log', 'outbox', 'suggestion_dismissals']));
    await imported(me, 'text/csv', fixture('google.csv'));
    await imported(me, 'text/vcard', fixture('vcard4.vcf'));
    await refused(me, 'text/csv', randomBytes(1024), 422, 'unreadable_contacts');
    await refused(me, 'text/csv', 'First,Last\nA,B\n', 422, 'unreadable_contacts');
    expect(await counts()).toEqual(before);
  });
});
