/** Liveness, Prometheus metrics and the OpenAPI document. */
import { pingDatabase } from './ops-store.js';
import type { App, Services } from './services.js';

export default async function opsRoutes(app: App, { db, metrics }: Services) {
  // Documented in the OpenAPI document too: API.md lists them as part of the public contract.
  app.get('/healthz', { schema: { tags: ['ops'], summary: 'Liveness: 200 while the database answers, else 503', security: [] } }, async (_request, reply) => {
    try {
      await pingDatabase(db);
      return { status: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  app.get('/metrics', { schema: { tags: ['ops'], summary: 'Prometheus metrics, in the text exposition format', security: [] } }, async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
