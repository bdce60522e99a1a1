/** The inbox: invitations and messages, each an item with a subject line, in a Received and a Sent folder, each read or unread. */
import { Type } from '@sinclair/typebox';
import type { App, Services } from '../http/services.js';
import { authOf } from '../http/request-context.js';
import { errorReplies, IdParams, Iso, PageOf, PageQuery } from '../http/schemas.js';
import { InvitationSchema, presentInvitation, recipientAsSeenBy } from '../invitations/presenter.js';
import { countUnread, type Folder, type InboxEntry, listInbox, messageSubject } from './inbox.js';
import { markAllRead, markMessage } from './read-state.js';
import { UnreadCountsSchema } from './schemas.js';
import { decodeCursor, toPage } from '../shared/pagination.js';
import { invitationSubject } from '../invitations/rules.js';

const InboxItem = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('invitation'), Type.Literal('message')]),
  subject: Type.String(),
  counterpart: Type.Object({ memberId: Type.Optional(Type.String()), name: Type.String() }),
  createdAt: Iso,
  read: Type.Boolean(),
  invitation: Type.Optional(InvitationSchema),
  conversationId: Type.Optional(Type.String({ description: 'A message item’s conversation (`GET /api/v1/conversations/{id}/messages` shows its text)' })),
});

const FolderSchema = Type.Union([Type.Literal('received'), Type.Literal('sent')]);

const MarkReply = Type.Object({ id: Type.String(), read: Type.Boolean(), unread: UnreadCountsSchema });

export default async function inboxRoutes(app: App, { db, deps, requireMember }: Services) {
  app.addHook('preHandler', requireMember);

  app.get(
    '/inbox',
    {
      schema: {
        tags: ['inbox'],
        summary: 'My inbox: invitations and messages, newest first',
        description:
          'Received: invitations to me and messages from others to me; Sent: mine. A message item’s subject is its conversation’s, or its first line; it is read as its conversation is. With `new-messaging`, invitations leave the inbox: it lists messages only.',
        querystring: Type.Object({ ...PageQuery, folder: Type.Optional(FolderSchema) }),
        response: { 200: PageOf(InboxItem), ...errorReplies() },
      },
    },
    async (request) => {
      const me = authOf(request).member.id;
      const folder = request.query.folder ?? 'received';
      const limit = request.query.limit ?? 20;
      const now = deps.clock.now();
      const rows = await listInbox(db, me, folder, decodeCursor(request.query.cursor), limit, now);
      const sent = folder === 'sent';
      const presentMessage = (e: Extract<InboxEntry, { kind: 'message' }>) => {
        const m = e.message;
        const direct = m.kind === 'direct' && e.others.length === 1;
        const counterpart = !sent
          ? { memberId: m.sender_id, name: m.sender_name }
          : direct
            ? { memberId: e.others[0]!.id, name: e.others[0]!.name }
            : { name: e.others.map((o) => o.name).join(', ') };
        return {
          id: m.id,
          kind: 'message' as const,
          subject: messageSubject(m.subject, m.text),
          counterpart,
          createdAt: m.created_at,
          read: sent || m.seq <= m.read_seq,
          conversationId: m.conversation_id,
        };
      };
      return toPage(
        rows,
        limit,
        (e) => ({ at: e.created_at, id: e.id }),
        (e) => {
          if (e.kind === 'message') return presentMessage(e);
          const r = e.invitation;
          const recipient = recipientAsSeenBy(r, me);
          const otherName = sent ? (recipient.name ?? recipient.email ?? recipient.phone ?? '') : r.sender_name;
          return {
            id: r.id,
            kind: 'invitation' as const,
            subject: invitationSubject(r.sender_name, otherName, sent),
            counterpart: sent
              ? { ...(recipient.memberId ? { memberId: recipient.memberId } : {}), name: otherName }
              : { memberId: r.sender_id, name: r.sender_name },
            createdAt: r.created_at,
            read: sent ? r.sender_read === 1 : r.recipient_read === 1,
            invitation: presentInvitation(r, me, { now, reinviteCooldownMs: deps.config.reinviteCooldownMs }),
          };
        },
      );
    },
  );

  app.get(
    '/inbox/unread',
    {
      schema: { tags: ['inbox'], summary: 'How many unread messages each folder holds', response: { 200: UnreadCountsSchema, ...errorReplies() } },
    },
    async (request) => countUnread(db, authOf(request).member.id),
  );

  for (const read of [true, false]) {
    app.post(
      `/inbox/:id/${read ? 'read' : 'unread'}`,
      {
        schema: {
          tags: ['inbox'],
          summary: read ? 'Mark a message read, on my side of it (again: no change)' : 'Mark a message unread again, on my side of it (again: no change)',
          description: 'A message my inbox does not show me (another member’s, or one withdrawn from me) is 404 not_found.',
          params: IdParams,
          response: { 200: MarkReply, ...errorReplies(403, 404) },
        },
      },
      async (request) => markMessage(db, deps, authOf(request).actor, request.params.id, read),
    );
  }

  app.post(
    '/inbox/read-all',
    {
      schema: {
        tags: ['inbox'],
        summary: 'Mark every item of a folder read (without a folder: of both); Received includes every unread message of my conversations',
        querystring: Type.Object({ folder: Type.Optional(FolderSchema) }),
        response: { 200: Type.Object({ marked: Type.Integer({ minimum: 0 }), unread: UnreadCountsSchema }), ...errorReplies(403) },
      },
    },
    async (request) => {
      const folders: Folder[] = request.query.folder ? [request.query.folder] : ['received', 'sent'];
      return markAllRead(db, deps, authOf(request).actor, folders);
    },
  );
}
