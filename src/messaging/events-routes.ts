/** GET /api/v1/events: the member's live events as Server-Sent Events, from whichever process serves them. */
import { Type } from '@sinclair/typebox';
import { authOf } from '../http/request-context.js';
import { errorReplies } from '../http/schemas.js';
import type { App, Services } from '../http/services.js';

const EventHeaders = Type.Object({
  'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$', description: 'The `id:` of the last event received: the stream resumes after it' })),
});

const DESCRIPTION = [
  'A `text/event-stream` that stays open. Events: `message` (a message object), `read` `{conversationId, memberId, upTo}`,',
  '`invitation` `{id, status}` (a withdrawn invitation’s recipient is told only that it is gone: `status: "withdrawn"`).',
  'Each event’s `id:` is its number in the member’s stream; reconnecting with `Last-Event-ID` resumes after it without',
  'losing any (events are kept for a few days). A comment line is sent every 20 seconds. A client that falls too far',
  'behind is disconnected and resumes with `Last-Event-ID`. 429 `too_many_streams` past the open streams allowed per member.',
].join(' ');

export default async function eventRoutes(app: App, { events, deps, requireMember }: Services) {
  app.addHook('preHandler', requireMember);
  const hsts = new URL(deps.config.publicUrl).protocol === 'https:' ? 'max-age=31536000; includeSubDomains' : null;

  app.get(
    '/events',
    {
      schema: {
        tags: ['messaging'],
        summary: 'My live events (Server-Sent Events)',
        description: DESCRIPTION,
        headers: EventHeaders,
        response: {
          200: {
            description: 'The event stream',
            content: { 'text/event-stream': { schema: Type.String({ description: 'id, event and data lines, one blank line after each event' }) } },
          },
          ...errorReplies(429),
        },
      },
    },
    async (request, reply) => {
      const member = authOf(request).member;
      const header = request.headers['last-event-id'];
      const reservation = await events.reserve(member.id, header === undefined ? null : Number(header));
      // From here on the reply is the stream's: Fastify's hooks and serializers are out of it, so
      // the API's own headers are written here.
      reply.hijack();
      const raw = reply.raw;
      try {
        raw.writeHead(200, {
          ...(reply.getHeaders() as Record<string, string>),
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-accel-buffering': 'no',
          'x-content-type-options': 'nosniff',
          connection: 'keep-alive',
          ...(hsts ? { 'strict-transport-security': hsts } : {}),
        });
        // A reconnecting EventSource waits a second, not its default three.
        raw.write('retry: 1000\n\n');
        raw.socket?.setNoDelay(true);
      } catch (error) {
        reservation.cancel();
        raw.destroy();
        throw error;
      }
      reservation.attach(raw);
    },
  );
}
