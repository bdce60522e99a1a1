/** Invitation links, and the dev mailbox of messages that had nowhere else to go. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { App, Services } from '../http/services.js';
import { authOf } from '../http/request-context.js';
import { JSON_ONLY } from '../http/media-types.js';
import { ErrorResponse, errorReplies, Iso, Nullable, PageOf, PageQuery } from '../http/schemas.js';
import { AppError } from '../errors.js';
import { decodeNumberCursor, encodeNumberCursor, toPage } from '../shared/pagination.js';
import { acceptLink, describeLink } from './links.js';
import { describeMessageEmails, unsubscribeMessageEmails } from './message-emails.js';
import { describeOptOut, optOut } from './opt-out.js';
import { listDevMailbox } from './store.js';

// As long as the router lets a path parameter be: any token, however long, gets the neutral answer.
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 500 }) });
const linkLimit = { max: 60, timeWindow: 60_000 };

/** What an e-mail's links open: the invitation behind a link, and opting out. Open to anyone. */
export default async function deliveryRoutes(app: App, services: Services) {
  const { db, deps } = services;
  app.get(
    '/invitation-links/:token',
    {
      schema: {
        tags: ['links'],
        summary: 'What an invitation link leads to (no reason is given when it is unavailable)',
        security: [],
        params: TokenParams,
        response: {
          200: Type.Object({
            available: Type.Boolean(),
            sender: Type.Optional(Type.Object({ name: Type.String() })),
            message: Type.Optional(Nullable(Type.String())),
            email: Type.Optional(Type.String()),
          }),
          400: ErrorResponse,
          429: ErrorResponse,
        },
      },
      config: { rateLimit: linkLimit },
    },
    async (request) => describeLink(db, deps, request.params.token),
  );

  await app.register(linkAcceptRoutes, services);

  const OptOutView = Type.Object({
    channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
    address: Type.String({ description: 'The address or number, partly hidden' }),
    optedOut: Type.Boolean(),
  });

  app.get(
    '/opt-out/:token',
    {
      schema: {
        tags: ['links'],
        summary: 'What the opt-out link in an invitation or reminder would stop (changes nothing)',
        security: [],
        params: TokenParams,
        response: { 200: OptOutView, 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
      },
      config: { rateLimit: linkLimit },
    },
    async (request) => describeOptOut(db, request.params.token),
  );

  const MessageEmailsView = Type.Object({ messageEmails: Type.Boolean({ description: 'Whether e-mails about unread messages are still sent' }) });

  app.get(
    '/message-emails/unsubscribe/:token',
    {
      schema: {
        tags: ['links'],
        summary: 'Whether the member behind a notification e-mail’s unsubscribe link still gets them (changes nothing)',
        security: [],
        params: TokenParams,
        response: { 200: MessageEmailsView, 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
      },
      config: { rateLimit: linkLimit },
    },
    async (request) => describeMessageEmails(db, request.params.token),
  );

  await app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    // Mail clients' one-click unsubscribe (RFC 8058) posts a form; nothing in it is needed. The parser
    // exists in this scope only: no other route reads a form.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, _body, done) => done(null, {}));
    scope.post(
      '/opt-out/:token',
      {
        schema: {
          tags: ['links'],
          summary: 'Stop all reminders and invitations to that address or number (also the RFC 8058 one-click POST)',
          security: [],
          consumes: ['application/x-www-form-urlencoded', ...JSON_ONLY],
          params: TokenParams,
          response: { 200: OptOutView, 400: ErrorResponse, 404: ErrorResponse, 415: ErrorResponse, 429: ErrorResponse },
        },
        config: { rateLimit: linkLimit },
      },
      async (request) => optOut(db, deps, request.params.token),
    );
    scope.post(
      '/message-emails/unsubscribe/:token',
      {
        schema: {
          tags: ['links'],
          summary: 'Stop e-mails about unread messages (the `messageEmails` setting; also the RFC 8058 one-click POST)',
          security: [],
          consumes: ['application/x-www-form-urlencoded', ...JSON_ONLY],
          params: TokenParams,
          response: { 200: MessageEmailsView, 400: ErrorResponse, 404: ErrorResponse, 415: ErrorResponse, 429: ErrorResponse },
        },
        config: { rateLimit: linkLimit },
      },
      async (request) => unsubscribeMessageEmails(db, request.params.token),
    );
  });

  await app.register(devMailboxRoutes, services);
}

/** Accepting through a link: for a signed-in member. */
async function linkAcceptRoutes(app: App, { db, deps, requireMember }: Services) {
  app.addHook('preHandler', requireMember);

  app.post(
    '/invitation-links/:token/accept',
    {
      schema: {
        tags: ['links'],
        summary: 'Accept the invitation behind a link, as the signed-in member',
        params: TokenParams,
        response: {
          200: Type.Object({ connection: Type.Object({ memberId: Type.String(), connectedAt: Iso, invitationId: Nullable(Type.String()) }) }),
          ...errorReplies(403, 409, 410, 429),
        },
      },
      config: { rateLimit: linkLimit },
    },
    async (request) => ({ connection: await acceptLink(db, deps, { ...authOf(request).actor, path: 'link' }, request.params.token) }),
  );
}

/** The dev mailbox: admins only. */
async function devMailboxRoutes(app: App, { db, deps, requireRole }: Services) {
  app.addHook('preHandler', requireRole('admin'));

  app.get(
    '/dev/mailbox',
    {
      schema: {
        tags: ['dev'],
        summary: 'Messages kept locally because no SMTP server or SMS gateway is configured (admins only)',
        querystring: Type.Object(PageQuery),
        response: {
          200: PageOf(
            Type.Object({
              id: Type.String(),
              to: Type.String(),
              channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
              subject: Type.String(),
              text: Type.String(),
              links: Type.Array(Type.String()),
              sentAt: Iso,
            }),
          ),
          ...errorReplies(403, 404),
        },
      },
    },
    async (request) => {
      if (deps.config.smtpUrl && deps.config.smsGatewayUrl) throw new AppError('not_found', 'The dev mailbox is off: SMTP and SMS are configured.');
      const limit = request.query.limit ?? 20;
      const before = decodeNumberCursor(request.query.cursor);
      const rows = await listDevMailbox(db, limit + 1, before);
      return toPage(
        rows,
        limit,
        (r) => r.id,
        (r) => ({
          id: String(r.id),
          to: r.to_address,
          channel: r.channel,
          subject: r.subject,
          text: r.text,
          links: JSON.parse(r.links) as string[],
          sentAt: r.sent_at,
        }),
        encodeNumberCursor,
      );
    },
  );
}
