/** What a request knows of its caller once an authentication hook has run. */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../context.js';
import type { MemberRow } from '../db/schema.js';
import { AppError } from '../errors.js';

/**
 * The caller as routes see them: the fields of the member's row that routes use, never its secrets
 * (the password hash, the verification link's hash), so no route can hand those on by mistake.
 */
export type RequestMember = Pick<
  MemberRow,
  | 'id'
  | 'email'
  | 'name'
  | 'headline'
  | 'role'
  | 'invitation_balance'
  | 'restricted_at'
  | 'findable_by_email'
  | 'email_verified_at'
  | 'email_token_expires_at'
  | 'invitations_from'
  | 'message_emails'
  | 'created_at'
>;

/** Copies exactly the fields of a `RequestMember` out of a member's row. */
export function requestMemberOf(m: MemberRow): RequestMember {
  return {
    id: m.id,
    email: m.email,
    name: m.name,
    headline: m.headline,
    role: m.role,
    invitation_balance: m.invitation_balance,
    restricted_at: m.restricted_at,
    findable_by_email: m.findable_by_email,
    email_verified_at: m.email_verified_at,
    email_token_expires_at: m.email_token_expires_at,
    invitations_from: m.invitations_from,
    message_emails: m.message_emails,
    created_at: m.created_at,
  };
}

export interface Authenticated {
  member: RequestMember;
  kind: 'session' | 'bearer';
  /** The credential this request was made with. */
  credentialId: string;
  actor: Actor;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

/** The authenticated caller of a route behind an authentication hook (`Services.requireMember`). */
export function authOf(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new AppError('unauthenticated', 'Log in, or send a bearer token.');
  return request.auth;
}
