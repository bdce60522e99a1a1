/** /me, profiles, settings and connections. */
import { Type } from '@sinclair/typebox';
import { listConnections, removeConnection } from '../connections/connections.js';
import type { MemberRow } from '../db/schema.js';
import { authenticateRequest, SESSION_COOKIE } from '../auth/request-auth.js';
import { AppError } from '../errors.js';
import type { App, Services } from '../http/services.js';
import { authOf } from '../http/request-context.js';
import { errorReplies, Iso, Nullable, PageOf, PageQuery } from '../http/schemas.js';
import { UnreadCountsSchema } from '../inbox/schemas.js';
import { decodeCursor, toPage } from '../shared/pagination.js';
import { MemberSelfSchema } from '../members/schemas.js';
import { changeProfile, presentSelf } from '../members/accounts.js';
import { updateSettings } from '../members/store.js';
import { describeMember, describeSelf } from './profile.js';

const Me = Type.Object({
  member: MemberSelfSchema,
  balance: Type.Object({
    available: Type.Integer(),
    weeklyLimit: Type.Integer(),
    sentLast7Days: Type.Integer(),
    weeklyWindowFreesAt: Nullable(Iso),
  }),
  restricted: Type.Boolean(),
  rules: Type.Object(
    { reinviteCooldownSeconds: Type.Integer({ minimum: 0 }) },
    { description: 'What applies to this member’s invitations: after a withdrawal, how long before the same person can be invited again' },
  ),
  features: Type.Object({ 'bulk-withdraw': Type.Boolean(), 'inbox-withdraw': Type.Boolean(), 'new-messaging': Type.Boolean() }),
  receivedPending: Type.Integer(),
  inboxUnread: UnreadCountsSchema,
  unread: Type.Object(
    { messages: Type.Integer({ minimum: 0 }), invitations: Type.Integer({ minimum: 0 }) },
    { description: 'Unread messages of my conversations, and unread invitations of my inbox’s Received folder' },
  ),
});

const Profile = Type.Object({
  id: Type.String(),
  name: Type.String(),
  headline: Type.String(),
  relationship: Type.Union(['self', 'connected', 'invitation_sent', 'invitation_received', 'none'].map((r) => Type.Literal(r))),
});

const InvitationsFromSchema = Type.Union([Type.Literal('anyone'), Type.Literal('email_known'), Type.Literal('nobody')], {
  description:
    'Who may invite me: anyone; only who knows my e-mail address (a member invitation must carry it); nobody (e-mail and SMS invitations to my addresses neither)',
});

const MessageEmailsSchema = Type.Boolean({
  description: 'E-mails about unread messages: at most one per conversation per hour, none for muted conversations',
});

const Settings = Type.Object({ findableByEmail: Type.Boolean(), invitationsFrom: InvitationsFromSchema, messageEmails: MessageEmailsSchema });

const SettingsChange = Type.Object(
  { findableByEmail: Type.Optional(Type.Boolean()), invitationsFrom: Type.Optional(InvitationsFromSchema), messageEmails: Type.Optional(MessageEmailsSchema) },
  { additionalProperties: false },
);

const presentSettings = (m: Pick<MemberRow, 'findable_by_email' | 'invitations_from' | 'message_emails'>) => ({
  findableByEmail: m.findable_by_email === 1,
  invitationsFrom: m.invitations_from,
  messageEmails: m.message_emails === 1,
});

const ConnectionItem = Type.Object({
  member: Type.Object({ id: Type.String(), name: Type.String(), headline: Type.String() }),
  connectedAt: Iso,
});

/**
 * GET /auth/session: who is signed in, for a client starting up — 200 whether or not anyone is, so a
 * logged-out page makes no failed request. Credentials that are given but wrong are still refused.
 */
export async function sessionStateRoutes(app: App, { db, deps }: Services) {
  app.get(
    '/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in: `me` as GET /me returns it, or null when no credentials were sent',
        response: { 200: Type.Object({ me: Type.Union([Me, Type.Null()]) }), ...errorReplies() },
      },
    },
    async (request) => {
      if (request.headers.authorization === undefined && request.cookies[SESSION_COOKIE] === undefined) return { me: null };
      try {
        return { me: await describeSelf(db, deps, (await authenticateRequest(db, deps.clock, request)).member) };
      } catch (error) {
        // An ended session is no one signed in; a malformed or unknown bearer token is a client's mistake.
        if (error instanceof AppError && error.code === 'unauthenticated' && request.headers.authorization === undefined) return { me: null };
        throw error;
      }
    },
  );
}

export default async function meRoutes(app: App, { db, deps, requireMember }: Services) {
  app.addHook('preHandler', requireMember);

  app.get(
    '/me',
    { schema: { tags: ['members'], summary: 'Who I am, my balance and my features', response: { 200: Me, ...errorReplies() } } },
    async (request) => describeSelf(db, deps, authOf(request).member),
  );

  app.get(
    '/members/:id',
    {
      schema: {
        tags: ['members'],
        summary: 'A member and my relationship with them',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: Profile, ...errorReplies(404) },
      },
    },
    async (request) => describeMember(db, deps, authOf(request).member.id, request.params.id),
  );

  app.get('/me/settings', { schema: { tags: ['members'], summary: 'My settings', response: { 200: Settings, ...errorReplies() } } }, async (request) =>
    presentSettings(authOf(request).member),
  );

  app.patch(
    '/me/profile',
    {
      schema: {
        tags: ['members'],
        summary: 'Change my name or headline',
        description: 'Both are one line, cleaned as at sign-up; an empty headline removes it. The name must not be empty.',
        body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), headline: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 200: MemberSelfSchema, ...errorReplies() },
      },
    },
    async (request) => presentSelf(await changeProfile(db, authOf(request).member.id, request.body)),
  );

  app.patch(
    '/me/settings',
    {
      schema: { tags: ['members'], summary: 'Change my settings', body: SettingsChange, response: { 200: Settings, ...errorReplies(403) } },
    },
    async (request) => {
      const me = authOf(request).member;
      const changed = await updateSettings(db, me.id, request.body);
      if (!changed) throw new AppError('unauthenticated', 'Your account no longer exists.');
      return presentSettings(changed);
    },
  );

  app.get(
    '/connections',
    {
      schema: {
        tags: ['connections'],
        summary: 'My connections, newest first',
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(ConnectionItem), ...errorReplies() },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 20;
      const rows = await listConnections(db, authOf(request).member.id, decodeCursor(request.query.cursor), limit);
      return toPage(
        rows,
        limit,
        (r) => ({ at: r.created_at, id: r.id }),
        (r) => ({ member: { id: r.id, name: r.name, headline: r.headline }, connectedAt: r.created_at }),
      );
    },
  );

  app.delete(
    '/connections/:memberId',
    {
      schema: {
        tags: ['connections'],
        summary: 'Remove a connection',
        params: Type.Object({ memberId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 204: Type.Null(), ...errorReplies(403, 404) },
      },
    },
    async (request, reply) => {
      await removeConnection(db, deps, authOf(request).actor, request.params.memberId);
      return reply.status(204).send(null);
    },
  );
}
