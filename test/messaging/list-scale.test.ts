/**
 * A page of a member's conversations, and of a long thread, reads one index range: it costs the
 * same whether the member has a handful of conversations or hundreds, and the thread ten messages
 * or a thousand. SQLite must be able to read them through the named index (INDEXED BY refuses to
 * prepare otherwise) without sorting; PostgreSQL, analysed, reads about one page of rows.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/context.js';
import { sendMessage, startConversation } from '../../src/messaging/conversations.js';
import { conversationPageQuery, threadPageQuery } from '../../src/messaging/store.js';
import { DIALECTS } from '../support/databases.js';
import { createHarness, type Harness, makeMember, type TestMember } from '../support/harness.js';
import { flatten, pgPlan, rowsRead, sqlitePlan } from '../support/plans.js';
import { connect } from './support.js';

const CONVERSATIONS = 300;
const THREAD = 1000;
const LIMIT = 20;

describe.each(DIALECTS)('messaging lists at scale (%s)', (dialect) => {
  let h: Harness;
  let busy: TestMember;
  let threadId: string;

  beforeAll(async () => {
    h = await createHarness(dialect, { env: { MESSAGE_DAILY_LIMIT: '100000' } });
    busy = await makeMember(h);
    const actor: Actor = { memberId: busy.id, role: 'member', path: 'api' };
    const others = await Promise.all(Array.from({ length: CONVERSATIONS }, () => makeMember(h)));
    for (const [i, other] of others.entries()) {
      await connect(h, busy, other);
      const { conversation } = await startConversation(h.database.db, h.services.deps, actor, { memberIds: [other.id], text: `hello ${i}` });
      threadId = conversation.view.id;
      h.clock.advance(1000);
      // Every third one has an answer waiting.
      if (i % 3 === 0) await sendMessage(h.database.db, h.services.deps, { memberId: other.id, role: 'member', path: 'api' }, threadId, 'answer');
    }
    for (let i = 0; i < THREAD; i++) await sendMessage(h.database.db, h.services.deps, actor, threadId, `line ${i}`);
    if (dialect === 'postgres') await sql`analyze`.execute(h.database.db);
  }, 300_000);
  afterAll(async () => h?.close());

  const statements = () => [
    { name: 'inbox', query: conversationPageQuery(h.database.db, busy.id, { folder: 'inbox', unreadOnly: false }, null, LIMIT), table: 'conversation_members' },
    { name: 'unread', query: conversationPageQuery(h.database.db, busy.id, { folder: 'inbox', unreadOnly: true }, null, LIMIT), table: 'conversation_members' },
    {
      name: 'inbox after a cursor',
      query: conversationPageQuery(h.database.db, busy.id, { folder: 'inbox', unreadOnly: false }, { at: '2026-06-01T09:02:00.000Z', id: 'zzz' }, LIMIT),
      table: 'conversation_members',
    },
    { name: 'thread', query: threadPageQuery(h.database.db, threadId, 0, undefined, LIMIT), table: 'messages' },
    { name: 'thread after a cursor', query: threadPageQuery(h.database.db, threadId, 0, 500, LIMIT), table: 'messages' },
  ];

  it('reads one page of index entries per page, sorting nothing', async () => {
    for (const { name, query, table } of statements()) {
      const rows = await query.execute();
      expect(rows.length, name).toBe(LIMIT + 1);
      if (dialect === 'sqlite') {
        const details = flatten(await sqlitePlan(h.database.db, query)).map((s) => s.detail);
        expect(
          details.some((d) => d.startsWith(`SEARCH ${table}`) && d.includes('USING INDEX')),
          `${name}: ${details.join(' / ')}`,
        ).toBe(true);
        expect(
          details.filter((d) => d.includes('TEMP B-TREE')),
          `${name}: ${details.join(' / ')}`,
        ).toEqual([]);
      } else {
        const plan = await pgPlan(h.database.db, query, true);
        expect(rowsRead(plan, table), `${name}: ${JSON.stringify(plan)}`).toBeLessThanOrEqual(3 * (LIMIT + 1));
      }
    }
  });
});
