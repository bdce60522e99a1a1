/**
 * Serves the built web app (`dist/web`, made by `npm run build`) on the API's own port: hashed
 * assets are cached for good, and every other GET outside the API gets `index.html`, whose router
 * shows the page.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { App } from './app.js';

/** Where `npm run build` puts the web app; the same from `src/http` and from `dist/http`. */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

// No inline script or style is needed; links in invitations carry tokens, so no referrer either.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// Paths the web app never owns: a miss there keeps the API's JSON 404.
const NOT_PAGES = /^\/(api|healthz|metrics)(\/|$)/;
// A missing file (an asset of an older build) is a 404, not the page: a browser would run HTML as script.
const MISSING_FILE = /^\/assets\/|\.(js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|woff2?|txt|json|webmanifest)$/i;

function pageHeaders(reply: FastifyReply) {
  reply
    .header('cache-control', 'no-cache')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY');
}

/** Registers the web app's files and the fallback to `index.html`. */
export async function registerWebApp(app: App, root: string = WEB_ROOT): Promise<void> {
  const built = existsSync(join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      // One route per built file, so the fallback below owns every other path.
      wildcard: false,
      index: false,
      globIgnore: ['index.html'],
      cacheControl: false,
      setHeaders(res, path) {
        const hashed = path.includes(`${join(root, 'assets')}`);
        res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
        res.setHeader('x-content-type-options', 'nosniff');
      },
    });
  }

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (NOT_PAGES.test(path)) {
      return reply.status(404).send({ error: { code: 'not_found', message: `There is no ${request.method} ${path}.` } });
    }
    if (MISSING_FILE.test(path)) {
      return reply.status(404).type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send('Not found.');
    }
    pageHeaders(reply);
    if (!built) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built yet: run `npm run build` (npm install does it), then restart. The API is at /api/v1.');
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html', root);
  });
}
