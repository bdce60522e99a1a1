/** HTTP routes of who may reach whom: blocking members, and replying to an invitation. */
import { Type } from '@sinclair/typebox';
import { authOf } from '../http/request-context.js';
import type { App, Services } from '../http/services.js';
import { errorReplies, IdParams, Iso, PageOf, PageQuery } from '../http/schemas.js';
import { decodeCursor, toPage } from '../shared/pagination.js';
import { blockMember, listBlockedMembers, unblockMember } from './blocks.js';
import { TEXT_MAX } from './conversations.js';
import { ConversationSchema, MessageSchema, ParticipantSchema, presentConversation, presentMessage } from './presenter.js';
import { replyToInvitation } from './replies.js';

const BlockedSchema = Type.Object({ member: ParticipantSchema, blockedAt: Iso });

const Text = Type.String({ minLength: 1, maxLength: TEXT_MAX, description: 'Plain text; control characters other than newlines are removed' });

/** The routes of blocks and replies, under /api/v1; every one needs a member. */
export default async function reachRoutes(app: App, { db, deps, requireMember }: Services) {
  app.addHook('preHandler', requireMember);

  app.post(
    '/members/:id/block',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Block a member: no invitations or messages between us, either way',
        description:
          'Withdraws the pending invitations between the two, removes nothing else (a connection stays) and tells nobody. Blocking again changes nothing. 422 self_block; 404 for an unknown member; 429 rate_limited past 100 new blocks in 24 hours.',
        params: IdParams,
        body: Type.Object({}),
        response: { 204: Type.Null(), ...errorReplies(404, 422, 429) },
      },
    },
    async (request, reply) => {
      await blockMember(db, deps, authOf(request).actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/members/:id/block',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Unblock a member: invitations and messages become possible again; nothing withdrawn comes back',
        params: IdParams,
        response: { 204: Type.Null(), ...errorReplies(404, 422) },
      },
    },
    async (request, reply) => {
      await unblockMember(db, authOf(request).actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/blocked',
    {
      schema: {
        tags: ['messaging'],
        summary: 'The members I blocked, newest block first',
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(BlockedSchema), ...errorReplies() },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 20;
      const rows = await listBlockedMembers(db, authOf(request).actor, decodeCursor(request.query.cursor), limit);
      return toPage(
        rows,
        limit,
        (r) => ({ at: r.created_at, id: r.id }),
        (r) => ({ member: { id: r.id, name: r.name, headline: r.headline }, blockedAt: r.created_at }),
      );
    },
  );

  app.post(
    '/invitations/:id/reply',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Reply to an invitation I received, without accepting it',
        description:
          'Opens (or reuses) the direct conversation with its sender and sends the message; the invitation stays pending and sends no more reminders. 404 unless I am the recipient of the invitation; 409 not_pending once it no longer waits for an answer; 403 not_connected; 429 message_limit_reached.',
        params: IdParams,
        body: Type.Object({ text: Text }),
        response: { 201: Type.Object({ conversation: ConversationSchema, message: MessageSchema }), ...errorReplies(403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const started = await replyToInvitation(db, deps, authOf(request).actor, request.params.id, request.body.text);
      return reply.status(201).send({ conversation: presentConversation(started.conversation), message: presentMessage(started.message) });
    },
  );
}
