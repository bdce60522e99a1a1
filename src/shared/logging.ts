/**
 * The one logger of every process, with the one serializer of each thing it logs. Secrets never reach
 * a log line by construction: a request is logged as its route's pattern (`/invitation-links/:token`,
 * never the token) with query keys but no values, and an error's text loses anything shaped like an
 * e-mail address, a phone number or a token, whichever code path it came from.
 */
import pino, { type Logger } from 'pino';

const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[a-z0-9-]+/gi;
const PHONE = /\+\d[\d ().-]{6,}\d/g;
// Tokens are 256 random bits in base64url (43 characters), bearer tokens with a prefix.
const TOKEN = /[A-Za-z0-9_-]{32,}/g;

/** `text` with every e-mail address, phone number and token-shaped string replaced by `[redacted]`. */
export function redactText(text: string): string {
  return text.replace(EMAIL, '[redacted]').replace(PHONE, '[redacted]').replace(TOKEN, '[redacted]');
}

interface LoggableRequest {
  method: string;
  url: string;
  routeOptions?: { url?: string };
}

/**
 * What a log shows of a request's URL: the pattern of the route that matched, or for a catch-all or
 * a miss the first path segment only; query parameters by name.
 */
export function loggedUrl(request: LoggableRequest): string {
  const [path = '', query] = request.url.split('?', 2);
  const pattern = request.routeOptions?.url;
  const shown = pattern && !pattern.includes('*') ? pattern : path.replace(/^(\/[^/]*)\/.+$/, '$1/…');
  const keys = query ? [...new URLSearchParams(query).keys()].map((k) => `${redactText(k)}=…`) : [];
  return keys.length ? `${shown}?${keys.join('&')}` : shown;
}

interface LoggableError {
  name?: string;
  code?: unknown;
  statusCode?: unknown;
  message?: string;
  stack?: string;
}

/** An error as logs show it: its kind and its text, redacted; never the driver's detail or parameters. */
export function loggedError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redactText(String(error)) };
  const e = error as LoggableError;
  return {
    type: e.name,
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
    message: redactText(e.message ?? ''),
    stack: e.stack ? redactText(e.stack) : undefined,
  };
}

const logSerializers = {
  req: (req: LoggableRequest) => ({ method: req.method, url: loggedUrl(req) }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  err: loggedError,
};

/** A pino logger with Rapport's serializers, writing to `destination` (standard output by default). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, serializers: logSerializers }, destination);
}
