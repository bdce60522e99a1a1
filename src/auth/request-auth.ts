/** Who is calling: a bearer token, or a session cookie whose unsafe requests carry the CSRF token. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { AppError } from '../errors.js';
import { type Authenticated, requestMemberOf } from '../http/request-context.js';
import type { Clock } from '../shared/clock.js';
import { checkCsrf, resolveToken } from './tokens.js';

export const SESSION_COOKIE = 'rapport_session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <token>".');
  return match[1];
}

/** Resolves the caller, or throws `unauthenticated` / `csrf_failed`. */
export async function authenticateRequest(db: Db, clock: Clock, request: FastifyRequest): Promise<Authenticated> {
  const now = clock.now();
  const bearer = bearerOf(request);
  if (bearer !== undefined) {
    const found = await resolveToken(db, bearer, 'bearer', now);
    if (!found) throw new AppError('unauthenticated', 'This token is unknown or has expired.');
    const { credentialId } = found;
    const member = requestMemberOf(found.member);
    return { member, kind: 'bearer', credentialId, actor: { memberId: member.id, role: member.role, path: 'api' } };
  }
  const session = request.cookies[SESSION_COOKIE];
  if (!session) throw new AppError('unauthenticated', 'Log in, or send a bearer token.');
  const found = await resolveToken(db, session, 'session', now);
  if (!found) throw new AppError('unauthenticated', 'Your session has ended; log in again.');
  const { credentialId } = found;
  const member = requestMemberOf(found.member);
  if (!SAFE_METHODS.has(request.method) && !checkCsrf(session, request.headers['x-csrf-token'] as string | undefined)) {
    throw new AppError('csrf_failed', 'The x-csrf-token header is missing or wrong; get one from GET /api/v1/auth/csrf.');
  }
  return { member, kind: 'session', credentialId, actor: { memberId: member.id, role: member.role, path: 'web' } };
}

/** A preHandler that lets through members with one of `roles` (any member when empty). */
export function requireAuth(db: Db, clock: Clock, ...roles: Role[]) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const auth = await authenticateRequest(db, clock, request);
    if (roles.length > 0 && !roles.includes(auth.member.role)) {
      throw new AppError('forbidden', 'Your account is not allowed to do this.');
    }
    request.auth = auth;
  };
}
