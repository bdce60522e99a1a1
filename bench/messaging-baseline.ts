/**
 * The baseline's messaging routes: bare Fastify running the least SQL that could serve a page of a
 * member's conversations and a page of a thread, with the same JSON as Rapport's. What it keeps of
 * Rapport's rules: the bearer token, that only a participant reads a thread, what the member
 * cleared, and the keyset pages in index order. It reads each page as one index range, then the
 * participants and the last messages of the page's conversations by key — what any server must
 * read to answer, the messages' attachments included.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DialectName } from '../src/db/database.js';
import type { AttachmentView } from '../src/messaging/attachment-store.js';
import { type ConversationView, type MessageView, type Participant } from '../src/messaging/store.js';
import { presentConversation, presentMessage } from '../src/messaging/presenter.js';
import { decodeCursor, decodeNumberCursor, encodeNumberCursor, toPage } from '../src/shared/pagination.js';

type Value = string | number | null;
type Row = Record<string, unknown>;

/** What the messaging routes need of the baseline: a query runner and its authentication. */
export interface MessagingBaselineContext {
  dialect: DialectName;
  /** Runs one statement (`?` placeholders) and returns its rows. */
  rows(sql: string, params: readonly Value[]): Promise<Row[]>;
  /** The member a bearer token belongs to, as the other baseline routes find them. */
  member(authorization: string | undefined): Promise<Row | undefined>;
  fail(reply: FastifyReply, status: number, code: string): FastifyReply;
}

const indexed = (dialect: DialectName, index: string) => (dialect === 'sqlite' ? ` indexed by "${index}"` : '');
const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** A page of a member's list, newest activity first: one range of conversation_members_list. */
const conversationPage = (dialect: DialectName, cursor: boolean) =>
  `select c.id, c.kind, c.subject, c.created_at, c.last_message_at, c.last_message_id, c.last_seq,
     cm.member_id, cm.folder, cm.muted, cm.read_seq, cm.cleared_seq, cm.unread_count, cm.last_activity_at
   from conversation_members cm${indexed(dialect, 'conversation_members_list')} join conversations c on c.id = cm.conversation_id
   where cm.member_id = ? and cm.folder = ?${cursor ? ' and cm.last_activity_at <= ? and (cm.last_activity_at < ? or cm.conversation_id < ?)' : ''}
   order by cm.last_activity_at desc, cm.conversation_id desc limit ?`;
const participants = (n: number) =>
  `select cm.conversation_id, m.id, m.name, m.headline from conversation_members cm join members m on m.id = cm.member_id
   where cm.conversation_id in (${inList(n)}) order by cm.joined_at, m.name, m.id`;
const messagesById = (n: number) =>
  `select x.id, x.conversation_id, x.seq, x.sender_id, m.name as sender_name, x.text, x.created_at
   from messages x join members m on m.id = x.sender_id where x.id in (${inList(n)})`;
const attachmentsOf = (n: number) =>
  `select id, message_id, name, size, content_type from attachments where message_id in (${inList(n)}) order by message_id, position`;
const MEMBERSHIP = 'select cleared_seq from conversation_members where conversation_id = ? and member_id = ?';
/** A page of a thread, newest first: one range of messages_thread. */
const threadPage = (dialect: DialectName, before: boolean) =>
  `select x.id, x.conversation_id, x.seq, x.sender_id, m.name as sender_name, x.text, x.created_at
   from messages x${indexed(dialect, 'messages_thread')} join members m on m.id = x.sender_id
   where x.conversation_id = ? and x.seq > ?${before ? ' and x.seq < ?' : ''} order by x.seq desc limit ?`;

type MessageRow = Omit<MessageView, 'attachments'>;

const withAttachments = (rows: MessageRow[], attachments: AttachmentView[]): MessageView[] =>
  rows.map((row) => ({ ...row, attachments: attachments.filter((a) => a.message_id === row.id) }));

/** Registers GET /api/v1/conversations and GET /api/v1/conversations/:id/messages. */
export function messagingBaselineRoutes(app: FastifyInstance, ctx: MessagingBaselineContext): void {
  const { dialect } = ctx;

  app.get('/api/v1/conversations', async (request, reply) => {
    const member = await ctx.member(request.headers.authorization);
    if (!member) return ctx.fail(reply, 401, 'unauthenticated');
    const query = request.query as { limit?: string; cursor?: string };
    const limit = Number(query.limit ?? 20);
    const cursor = decodeCursor(query.cursor);
    const after = cursor ? [cursor.at, cursor.at, cursor.id] : [];
    const views = (await ctx.rows(conversationPage(dialect, cursor !== null), [
      member.id as string,
      'inbox',
      ...after,
      limit + 1,
    ])) as unknown as ConversationView[];
    const ids = views.map((v) => v.id);
    const lastIds = views.filter((v) => v.last_message_id !== null && Number(v.last_seq) > Number(v.cleared_seq)).map((v) => v.last_message_id!);
    const [people, lastRows, lastAttachments] = await Promise.all([
      ids.length > 0 ? (ctx.rows(participants(ids.length), ids) as unknown as Promise<Participant[]>) : Promise.resolve([]),
      lastIds.length > 0 ? (ctx.rows(messagesById(lastIds.length), lastIds) as unknown as Promise<MessageRow[]>) : Promise.resolve([]),
      lastIds.length > 0 ? (ctx.rows(attachmentsOf(lastIds.length), lastIds) as unknown as Promise<AttachmentView[]>) : Promise.resolve([]),
    ]);
    const last = withAttachments(lastRows, lastAttachments);
    const byConversation = new Map<string, Participant[]>();
    for (const p of people) byConversation.set(p.conversation_id, [...(byConversation.get(p.conversation_id) ?? []), p]);
    const lastById = new Map(last.map((m) => [m.id, m]));
    return toPage(
      views.map((view) => ({
        view,
        participants: byConversation.get(view.id) ?? [],
        lastMessage: view.last_message_id !== null && Number(view.last_seq) > Number(view.cleared_seq) ? (lastById.get(view.last_message_id) ?? null) : null,
      })),
      limit,
      (d) => ({ at: d.view.last_activity_at, id: d.view.id }),
      presentConversation,
    );
  });

  app.get('/api/v1/conversations/:id/messages', async (request, reply) => {
    const member = await ctx.member(request.headers.authorization);
    if (!member) return ctx.fail(reply, 401, 'unauthenticated');
    const { id } = request.params as { id: string };
    const query = request.query as { limit?: string; cursor?: string };
    const limit = Number(query.limit ?? 20);
    const before = decodeNumberCursor(query.cursor);
    const [membership] = await ctx.rows(MEMBERSHIP, [id, member.id as string]);
    if (!membership) return ctx.fail(reply, 404, 'not_found');
    const params: Value[] = [id, Number(membership.cleared_seq), ...(before !== undefined ? [before] : []), limit + 1];
    const rows = (await ctx.rows(threadPage(dialect, before !== undefined), params)) as unknown as MessageRow[];
    const keptRows = rows.slice(0, limit);
    const keptIds = keptRows.map((r) => r.id);
    const kept = withAttachments(keptRows, keptIds.length > 0 ? ((await ctx.rows(attachmentsOf(keptIds.length), keptIds)) as unknown as AttachmentView[]) : []);
    const lastKept = kept[kept.length - 1];
    return { items: kept.map(presentMessage), nextCursor: rows.length > limit && lastKept ? encodeNumberCursor(Number(lastKept.seq)) : null };
  });
}
