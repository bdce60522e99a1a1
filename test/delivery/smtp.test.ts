import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Senders, sendersFor } from '../../src/delivery/transports.js';
import { claimDue, DEFAULT_DELIVERY, deliverBatch, runWorkerOnce } from '../../src/delivery/worker.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, type Harness, makeMember } from '../support/harness.js';
import { TestSmsGateway, TestSmtpServer } from '../support/smtp.js';

const HOUR = 3_600_000;

describe.each(DIALECTS)('delivery over SMTP and an SMS gateway (%s)', (dialect) => {
  let h: Harness;
  let smtp: TestSmtpServer;
  let sms: TestSmsGateway;
  let senders: Senders;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    sms = await new TestSmsGateway().start();
    h = await createHarness(dialect, {
      env: {
        SMTP_URL: smtp.url,
        SMS_GATEWAY_URL: sms.url,
        REMINDER_SCHEDULE: '3d,14d',
        PUBLIC_URL: 'https://rapport.example',
        MAIL_FROM: 'Rapport <invites@rapport.example>',
      },
    });
    senders = sendersFor(h.config);
  });
  afterAll(async () => {
    senders?.close();
    await h?.close();
    await smtp?.stop();
    await sms?.stop();
  });

  /** Runs worker passes until nothing is due now. */
  const drain = async () => {
    while ((await runWorkerOnce(h.database.db, h.services.deps, senders)) > 0);
  };
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to === address);

  it('sends an invitation e-mail with the note, a working link, an opt-out link and one-click unsubscribe headers', async () => {
    const alice = await makeMember(h, { name: 'Alice <b>Bold</b>' });
    const to = `friend.${alice.id.slice(0, 5).toLowerCase()}@example.org`;
    const sent = await as(h, alice).post('/api/v1/invitations', { email: to, message: 'Loved your talk <script>alert(1)</script>' });
    expect(sent.body.delivery).toBe('queued');
    await drain();

    const [first, ...rest] = mailsTo(to);
    expect(rest).toEqual([]);
    const mail = first!.mail;
    expect(mail.subject).toBe('Alice <b>Bold</b> would like to connect on Rapport');
    expect(mail.from?.text).toContain('invites@rapport.example');
    expect(mail.text).toContain('Loved your talk <script>alert(1)</script>');
    expect(mail.html).toContain('Loved your talk &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Alice &lt;b&gt;Bold&lt;/b&gt;');
    expect(mail.messageId).toMatch(/^<.+\.rapport@rapport\.example>$/);
    expect(first!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/im);
    const unsubscribe = first!.raw.match(/^List-Unsubscribe:\s+<([^>]+)>\r$/im)?.[1]; // the header may be folded
    expect(unsubscribe).toMatch(/^https:\/\/rapport\.example\/api\/v1\/opt-out\/[\w-]{43}$/);

    const link = mail.text!.match(/https:\/\/rapport\.example\/i\/([\w-]{43})/)![1]!;
    expect((await as(h, alice).get(`/api/v1/invitation-links/${link}`)).body).toMatchObject({ available: true, sender: { name: 'Alice <b>Bold</b>' } });
    expect((await as(h, alice).get(`/api/v1/invitations/${sent.body.id}`)).body.delivery).toBe('sent');

    // Secrets are kept only as hashes once the message is out.
    const rows = await h.database.db.selectFrom('outbox').select(['payload', 'status']).where('invitation_id', '=', sent.body.id).execute();
    for (const row of rows) expect(row.payload).not.toContain(link);
  });

  it('keeps no secret of a message dropped after it was claimed (the invitation withdrawn meanwhile)', async () => {
    const alice = await makeMember(h, { name: 'Alice Changes-Mind' });
    const to = `dropped.${alice.id.slice(0, 5).toLowerCase()}@example.org`;
    const sent = await as(h, alice).post('/api/v1/invitations', { email: to });
    const claimed = (await claimDue(h.database.db, h.services.deps)).filter((r) => r.invitation_id === sent.body.id);
    expect(claimed).toHaveLength(1);
    // The claim gave the message its links: the raw tokens sit in the payload until it is done with.
    expect(JSON.parse(claimed[0]!.payload)).toMatchObject({ linkToken: expect.any(String), optOutToken: expect.any(String) });
    expect((await as(h, alice).post(`/api/v1/invitations/${sent.body.id}/withdraw`)).status).toBe(200);
    await deliverBatch(h.database.db, h.services.deps, senders, claimed);
    expect(mailsTo(to)).toEqual([]);
    const rows = await h.database.db.selectFrom('outbox').select(['payload', 'status']).where('id', '=', claimed[0]!.id).execute();
    expect(rows.map((r) => r.status)).toEqual(['suppressed']);
    expect(JSON.parse(rows[0]!.payload)).not.toHaveProperty('linkToken');
    expect(JSON.parse(rows[0]!.payload)).not.toHaveProperty('optOutToken');
  });

  it('sends an SMS with the link and a way to stop', async () => {
    const alice = await makeMember(h, { name: 'Alice Texter' });
    const phone = `+1415${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    await as(h, alice).post('/api/v1/invitations', { phone });
    await drain();
    const texts = sms.received.filter((m) => m.to === phone);
    expect(texts).toHaveLength(1);
    expect(texts[0]!.body).toMatch(
      /^Alice Texter invited you to connect on Rapport: https:\/\/rapport\.example\/i\/[\w-]{43} Stop texts: https:\/\/rapport\.example\/opt-out\/[\w-]{43}$/,
    );
  });

  it('sends the reminders on schedule and none after a withdrawal, including ones already due', async () => {
    const alice = await makeMember(h);
    const kept = `kept.${alice.id.slice(0, 5).toLowerCase()}@example.org`;
    const dropped = `dropped.${alice.id.slice(0, 5).toLowerCase()}@example.org`;
    await as(h, alice).post('/api/v1/invitations', { email: kept });
    const gone = await as(h, alice).post('/api/v1/invitations', { email: dropped });
    await drain();
    h.clock.advance(3 * DAY + HOUR);
    await as(h, alice).post(`/api/v1/invitations/${gone.body.id}/withdraw`);
    await drain();
    h.clock.advance(11 * DAY + HOUR);
    await drain();
    h.clock.advance(30 * DAY);
    await drain();
    expect(mailsTo(kept).map((m) => m.mail.subject)).toEqual([
      expect.stringContaining('would like to connect'),
      expect.stringMatching(/^Reminder:/),
      expect.stringMatching(/^Reminder:/),
    ]);
    expect(mailsTo(dropped)).toHaveLength(1);
    const statuses = await h.database.db
      .selectFrom('outbox')
      .select('status')
      .where('invitation_id', '=', gone.body.id)
      .where('kind', '=', 'reminder')
      .execute();
    expect(statuses.map((s) => s.status)).toEqual(['suppressed', 'suppressed']);
  });

  it('retries a temporary failure (451) and delivers once', async () => {
    const alice = await makeMember(h);
    const to = `greylisted.${alice.id.slice(0, 5).toLowerCase()}@example.org`;
    smtp.script = (address, attempt) => (address === to && attempt === 1 ? 451 : undefined);
    const sent = await as(h, alice).post('/api/v1/invitations', { email: to });
    await drain();
    expect(mailsTo(to)).toHaveLength(0);
    const row = await h.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('invitation_id', '=', sent.body.id)
      .where('kind', '=', 'invitation')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('queued');
    expect(Date.parse(row.due_at) - h.clock.now().getTime()).toBeLessThanOrEqual(5_000);
    h.clock.advance(5_000);
    await drain();
    expect(mailsTo(to)).toHaveLength(1);
    expect(smtp.attempts.get(to)).toBe(2);
    smtp.script = () => undefined;
  });

  it('marks a permanent failure (550) bounced after one attempt and sends nothing more to the address', async () => {
    const alice = await makeMember(h);
    const to = `nobody.${alice.id.slice(0, 5).toLowerCase()}@example.org`;
    smtp.script = (address) => (address === to ? 550 : undefined);
    const sent = await as(h, alice).post('/api/v1/invitations', { email: to });
    await drain();
    h.clock.advance(HOUR);
    await drain();
    expect(smtp.attempts.get(to)).toBe(1);
    expect((await as(h, alice).get(`/api/v1/invitations/${sent.body.id}`)).body.delivery).toBe('bounced');
    // The sender corrects the address with a new invitation.
    const fixed = await as(h, alice).post('/api/v1/invitations', { email: `fixed.${to}` });
    expect(fixed.status).toBe(201);
    h.clock.advance(4 * DAY);
    await drain();
    expect(smtp.attempts.get(to)).toBe(1);
    smtp.script = () => undefined;
  });

  it('loses nothing while the SMTP server is down and delivers everything once it is back', async () => {
    const alice = await makeMember(h);
    const port = smtp.port;
    await smtp.stop();
    const addresses = [1, 2, 3].map((n) => `down${n}.${alice.id.slice(0, 5).toLowerCase()}@example.org`);
    for (const email of addresses) await as(h, alice).post('/api/v1/invitations', { email });
    for (let i = 0; i < 4; i++) {
      await drain();
      h.clock.advance(DEFAULT_DELIVERY.maxBackoffMs);
    }
    await smtp.start(port);
    await drain();
    for (const email of addresses) expect(mailsTo(email)).toHaveLength(1);
  });
});
