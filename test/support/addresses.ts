/** Verification links and verified addresses for tests, through the API and the outbox. */
import { expect } from 'vitest';
import { sha256 } from '../../src/shared/crypto.js';
import { as, type Harness, type TestMember } from './harness.js';

/**
 * The token of the latest verification link queued for `address` (read before the worker sends
 * it), of `memberId`'s when given.
 */
export async function mailedToken(h: Harness, address: string, memberId?: string): Promise<string> {
  const rows = await h.database.db
    .selectFrom('outbox')
    .select(['payload', 'id'])
    .where('kind', '=', 'email_verification')
    .where('recipient', '=', address.toLowerCase())
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const tokens = rows.map((r) => (JSON.parse(r.payload) as { verifyToken?: string }).verifyToken).filter((t): t is string => typeof t === 'string');
  expect(tokens.length, `a verification link for ${address}`).toBeGreaterThan(0);
  // Links queued in the same millisecond: the latest is the one whose hash is stored.
  const db = h.database.db;
  const hashes = tokens.map(sha256);
  const added = await db.selectFrom('member_emails').select(['token_hash as hash', 'member_id']).where('token_hash', 'in', hashes).execute();
  const primary = await db.selectFrom('members').select(['email_token_hash as hash', 'id as member_id']).where('email_token_hash', 'in', hashes).execute();
  const stored = new Set([...added, ...primary].filter((r) => memberId === undefined || r.member_id === memberId).map((r) => r.hash));
  const token = tokens.find((t) => stored.has(sha256(t)));
  expect(token, `a live verification link for ${address}`).toBeDefined();
  return token!;
}

/** Adds `address` to `m`'s account and follows the link mailed to it. */
export async function addVerifiedAddress(h: Harness, m: TestMember, address: string): Promise<void> {
  const added = await as(h, m).post('/api/v1/me/emails', { email: address });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  const verified = await as(h, m).post(`/api/v1/emails/verify/${await mailedToken(h, address, m.id)}`);
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
}

let unique = 0;
/** An address nobody has used yet. */
export const freshAddress = (label: string, domain = 'mail.example') => `${label}.${++unique}.${Math.random().toString(36).slice(2, 8)}@${domain}`;
