/** Builds the HTTP server: plugins, error mapping, metrics, and every module's routes. */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyError } from 'fastify';
import type { DestinationStream } from 'pino';
import { type BlobStore, defaultBlobStore } from './blobs/blob-store.js';
import type { Config } from './config.js';
import type { Deps } from './context.js';
import { createLogger } from './shared/logging.js';
import type { Db } from './db/database.js';
import { AppError, ERROR_STATUS, ReplayedRefusal, retryAfterSeconds } from './errors.js';
import { EventHub } from './events/hub.js';
import { createMetrics } from './http/metrics.js';
import { databaseRateLimitStore } from './http/rate-limit-store.js';
import { refuseUndeclaredMediaTypes } from './http/media-types.js';
import { closeBodySchema, describeValidation, validatorCompiler } from './http/validation.js';
import type { App, Services } from './http/services.js';
import { requireAuth } from './auth/request-auth.js';
import { attachWaitingInvitations } from './invitations/attach.js';
import authRoutes from './auth/routes.js';
import meRoutes, { sessionStateRoutes } from './me/routes.js';
import memberEmailRoutes from './members/email-routes.js';
import invitationRoutes from './invitations/routes.js';
import inboxRoutes from './inbox/routes.js';
import supportRoutes from './support/routes.js';
import deliveryRoutes from './delivery/routes.js';
import opsRoutes from './http/ops-routes.js';
import peopleRoutes from './people/routes.js';
import contactsRoutes from './contacts/routes.js';
import messagingRoutes from './messaging/routes.js';
import reachRoutes from './messaging/reach-routes.js';

export type { App, Services } from './http/services.js';

export interface AppOptions {
  db: Db;
  deps: Omit<Deps, 'onTransition'>;
  logger?: boolean | { level: string };
  /** Where log lines go (standard output by default); tests read them. */
  logDestination?: DestinationStream;
  /** Where attachments' bytes are kept; by default files under `DATA_DIR/attachments`. */
  blobs?: BlobStore;
  /** Extra routes (the web app) registered after the API. */
  extend?: (app: App, services: Services) => Promise<void> | void;
}

/**
 * What the schemas let through but the databases cannot take: PostgreSQL text cannot hold NUL, and
 * Ajv coerces "1e400" in a query string to Infinity past every bound. Refused alike on either database.
 */
function unacceptableField(value: unknown, field = '', depth = 0): { field: string; message: string } | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? { field: field || 'request', message: 'must not contain NUL characters.' } : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { field: field || 'request', message: 'must be a finite number.' };
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || depth > 8) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const problem = unacceptableField(item, field ? `${field}.${key}` : key, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

const API_PATH = /^\/(api|healthz|readyz|metrics)(\/|\?|$)/;
// API replies are per member and often secret: never cached, never sniffed into something else.
const API_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };

/** TRUST_PROXY as Fastify takes it: a hop count trusts that many proxies nearest the server. */
function trustProxyOption(trust: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return typeof trust === 'boolean' ? trust : [...trust];
}

/** Creates the app; call `ready()` (or `listen()`) before use. */
export async function buildApp(options: AppOptions): Promise<{ app: App; services: Services }> {
  const metrics = createMetrics();
  const deps: Deps = {
    ...options.deps,
    onTransition: (from, to, count) => metrics.transitions.inc({ from, to }, count),
  };
  const services: Services = {
    db: options.db,
    deps,
    metrics,
    blobs: options.blobs ?? defaultBlobStore(deps.config),
    // (Its log is the app's, which exists by the time a stream opens.)
    events: new EventHub(options.db, deps.dialect, deps.config, (msg, err) => app.log.error({ err }, msg)),
    requireMember: requireAuth(options.db, deps.clock),
    requireRole: (...roles) => requireAuth(options.db, deps.clock, ...roles),
  };

  const hsts = new URL(deps.config.publicUrl).protocol === 'https:' ? 'max-age=31536000; includeSubDomains' : null;
  const app = Fastify({
    loggerInstance: options.logger
      ? (createLogger(options.logger === true ? 'info' : options.logger.level, options.logDestination) as FastifyBaseLogger)
      : undefined,
    bodyLimit: 6 * 1024 * 1024,
    trustProxy: trustProxyOption(options.deps.config.trustProxy),
    // Links carry 43-character tokens, but a longer one must still reach the link API's neutral reply.
    routerOptions: { maxParamLength: 500 },
    // The router answers a malformed %-escape or an over-long path segment itself, bypassing the
    // error handler; these keep the API's error shape.
    frameworkErrors: (error, _request, reply) => {
      const body = JSON.stringify({ error: { code: 'validation_failed', message: `path: ${error.message}.`, details: { field: 'path' } } });
      const headers = {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        ...API_HEADERS,
        ...(hsts ? { 'strict-transport-security': hsts } : {}),
      };
      reply.raw.writeHead(400, headers).end(body);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Open event streams never finish by themselves: they are ended before the server waits for requests.
  app.addHook('preClose', async () => services.events.close());

  app.setValidatorCompiler(validatorCompiler);
  app.addHook('onRoute', closeBodySchema);
  app.decorateRequest('auth', null);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(options.db),
    errorResponseBuilder: (_req, ctx) =>
      new AppError('rate_limited', `Too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} seconds.`, {
        retryAfterSeconds: Math.ceil(ctx.ttl / 1000),
      }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rapport',
        version: '1.0.0',
        description: 'Connections and invitations: invite, accept, ignore and withdraw.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'rapport_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });

  app.addHook('preParsing', refuseUndeclaredMediaTypes);

  // A POST without a body is an empty object, so optional bodies validate and required fields are named.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET' && request.method !== 'HEAD') request.body = {};
  });

  app.addHook('preHandler', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const problem = unacceptableField(part);
      if (problem) throw new AppError('validation_failed', `${problem.field}: ${problem.message}`, { field: problem.field });
    }
  });

  app.addHook('onSend', async (request, reply) => {
    if (hsts) reply.header('strict-transport-security', hsts);
    if (API_PATH.test(request.url)) {
      reply.headers(API_HEADERS);
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error instanceof ReplayedRefusal) reply.header('idempotent-replayed', 'true');
      const retryAt = error.details?.retryAt;
      if (typeof retryAt === 'string') {
        reply.header('retry-after', retryAfterSeconds(retryAt, deps.clock.now()));
      }
      const retryAfter = error.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', retryAfter);
      return reply.status(ERROR_STATUS[error.code]).send({
        error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
      });
    }
    if (error.validation) {
      const { field, message } = describeValidation(error);
      return reply.status(400).send({ error: { code: 'validation_failed', message: `${field}: ${message}.`, details: { field } } });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply.status(413).send({ error: { code: 'payload_too_large', message: 'The request body is too large.' } });
    }
    if (status === 415) {
      return reply
        .status(415)
        .send({ error: { code: 'unsupported_media_type', message: `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted here.` } });
    }
    if (status === 404) return reply.status(404).send({ error: { code: 'not_found', message: 'Not found.' } });
    if (status >= 400 && status < 500) {
      return reply.status(400).send({ error: { code: 'validation_failed', message: `request: ${error.message}` } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal_error', message: 'Something went wrong on our side.' } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `There is no ${request.method} ${request.url.split('?')[0]}.` } });
  });

  // Each capability's routes are one plugin, encapsulated: their hooks and parsers stay their own.
  await app.register(opsRoutes, services);
  await app.register(
    async (api) => {
      await api.register(authRoutes, services);
      await api.register(sessionStateRoutes, services);
      await api.register(meRoutes, services);
      await api.register(memberEmailRoutes, { ...services, onAddressOwned: attachWaitingInvitations });
      await api.register(invitationRoutes, services);
      await api.register(inboxRoutes, services);
      await api.register(supportRoutes, services);
      await api.register(deliveryRoutes, services);
      await api.register(peopleRoutes, services);
      await api.register(contactsRoutes, services);
      await api.register(messagingRoutes, services);
      await api.register(reachRoutes, services);
    },
    { prefix: '/api/v1' },
  );
  if (options.extend) await options.extend(app, services);
  return { app, services };
}
