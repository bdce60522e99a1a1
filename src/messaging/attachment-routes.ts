/** HTTP routes of attachments: uploading one (its raw bytes as the body) and downloading it. */
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { authOf } from '../http/request-context.js';
import { errorReplies, IdParams } from '../http/schemas.js';
import type { App, Services } from '../http/services.js';
import { ATTACHMENT_TYPES, readAttachment, uploadAttachment } from './attachments.js';
import { AttachmentSchema, presentAttachment } from './presenter.js';

/** Uploads a member may make in an hour. */
const UPLOADS_PER_HOUR = 60;

/** `name` as a Content-Disposition parameter: an ASCII fallback and the exact name (RFC 6266, RFC 8187). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const mediaTypeOf = (request: FastifyRequest) => (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

export default async function attachmentRoutes(app: App, { db, deps, blobs, requireMember }: Services) {
  app.addHook('preHandler', requireMember);
  const maxBytes = deps.config.attachmentMaxBytes;
  // Registered in its own plugin: these parsers serve these routes only, every other route stays JSON-only.
  app.addContentTypeParser(ATTACHMENT_TYPES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));
  // Fastify's own refusal of a body past the limit, in this route's words; everything else as everywhere.
  app.setErrorHandler((error: FastifyError, _request, _reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      throw new AppError('attachment_too_large', `An attachment is at most ${maxBytes} bytes.`, { maxBytes });
    }
    throw error;
  });

  app.post(
    '/attachments',
    {
      bodyLimit: maxBytes,
      schema: {
        tags: ['messaging'],
        summary: 'Upload a file to send in a message (PNG, JPEG, GIF, WebP or PDF; its bytes must be of that type)',
        description:
          'The body is the file itself, with its type as Content-Type. Unsent uploads are removed after a day. 413 attachment_too_large; 415 unsupported_media_type; 429 attachment_quota_reached or rate_limited.',
        consumes: ATTACHMENT_TYPES,
        querystring: Type.Object({
          name: Type.Optional(Type.String({ maxLength: 1000, description: 'The file name; cleaned, and shortened to 120 characters' })),
        }),
        body: Type.Unknown({ description: 'The file’s bytes' }),
        response: { 201: AttachmentSchema, ...errorReplies(403, 413, 415, 429) },
      },
      config: {
        rateLimit: {
          max: UPLOADS_PER_HOUR,
          timeWindow: 60 * 60_000,
          hook: 'preHandler',
          keyGenerator: (request: FastifyRequest) => request.auth?.member.id ?? request.ip,
        },
      },
    },
    async (request, reply) => {
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const attachment = await uploadAttachment(db, deps, blobs, authOf(request).actor, {
        contentType: mediaTypeOf(request),
        name: request.query.name,
        bytes,
      });
      return reply.status(201).send(presentAttachment(attachment));
    },
  );

  app.get(
    '/attachments/:id',
    {
      schema: {
        tags: ['messaging'],
        summary: 'Download an attachment (its uploader, and participants who have the message it was sent in)',
        params: IdParams,
        response: {
          200: {
            description: 'The file, as an attachment to save, never shown in place',
            content: Object.fromEntries(ATTACHMENT_TYPES.map((type) => [type, { schema: Type.String({ format: 'binary' }) }])),
          },
          ...errorReplies(404),
        },
      },
    },
    async (request, reply) => {
      const { attachment, bytes } = await readAttachment(db, blobs, authOf(request).actor, request.params.id);
      return reply
        .header('content-type', attachment.content_type)
        .header('content-disposition', contentDisposition(attachment.name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cross-origin-resource-policy', 'same-origin')
        .send(bytes as never);
    },
  );
}
