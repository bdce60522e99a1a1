/** HTTP routes of invitations: send, list, withdraw (one, many), accept, ignore, respond. */
import { Type } from '@sinclair/typebox';
import type { Actor } from '../context.js';
import { AppError } from '../errors.js';
import { hasFeature } from '../flags/flags.js';
import type { App, Services } from '../http/services.js';
import { authOf } from '../http/request-context.js';
import { ErrorResponse, errorReplies, IdParams, PageOf, PageQuery } from '../http/schemas.js';
import { decodeCursor, toPage } from '../shared/pagination.js';
import { idempotent, idempotentClaimed } from './idempotency.js';
import { InvitationSchema, presentInvitation } from './presenter.js';
import { acceptInvitation, findReceived, ignoreInvitation, respondMany } from './respond.js';
import { type RecipientInput, MESSAGE_MAX, sendInvitation, sendInvitationIn } from './send.js';
import { findInvitation, listReceived, listSent, type SentFilter } from './store.js';
import { previewWithdraw, withdrawInvitation, withdrawMany } from './withdraw.js';

const ChannelSchema = Type.Union([Type.Literal('member'), Type.Literal('email'), Type.Literal('sms')]);

const RecipientFields = {
  memberId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  email: Type.Optional(Type.String({ minLength: 3, maxLength: 254 })),
  phone: Type.Optional(Type.String({ minLength: 3, maxLength: 32 })),
};

const SendBody = Type.Object({
  ...RecipientFields,
  message: Type.Optional(Type.Union([Type.String({ maxLength: MESSAGE_MAX }), Type.Null()])),
});

const FilterFields = {
  channel: Type.Optional(ChannelSchema),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  olderThanDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 36_500 })),
};

const SentQuery = Type.Object({
  ...PageQuery,
  ...FilterFields,
  status: Type.Optional(Type.Union((['pending', 'accepted', 'withdrawn', 'expired', 'all'] as const).map((s) => Type.Literal(s)))),
});

const BulkBody = Type.Union([
  Type.Object({ ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }),
  Type.Object({ filter: Type.Object(FilterFields, { additionalProperties: false }) }, { additionalProperties: false }),
]);

const BulkResult = Type.Object({
  withdrawn: Type.Integer(),
  withdrawnIds: Type.Array(Type.String()),
  skipped: Type.Array(Type.Object({ id: Type.String(), reason: Type.String() })),
});

const ConnectionSchema = Type.Object({
  memberId: Type.String(),
  connectedAt: Type.String({ format: 'date-time' }),
  invitationId: Type.Union([Type.String(), Type.Null()]),
});

const BatchBody = Type.Object({
  recipients: Type.Array(Type.Object(RecipientFields, { additionalProperties: false }), { minItems: 1, maxItems: 500 }),
  message: Type.Optional(Type.Union([Type.String({ maxLength: MESSAGE_MAX }), Type.Null()])),
});

/** Reads a recipient from a body: one of memberId, email or phone (memberId may come with email). */
export function recipientOf(body: { memberId?: string; email?: string; phone?: string }): RecipientInput {
  const { memberId, email, phone } = body;
  if (memberId !== undefined && phone === undefined) return email === undefined ? { memberId } : { memberId, email };
  if (memberId === undefined && email !== undefined && phone === undefined) return { email };
  if (memberId === undefined && email === undefined && phone !== undefined) return { phone };
  throw new AppError('validation_failed', 'recipient: give exactly one of memberId, email or phone (email may accompany memberId).');
}

function idempotencyKeyOf(headers: Record<string, unknown>): string | undefined {
  const value = headers['idempotency-key'];
  return typeof value === 'string' ? value : undefined;
}

export default async function invitationRoutes(app: App, { db, deps, requireMember }: Services) {
  app.addHook('preHandler', requireMember);
  const present = (inv: Parameters<typeof presentInvitation>[0], viewer: string) =>
    presentInvitation(inv, viewer, { now: deps.clock.now(), reinviteCooldownMs: deps.config.reinviteCooldownMs });

  app.post(
    '/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invite a member, an e-mail address or a phone number to connect',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) }),
        body: SendBody,
        response: { 201: InvitationSchema, ...errorReplies(403, 404, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const { actor } = authOf(request);
      const recipient = recipientOf(request.body);
      const result = await idempotent(db, deps.clock, actor.memberId, idempotencyKeyOf(request.headers), request.body, 201, async (trx) =>
        present(await sendInvitationIn(trx, deps, actor, { recipient, message: request.body.message }), actor.memberId),
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      else deps.onTransition?.('new', 'pending', 1);
      return reply.status(201).send(result.body);
    },
  );

  app.post(
    '/invitations/batch',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invite many recipients, each judged by the rules of a single send',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) }),
        body: BatchBody,
        response: {
          200: Type.Object({
            results: Type.Array(
              Type.Object({
                recipient: Type.Object(RecipientFields),
                invitation: Type.Optional(InvitationSchema),
                error: Type.Optional(ErrorResponse.properties.error),
              }),
            ),
          }),
          // 409: the same Idempotency-Key is still being processed.
          ...errorReplies(403, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const { actor } = authOf(request);
      const run = async () => {
        const results = [];
        for (const r of request.body.recipients) {
          try {
            const inv = await sendInvitation(db, deps, actor, { recipient: recipientOf(r), message: request.body.message });
            results.push({ recipient: r, invitation: present(inv, actor.memberId) });
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            results.push({ recipient: r, error: { code: error.code, message: error.message } });
          }
        }
        return { results };
      };
      const key = idempotencyKeyOf(request.headers);
      if (key === undefined) return run();
      // The batch spans many transactions, so the key is claimed first and its reply stored after.
      const result = await idempotentClaimed(db, deps.clock, actor.memberId, key, request.body, 200, run);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return result.body;
    },
  );

  app.get(
    '/invitations/sent',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invitations I sent, newest first (by default only those awaiting a response)',
        querystring: SentQuery,
        response: { 200: PageOf(InvitationSchema), ...errorReplies() },
      },
    },
    async (request) => {
      const me = authOf(request).member.id;
      const { limit = 20, cursor, status = 'pending', channel, q, olderThanDays } = request.query;
      const filter: SentFilter = { channel, q: q?.trim() || undefined, olderThanDays };
      const rows = await listSent(db, me, status, filter, decodeCursor(cursor), limit, deps.clock.now());
      return toPage(
        rows,
        limit,
        (r) => ({ at: r.created_at, id: r.id }),
        (r) => present(r, me),
      );
    },
  );

  app.get(
    '/invitations/sent/count',
    {
      schema: {
        tags: ['invitations'],
        summary: 'How many invitations I sent await a response and match the filters (what a bulk withdraw by that filter would take)',
        querystring: Type.Object(FilterFields),
        response: { 200: Type.Object({ count: Type.Integer() }), ...errorReplies() },
      },
    },
    async (request) => {
      const { channel, q, olderThanDays } = request.query;
      return { count: await previewWithdraw(db, deps, authOf(request).member.id, { channel, q: q?.trim() || undefined, olderThanDays }) };
    },
  );

  app.get(
    '/invitations/received',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invitations to me awaiting my response',
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(InvitationSchema), ...errorReplies() },
      },
    },
    async (request) => {
      const me = authOf(request).member.id;
      const limit = request.query.limit ?? 20;
      const rows = await listReceived(db, me, decodeCursor(request.query.cursor), limit, deps.clock.now());
      return toPage(
        rows,
        limit,
        (r) => ({ at: r.created_at, id: r.id }),
        (r) => present(r, me),
      );
    },
  );

  app.get(
    '/invitations/:id',
    {
      schema: {
        tags: ['invitations'],
        summary: 'One invitation I sent or received',
        params: IdParams,
        response: { 200: InvitationSchema, ...errorReplies(404) },
      },
    },
    async (request) => {
      const me = authOf(request).member.id;
      const inv = await findInvitation(db, request.params.id);
      if (inv && inv.sender_id === me) return present(inv, me);
      return present(await findReceived(db, me, request.params.id), me);
    },
  );

  app.post(
    '/invitations/:id/withdraw',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Withdraw an invitation I sent (repeating it is harmless)',
        params: IdParams,
        body: Type.Object({ via: Type.Optional(Type.Literal('inbox')) }),
        response: { 200: InvitationSchema, ...errorReplies(403, 404, 409) },
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      let path: Actor['path'] = actor.path;
      if (request.body.via === 'inbox') {
        if (!(await hasFeature(db, actor.memberId, 'inbox-withdraw'))) {
          throw new AppError('feature_unavailable', 'Withdrawing from the inbox is not available to your account yet.');
        }
        // With the new messaging experience invitations leave the inbox, and this path with them.
        if (await hasFeature(db, actor.memberId, 'new-messaging')) {
          throw new AppError('feature_unavailable', 'Your invitations are no longer in your inbox: withdraw it from Sent invitations.');
        }
        path = 'inbox';
      }
      const inv = await withdrawInvitation(db, deps, { ...actor, path }, request.params.id);
      return present(inv, actor.memberId);
    },
  );

  app.post(
    '/invitations/withdraw',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Withdraw many invitations at once, by ids or by filter, in one atomic operation',
        body: BulkBody,
        response: { 200: BulkResult, ...errorReplies(403) },
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      if (!(await hasFeature(db, actor.memberId, 'bulk-withdraw'))) {
        throw new AppError(
          'feature_unavailable',
          'Withdrawing many invitations at once is not available to your account yet; support can cancel all of them for you.',
        );
      }
      const body = request.body;
      const target = 'ids' in body ? { ids: body.ids } : { filter: { ...body.filter, q: body.filter.q?.trim() || undefined } };
      return withdrawMany(db, deps, { ...actor, path: 'bulk' }, target);
    },
  );

  app.post(
    '/invitations/:id/accept',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Accept an invitation to me: we become connected',
        params: IdParams,
        response: { 200: Type.Object({ invitation: InvitationSchema, connection: ConnectionSchema }), ...errorReplies(403, 404, 409) },
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      const { invitation, connection } = await acceptInvitation(db, deps, actor, request.params.id);
      return { invitation: present(invitation, actor.memberId), connection };
    },
  );

  app.post(
    '/invitations/:id/ignore',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Ignore an invitation to me (the sender is not told); optionally report it',
        params: IdParams,
        body: Type.Object({ reason: Type.Optional(Type.Union([Type.Literal('dont_know'), Type.Literal('spam')])) }),
        response: { 200: InvitationSchema, ...errorReplies(403, 404, 409) },
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      const inv = await ignoreInvitation(db, deps, actor, request.params.id, request.body.reason ?? 'ignore');
      return present(inv, actor.memberId);
    },
  );

  app.post(
    '/invitations/respond',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Accept or ignore many invitations to me at once',
        body: Type.Object({
          ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 500 }),
          action: Type.Union([Type.Literal('accept'), Type.Literal('ignore')]),
        }),
        response: {
          200: Type.Object({ done: Type.Array(Type.String()), skipped: Type.Array(Type.Object({ id: Type.String(), reason: Type.String() })) }),
          ...errorReplies(403),
        },
      },
    },
    async (request) => respondMany(db, deps, authOf(request).actor, request.body.ids, request.body.action),
  );
}
