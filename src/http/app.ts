/** Builds the HTTP server: plugins, error mapping, metrics, and every module's routes. */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import type { Deps } from '../context.js';
import type { Db } from '../db/database.js';
import { AppError, ERROR_STATUS, retryAfterSeconds } from '../errors.js';
import { createMetrics, type Metrics } from './metrics.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { registerAuthRoutes } from '../auth/routes.js';
import { registerMemberRoutes } from '../members/routes.js';
import { registerMemberEmailRoutes } from '../members/email-routes.js';
import { registerInvitationRoutes } from '../invitations/routes.js';
import { registerInboxRoutes } from '../inbox/routes.js';
import { registerSupportRoutes } from '../support/routes.js';
import { registerDeliveryRoutes } from '../delivery/routes.js';
import { registerOpsRoutes } from './ops-routes.js';
import { registerPeopleRoutes } from '../people/routes.js';
import { registerContactsRoutes } from '../contacts/routes.js';

export interface Services {
  db: Db;
  deps: Deps;
  metrics: Metrics;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface AppOptions {
  db: Db;
  deps: Omit<Deps, 'onTransition'>;
  logger?: boolean | { level: string };
  /** Extra routes (the web app) registered after the API. */
  extend?: (app: App, services: Services) => Promise<void> | void;
}

// Secrets travel in these paths; logs get the route, never the token.
const REDACTED_PATH = /\/(invitation-links|opt-out|emails\/verify)\/[^/?]+/;

function fieldOf(error: FastifyError): string {
  const first = error.validation?.[0];
  if (!first) return error.validationContext ?? 'request';
  const path = first.instancePath.split('/').filter(Boolean).join('.');
  const missing = (first.params as { missingProperty?: string } | undefined)?.missingProperty;
  const field = [path, missing].filter(Boolean).join('.');
  return field || (error.validationContext ?? 'request');
}

interface BodySchema {
  type?: string | string[];
  properties?: Record<string, BodySchema>;
  items?: BodySchema;
  anyOf?: BodySchema[];
  oneOf?: BodySchema[];
}

const admitsNull = (s: BodySchema): boolean =>
  s.type === 'null' ||
  (Array.isArray(s.type) && s.type.includes('null')) ||
  [...(s.anyOf ?? []), ...(s.oneOf ?? [])].some(admitsNull) ||
  (s.type === undefined && !s.anyOf && !s.oneOf && !s.properties);

/** Where `value` holds a null that `schema` does not allow (e.g. `filter.olderThanDays`), if anywhere. */
function misplacedNull(value: unknown, schema: BodySchema | undefined, path: string): string | null {
  if (!schema) return null;
  if (value === null) return admitsNull(schema) ? null : path || 'body';
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const keys = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
    const fitting = alternatives.filter((a) => !a.properties || keys.every((k) => k in a.properties!));
    const found = fitting.map((a) => misplacedNull(value, a, path));
    return found.length === 0 || found.includes(null) ? null : found[0]!;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = misplacedNull(value[i], schema.items, `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && schema.properties) {
    for (const [key, item] of Object.entries(value)) {
      const found = misplacedNull(item, schema.properties[key], path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
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

/** Creates the app; call `ready()` (or `listen()`) before use. */
export async function buildApp(options: AppOptions): Promise<{ app: App; services: Services }> {
  const metrics = createMetrics();
  const deps: Deps = {
    ...options.deps,
    onTransition: (from, to, count) => metrics.transitions.inc({ from, to }, count),
  };
  const services: Services = { db: options.db, deps, metrics };

  const app = Fastify({
    logger: options.logger === false || options.logger === undefined
      ? false
      : {
          level: options.logger === true ? 'info' : options.logger.level,
          serializers: {
            req: (req) => ({ method: req.method, url: req.url.replace(REDACTED_PATH, '/$1/…') }),
            res: (res) => ({ statusCode: res.statusCode }),
          },
        },
    ajv: { customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    bodyLimit: 6 * 1024 * 1024,
    trustProxy: false,
    // The router answers a malformed %-escape or an over-long path segment itself, bypassing the
    // error handler; these keep the API's error shape.
    frameworkErrors: (error, _request, reply) => {
      const body = JSON.stringify({ error: { code: 'validation_failed', message: `path: ${error.message}.`, details: { field: 'path' } } });
      reply.raw.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

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

  // Mail clients' one-click unsubscribe (RFC 8058) posts a form; nothing in it is needed.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  // A POST without a body is an empty object, so optional bodies validate and required fields are named.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET' && request.method !== 'HEAD') request.body = {};
  });

  // Ajv's type coercion (which query strings need) would turn a JSON null into 0, false or "" and
  // let it through: `{"dryRun": null}` would run a support withdraw-all for real.
  app.addHook('preValidation', async (request) => {
    const schema = request.routeOptions.schema?.body as BodySchema | undefined;
    const field = schema && request.body !== undefined ? misplacedNull(request.body, schema, '') : null;
    if (field) throw new AppError('validation_failed', `${field}: must not be null.`, { field });
  });

  app.addHook('preHandler', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const problem = unacceptableField(part);
      if (problem) throw new AppError('validation_failed', `${problem.field}: ${problem.message}`, { field: problem.field });
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
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
      const first = error.validation[0];
      const field = fieldOf(error);
      return reply.status(400).send({
        error: { code: 'validation_failed', message: `${field}: ${first?.message ?? 'is not valid'}.`, details: { field } },
      });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply.status(413).send({ error: { code: 'payload_too_large', message: 'The request body is too large.' } });
    }
    if (status === 415) {
      return reply.status(415).send({ error: { code: 'unsupported_media_type', message: `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted here.` } });
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

  await registerOpsRoutes(app, services);
  await app.register(
    async (instance) => {
      const api = instance.withTypeProvider<TypeBoxTypeProvider>();
      await registerAuthRoutes(api, services);
      await registerMemberRoutes(api, services);
      await registerMemberEmailRoutes(api, services);
      await registerInvitationRoutes(api, services);
      await registerInboxRoutes(api, services);
      await registerSupportRoutes(api, services);
      await registerDeliveryRoutes(api, services);
      await registerPeopleRoutes(api, services);
      await registerContactsRoutes(api, services);
    },
    { prefix: '/api/v1' },
  );
  if (options.extend) await options.extend(app, services);
  return { app, services };
}
