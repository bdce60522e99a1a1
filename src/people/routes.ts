/** People You May Know. */
import { Type } from '@sinclair/typebox';
import type { App, Services } from '../http/services.js';
import { authOf } from '../http/request-context.js';
import { errorReplies, Nullable } from '../http/schemas.js';
import { decodeNumberCursor, encodeNumberCursor } from '../shared/pagination.js';
import { dismissSuggestion, listSuggestions, undoDismissal } from './suggestions.js';

const SuggestionSchema = Type.Object({
  member: Type.Object({ id: Type.String(), name: Type.String(), headline: Type.String() }),
  mutualConnections: Type.Integer(),
  mutualNames: Type.Array(Type.String(), { description: 'Up to three shared connections' }),
  sameDomain: Type.Boolean(),
});

const MemberParams = Type.Object({ memberId: Type.String({ minLength: 1, maxLength: 64 }) });

const decodeOffset = (cursor: string | undefined): number => decodeNumberCursor(cursor, 100_000) ?? 0;

export default async function peopleRoutes(app: App, { db, deps, requireMember }: Services) {
  app.addHook('preHandler', requireMember);

  app.get(
    '/people-you-may-know',
    {
      schema: {
        tags: ['people'],
        summary: 'Members I may know, ranked by mutual connections',
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          cursor: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(SuggestionSchema), nextCursor: Nullable(Type.String()) }), ...errorReplies() },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 20;
      const offset = decodeOffset(request.query.cursor);
      const { items, more } = await listSuggestions(db, deps, authOf(request).member.id, offset, limit);
      return { items, nextCursor: more ? encodeNumberCursor(offset + limit) : null };
    },
  );

  app.post(
    '/people-you-may-know/:memberId/dismiss',
    {
      schema: {
        tags: ['people'],
        summary: '"Not now": stop suggesting this member',
        params: MemberParams,
        response: { 204: Type.Null(), ...errorReplies(403, 404) },
      },
    },
    async (request, reply) => {
      await dismissSuggestion(db, deps, authOf(request).actor, request.params.memberId);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/people-you-may-know/:memberId/dismiss',
    {
      schema: { tags: ['people'], summary: 'Undo a dismissal', params: MemberParams, response: { 204: Type.Null(), ...errorReplies(403) } },
    },
    async (request, reply) => {
      await undoDismissal(db, authOf(request).actor, request.params.memberId);
      return reply.status(204).send(null);
    },
  );
}
