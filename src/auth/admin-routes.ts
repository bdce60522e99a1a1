/** The admin's hold on a member's access: revoke all their credentials, suspend, unsuspend. */
import { Type } from '@sinclair/typebox';
import type { App, Services } from '../http/services.js';
import { authOf } from '../http/request-context.js';
import { errorReplies, IdParams, Iso, Nullable } from '../http/schemas.js';
import { revokeMemberCredentials, suspendMember, unsuspendMember } from './member-access.js';

const Reason = Type.String({ minLength: 1, maxLength: 1000, description: 'Why, for the audit trail' });

const SuspensionSchema = Type.Object({
  id: Type.String({ description: 'The member' }),
  suspendedAt: Nullable(Iso),
});

export default async function credentialAdminRoutes(app: App, { db, deps, requireRole }: Services) {
  app.addHook('preHandler', requireRole('admin'));

  app.post(
    '/admin/members/:id/credentials/revoke',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke every session and bearer token of a member, at once',
        params: IdParams,
        body: Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false }),
        response: { 200: Type.Object({ revoked: Type.Integer({ minimum: 0 }) }), ...errorReplies(403, 404) },
      },
    },
    async (request) => revokeMemberCredentials(db, deps, authOf(request).actor, request.params.id, request.body.reason),
  );

  app.post(
    '/admin/members/:id/suspend',
    {
      schema: {
        tags: ['admin'],
        summary: 'Suspend a member: none of their credentials works, and they cannot log in or get a token',
        params: IdParams,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 200: SuspensionSchema, ...errorReplies(403, 404) },
      },
    },
    async (request) => suspendMember(db, deps, authOf(request).actor, request.params.id, request.body.reason),
  );

  app.post(
    '/admin/members/:id/unsuspend',
    {
      schema: {
        tags: ['admin'],
        summary: "Lift a member's suspension; their unexpired credentials work again",
        params: IdParams,
        body: Type.Object({ reason: Type.Optional(Reason) }, { additionalProperties: false }),
        response: { 200: SuspensionSchema, ...errorReplies(403, 404) },
      },
    },
    async (request) => unsuspendMember(db, deps, authOf(request).actor, request.params.id, request.body.reason),
  );
}
