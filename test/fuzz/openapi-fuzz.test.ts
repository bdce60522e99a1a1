/**
 * Fuzzes every operation of the OpenAPI document the server publishes: valid requests generated from
 * the documented schemas (with real ids put in, so handlers go past the lookups) and deliberately
 * broken ones, as every kind of caller. No reply may be a 5xx, every 4xx carries the error shape, and
 * every reply with a documented status must match the document.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken, resolveToken } from '../../src/auth/tokens.js';
import { runWorkerOnce } from '../../src/delivery/worker.js';
import { DIALECTS } from '../support/databases.js';
import { as, createHarness, DAY, type Harness, makeMember, setFeature, TEST_PASSWORD, type TestMember } from '../support/harness.js';

const SEED = 20_260_601;
const MIN_REQUESTS = 2_000;
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
}

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  method: string;
  path: string;
  key: string;
  pattern: RegExp;
  params: Parameter[];
  /** The first content type is the one broken requests start from; valid ones use them all. */
  body?: { contentType: string; contentTypes: string[]; schema: JsonSchema };
  statuses: Set<string>;
}

interface Document {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> }; responses?: Record<string, unknown> }>
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Who sends a request: the headers that say so, and the member behind them (if any). */
interface Caller {
  name: string;
  memberId?: string;
  headers: (method: string) => Record<string, string>;
  /** Gets the caller a new bearer token if a request revoked theirs (log-out, DELETE /auth/tokens/{id}). */
  renew?: () => Promise<void>;
}

interface Invitation {
  id: string;
  senderId: string;
  recipientId: string | null;
  /** As last seen in a reply. */
  status: string;
}

/** Real values the generators draw from; replies keep adding to it. */
interface World {
  memberIds: string[];
  emails: string[];
  names: string[];
  invitations: Invitation[];
  requestIds: string[];
  /** Accept links' tokens (`/i/…`), and opt-out links' (`/opt-out/…`). */
  linkTokens: string[];
  optOutTokens: string[];
  /** Notification e-mails' unsubscribe links' tokens (`/message-emails/unsubscribe/…`). */
  messageEmailTokens: string[];
  flagKeys: string[];
  /** Bearer token ids (from the token list and from new tokens), to revoke. */
  tokenIds: string[];
  /** Members no caller is, for the admin's revoke-all and suspension, so the callers keep working. */
  expendableIds: string[];
  cursors: string[];
  related: Map<string, Set<string>>;
  /** A member's own additional addresses (to remove), and the links verifying theirs. */
  ownEmails: Map<string, string[]>;
  verifyTokens: Map<string, string[]>;
  /** Each member's connections (to start conversations with) and conversations. */
  connections: Map<string, string[]>;
  conversations: Map<string, string[]>;
  /** Attachments seen in replies (uploads, and messages' attachments). */
  attachments: string[];
}

interface Request {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  label: string;
  /** Well-formed: JSON of the documented shape, so its status must be a documented one. */
  wellFormed: boolean;
  /** The one reply a request of this kind may get, whoever sends it and whatever the state. */
  mustGet?: { status: number; code: string };
}

const REFUSED = { status: 400, code: 'validation_failed' };
const UNSUPPORTED = { status: 415, code: 'unsupported_media_type' };

const b64 = (text: string) => Buffer.from(text).toString('base64url');

const UNICODE_SAMPLES = [
  '\u0000',
  'a\u0000b',
  '😀'.repeat(80),
  '\u202Eevil\u202C',
  '\ud800',
  'e\u0301'.repeat(40),
  '\uFEFFbom',
  'Ω≈ç√∫'.repeat(70),
  '<script>alert(1)</script>',
  "'; drop table members; --",
  '   ',
  '\n\t\r\u000b',
  '𝕏'.repeat(200),
];
const WRONG_VALUES: unknown[] = [123, -1, true, null, [], {}, 'text', 1.5, [1, 'x'], { nested: { deeper: [] } }];
const NUMBER_SAMPLES: unknown[] = [-1, 0, 2 ** 53 + 1, 1e308, -1e308, 1.5, '7', 'NaN'];
const MALFORMED_JSON = ['{', '{"a":', '{"a":1,}', "{'a':1}", 'nul', '[1,2', '\u0000', '{"a":"\\x"}', '{"a":1}{"b":2}', '  ', '{"a":1e99999}', '\uFEFF{}'];
const NON_OBJECT_JSON = ['[]', '[{}]', 'null', '"text"', '0', 'true', '-1e400'];
const WRONG_CONTENT_TYPES: [string, string][] = [
  ['text/plain', '{"a":1}'],
  ['application/xml', '<a>1</a>'],
  ['application/x-www-form-urlencoded', 'a=1&b=2'],
  ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
  ['application/json; charset=latin1', '{}'],
  ['application/jsonx', '{}'],
  ['', '{}'],
];
const QUERY_SAMPLES = ['abc', '-1', '0', '1e400', '', 'x'.repeat(600), '\u0000', '😀', 'true', '[]', '101', '1.5'];
const BOGUS_CURSORS = [
  '!!!',
  'e30',
  b64('[1,2]'),
  b64('["x"]'),
  b64('["2026-01-01T00:00:00.000Z","x"]'),
  b64('["not a date","\u0000"]'),
  b64('123'),
  b64('"s"'),
  b64('[null,null]'),
  b64(`["${'9'.repeat(300)}","x"]`),
  'a'.repeat(512),
  b64('{"at":"x","id":"y"}'),
];
// Path values inserted as they are: some are already percent-encoded, some are malformed encodings.
const BOGUS_PATH_VALUES = [
  'nope',
  'x'.repeat(65),
  'x'.repeat(5000),
  '%00',
  '%F0%9F%98%80',
  '..%2F..%2Fetc',
  '%25',
  '%E0%A4%A',
  "1'%20OR%20'1'%3D'1",
  '-1',
  '0',
  'null',
  '%20',
  '%C0%AF',
];
const AUTH_VARIANTS: [string, Record<string, string>][] = [
  ['bare Bearer', { authorization: 'Bearer' }],
  ['unknown bearer', { authorization: `Bearer rpt_${'x'.repeat(43)}` }],
  ['basic auth', { authorization: 'Basic dXNlcjpwYXNz' }],
  ['huge bearer', { authorization: `Bearer ${'a'.repeat(10_000)}` }],
  ['two bearers', { authorization: 'Bearer one two' }],
  ['garbage cookie', { cookie: 'rapport_session=%%%' }],
  ['unknown session', { cookie: `rapport_session=${'y'.repeat(43)}` }],
];

function resolve(doc: Document, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  if (!target) throw new Error(`unresolved ${schema.$ref}`);
  return resolve(doc, target);
}

/** The operations of the document, static paths first (as the server routes them). */
function operationsOf(doc: Document): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      // A stream (GET /api/v1/events) never ends, and inject waits for the end: it is left out here
      // and tested over real HTTP in test/messaging/events.test.ts (401, 400, 429 and its events).
      if ((op.responses?.['200'] as { content?: Record<string, unknown> } | undefined)?.content?.['text/event-stream']) continue;
      const contents = Object.entries(op.requestBody?.content ?? {});
      const content = contents[0];
      ops.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(doc, p.schema) })),
        body: content ? { contentType: content[0], contentTypes: contents.map(([type]) => type), schema: resolve(doc, content[1].schema) } : undefined,
        statuses: new Set(Object.keys(op.responses ?? {})),
      });
    }
  }
  return ops.sort((a, b) => Number(a.path.includes('{')) - Number(b.path.includes('{')));
}

const pick = <T>(values: readonly T[]) => fc.nat().map((i) => values[i % values.length]!);

/** Arbitrary strings within the schema's bounds, ASCII, any code point, or printable graphemes. */
function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString());
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 60, 60));
  const fits = (s: string) => [...s].length >= min && [...s].length <= (schema.maxLength ?? Infinity);
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ unit: 'binary', minLength: min, maxLength: max }),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: max }).filter(fits),
  );
}

/** Values of a named field that the server knows about, so requests reach past the lookups. */
function hinted(name: string, schema: JsonSchema, world: World, caller: Caller): fc.Arbitrary<string> | undefined {
  const mine = caller.memberId ? world.invitations.filter((i) => i.senderId === caller.memberId || i.recipientId === caller.memberId).map((i) => i.id) : [];
  const allInvitations = world.invitations.map((i) => i.id);
  const related = [...(caller.memberId ? (world.related.get(caller.memberId) ?? []) : [])];
  const strangers = world.memberIds.filter((id) => id !== caller.memberId && !related.includes(id));
  const either = (primary: string[], secondary: string[]) =>
    primary.length > 0
      ? fc.oneof({ arbitrary: pick(primary), weight: 3 }, { arbitrary: pick(secondary.length > 0 ? secondary : primary), weight: 1 })
      : secondary.length > 0
        ? pick(secondary)
        : undefined;
  switch (name) {
    case 'memberId':
    case 'allow':
    case 'deny':
      // Connections and counterparts for removing and answering; strangers for inviting.
      return fc.oneof(...[related, strangers, world.memberIds].filter((ids) => ids.length > 0).map((ids) => pick(ids)));
    case 'memberIds': {
      // Mostly connections, so conversations start; sometimes anyone.
      const connected = world.connections.get(caller.memberId ?? '') ?? [];
      return connected.length > 0
        ? fc.oneof({ arbitrary: pick(connected), weight: 4 }, { arbitrary: pick(world.memberIds), weight: 1 })
        : pick(world.memberIds);
    }
    case 'ids':
    case 'invitationId':
      return either(mine, allInvitations);
    case 'requestId':
      return pick(world.requestIds);
    case 'email':
      return fc.oneof(
        pick(world.emails),
        fc.emailAddress().filter((e) => e.length <= 254),
        fc.constant('outside.fuzz@example.test'),
      );
    case 'phone':
      return fc.oneof(
        fc.integer({ min: 0, max: 9_999_999 }).map((n) => `+1555${String(n).padStart(7, '0')}`),
        fc.constant('+15550100001'),
        stringArbitrary(schema),
      );
    case 'password':
      return fc.oneof(fc.constant(TEST_PASSWORD), stringArbitrary(schema));
    case 'cursor':
      return world.cursors.length > 0 ? fc.oneof(pick(world.cursors), stringArbitrary(schema)) : undefined;
    case 'q':
      return fc.oneof(pick(world.names.map((n) => n.split(' ')[0]!)), stringArbitrary(schema));
    case 'key':
      return pick(world.flagKeys);
    default:
      return undefined;
  }
}

/** An arbitrary of values that match `schema`, drawing named fields from the world. */
function arbitraryOf(doc: Document, raw: JsonSchema, name: string, world: World, caller: Caller): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => arbitraryOf(doc, s, name, world, caller)));
  if (schema.allOf?.length === 1) return arbitraryOf(doc, schema.allOf[0]!, name, world, caller);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => arbitraryOf(doc, { ...schema, type }, name, world, caller)));
  switch (types[0]) {
    case 'string': {
      const hint = hinted(name, schema, world, caller);
      return hint ? fc.oneof({ arbitrary: hint, weight: 4 }, { arbitrary: stringArbitrary(schema), weight: 1 }) : stringArbitrary(schema);
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const min = schema.minItems ?? 0;
      return fc.array(arbitraryOf(doc, schema.items ?? {}, name, world, caller), {
        minLength: min,
        maxLength: Math.max(min, Math.min(schema.maxItems ?? 5, 5)),
      });
    }
    case 'object': {
      const props = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([key, s]) => [key, arbitraryOf(doc, s, key, world, caller)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** The signatures of attachments whose types start with ASCII (a PNG's or JPEG's would not survive as text). */
const ASCII_SIGNATURES: Record<string, string[]> = {
  'image/gif': ['GIF89a', 'GIF87a'],
  'image/webp': ['RIFF\u0010\u0000\u0000\u0000WEBP'],
  'application/pdf': ['%PDF-1.7\n'],
};

/** A body for a non-JSON content type (CSV or vCard contact lists, files, or plain text). */
function textBodyArbitrary(contentType: string, world: World): fc.Arbitrary<string> {
  const signatures = ASCII_SIGNATURES[contentType];
  if (signatures) {
    // Mostly a file of the declared type, sometimes anything.
    const file = fc.tuple(fc.constantFrom(...signatures), fc.string({ maxLength: 200 })).map(([head, rest]) => head + rest);
    return fc.oneof({ arbitrary: file, weight: 4 }, { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 });
  }
  const contact = fc.tuple(
    fc.oneof(pick(world.names), fc.string({ maxLength: 30 })),
    fc.oneof(pick(world.emails), fc.emailAddress(), fc.string({ maxLength: 30 })),
  );
  if (contentType.includes('csv')) {
    return fc.array(contact, { maxLength: 8 }).map((rows) => ['name,email', ...rows.map(([n, e]) => `"${n.replace(/"/g, '""')}",${e}`)].join('\n'));
  }
  if (contentType.includes('vcard')) {
    return fc
      .array(contact, { maxLength: 8 })
      .map((rows) => rows.map(([n, e]) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${n}\r\nEMAIL:${e}\r\nEND:VCARD`).join('\r\n'));
  }
  return fc.string({ unit: 'binary', maxLength: 200 });
}

interface ValidParts {
  contentType?: string;
  path: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body?: unknown;
}

/** Path values of a parameter: what the segment before it names (members, invitations, ...). */
function pathArbitrary(op: Operation, param: Parameter, world: World, caller: Caller): fc.Arbitrary<string> {
  const segments = op.path.split('/');
  const before = segments[segments.indexOf(`{${param.name}}`) - 1] ?? '';
  const own = (mine: string[] | undefined, other: fc.Arbitrary<string>) =>
    mine && mine.length > 0 ? fc.oneof({ arbitrary: pick(mine), weight: 3 }, { arbitrary: other, weight: 1 }) : other;
  if (param.name === 'email') return own(world.ownEmails.get(caller.memberId ?? ''), hinted('email', param.schema, world, caller)!);
  if (param.name === 'token' && before === 'verify') return own(world.verifyTokens.get(caller.memberId ?? ''), pick(world.linkTokens));
  if (param.name === 'token') {
    // Mostly the right kind of link for the path, sometimes the other kind.
    const [right, wrong] = op.path.includes('opt-out')
      ? [world.optOutTokens, world.linkTokens]
      : op.path.includes('message-emails')
        ? [world.messageEmailTokens, world.optOutTokens]
        : [world.linkTokens, world.optOutTokens];
    return fc.oneof({ arbitrary: pick(right), weight: 4 }, { arbitrary: pick(wrong), weight: 1 });
  }
  if (/\/(credentials\/revoke|suspend|unsuspend)$/.test(op.path))
    return fc.oneof({ arbitrary: pick(world.expendableIds), weight: 5 }, { arbitrary: fc.constant('no-such-member'), weight: 1 });
  if (before === 'tokens')
    return world.tokenIds.length > 0
      ? fc.oneof({ arbitrary: pick(world.tokenIds), weight: 5 }, { arbitrary: stringArbitrary(param.schema), weight: 1 })
      : stringArbitrary(param.schema);
  if (before === 'conversations') return own(world.conversations.get(caller.memberId ?? ''), stringArbitrary(param.schema));
  if (before === 'attachments') return own(world.attachments, stringArbitrary(param.schema));
  if (param.name === 'key') return fc.oneof({ arbitrary: pick(world.flagKeys), weight: 5 }, { arbitrary: fc.constant('no-such-flag'), weight: 1 });
  if (before === 'invitations' && caller.memberId && /\/(accept|ignore|reply)$/.test(op.path)) {
    // Answers go deepest on pending invitations the caller received.
    const waiting = world.invitations.filter((i) => i.recipientId === caller.memberId && i.status === 'pending').map((i) => i.id);
    if (waiting.length > 0)
      return fc.oneof({ arbitrary: pick(waiting), weight: 3 }, { arbitrary: hinted('invitationId', param.schema, world, caller)!, weight: 1 });
  }
  if (before === 'invitations' && caller.memberId && /\/withdraw$/.test(op.path)) {
    // Withdrawals go deepest on invitations the caller sent.
    const sent = world.invitations.filter((i) => i.senderId === caller.memberId && i.status === 'pending').map((i) => i.id);
    if (sent.length > 0) return fc.oneof({ arbitrary: pick(sent), weight: 3 }, { arbitrary: hinted('invitationId', param.schema, world, caller)!, weight: 1 });
  }
  // The inbox's messages are invitations, by the same ids.
  const name = before === 'invitations' || before === 'inbox' ? 'invitationId' : before === 'requests' ? 'requestId' : 'memberId';
  return hinted(name, param.schema, world, caller) ?? stringArbitrary(param.schema);
}

function validPartsArbitrary(doc: Document, op: Operation, world: World, caller: Caller): fc.Arbitrary<ValidParts> {
  const of = (where: Parameter['in']) => op.params.filter((p) => p.in === where);
  const record = (params: Parameter[], arb: (p: Parameter) => fc.Arbitrary<unknown>) =>
    fc.record(Object.fromEntries(params.map((p) => [p.name, arb(p)])), { requiredKeys: params.filter((p) => p.required).map((p) => p.name) });
  const body = op.body;
  return fc
    .record({
      contentType: body ? fc.constantFrom(...body.contentTypes) : fc.constant(undefined),
      path: record(of('path'), (p) => pathArbitrary(op, p, world, caller)) as fc.Arbitrary<Record<string, string>>,
      query: record(of('query'), (p) => arbitraryOf(doc, p.schema, p.name, world, caller)),
      headers: record(of('header'), (p) =>
        p.name === 'idempotency-key' ? fc.oneof(fc.uuid(), fc.constant('fuzz-key')) : arbitraryOf(doc, p.schema, p.name, world, caller),
      ) as fc.Arbitrary<Record<string, string>>,
      body: body
        ? body.contentType === 'application/json'
          ? arbitraryOf(doc, body.schema, 'body', world, caller)
          : fc.constantFrom(...body.contentTypes).chain((type) => textBodyArbitrary(type, world).map((text) => ({ type, text })))
        : fc.constant(undefined),
    })
    .map((parts) => {
      // A text body carries its own content type.
      const text = parts.body as { type: string; text: string } | undefined;
      return body && body.contentType !== 'application/json' && text ? { ...parts, contentType: text.type, body: text.text } : parts;
    });
}

function urlOf(op: Operation, path: Record<string, string>, query: Record<string, unknown> | string, encode = true): string {
  const filled = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => (encode ? encodeURIComponent(path[name] ?? '') : (path[name] ?? '')));
  if (typeof query === 'string') return query ? `${filled}?${query}` : filled;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, typeof v === 'string' ? v : JSON.stringify(v));
  }
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}

function validRequest(op: Operation, parts: ValidParts, caller: Caller): Request {
  const payload = parts.body === undefined ? undefined : parts.contentType === 'application/json' ? JSON.stringify(parts.body) : String(parts.body);
  return {
    method: op.method,
    url: urlOf(op, parts.path, parts.query),
    headers: { ...caller.headers(op.method), ...parts.headers, ...(payload !== undefined && parts.contentType ? { 'content-type': parts.contentType } : {}) },
    payload,
    label: `valid as ${caller.name}`,
    wellFormed: true,
  };
}

/** Deliberately broken variants of one valid request. */
function brokenRequests(doc: Document, op: Operation, base: ValidParts, caller: Caller): Request[] {
  const out: Request[] = [];
  const headers = { ...caller.headers(op.method), ...base.headers };
  const url = urlOf(op, base.path, base.query);
  const add = (label: string, change: Partial<Request>) => out.push({ method: op.method, url, headers, label, wellFormed: false, ...change });
  const withJson = (value: unknown) => ({ payload: JSON.stringify(value), headers: { ...headers, 'content-type': 'application/json' } });
  const raw = (payload: string, contentType = 'application/json') => ({
    payload,
    headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}) },
  });

  const unsafe = op.method !== 'GET';
  const schema = op.body?.contentType === 'application/json' ? resolve(doc, op.body.schema) : undefined;
  const object =
    schema?.type === 'object' && base.body && typeof base.body === 'object' && !Array.isArray(base.body) ? (base.body as Record<string, unknown>) : undefined;
  if (schema && object) {
    const props = Object.entries(schema.properties ?? {});
    props.forEach(([name], i) => add(`wrong type of ${name}`, withJson({ ...object, [name]: WRONG_VALUES[i % WRONG_VALUES.length] })));
    props.forEach(([name], i) => add(`wrong type of ${name} (2)`, withJson({ ...object, [name]: WRONG_VALUES[(i + 5) % WRONG_VALUES.length] })));
    for (const name of schema.required ?? []) {
      const { [name]: _dropped, ...rest } = object;
      add(`missing ${name}`, withJson(rest));
    }
    add('extra field', { ...withJson({ ...object, unexpectedField: 'surprise' }), mustGet: REFUSED });
    // The shapes a coercing validator would take for the value itself: each must be refused.
    for (const [name, value] of Object.entries(object)) {
      if (value === undefined || resolve(doc, schema.properties?.[name] ?? {}).type === 'array') continue;
      add(`${name} wrapped in a list`, { ...withJson({ ...object, [name]: [value] }), mustGet: REFUSED });
      add(`${name} as [null]`, { ...withJson({ ...object, [name]: [null] }), mustGet: REFUSED });
      if (typeof value !== 'string') add(`${name} as a string`, { ...withJson({ ...object, [name]: JSON.stringify(value) }), mustGet: REFUSED });
      if (typeof value === 'string') add(`${name} as a number`, { ...withJson({ ...object, [name]: 1 }), mustGet: REFUSED });
      if (typeof value === 'boolean') add(`${name} as a number`, { ...withJson({ ...object, [name]: Number(value) }), mustGet: REFUSED });
    }
    add('prototype pollution', raw(`{"__proto__":{"polluted":true},${JSON.stringify(object).slice(1)}`.replace(',}', '}')));
    add('constructor pollution', raw(JSON.stringify({ ...object, constructor: { prototype: { polluted: true } } })));
    const strings = props.filter(([, s]) => resolve(doc, s).type === 'string' || (resolve(doc, s).anyOf ?? []).some((a) => a.type === 'string'));
    for (const [name] of strings.slice(0, 2)) add(`huge ${name}`, withJson({ ...object, [name]: 'x'.repeat(100_000) }));
    strings.forEach(([name], i) => {
      for (let k = 0; k < 3; k++) {
        const sample = UNICODE_SAMPLES[(i * 3 + k) % UNICODE_SAMPLES.length];
        add(`unicode ${name}`, withJson({ ...object, [name]: sample }));
      }
    });
    const numbers = props.filter(([, s]) => ['integer', 'number'].includes(String(resolve(doc, s).type)));
    for (const [name] of numbers) {
      for (const n of NUMBER_SAMPLES) add(`number ${name}=${String(n)}`, withJson({ ...object, [name]: n }));
      // JSON.parse reads these as ±Infinity and -0; JSON.stringify cannot write them.
      for (const n of ['1e400', '-1e400', '-0']) add(`number ${name}=${n}`, raw(JSON.stringify({ ...object, [name]: '§' }).replace('"§"', n)));
    }
    const arrays = props.filter(([, s]) => resolve(doc, s).type === 'array');
    for (const [name] of arrays) {
      add(`object for array ${name}`, withJson({ ...object, [name]: { 0: 'a' } }));
      add(`empty array ${name}`, withJson({ ...object, [name]: [] }));
      add(`long array ${name}`, withJson({ ...object, [name]: Array.from({ length: 1_200 }, (_, i) => `id${i}`) }));
    }
    const objects = props.filter(([, s]) => resolve(doc, s).type === 'object');
    for (const [name] of objects) {
      add(`array for object ${name}`, withJson({ ...object, [name]: [] }));
      add(`unknown key in ${name}`, withJson({ ...object, [name]: { unknownKey: 1 } }));
    }
    add('array for the object body', withJson([object]));
  }
  if (unsafe) {
    for (const text of MALFORMED_JSON) add(`malformed JSON ${JSON.stringify(text.slice(0, 12))}`, raw(text));
    for (const text of NON_OBJECT_JSON) add(`JSON ${text}`, raw(text));
    for (const [type, text] of WRONG_CONTENT_TYPES) {
      const read = op.body?.contentTypes.includes(type.split(';')[0]!) && !type.includes('charset');
      add(`content type "${type}"`, { ...raw(text, type), ...(op.body && !read ? { mustGet: UNSUPPORTED } : {}) });
    }
    add('empty JSON body', raw(''));
    add('deeply nested JSON', raw(`${'['.repeat(20_000)}${']'.repeat(20_000)}`));
    add('deeply nested objects', raw(`${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`));
  }

  const queryParams = op.params.filter((p) => p.in === 'query');
  queryParams.forEach((p, i) => {
    const samples = p.name === 'limit' ? QUERY_SAMPLES : QUERY_SAMPLES.filter((_, k) => (k + i) % 3 === 0);
    for (const value of samples) add(`query ${p.name}=${value.slice(0, 10)}`, { url: urlOf(op, base.path, { ...base.query, [p.name]: value }) });
    add(`query ${p.name} twice`, { url: urlOf(op, base.path, { ...base.query, [p.name]: ['1', '2'] }) });
    if (p.name === 'cursor') for (const cursor of BOGUS_CURSORS) add(`cursor ${cursor.slice(0, 10)}`, { url: urlOf(op, base.path, { ...base.query, cursor }) });
  });
  add('unknown query parameter', { url: urlOf(op, base.path, { ...base.query, unknownParam: '1' }) });
  add('query with a bad escape', { url: `${urlOf(op, base.path, {})}?limit=%ZZ&q=%E0%A4%A` });

  for (const param of op.params.filter((p) => p.in === 'path')) {
    for (const bogus of BOGUS_PATH_VALUES)
      add(`path ${param.name}=${bogus.slice(0, 12)}`, { url: urlOf(op, { ...base.path, [param.name]: bogus }, base.query, false) });
  }
  for (const param of op.params.filter((p) => p.in === 'header')) {
    add(`empty header ${param.name}`, { headers: { ...headers, [param.name]: '' } });
    add(`huge header ${param.name}`, { headers: { ...headers, [param.name]: 'k'.repeat(300) } });
  }
  return out;
}

/** Requests whose only fault is who sends them. */
function authRequests(op: Operation, base: ValidParts, sessionCookie: string): Request[] {
  const url = urlOf(op, base.path, base.query);
  const payload = base.body === undefined ? undefined : base.contentType === 'application/json' ? JSON.stringify(base.body) : String(base.body);
  const withBody: Record<string, string> = payload !== undefined && base.contentType ? { 'content-type': base.contentType } : {};
  const out: Request[] = AUTH_VARIANTS.map(([label, headers]) => ({
    method: op.method,
    url,
    payload,
    headers: { ...headers, ...base.headers, ...withBody },
    label,
    wellFormed: true,
  }));
  out.push({ method: op.method, url, payload, headers: { ...base.headers, ...withBody }, label: 'anonymous', wellFormed: true });
  if (op.method !== 'GET') {
    out.push({
      method: op.method,
      url,
      payload,
      headers: { cookie: sessionCookie, ...base.headers, ...withBody },
      label: 'session without CSRF token',
      wellFormed: true,
    });
    out.push({
      method: op.method,
      url,
      payload,
      headers: { cookie: sessionCookie, 'x-csrf-token': 'wrong', ...base.headers, ...withBody },
      label: 'session with a wrong CSRF token',
      wellFormed: true,
    });
  }
  return out;
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return Math.abs(h);
}

function related(world: World, a: string, b: string | null | undefined) {
  if (!b) return;
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    if (!world.related.has(x)) world.related.set(x, new Set());
    world.related.get(x)!.add(y);
  }
}

/** Learns ids, e-mails and cursors from a reply, so later requests can use them. */
function harvest(world: World, value: unknown, depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) harvest(world, item, depth + 1);
    return;
  }
  const v = value as Record<string, unknown>;
  if (typeof v.nextCursor === 'string' && world.cursors.length < 200 && !world.cursors.includes(v.nextCursor)) world.cursors.push(v.nextCursor);
  // What a batch answer or withdrawal did, which its reply names by id only.
  const mark = (ids: unknown, status: string) => {
    if (!Array.isArray(ids)) return;
    for (const inv of world.invitations) if (ids.includes(inv.id)) inv.status = status;
  };
  if (Array.isArray(v.skipped)) {
    mark(v.done, 'answered');
    mark(v.withdrawnIds, 'withdrawn');
  }
  const sender = v.sender as { id?: string } | undefined;
  if (typeof v.id === 'string' && typeof v.channel === 'string' && typeof v.status === 'string' && sender?.id) {
    const known = world.invitations.find((i) => i.id === v.id);
    if (known) known.status = v.status;
    else {
      const recipientId = (v.recipient as { memberId?: string } | undefined)?.memberId ?? null;
      world.invitations.push({ id: v.id, senderId: sender.id, recipientId, status: v.status });
      related(world, sender.id, recipientId);
    }
  }
  if (typeof v.id === 'string' && typeof v.email === 'string' && typeof v.role === 'string' && !world.memberIds.includes(v.id)) {
    world.memberIds.push(v.id);
    world.emails.push(v.email);
  }
  if (typeof v.id === 'string' && Array.isArray(v.participants) && typeof v.unreadCount === 'number') {
    for (const p of v.participants as { id: string }[]) {
      const list = world.conversations.get(p.id) ?? [];
      if (!list.includes(v.id)) world.conversations.set(p.id, [...list, v.id]);
    }
  }
  if (typeof v.id === 'string' && typeof v.contentType === 'string' && typeof v.size === 'number' && !world.attachments.includes(v.id)) {
    if (world.attachments.length < 200) world.attachments.push(v.id);
  }
  if (typeof v.key === 'string' && typeof v.rolloutPercent === 'number' && !world.flagKeys.includes(v.key)) world.flagKeys.push(v.key);
  const isToken = typeof v.token === 'string' || ('lastUsedAt' in v && 'createdAt' in v);
  if (isToken && typeof v.id === 'string' && !world.tokenIds.includes(v.id) && world.tokenIds.length < 200) world.tokenIds.push(v.id);
  if (typeof v.kind === 'string' && v.kind === 'withdraw_all_pending' && typeof v.id === 'string' && !world.requestIds.includes(v.id))
    world.requestIds.push(v.id);
  for (const item of Object.values(v)) harvest(world, item, depth + 1);
}

/** Members of every role, invitations in every state, a session, support requests and delivered links. */
async function buildWorld(h: Harness) {
  const named = (name: string, role: 'member' | 'support' | 'admin' = 'member') => makeMember(h, { name, role, headline: `${name} at Fuzz & Co` });
  const [alice, bob, carol, dave, erin, frank, gina, hank] = await Promise.all(
    ['Alice Fuzz', 'Bob Fuzz', 'Carol Fuzz', 'Dave Fuzz', 'Erin Fuzz', 'Frank Fuzz', 'Gina Fuzz', 'Hank Fuzz'].map((n) => named(n)),
  );
  const sam = await named('Sam Support', 'support');
  const ada = await named('Ada Admin', 'admin');
  const spares = await Promise.all(['Ivan Spare', 'Jill Spare'].map((n) => named(n)));
  const members = [alice!, bob!, carol!, dave!, erin!, frank!, gina!, hank!, sam, ada];
  await setFeature(h, 'bulk-withdraw', { rolloutPercent: 0, allow: [alice!.id, sam.id] });
  await setFeature(h, 'inbox-withdraw', { rolloutPercent: 0, allow: [alice!.id, bob!.id] });

  const send = async (from: TestMember, body: Record<string, unknown>) => {
    const reply = await as(h, from).post('/api/v1/invitations', body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body.id as string;
  };
  // These will have expired by the time the fuzzing starts.
  await send(alice!, { memberId: frank!.id, message: 'old' });
  await send(bob!, { email: 'expired.fuzz@example.test' });
  h.clock.advance(181 * DAY);

  await send(alice!, { memberId: bob!.id, message: 'Hi Bob' });
  const toCarol = await send(alice!, { memberId: carol!.id });
  const toDave = await send(alice!, { memberId: dave!.id });
  const toErin = await send(alice!, { memberId: erin!.id });
  await send(alice!, { email: 'outside1.fuzz@example.test', message: 'By mail' });
  await send(alice!, { phone: '+15550100001' });
  await send(bob!, { memberId: carol!.id });
  await send(carol!, { email: 'outside2.fuzz@example.test' });
  await send(dave!, { memberId: frank!.id });
  await send(erin!, { email: bob!.email });
  await send(sam, { memberId: alice!.id });
  // Every caller has invitations waiting for an answer.
  // Links a caller can accept: e-mail invitations to people not yet members, from senders who do not
  // take part in the fuzzing (so none of its withdrawals takes them all).
  for (const [n, from] of [frank!, gina!, hank!].entries()) await send(from, { email: `link${n}.fuzz@example.test` });
  const waiting = new Map<string, string>();
  for (const from of [frank!, gina!, hank!]) {
    for (const to of [alice!, bob!, carol!, sam, ada])
      waiting.set(`${from.id}>${to.id}`, await send(from, { memberId: to.id, message: `From ${from.member.name}` }));
  }
  expect((await as(h, carol!).post(`/api/v1/invitations/${toCarol}/accept`)).status).toBe(200);
  // Connections for the callers to remove (each still has invitations from the other two waiting).
  expect((await as(h, alice!).post(`/api/v1/invitations/${waiting.get(`${gina!.id}>${alice!.id}`)}/accept`)).status).toBe(200);
  expect((await as(h, bob!).post(`/api/v1/invitations/${waiting.get(`${frank!.id}>${bob!.id}`)}/accept`)).status).toBe(200);
  expect((await as(h, sam).post(`/api/v1/invitations/${waiting.get(`${hank!.id}>${sam.id}`)}/accept`)).status).toBe(200);
  expect((await as(h, dave!).post(`/api/v1/invitations/${toDave}/ignore`, { reason: 'dont_know' })).status).toBe(200);
  expect((await as(h, alice!).post(`/api/v1/invitations/${toErin}/withdraw`)).status).toBe(200);
  for (const m of [alice!, bob!])
    expect((await as(h, m).post('/api/v1/support/requests', { kind: 'withdraw_all_pending', message: 'Please' })).status).toBe(201);

  // Addresses waiting for verification: one each to verify, one each to remove.
  const added = new Map<string, string>();
  for (const m of [alice!, bob!, carol!]) {
    for (const use of ['verify', 'remove']) {
      const email = `${use}.${m.id.slice(0, 8).toLowerCase()}.fuzz@example.test`;
      expect((await as(h, m).post('/api/v1/me/emails', { email })).status).toBe(201);
      added.set(email, m.id);
    }
  }

  while ((await runWorkerOnce(h.database.db, h.services.deps)) > 0);
  const login = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: alice!.email, password: TEST_PASSWORD } });
  expect(login.statusCode).toBe(200);
  const session = String(login.headers['set-cookie']).split(';')[0]!;
  const csrf = (JSON.parse(login.body) as { csrfToken: string }).csrfToken;

  const world: World = {
    memberIds: members.map((m) => m.id),
    emails: [...members.map((m) => m.email), 'outside1.fuzz@example.test', 'OUTSIDE2.fuzz@Example.test'],
    names: members.map((m) => m.member.name),
    invitations: [],
    requestIds: [],
    linkTokens: [],
    optOutTokens: [],
    messageEmailTokens: [],
    flagKeys: ['bulk-withdraw', 'inbox-withdraw', 'new-messaging'],
    tokenIds: [],
    expendableIds: spares.map((m) => m.id),
    cursors: [],
    related: new Map(),
    ownEmails: new Map(),
    verifyTokens: new Map(),
    connections: new Map(),
    conversations: new Map(),
    attachments: [],
  };
  for (const m of members) {
    for (const status of ['all', 'pending']) harvest(world, (await as(h, m).get(`/api/v1/invitations/sent?status=${status}&limit=100`)).body);
    harvest(world, (await as(h, m).get('/api/v1/invitations/received?limit=1')).body);
  }
  harvest(world, (await as(h, sam).get('/api/v1/support/requests')).body);
  // Conversations between connections, direct and in a group, each with a report for support.
  for (const m of members) {
    const connections = (await as(h, m).get('/api/v1/connections?limit=100')).body.items as { member: { id: string } }[];
    world.connections.set(
      m.id,
      connections.map((c) => c.member.id),
    );
  }
  for (const [m, others] of [
    [alice!, [carol!]],
    [alice!, [gina!]],
    [alice!, [carol!, gina!]],
    [bob!, [frank!]],
    [sam, [hank!]],
  ] as const) {
    // Each with a file, so downloads have something to find.
    const upload = await h.app.inject({
      method: 'POST',
      url: '/api/v1/attachments?name=hello.gif',
      headers: { authorization: `Bearer ${m.token}`, 'content-type': 'image/gif' },
      payload: Buffer.from(`GIF89a from ${m.member.name}`),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const attachmentIds = [(JSON.parse(upload.body) as { id: string }).id];
    const started = await as(h, m).post('/api/v1/conversations', { memberIds: others.map((o) => o.id), text: `Hello from ${m.member.name}`, attachmentIds });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    harvest(world, started.body);
    expect((await as(h, others[0]!).post(`/api/v1/conversations/${started.body.conversation.id}/report`, { reason: 'other' })).status).toBe(201);
  }
  // The sender of an e-mail invitation is not told which member it reached (as a stranger's address
  // would read); the world learns it from the database, so answers can reach it too.
  const reached = await h.database.db.selectFrom('invitations').select(['id', 'recipient_member_id']).where('recipient_member_id', 'is not', null).execute();
  for (const inv of world.invitations) {
    if (inv.recipientId !== null) continue;
    inv.recipientId = reached.find((r) => r.id === inv.id)?.recipient_member_id ?? null;
    related(world, inv.senderId, inv.recipientId);
  }
  // The conversations' notification e-mails go out once their delay has passed.
  h.clock.advance(h.config.messageEmailDelayMs);
  while ((await runWorkerOnce(h.database.db, h.services.deps)) > 0);
  const mailbox = await as(h, ada).get('/api/v1/dev/mailbox?limit=100');
  for (const item of mailbox.body.items as { to: string; links: string[] }[]) {
    for (const link of item.links) {
      const path = new URL(link).pathname;
      const token = path.split('/').pop()!;
      const owner = added.get(item.to);
      if (path.startsWith('/i/')) world.linkTokens.push(token);
      else if (path.includes('/opt-out/')) world.optOutTokens.push(token);
      else if (path.includes('/message-emails/unsubscribe/')) world.messageEmailTokens.push(token);
      else if (owner && path.startsWith('/verify-email/')) world.verifyTokens.set(owner, [...(world.verifyTokens.get(owner) ?? []), token]);
    }
  }
  for (const [email, owner] of added) if (email.startsWith('remove.')) world.ownEmails.set(owner, [...(world.ownEmails.get(owner) ?? []), email]);
  expect(world.verifyTokens.size).toBe(3);
  expect(world.linkTokens.length).toBeGreaterThan(3);
  expect(world.optOutTokens.length).toBeGreaterThan(0);
  expect(world.messageEmailTokens.length).toBeGreaterThan(0);
  expect(world.requestIds.length).toBeGreaterThan(0);

  const bearer = (m: TestMember, name: string): Caller => {
    let token = m.token;
    return {
      name,
      memberId: m.id,
      headers: () => ({ authorization: `Bearer ${token}` }),
      renew: async () => {
        if (!(await resolveToken(h.database.db, token, 'bearer', h.clock.now()))) token = await issueToken(h.database.db, m.id, 'bearer', h.clock.now());
      },
    };
  };
  const callers: Caller[] = [
    bearer(alice!, 'member alice'),
    bearer(bob!, 'member bob'),
    bearer(carol!, 'member carol'),
    bearer(sam, 'support'),
    bearer(ada, 'admin'),
    { name: 'anonymous', headers: () => ({}) },
    { name: 'alice by session', memberId: alice!.id, headers: (method) => ({ cookie: session, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) }) },
  ];
  return { world, callers, session };
}

interface Outcome {
  requests: number;
  failures: string[];
  failureKinds: Set<string>;
  undocumented: Set<string>;
  statuses: Map<string, Set<number>>;
}

describe.each(DIALECTS)('OpenAPI fuzz (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(dialect);
  });
  afterAll(async () => h?.close());

  it(`sends at least ${MIN_REQUESTS} requests derived from the document: no 5xx, well-formed errors, documented replies`, async () => {
    const published = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(published.statusCode).toBe(200);
    const doc = JSON.parse(published.body) as Document;
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(20);
    const { world, callers, session } = await buildWorld(h);

    const outcome: Outcome = { requests: 0, failures: [], failureKinds: new Set(), undocumented: new Set(), statuses: new Map() };
    const routeOf = (method: string, url: string) => ops.find((o) => o.method === method && o.pattern.test(url.split('?')[0]!));

    const send = async (req: Request) => {
      outcome.requests += 1;
      const n = outcome.requests;
      const res = await h.app.inject({
        method: req.method as 'GET',
        url: req.url,
        headers: req.headers,
        // Each request from its own address, so the per-address log-in limits do not end the run early.
        remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        ...(req.payload !== undefined ? { payload: req.payload } : {}),
      });
      const where = `${req.method} ${req.url.slice(0, 160)} [${req.label}] → ${res.statusCode} ${res.body.slice(0, 300)}`;
      const fail = (problem: string) => {
        // One example of each kind of failure per operation and status is enough to act on.
        const kind = `${problem} ${routeOf(req.method, req.url)?.key ?? req.method} ${res.statusCode}`;
        if (!outcome.failureKinds.has(kind)) outcome.failures.push(`${problem}: ${where}`);
        outcome.failureKinds.add(kind);
      };
      let body: unknown = res.body;
      const isJson = String(res.headers['content-type'] ?? '').includes('application/json');
      if (isJson && res.body !== '') {
        try {
          body = JSON.parse(res.body);
        } catch {
          return fail('reply is not JSON');
        }
      }
      if (res.statusCode >= 500) return fail('server error');
      if (req.mustGet && (res.statusCode !== req.mustGet.status || (body as { error?: { code?: unknown } } | null)?.error?.code !== req.mustGet.code)) {
        return fail(`expected ${req.mustGet.status} ${req.mustGet.code}`);
      }
      const route = routeOf(req.method, req.url);
      if (route) {
        if (!outcome.statuses.has(route.key)) outcome.statuses.set(route.key, new Set());
        outcome.statuses.get(route.key)!.add(res.statusCode);
      }
      if (res.statusCode >= 400) {
        const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
        if (!isJson || typeof error?.code !== 'string' || !SNAKE_CASE.test(error.code) || typeof error.message !== 'string' || error.message === '') {
          return fail('error reply without {error: {code, message}}');
        }
      }
      if (route && route.statuses.has(String(res.statusCode))) {
        const problems = h.openapi.check(req.method, req.url, res.statusCode, body);
        if (problems.length > 0) fail(`does not match the document (${problems.join('; ')})`);
      } else {
        outcome.undocumented.add(`${route?.key ?? `${req.method} (no route)`} ${res.statusCode}`);
        if (route && req.wellFormed) fail('well-formed request got a status the document does not list');
      }
      if (res.statusCode < 300) harvest(world, body);
      if (res.statusCode < 300 && /\/auth\/(logout|tokens\/)/.test(req.url)) for (const caller of callers) await caller.renew?.();
    };

    const validRound = async (round: number, order: Operation[]) => {
      for (const op of order) {
        for (const [c, caller] of callers.entries()) {
          const samples = fc.sample(validPartsArbitrary(doc, op, world, caller), { seed: SEED + hash(op.key) + round * 1_000 + c, numRuns: 3 });
          for (const parts of samples) await send(validRequest(op, parts, caller));
        }
      }
    };

    await validRound(1, ops);
    for (const op of ops) {
      const caller = callers[hash(op.key) % 5]!;
      const [base] = fc.sample(validPartsArbitrary(doc, op, world, caller), { seed: SEED + hash(op.key), numRuns: 1 });
      for (const req of brokenRequests(doc, op, base!, caller)) await send(req);
      for (const req of authRequests(op, base!, session)) await send(req);
    }
    // Bodies past the size limit, and methods the document does not list, once each.
    const anyPost = ops.find((o) => o.method === 'POST' && o.body)!;
    await send({
      method: 'POST',
      url: anyPost.path,
      headers: { ...callers[0]!.headers('POST'), 'content-type': 'application/json' },
      payload: `{"a":"${'x'.repeat(7 * 1024 * 1024)}"}`,
      label: 'oversized body',
      wellFormed: false,
    });
    for (const op of ops.filter((o) => !o.path.includes('{'))) {
      const other = ['PUT', 'DELETE', 'PATCH'].find((m) => !ops.some((o) => o.path === op.path && o.method === m))!;
      await send({ method: other, url: op.path, headers: callers[0]!.headers(other), label: 'undocumented method', wellFormed: false });
    }
    // Later rounds see the invitations, members and cursors the first ones made.
    h.clock.advance(3 * DAY);
    while ((await runWorkerOnce(h.database.db, h.services.deps)) > 0);
    // And a fresh invitation waiting for each caller, so that answering finds one whatever the first
    // round's answers and withdrawals took.
    const late = await makeMember(h, { name: 'Late Fuzz' });
    // The first round's settings may have closed a caller to invitations: each opens again first.
    await h.database.db.updateTable('members').set({ invitations_from: 'anyone' }).execute();
    for (const memberId of new Set(callers.flatMap((c) => (c.memberId ? [c.memberId] : [])))) {
      harvest(world, (await as(h, late).post('/api/v1/invitations', { memberId })).body);
    }
    // Backwards this time, so ignoring comes before accepting takes every pending invitation.
    await validRound(2, [...ops].reverse());

    const neverSucceeded = ops
      .filter((o) => ![...(outcome.statuses.get(o.key) ?? [])].some((s) => s < 300))
      .map((o) => `${o.key} (got ${[...(outcome.statuses.get(o.key) ?? [])].sort().join(', ')})`);
    console.log(
      `[fuzz ${dialect}] ${outcome.requests} requests over ${ops.length} operations; undocumented statuses seen (from malformed requests): ${[...outcome.undocumented].sort().join(', ') || 'none'}`,
    );
    expect(outcome.failures.slice(0, 30)).toEqual([]);
    expect(outcome.requests).toBeGreaterThanOrEqual(MIN_REQUESTS);
    // The valid requests went deep enough that every operation succeeded at least once.
    expect(neverSucceeded).toEqual([]);
  }, 600_000);
});
