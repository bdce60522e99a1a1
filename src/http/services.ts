/** What every route plugin is registered with, and the app type they are registered on. */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Deps } from '../context.js';
import type { Db } from '../db/database.js';
import type { EventHub } from '../events/hub.js';
import type { Role } from '../db/schema.js';
import type { Metrics } from './metrics.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** A preHandler hook that sets `request.auth`, or throws `unauthenticated`, `csrf_failed` or `forbidden`. */
export type AuthHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface Services {
  db: Db;
  deps: Deps;
  metrics: Metrics;
  /** Where attachments' bytes are kept (chosen by src/app.ts). */
  blobs: BlobStore;
  /** The process's live event streams (GET /api/v1/events). */
  events: EventHub;
  /**
   * Authentication, built by src/app.ts from src/auth/request-auth.ts and handed down, so route
   * plugins of any layer use it without importing auth/. Add it once per group of routes:
   * `group.addHook('preHandler', requireMember)`.
   */
  requireMember: AuthHook;
  /** Like `requireMember`, and `forbidden` unless the member has one of `roles`. */
  requireRole: (...roles: Role[]) => AuthHook;
}
