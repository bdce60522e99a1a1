/** Support requests, and the support and admin console's endpoints. */
import { Type } from '@sinclair/typebox';
import { listAudit } from '../audit/store.js';
import { listFlags, setFlag } from '../flags/flags.js';
import type { App, Services } from '../http/services.js';
import { authOf } from '../http/request-context.js';
import { errorReplies, Iso, Nullable, PageOf, PageQuery } from '../http/schemas.js';
import { RoleSchema } from '../members/schemas.js';
import { presentFoundMember, searchMembers } from '../members/search.js';
import { decodeCursor, decodeNumberCursor, encodeNumberCursor, toPage } from '../shared/pagination.js';
import { fileSupportRequest, grantBalance, listSupportRequests, supportWithdrawAll } from './support.js';

const SupportRequestSchema = Type.Object({
  id: Type.String(),
  kind: Type.Literal('withdraw_all_pending'),
  status: Type.Union([Type.Literal('open'), Type.Literal('done')]),
  message: Nullable(Type.String()),
  member: Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }),
  createdAt: Iso,
  resolvedAt: Nullable(Iso),
});

const FlagSchema = Type.Object({
  key: Type.String(),
  rolloutPercent: Type.Integer(),
  allow: Type.Array(Type.String()),
  deny: Type.Array(Type.String()),
  updatedAt: Nullable(Iso),
});

const AuditItem = Type.Object({
  id: Type.String(),
  at: Iso,
  actor: Nullable(Type.Object({ id: Type.String(), name: Nullable(Type.String()) })),
  action: Type.String(),
  subject: Nullable(Type.Object({ memberId: Type.String(), name: Nullable(Type.String()) })),
  invitationId: Nullable(Type.String()),
  path: Type.String(),
  details: Type.Record(Type.String(), Type.Unknown()),
});

const MemberParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const FoundMember = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  emailVerified: Type.Boolean({ description: 'False while the address is only claimed: a lookup by address does not find such a member' }),
  role: RoleSchema,
  headline: Type.String(),
  createdAt: Iso,
  restricted: Type.Boolean(),
});

/** Support requests, the support console, the admin's settings and the audit trail: each group behind its own hook. */
export default async function supportRoutes(app: App, services: Services) {
  await app.register(requestRoutes, services);
  await app.register(agentRoutes, services);
  await app.register(adminRoutes, services);
  await app.register(auditRoutes, services);
}

/** A member's own support requests. */
async function requestRoutes(app: App, { db, deps, requireMember }: Services) {
  app.addHook('preHandler', requireMember);

  app.post(
    '/support/requests',
    {
      schema: {
        tags: ['support'],
        summary: 'Ask support to cancel all pending invitations I sent',
        description: 'One open request at a time: while one is open, another is 409 support_request_open (its id and date in details).',
        body: Type.Object({ kind: Type.Literal('withdraw_all_pending'), message: Type.Optional(Type.String({ maxLength: 2000 })) }),
        response: { 201: SupportRequestSchema, ...errorReplies(403, 409) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const row = await fileSupportRequest(db, deps, auth.actor, request.body.kind, request.body.message?.trim() || null);
      return reply.status(201).send({
        id: row.id,
        kind: row.kind,
        status: row.status,
        message: row.message,
        member: { id: auth.member.id, name: auth.member.name, email: auth.member.email },
        createdAt: row.created_at,
        resolvedAt: row.resolved_at,
      });
    },
  );

  app.get(
    '/support/requests',
    {
      schema: {
        tags: ['support'],
        summary: 'Support requests: my own, or (for agents) everyone’s',
        querystring: Type.Object({ ...PageQuery, status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done')])) }),
        response: { 200: PageOf(SupportRequestSchema), ...errorReplies() },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 20;
      const rows = await listSupportRequests(db, authOf(request).actor, { status: request.query.status, cursor: decodeCursor(request.query.cursor), limit });
      return toPage(
        rows,
        limit,
        (r) => ({ at: r.created_at, id: r.id }),
        (r) => ({
          id: r.id,
          kind: r.kind,
          status: r.status,
          message: r.message,
          member: { id: r.member_id, name: r.member_name, email: r.member_email },
          createdAt: r.created_at,
          resolvedAt: r.resolved_at,
        }),
      );
    },
  );
}

/** The support console: support agents and admins. */
async function agentRoutes(app: App, { db, deps, requireRole }: Services) {
  app.addHook('preHandler', requireRole('support', 'admin'));

  app.get(
    '/support/members',
    {
      schema: {
        tags: ['support'],
        summary: 'Find members by exact e-mail address, exact id, or name (names starting with the text first)',
        querystring: Type.Object({ ...PageQuery, q: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: {
          200: Type.Object({
            items: Type.Array(FoundMember),
            nextCursor: Nullable(Type.String()),
            match: Type.Union([Type.Literal('email'), Type.Literal('id'), Type.Literal('name')], { description: 'How q was read' }),
          }),
          ...errorReplies(403),
        },
      },
    },
    async (request) => {
      const { q, cursor, limit } = request.query;
      const found = await searchMembers(db, deps.dialect, authOf(request).actor, { q, cursor, limit: limit ?? 20 });
      return { items: found.members.map(presentFoundMember), nextCursor: found.nextCursor, match: found.match };
    },
  );

  app.post(
    '/admin/members/:id/invitations/withdraw-all',
    {
      schema: {
        tags: ['admin'],
        summary: 'Withdraw every pending invitation a member sent, on their behalf',
        params: MemberParams,
        body: Type.Object({
          reason: Type.String({ minLength: 1, maxLength: 1000 }),
          dryRun: Type.Optional(Type.Boolean()),
          requestId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        }),
        response: { 200: Type.Object({ count: Type.Integer(), withdrawnIds: Type.Array(Type.String()), dryRun: Type.Boolean() }), ...errorReplies(403, 404) },
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      const result = await supportWithdrawAll(db, deps, { ...actor, path: 'support' }, { memberId: request.params.id, ...request.body });
      return { ...result, dryRun: request.body.dryRun === true };
    },
  );
}

/** Balances and feature flags: admins only. */
async function adminRoutes(app: App, { db, deps, requireRole }: Services) {
  app.addHook('preHandler', requireRole('admin'));

  app.post(
    '/admin/members/:id/balance',
    {
      schema: {
        tags: ['admin'],
        summary: 'Grant invitations to a member',
        params: MemberParams,
        body: Type.Object({ grant: Type.Integer({ minimum: 1, maximum: 1_000_000 }), reason: Type.String({ minLength: 1, maxLength: 1000 }) }),
        response: { 200: Type.Object({ available: Type.Integer() }), ...errorReplies(403, 404) },
      },
    },
    async (request) => ({ available: await grantBalance(db, deps, authOf(request).actor, request.params.id, request.body.grant, request.body.reason) }),
  );

  app.get(
    '/admin/features',
    {
      schema: { tags: ['admin'], summary: 'Feature flags', response: { 200: Type.Object({ items: Type.Array(FlagSchema) }), ...errorReplies(403) } },
    },
    async () => ({ items: await listFlags(db) }),
  );

  app.put(
    '/admin/features/:key',
    {
      schema: {
        tags: ['admin'],
        summary: 'Roll a feature out',
        description: "Every id in `allow` and `deny` must be a member's: otherwise 422 unknown_members, naming them, and nothing changes.",
        params: Type.Object({ key: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Type.Object({
          rolloutPercent: Type.Integer({ minimum: 0, maximum: 100 }),
          allow: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 10_000 })),
          deny: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 10_000 })),
        }),
        response: { 200: FlagSchema, ...errorReplies(403, 404, 422) },
      },
    },
    async (request) => setFlag(db, deps, authOf(request).actor, request.params.key, request.body),
  );
}

/** The audit trail: support agents and admins. */
async function auditRoutes(app: App, { db, requireRole }: Services) {
  app.addHook('preHandler', requireRole('support', 'admin'));

  app.get(
    '/admin/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'The audit trail, newest first',
        querystring: Type.Object({
          ...PageQuery,
          memberId: Type.Optional(Type.String({ maxLength: 64 })),
          action: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: { 200: PageOf(AuditItem), ...errorReplies(403) },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 20;
      const before = decodeNumberCursor(request.query.cursor);
      const rows = await listAudit(db, { memberId: request.query.memberId, action: request.query.action, before, limit });
      return toPage(
        rows,
        limit,
        (r) => r.id,
        (r) => ({
          id: String(r.id),
          at: r.at,
          actor: r.actor_id ? { id: r.actor_id, name: r.actor_name } : null,
          action: r.action,
          subject: r.subject_member_id ? { memberId: r.subject_member_id, name: r.subject_name } : null,
          invitationId: r.invitation_id,
          path: r.path,
          details: JSON.parse(r.details) as Record<string, unknown>,
        }),
        encodeNumberCursor,
      );
    },
  );
}
