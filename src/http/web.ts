/**
 * Serves the built web app (`dist/web`, made by `npm run build`) on the API's own port: hashed
 * assets are cached for good, and every other GET outside the API gets `index.html`, whose router
 * shows the page.
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { App } from './services.js';

/** Where `npm run build` puts the web app; the same from `src/http` and from `dist/http`. */
const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

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
const LOOKS_LIKE_FILE = /^\/assets\/|\.(js|mjs|css|map|png|jpe?g|gif|svg|ico|webp|woff2?|txt|json|webmanifest)$/i;

function pageHeaders(reply: FastifyReply) {
  reply
    .header('cache-control', 'no-cache')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY');
}

/** The path of a built file under `root` that `urlPath` names, or null (never outside `root`). */
function builtFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded).replace(/^[/\\]+/, '');
  if (relative === '' || relative === 'index.html' || relative.split(/[/\\]/).some((s) => s === '..' || s.startsWith('.'))) return null;
  const full = join(root, relative);
  if (!full.startsWith(root + sep)) return null;
  try {
    return statSync(full).isFile() ? relative : null;
  } catch {
    return null;
  }
}

/** Registers the web app's files and the fallback to `index.html`. */
export async function registerWebApp(app: App, root: string = WEB_ROOT): Promise<void> {
  const assets = join(root, 'assets') + sep;
  // Only reply.sendFile is used: files are looked up per request, so a rebuild needs no restart.
  await app.register(fastifyStatic, {
    root,
    serve: false,
    cacheControl: false,
    setHeaders(res, path) {
      const policy = path.startsWith(assets) ? 'public, max-age=31536000, immutable' : path.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600';
      res.setHeader('cache-control', policy);
      res.setHeader('x-content-type-options', 'nosniff');
    },
  });

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (NOT_PAGES.test(path)) {
      return reply.status(404).send({ error: { code: 'not_found', message: `There is no ${request.method} ${path}.` } });
    }
    const file = builtFile(root, path);
    if (file) return reply.sendFile(file, root);
    if (LOOKS_LIKE_FILE.test(path)) {
      return reply.status(404).type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send('Not found.');
    }
    pageHeaders(reply);
    if (!existsSync(join(root, 'index.html'))) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built yet: run `npm run build` (npm install does it). The API is at /api/v1.');
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html', root);
  });
}
