/** Helpers of the messaging tests: connections made directly, and conversations started over HTTP. */
import { expect } from 'vitest';
import { as, type Harness, type TestMember } from '../support/harness.js';

/** Connects two members directly in the database (as an accepted invitation would). */
export async function connect(h: Harness, a: TestMember, b: TestMember): Promise<void> {
  const [lo, hi] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
  await h.database.db.insertInto('connections').values({ member_a: lo, member_b: hi, invitation_id: null, created_at: h.clock.now().toISOString() }).execute();
}

/** Starts (or reuses) a conversation over HTTP and returns its reply's body. */
export async function start(h: Harness, from: TestMember, to: TestMember[], text = 'Hello', extra: Record<string, unknown> = {}) {
  const res = await as(h, from).post('/api/v1/conversations', { memberIds: to.map((m) => m.id), text, ...extra });
  expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
  return res.body as { conversation: { id: string; [k: string]: any }; message: { id: string; [k: string]: any } };
}

/** Sends a message over HTTP and returns it. */
export async function send(h: Harness, from: TestMember, conversationId: string, text: string) {
  const res = await as(h, from).post(`/api/v1/conversations/${conversationId}/messages`, { text });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; text: string; [k: string]: any };
}
