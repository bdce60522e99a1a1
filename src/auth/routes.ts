/** Sign-up, log-in, log-out, CSRF tokens and bearer tokens. */
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { enforceLimit } from '../http/rate-limit-store.js';
import type { App, Services } from '../http/app.js';
import { authOf, requireAuth, SESSION_COOKIE } from '../http/auth.js';
import { ErrorResponse, errorReplies } from '../http/schemas.js';
import { authenticate, createMember, presentSelf } from '../members/accounts.js';
import { MemberSelfSchema } from '../members/schemas.js';
import { csrfTokenFor, issueToken, revokeToken, SESSION_TTL_MS } from './tokens.js';

const Credentials = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});

const SignUp = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  email: Type.String({ minLength: 3, maxLength: 254 }),
  password: Type.String({ minLength: 8, maxLength: 200 }),
});

/** Attempts per client address; attempts per e-mail address are limited by `limitPerEmail`. */
const loginLimit = { max: 20, timeWindow: 60_000 };
const limitPerEmail = (db: Services['db'], email: string) =>
  enforceLimit(db, `login-email:${email.trim().toLowerCase()}`, 10, 15 * 60_000);

export async function registerAuthRoutes(app: App, { db, deps }: Services) {
  const secure = deps.config.publicUrl.startsWith('https:');
  const setSession = async (reply: FastifyReply, memberId: string) => {
    const token = await issueToken(db, memberId, 'session', deps.clock.now());
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: SESSION_TTL_MS / 1000,
    });
    return token;
  };

  app.post(
    '/auth/signup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an account and log in',
        security: [],
        body: SignUp,
        response: { 201: Type.Object({ member: MemberSelfSchema, csrfToken: Type.String() }), 400: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse },
      },
      config: { rateLimit: loginLimit },
    },
    async (request, reply) => {
      const member = await createMember(db, deps, request.body, { verified: false });
      const token = await setSession(reply, member.id);
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
        response: { 200: Type.Object({ member: MemberSelfSchema, csrfToken: Type.String() }), 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
      config: { rateLimit: loginLimit },
    },
    async (request, reply) => {
      await limitPerEmail(db, request.body.email);
      const member = await authenticate(db, request.body.email, request.body.password);
      const token = await setSession(reply, member.id);
      return { member: presentSelf(member), csrfToken: csrfTokenFor(token) };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null(), ...errorReplies(403) } },
      preHandler: requireAuth(db, deps.clock),
    },
    async (request, reply) => {
      const session = request.cookies[SESSION_COOKIE];
      if (authOf(request).kind === 'session' && session) await revokeToken(db, session);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/csrf',
    {
      schema: { tags: ['auth'], summary: 'The CSRF token of this session', response: { 200: Type.Object({ csrfToken: Type.String() }), ...errorReplies() } },
      preHandler: requireAuth(db, deps.clock),
    },
    async (request) => {
      const session = request.cookies[SESSION_COOKIE];
      // A bearer caller needs no CSRF token; it gets one bound to nothing, which no check accepts.
      return { csrfToken: session ? csrfTokenFor(session) : '' };
    },
  );

  app.post(
    '/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Exchange credentials for a bearer token',
        security: [],
        body: Credentials,
        response: { 201: Type.Object({ token: Type.String(), member: MemberSelfSchema }), 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
      config: { rateLimit: loginLimit },
    },
    async (request, reply) => {
      await limitPerEmail(db, request.body.email);
      const member = await authenticate(db, request.body.email, request.body.password);
      const token = await issueToken(db, member.id, 'bearer', deps.clock.now());
      return reply.status(201).send({ token, member: presentSelf(member) });
    },
  );
}
