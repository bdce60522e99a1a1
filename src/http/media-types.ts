/**
 * Which request bodies a route reads. Every route reads JSON unless its schema declares other types
 * (`consumes`); anything else is refused before it is parsed, so a form posted from another site can
 * never reach a route (log-in CSRF) and no parser meant for one route serves another.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

export const JSON_ONLY = ['application/json'];

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The media type of a header value: `Application/JSON; charset=utf-8` is `application/json`. */
const mediaTypeOf = (header: string | undefined): string => (header ?? '').split(';')[0]!.trim().toLowerCase();

function carriesBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** A `preParsing` hook: 415 `unsupported_media_type` for a body of a type the route does not read. */
export async function refuseUndeclaredMediaTypes(request: FastifyRequest): Promise<void> {
  if (BODYLESS.has(request.method) || !carriesBody(request)) return;
  const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes ?? JSON_ONLY;
  const header = request.headers['content-type'];
  const type = mediaTypeOf(header);
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(header ?? '')?.[1]?.toLowerCase();
  if (consumes.includes(type) && (charset === undefined || charset === 'utf-8' || charset === 'utf8')) return;
  throw new AppError(
    'unsupported_media_type',
    `This endpoint reads ${consumes.join(' or ')} (UTF-8), not ${header ? `"${header.slice(0, 100)}"` : 'a body without a Content-Type'}.`,
  );
}
