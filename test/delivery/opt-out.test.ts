/**
 * Opting out with the link every invitation and reminder carries, through the API: the link shows
 * what it would stop (masked) and changes nothing; a POST, or a mail client's RFC 8058 one-click
 * POST, stops every further reminder and invitation to that address or number, queued ones included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Senders, sendersFor } from '../../src/delivery/transports.js';
import { claimDue, deliverBatch, runWorkerOnce } from '../../src/delivery/worker.js';
import { DIALECTS } from '../support/databases.js';
import { as, call, createHarness, DAY, type Harness, makeMember, type TestMember } from '../support/harness.js';
import { TestSmsGateway, TestSmtpServer } from '../support/smtp.js';

const PUBLIC_URL = 'https://rapport.example';
const TOKEN = /[\w-]{43}/;

describe.each(DIALECTS)('opting out through the link in a message (%s)', (dialect) => {
  let h: Harness;
  let smtp: TestSmtpServer;
  let sms: TestSmsGateway;
  let senders: Senders;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    sms = await new TestSmsGateway().start();
    h = await createHarness(dialect, {
      env: { SMTP_URL: smtp.url, SMS_GATEWAY_URL: sms.url, REMINDER_SCHEDULE: '3d,14d', PUBLIC_URL, MAIL_FROM: 'Rapport <invites@rapport.example>' },
    });
    senders = sendersFor(h.config);
  });
  afterAll(async () => {
    senders?.close();
    await h?.close();
    await smtp?.stop();
    await sms?.stop();
  });

  const drain = async () => {
    while ((await runWorkerOnce(h.database.db, h.services.deps, senders)) > 0);
  };
  /** Runs the worker through every reminder of the default schedule (3 and 14 days). */
  const throughAllReminders = async () => {
    for (const days of [3, 11, 30]) {
      h.clock.advance(days * DAY + 3_600_000);
      await drain();
    }
  };
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to === address);
  const textsTo = (phone: string) => sms.received.filter((m) => m.to === phone);
  const unique = (m: TestMember) =>
    m.id
      .slice(0, 6)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, 'x');
  /** What opting out may change: the opt-out itself, the outbox, the audit trail. */
  const snapshot = async (recipient: string) => ({
    optOuts: await h.database.db.selectFrom('opt_outs').selectAll().orderBy('recipient_key').execute(),
    outbox: await h.database.db.selectFrom('outbox').select(['id', 'status', 'due_at']).where('recipient', '=', recipient).orderBy('id').execute(),
    audit: await h.database.db.selectFrom('audit_log').select('id').where('action', '=', 'recipient.opted_out').execute(),
  });
  const statusesOf = async (recipient: string) =>
    (await h.database.db.selectFrom('outbox').select(['kind', 'status']).where('recipient', '=', recipient).orderBy('due_at').execute()).map(
      (r) => `${r.kind}:${r.status}`,
    );

  it('e-mail: the link shows the channel and a masked address and changes nothing; a POST stops every reminder and invitation', async () => {
    const alice = await makeMember(h, { name: 'Alice Sender' });
    const bob = await makeMember(h, { name: 'Bob Sender' });
    const address = `frieda.${unique(alice)}@example.org`;
    expect((await as(h, alice).post('/api/v1/invitations', { email: address })).status).toBe(201);
    expect((await as(h, bob).post('/api/v1/invitations', { email: address })).status).toBe(201);
    await drain();

    // The token of the link in the e-mail is the one of its List-Unsubscribe header.
    const [first] = mailsTo(address);
    expect(mailsTo(address)).toHaveLength(2);
    const token = new RegExp(`${PUBLIC_URL}/opt-out/(${TOKEN.source})`).exec(first!.mail.text!)![1]!;
    expect(first!.raw).toContain(`/api/v1/opt-out/${token}`);

    const before = await snapshot(address);
    const shown = await call(h, 'GET', `/api/v1/opt-out/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ channel: 'email', address: 'f…@example.org', optedOut: false });
    expect(JSON.stringify(shown.body)).not.toContain(`frieda.${unique(alice)}`);
    expect((await call(h, 'GET', `/api/v1/opt-out/${token}`)).body).toEqual(shown.body);
    expect(await snapshot(address)).toEqual(before);
    expect(await statusesOf(address)).toEqual([
      'invitation:sent',
      'invitation:sent',
      'reminder:queued',
      'reminder:queued',
      'reminder:queued',
      'reminder:queued',
    ]);

    const done = await call(h, 'POST', `/api/v1/opt-out/${token}`);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ channel: 'email', address: 'f…@example.org', optedOut: true });
    // Both senders' queued reminders are stopped at once, and none goes out later.
    expect(await statusesOf(address)).toEqual([
      'invitation:sent',
      'invitation:sent',
      'reminder:suppressed',
      'reminder:suppressed',
      'reminder:suppressed',
      'reminder:suppressed',
    ]);
    await throughAllReminders();
    expect(mailsTo(address)).toHaveLength(2);

    // No new invitation reaches the address, whoever sends it and however it is written.
    const carol = await makeMember(h);
    for (const [who, email] of [
      [carol, address],
      [carol, address.toUpperCase()],
      [alice, ` ${address} `],
    ] as const) {
      const refused = await as(h, who).post('/api/v1/invitations', { email });
      expect(refused.status, email).toBe(422);
      expect(refused.body.error.code).toBe('recipient_opted_out');
    }
    await drain();
    expect(mailsTo(address)).toHaveLength(2);

    // Doing it again is harmless: same answer, one audit entry.
    const again = await call(h, 'POST', `/api/v1/opt-out/${token}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(done.body);
    expect((await call(h, 'GET', `/api/v1/opt-out/${token}`)).body).toEqual({ channel: 'email', address: 'f…@example.org', optedOut: true });
    expect((await snapshot(address)).audit.length - before.audit.length).toBe(1);
  });

  it("e-mail: a mail client's one-click POST (RFC 8058) to the List-Unsubscribe address opts out", async () => {
    const alice = await makeMember(h);
    const address = `oneclick.${unique(alice)}@example.org`;
    await as(h, alice).post('/api/v1/invitations', { email: address });
    await drain();
    const [mail] = mailsTo(address);
    expect(mail!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/im);
    const unsubscribe = /^List-Unsubscribe:\s+<([^>]+)>\r$/im.exec(mail!.raw)![1]!;
    expect(unsubscribe).toMatch(new RegExp(`^${PUBLIC_URL}/api/v1/opt-out/${TOKEN.source}$`));

    const path = new URL(unsubscribe).pathname;
    const reply = await call(h, 'POST', path, { body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ channel: 'email', address: 'o…@example.org', optedOut: true });
    expect(await statusesOf(address)).toEqual(['invitation:sent', 'reminder:suppressed', 'reminder:suppressed']);
    await throughAllReminders();
    expect(mailsTo(address)).toHaveLength(1);
    const other = await makeMember(h);
    expect((await as(h, other).post('/api/v1/invitations', { email: address })).body.error?.code).toBe('recipient_opted_out');
  });

  it('e-mail: a reminder already queued when the address opts out is not sent, even one claimed by a worker', async () => {
    const alice = await makeMember(h);
    const address = `claimed.${unique(alice)}@example.org`;
    await as(h, alice).post('/api/v1/invitations', { email: address });
    await drain();
    const token = new RegExp(`/opt-out/(${TOKEN.source})`).exec(mailsTo(address)[0]!.mail.text!)![1]!;
    // The first reminder is due and a worker has claimed it (it is 'sending') when the opt-out comes.
    h.clock.advance(3 * DAY + 3_600_000);
    const claimed = await claimDue(h.database.db, h.services.deps);
    expect(claimed.map((r) => [r.recipient, r.kind, r.status])).toContainEqual([address, 'reminder', 'sending']);
    expect((await call(h, 'POST', `/api/v1/opt-out/${token}`)).status).toBe(200);
    await deliverBatch(h.database.db, h.services.deps, senders, claimed);
    await throughAllReminders();
    expect(mailsTo(address)).toHaveLength(1);
    expect(await statusesOf(address)).toEqual(['invitation:sent', 'reminder:suppressed', 'reminder:suppressed']);
  });

  it('SMS: the link in the text shows the masked number; opting out stops reminders and refuses new invitations', async () => {
    const alice = await makeMember(h, { name: 'Alice Texter' });
    const phone = `+1415${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    expect((await as(h, alice).post('/api/v1/invitations', { phone })).status).toBe(201);
    await drain();
    const [text] = textsTo(phone);
    const token = new RegExp(`Stop texts: ${PUBLIC_URL}/opt-out/(${TOKEN.source})$`).exec(text!.body)![1]!;

    const before = await snapshot(phone);
    const shown = await call(h, 'GET', `/api/v1/opt-out/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ channel: 'sms', address: `+14…${phone.slice(-2)}`, optedOut: false });
    expect(await snapshot(phone)).toEqual(before);

    const done = await call(h, 'POST', `/api/v1/opt-out/${token}`);
    expect(done.body).toEqual({ channel: 'sms', address: `+14…${phone.slice(-2)}`, optedOut: true });
    expect(await statusesOf(phone)).toEqual(['invitation:sent', 'reminder:suppressed', 'reminder:suppressed']);
    await throughAllReminders();
    expect(textsTo(phone)).toHaveLength(1);

    const bob = await makeMember(h);
    const refused = await as(h, bob).post('/api/v1/invitations', { phone });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('recipient_opted_out');
    expect((await call(h, 'POST', `/api/v1/opt-out/${token}`)).body).toEqual(done.body);
    // The number's opt-out does not touch e-mail: Bob can still invite an address.
    expect((await as(h, bob).post('/api/v1/invitations', { email: `still.${unique(bob)}@example.org` })).status).toBe(201);
  });

  it('answers 404 for a token it never issued, and changes nothing', async () => {
    const alice = await makeMember(h);
    const address = `unknown.${unique(alice)}@example.org`;
    await as(h, alice).post('/api/v1/invitations', { email: address });
    await drain();
    // The invitation's accept link is a real token, but not an opt-out token.
    const acceptToken = new RegExp(`${PUBLIC_URL}/i/(${TOKEN.source})`).exec(mailsTo(address)[0]!.mail.text!)![1]!;
    const before = await snapshot(address);
    for (const token of ['A'.repeat(43), acceptToken, 'short']) {
      for (const method of ['GET', 'POST']) {
        const reply = await call(h, method, `/api/v1/opt-out/${token}`);
        expect(reply.status, `${method} ${token}`).toBe(404);
        expect(reply.body.error.code).toBe('not_found');
      }
    }
    expect(await snapshot(address)).toEqual(before);
  });
});
