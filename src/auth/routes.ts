/** Sign-up, log-in, log-out, CSRF tokens and bearer tokens. */
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Services } from '../http/services.js';
import { authOf } from '../http/request-context.js';
import { ErrorResponse, errorReplies, IdParams, Iso, Nullable, PageOf, PageQuery } from '../http/schemas.js';
import { authenticate, createMember, presentSelf } from '../members/accounts.js';
import { MemberSelfSchema } from '../members/schemas.js';
import { iso } from '../shared/clock.js';
import { newToken } from '../shared/crypto.js';
import { decodeCursor } from '../shared/pagination.js';
import credentialAdminRoutes from './admin-routes.js';
import { isDeviceOf, rememberDevice } from './device-store.js';
import { throttleLogin } from './login-throttle.js';
import { SESSION_COOKIE } from './request-auth.js';
import { csrfTokenFor, issueCredential, listTokens, revokeBearerToken, revokeCredential, SESSION_TTL_MS, TOKEN_NAME_MAX } from './tokens.js';

const Credentials = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});

const TokenRequest = Type.Object(
  {
    ...Credentials.properties,
    name: Type.Optional(Type.String({ maxLength: TOKEN_NAME_MAX, description: 'What the token is for, as shown in the list of tokens' })),
  },
  { additionalProperties: false },
);

const TokenSummarySchema = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  createdAt: Iso,
  lastUsedAt: Nullable(Iso),
});

const SignUp = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  email: Type.String({ minLength: 3, maxLength: 254 }),
  password: Type.String({ minLength: 8, maxLength: 200 }),
  headline: Type.Optional(Type.String({ maxLength: 200 })),
});

/** Attempts per client address, whatever the account; per account, `throttleLogin` decides. */
const loginLimit = { max: 20, timeWindow: 60_000 };
const DEVICE_COOKIE = 'rapport_device';
const DEVICE_TTL_S = 365 * 86_400;

/** Sign-up, log-in and bearer tokens for a password: open to anyone. */
export default async function authRoutes(app: App, services: Services) {
  const { db, deps } = services;
  const secure = deps.config.publicUrl.startsWith('https:');
  const setSession = async (reply: FastifyReply, memberId: string) => {
    const { token } = await issueCredential(db, memberId, 'session', deps.clock.now());
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: SESSION_TTL_MS / 1000,
    });
    return token;
  };
  const attemptOf = (request: FastifyRequest, email: string) => ({ email, client: request.ip, device: request.cookies[DEVICE_COOKIE] });
  // The browser is a known device of the account from now on: its own log-in limit, not the account's.
  const rememberBrowser = async (request: FastifyRequest, reply: FastifyReply, member: { id: string; email: string }) => {
    const presented = request.cookies[DEVICE_COOKIE];
    if (presented && (await isDeviceOf(db, presented, member.email))) return;
    const device = newToken();
    await rememberDevice(db, device, member.id, iso(deps.clock.now()));
    reply.setCookie(DEVICE_COOKIE, device, { path: '/api/v1/auth', httpOnly: true, sameSite: 'strict', secure, maxAge: DEVICE_TTL_S });
  };

  app.post(
    '/auth/signup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an account and log in',
        security: [],
        body: SignUp,
        response: {
          201: Type.Object({ member: MemberSelfSchema, csrfToken: Type.String() }),
          400: ErrorResponse,
          409: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
          429: ErrorResponse,
        },
      },
      config: { rateLimit: loginLimit },
    },
    async (request, reply) => {
      const member = await createMember(db, deps, request.body, { verified: false });
      const token = await setSession(reply, member.id);
      await rememberBrowser(request, reply, member);
      return reply.status(201).send({ member: presentSelf(member), csrfToken: csrfTokenFor(token) });
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with a session cookie',
        security: [],
        body: Credentials,
        response: {
          200: Type.Object({ member: MemberSelfSchema, csrfToken: Type.String() }),
          400: ErrorResponse,
          401: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
          429: ErrorResponse,
        },
      },
      config: { rateLimit: loginLimit },
    },
    async (request, reply) => {
      await throttleLogin(db, attemptOf(request, request.body.email));
      const member = await authenticate(db, request.body.email, request.body.password);
      const token = await setSession(reply, member.id);
      await rememberBrowser(request, reply, member);
      return { member: presentSelf(member), csrfToken: csrfTokenFor(token) };
    },
  );

  await app.register(sessionRoutes, services);

  app.post(
    '/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Exchange credentials for a bearer token',
        security: [],
        body: TokenRequest,
        response: {
          201: Type.Object({ token: Type.String(), id: Type.String({ description: 'The token in GET /auth/tokens' }), member: MemberSelfSchema }),
          400: ErrorResponse,
          401: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
          429: ErrorResponse,
        },
      },
      config: { rateLimit: loginLimit },
    },
    async (request, reply) => {
      await throttleLogin(db, attemptOf(request, request.body.email));
      const member = await authenticate(db, request.body.email, request.body.password);
      const { id, token } = await issueCredential(db, member.id, 'bearer', deps.clock.now(), request.body.name ?? null);
      return reply.status(201).send({ token, id, member: presentSelf(member) });
    },
  );

  await app.register(credentialAdminRoutes, services);
}

/** Log-out, the CSRF token and a member's bearer tokens: for a signed-in member. */
async function sessionRoutes(app: App, { db, deps, requireMember }: Services) {
  app.addHook('preHandler', requireMember);

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke the credential of this call: the session cookie, or the bearer token',
        response: { 204: Type.Null(), ...errorReplies(403) },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      await revokeCredential(db, auth.credentialId);
      if (auth.kind === 'session') reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/csrf',
    {
      schema: { tags: ['auth'], summary: 'The CSRF token of this session', response: { 200: Type.Object({ csrfToken: Type.String() }), ...errorReplies() } },
    },
    async (request) => {
      const session = request.cookies[SESSION_COOKIE];
      // A bearer caller needs no CSRF token; it gets one bound to nothing, which no check accepts.
      return { csrfToken: session ? csrfTokenFor(session) : '' };
    },
  );

  app.get(
    '/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'My bearer tokens, newest first (never the secret)',
        querystring: Type.Object(PageQuery),
        response: { 200: PageOf(TokenSummarySchema), ...errorReplies() },
      },
    },
    async (request) =>
      listTokens(db, authOf(request).member.id, deps.clock.now(), { cursor: decodeCursor(request.query.cursor), limit: request.query.limit ?? 20 }),
  );

  app.delete(
    '/auth/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of my bearer tokens; it stops working at once',
        params: IdParams,
        response: { 204: Type.Null(), ...errorReplies(403, 404) },
      },
    },
    async (request, reply) => {
      await revokeBearerToken(db, authOf(request).member.id, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
