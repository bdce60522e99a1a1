/** The inbox: invitations appear as messages, in a Received and a Sent folder. */
import { Type } from '@sinclair/typebox';
import type { App, Services } from '../http/app.js';
import { authOf, requireAuth } from '../http/auth.js';
import { errorReplies, Iso, PageOf, PageQuery } from '../http/schemas.js';
import { InvitationSchema, presentInvitation } from '../invitations/presenter.js';
import { listInbox } from './inbox.js';
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
});

export async function registerInboxRoutes(app: App, { db, deps }: Services) {
  app.get(
    '/inbox',
    {
      schema: {
        tags: ['inbox'],
        summary: 'My inbox: invitations as messages, newest first',
        querystring: Type.Object({ ...PageQuery, folder: Type.Optional(Type.Union([Type.Literal('received'), Type.Literal('sent')])) }),
        response: { 200: PageOf(InboxItem), ...errorReplies() },
      },
      preHandler: requireAuth(db, deps.clock),
    },
    async (request) => {
      const me = authOf(request).member.id;
      const folder = request.query.folder ?? 'received';
      const limit = request.query.limit ?? 20;
      const now = deps.clock.now();
      const rows = await listInbox(db, me, folder, decodeCursor(request.query.cursor), limit);
      return toPage(
        rows,
        limit,
        (r) => ({ at: r.created_at, id: r.id }),
        (r) => {
          const sent = folder === 'sent';
          const otherName = sent ? (r.recipient_name ?? r.recipient_email ?? r.recipient_phone ?? '') : r.sender_name;
          return {
            id: r.id,
            kind: 'invitation' as const,
            subject: invitationSubject(r.sender_name, otherName, sent),
            counterpart: sent
              ? { ...(r.recipient_member_id ? { memberId: r.recipient_member_id } : {}), name: otherName }
              : { memberId: r.sender_id, name: r.sender_name },
            createdAt: r.created_at,
            read: sent ? r.sender_read === 1 : r.recipient_read === 1,
            invitation: presentInvitation(r, me, { now, reinviteCooldownMs: deps.config.reinviteCooldownMs }),
          };
        },
      );
    },
  );
}
