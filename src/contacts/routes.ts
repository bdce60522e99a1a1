/** Contacts import: CSV or vCard in, members found and others to invite out. */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { App, Services } from '../http/services.js';
import { authOf } from '../http/request-context.js';
import { errorReplies } from '../http/schemas.js';
import { AppError } from '../errors.js';
import { importContacts } from './import.js';
import { MAX_BYTES } from './parse.js';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/comma-separated-values'];
const VCARD_TYPES = ['text/vcard', 'text/x-vcard', 'text/directory'];

export default async function contactsRoutes(app: App, { db, deps, requireMember }: Services) {
  app.addHook('preHandler', requireMember);
  // Registered as its own plugin, its content-type parsers serve its own routes only.
  // The body is kept as bytes: decoding and checking it is the import's job.
  app.addContentTypeParser([...CSV_TYPES, ...VCARD_TYPES], { parseAs: 'buffer', bodyLimit: MAX_BYTES }, (_req, body, done) => done(null, body));

  app.post(
    '/contacts/import',
    {
      bodyLimit: MAX_BYTES,
      schema: {
        tags: ['people'],
        summary: 'Find members among my contacts (CSV from Google, Outlook, Apple; or vCard 3.0/4.0), up to 10,000 contacts or 5 MB',
        consumes: [...CSV_TYPES, ...VCARD_TYPES],
        // Without a body schema the OpenAPI document would not describe the request body at all.
        body: Type.Unknown({ description: 'The contacts file, as CSV or vCard text' }),
        response: {
          200: Type.Object({
            members: Type.Array(
              Type.Object({
                member: Type.Object({ id: Type.String(), name: Type.String(), headline: Type.String() }),
                email: Type.String(),
                contactName: Type.String(),
                relationship: Type.String(),
              }),
            ),
            others: Type.Array(Type.Object({ name: Type.String(), email: Type.String() })),
            skipped: Type.Array(Type.Object({ row: Type.Integer(), reason: Type.String() })),
          }),
          ...errorReplies(403, 413, 415, 422, 429),
        },
      },
      // Each import checks up to 10,000 addresses against the membership: limited like a guessable endpoint.
      // Counted per member, after authentication.
      config: {
        rateLimit: { max: 30, timeWindow: 60 * 60_000, hook: 'preHandler', keyGenerator: (req: FastifyRequest) => req.auth?.member.id ?? req.ip },
      },
    },
    async (request) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const format = CSV_TYPES.includes(type) ? 'csv' : VCARD_TYPES.includes(type) ? 'vcard' : null;
      if (!format || !Buffer.isBuffer(request.body)) {
        throw new AppError('unsupported_media_type', 'Send the contacts as text/csv or text/vcard.');
      }
      return importContacts(db, deps, authOf(request).member.id, format, request.body);
    },
  );
}
