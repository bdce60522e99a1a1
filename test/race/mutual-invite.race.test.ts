/**
 * Two members inviting each other at the same moment: the pair's unique index picks one winner, and
 * the other send is refused as invitation_pending — never a 500, with or without an Idempotency-Key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, type Harness, makeMember } from '../support/harness.js';

const PAIRS = 20;

describe.each(DIALECTS)('mutual invitations at the same moment (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  it.each([false, true])('have one winner per pair (Idempotency-Key: %s)', async (withKey) => {
    const pairs = await Promise.all(Array.from({ length: PAIRS }, async () => [await makeMember(h), await makeMember(h)] as const));
    const results = await Promise.all(
      pairs.map(async ([a, b], i) => {
        const headers = (who: string) => (withKey ? { headers: { 'idempotency-key': `mutual-${i}-${who}` } } : undefined);
        const [ab, ba] = await Promise.all([
          as(h, a).post('/api/v1/invitations', { memberId: b.id }, headers('a')),
          as(h, b).post('/api/v1/invitations', { memberId: a.id }, headers('b')),
        ]);
        return [ab, ba];
      }),
    );
    for (const [ab, ba] of results) {
      const statuses = [ab!.status, ba!.status].sort();
      expect(statuses, JSON.stringify([ab!.body, ba!.body])).toEqual([201, 409]);
      const loser = ab!.status === 409 ? ab! : ba!;
      expect(loser.body.error.code).toBe('invitation_pending');
    }
    // One pending invitation per pair, and nothing half-written.
    for (const [a, b] of pairs) {
      const rows = await h.database.db
        .selectFrom('invitations')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('sender_id', '=', a.id), eb('recipient_member_id', '=', b.id)]),
            eb.and([eb('sender_id', '=', b.id), eb('recipient_member_id', '=', a.id)]),
          ]),
        )
        .execute();
      expect(rows).toHaveLength(1);
    }
  });
});
