/** HTTP routes of messaging: conversations, their messages and read state, reports, and support's view of reports. */
import { Type } from '@sinclair/typebox';
import { authOf } from '../http/request-context.js';
import type { App, Services } from '../http/services.js';
import { errorReplies, IdParams, PageOf, PageQuery } from '../http/schemas.js';
import { idempotent } from '../invitations/idempotency.js';
import attachmentRoutes from './attachment-routes.js';
import { ATTACHMENTS_MAX } from './attachments.js';
import eventRoutes from './events-routes.js';
import { decodeCursor, decodeNumberCursor, encodeNumberCursor, toPage } from '../shared/pagination.js';
import {
  DETAILS_MAX,
  deleteConversation,
  getConversation,
  listConversations,
  listMessages,
  listReportsForSupport,
  markRead,
  markUnread,
  reportConversation,
  sendMessageIn,
  startConversation,
  SUBJECT_MAX,
  TEXT_MAX,
  updateConversation,
} from './conversations.js';
import {
  ConversationSchema,
  MessageSchema,
  presentConversation,
  presentMessage,
  presentReport,
  presentSupportReport,
  ReasonSchema,
  ReportSchema,
  SupportReportSchema,
} from './presenter.js';

const Text = Type.String({ minLength: 1, maxLength: TEXT_MAX, description: 'Plain text; control characters other than newlines are removed' });

const AttachmentIds = Type.Optional(
  Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
    maxItems: ATTACHMENTS_MAX,
    uniqueItems: true,
    description: 'Uploads of yours not yet sent (POST /attachments), each sent once; 422 attachment_unavailable otherwise',
  }),
);

const StartBody = Type.Object({
  memberIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
    minItems: 1,
    maxItems: 200,
    description: 'The other participants; a conversation has at most 50, you included',
  }),
  text: Text,
  subject: Type.Optional(Type.String({ maxLength: SUBJECT_MAX })),
  attachmentIds: AttachmentIds,
});

const Started = Type.Object({ conversation: ConversationSchema, message: MessageSchema });

const ListQuery = Type.Object({
  ...PageQuery,
  folder: Type.Optional(Type.Union([Type.Literal('inbox'), Type.Literal('archived')])),
  unread: Type.Optional(Type.Boolean()),
  q: Type.Optional(Type.String({ maxLength: 200 })),
});

const ChangeBody = Type.Object({ muted: Type.Optional(Type.Boolean()), archived: Type.Optional(Type.Boolean()) });

const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) });

/** The routes of messaging, under /api/v1. */
export default async function messagingRoutes(app: App, services: Services) {
  await app.register(conversationRoutes, services);
  await app.register(reportRoutes, services);
  await app.register(attachmentRoutes, services);
  await app.register(eventRoutes, services);
}

/** A participant's routes: every one answers 404 to anyone else. */
async function conversationRoutes(app: App, { db, deps, requireMember }: Services) {
  app.addHook('preHandler', requireMember);

  app.get(
    '/conversations',
    {
      schema: {
        tags: ['messaging'],
        summary: 'My conversations, most recently active first',
        description:
          '`folder` is `inbox` (default) or `archived`; `unread=true` keeps those with unread messages; `q` matches the subject or a participant’s name.',
        querystring: ListQuery,
        response: { 200: PageOf(ConversationSchema), ...errorReplies() },
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      const limit = request.query.limit ?? 20;
      const filter = { folder: request.query.folder ?? 'inbox', unreadOnly: request.query.unread === true, q: request.query.q || undefined };
      const rows = await listConversations(db, actor, filter, decodeCursor(request.query.cursor), limit);
      return toPage(rows, limit, (d) => ({ at: d.view.last_activity_at, id: d.view.id }), presentConversation);
    },
  );

  app.post(
    '/conversations',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Start a conversation with connections (with one member: reuse ours)',
        description:
          'With one other member the existing conversation is reused (200). 403 not_connected; 422 too_many_participants or attachment_unavailable; 429 message_limit_reached.',
        body: StartBody,
        response: { 200: Started, 201: Started, ...errorReplies(403, 422, 429) },
      },
    },
    async (request, reply) => {
      const { actor } = authOf(request);
      const started = await startConversation(db, deps, actor, request.body);
      return reply
        .status(started.created ? 201 : 200)
        .send({ conversation: presentConversation(started.conversation), message: presentMessage(started.message) });
    },
  );

  app.get(
    '/conversations/:id',
    {
      schema: { tags: ['messaging'], summary: 'A conversation of mine', params: IdParams, response: { 200: ConversationSchema, ...errorReplies(404) } },
    },
    async (request) => presentConversation(await getConversation(db, authOf(request).actor, request.params.id)),
  );

  app.patch(
    '/conversations/:id',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Mute or archive a conversation, for me',
        params: IdParams,
        body: ChangeBody,
        response: { 200: ConversationSchema, ...errorReplies(404) },
      },
    },
    async (request) => presentConversation(await updateConversation(db, authOf(request).actor, request.params.id, request.body)),
  );

  app.delete(
    '/conversations/:id',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Delete a conversation for me: gone from my lists with its history, until a new message',
        params: IdParams,
        response: { 204: Type.Null(), ...errorReplies(404) },
      },
    },
    async (request, reply) => {
      await deleteConversation(db, deps, authOf(request).actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/conversations/:id/messages',
    {
      schema: {
        tags: ['messaging'],
        summary: 'The messages of a conversation, newest first',
        params: IdParams,
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(MessageSchema), ...errorReplies(404) },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 20;
      const before = decodeNumberCursor(request.query.cursor);
      const rows = await listMessages(db, authOf(request).actor, request.params.id, before, limit);
      const kept = rows.slice(0, limit);
      const last = kept[kept.length - 1];
      return { items: kept.map(presentMessage), nextCursor: rows.length > limit && last ? encodeNumberCursor(last.seq) : null };
    },
  );

  app.post(
    '/conversations/:id/messages',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Send a message',
        description: 'The same Idempotency-Key with the same body within 24 hours returns the first reply and sends nothing twice.',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: Type.Object({ text: Text, attachmentIds: AttachmentIds }),
        response: { 201: MessageSchema, ...errorReplies(403, 404, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const { actor } = authOf(request);
      const key = request.headers['idempotency-key'];
      const id = request.params.id;
      const result = await idempotent(db, deps.clock, actor.memberId, key, { conversationId: id, ...request.body }, 201, async (trx) =>
        presentMessage(await sendMessageIn(trx, deps, actor, id, request.body.text, request.body.attachmentIds)),
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(result.body);
    },
  );

  app.post(
    '/conversations/:id/read',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Mark a conversation read, up to a message of it (by default its latest)',
        params: IdParams,
        body: Type.Object({ upTo: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }),
        response: { 204: Type.Null(), ...errorReplies(404) },
      },
    },
    async (request, reply) => {
      await markRead(db, deps, authOf(request).actor, request.params.id, request.body.upTo);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/conversations/:id/unread',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Mark the latest message of someone else unread again',
        params: IdParams,
        body: Type.Object({}),
        response: { 204: Type.Null(), ...errorReplies(404) },
      },
    },
    async (request, reply) => {
      await markUnread(db, deps, authOf(request).actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/conversations/:id/report',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Report a conversation to support',
        params: IdParams,
        body: Type.Object({ reason: ReasonSchema, details: Type.Optional(Type.String({ maxLength: DETAILS_MAX })) }),
        response: { 201: ReportSchema, ...errorReplies(404) },
      },
    },
    async (request, reply) => {
      const report = await reportConversation(db, deps, authOf(request).actor, request.params.id, request.body);
      return reply.status(201).send(presentReport(report));
    },
  );
}

/** Support's view of what members reported. */
async function reportRoutes(app: App, { db, requireRole }: Services) {
  app.addHook('preHandler', requireRole('support', 'admin'));

  app.get(
    '/admin/conversation-reports',
    {
      schema: {
        tags: ['support'],
        summary: 'Reported conversations, newest report first, with their participants and latest messages',
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(SupportReportSchema), ...errorReplies(403) },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 20;
      const rows = await listReportsForSupport(db, decodeCursor(request.query.cursor), limit);
      return toPage(rows, limit, (r) => ({ at: r.report.created_at, id: r.report.id }), presentSupportReport);
    },
  );
}
