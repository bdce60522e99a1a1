/**
 * The REST API under /api/v1, as the browser uses it: session cookie plus the CSRF header. Paths,
 * parameters, bodies and replies are typed by the server's OpenAPI document (api-types.ts).
 */
import type { paths } from './api-types';

/** A refusal or failure, with the API's stable code (or `network` when the server was not reached). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const BASE = '/api/v1';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken: string | null = null;
/** Whether a member is signed in (the session query says so): only then is there a CSRF token to fetch. */
let signedIn = false;
const unauthenticatedListeners = new Set<() => void>();

/** Remembers the CSRF token given by log-in or sign-up (null after log-out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  if (token) signedIn = true;
}

/** Tells the client whether a member is signed in, so a logged-out page asks for no CSRF token. */
export function setSignedIn(value: boolean): void {
  signedIn = value;
  if (!value) csrfToken = null;
}

/** Called whenever the server says the session is gone. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

interface RequestOptions {
  /** A JSON body. */
  body?: unknown;
  /** A raw body (a contacts file) with its content type. */
  raw?: { data: Blob | string; contentType: string };
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Do not tell the session about a 401 (the session check itself, the link page). */
  quiet401?: boolean;
}

/** Builds `?a=1&b=2` from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.raw) {
    headers['content-type'] = options.raw.contentType;
    body = options.raw.data;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(`${BASE}${path}`, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const payload = (await res.json()) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } };
    if (payload.error?.code) return new ApiError(res.status, payload.error.code, payload.error.message ?? '', payload.error.details ?? {});
  } catch {
    // not JSON: a proxy's error page
  }
  return new ApiError(res.status, res.status >= 500 ? 'internal_error' : 'unexpected', `The server answered ${res.status}.`);
}

async function refreshCsrf(): Promise<void> {
  const res = await send('GET', '/auth/csrf', {});
  if (res.ok) csrfToken = ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** Sends a request; resolves with the parsed JSON (undefined for 204) or rejects with an ApiError. */
async function request(method: string, path: string, options: RequestOptions): Promise<unknown> {
  const needsCsrf = UNSAFE.has(method) && !path.startsWith('/auth/login') && !path.startsWith('/auth/signup');
  if (needsCsrf && !csrfToken && signedIn) await refreshCsrf().catch(() => undefined);
  let res = await send(method, path, options);
  if (!res.ok && res.status === 403 && needsCsrf) {
    const error = await errorOf(res);
    if (error.code !== 'csrf_failed') throw error;
    // The token belongs to an older session (another tab logged in again): fetch it and retry once.
    await refreshCsrf().catch(() => undefined);
    res = await send(method, path, options);
  }
  if (!res.ok) {
    const error = await errorOf(res);
    if (error.code === 'unauthenticated' && !options.quiet401) for (const listener of unauthenticatedListeners) listener();
    throw error;
  }
  if (res.status === 204) return undefined;
  try {
    return await res.json();
  } catch {
    throw new ApiError(res.status, 'unexpected', 'The server answered something other than JSON.');
  }
}

/**
 * Uploads a file as the raw body of `POST path` (an attachment), telling `onProgress` the share
 * sent so far (0 to 1): fetch cannot, so this one request goes through XMLHttpRequest.
 */
export async function upload(path: string, file: Blob, contentType: string, onProgress: (sent: number) => void, signal?: AbortSignal): Promise<unknown> {
  if (!csrfToken) await refreshCsrf().catch(() => undefined);
  const attempt = () =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${BASE}${path}`);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.setRequestHeader('content-type', contentType);
      if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
      xhr.onerror = () => reject(new ApiError(0, 'network', 'The server could not be reached.'));
      xhr.onabort = () => reject(new DOMException('The upload was stopped.', 'AbortError'));
      signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(file);
    });
  const parse = ({ status, text }: { status: number; text: string }): Response =>
    new Response(status === 204 ? null : text, { status, headers: { 'content-type': 'application/json' } });
  let res = parse(await attempt());
  if (res.status === 403) {
    const error = await errorOf(res.clone());
    if (error.code !== 'csrf_failed') throw error;
    await refreshCsrf().catch(() => undefined);
    res = parse(await attempt());
  }
  if (!res.ok) {
    const error = await errorOf(res);
    if (error.code === 'unauthenticated') for (const listener of unauthenticatedListeners) listener();
    throw error;
  }
  onProgress(1);
  return res.json();
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Below<K> = K extends `/api/v1${infer P}` ? P : never;

/** A path of the API below /api/v1, as the OpenAPI document names it: `/invitations/{id}`. */
export type ApiPath = Below<keyof paths>;
type PathItem<P extends ApiPath> = paths[Extract<keyof paths, `/api/v1${P}`>];

/** The methods the API answers on `P`. */
export type MethodOf<P extends ApiPath> = { [M in Method]: PathItem<P>[M] extends undefined ? never : M }[Method];
type Operation<P extends ApiPath, M extends MethodOf<P>> = NonNullable<PathItem<P>[M]>;

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : undefined;
type Success<R> = { [S in keyof R]: S extends 200 | 201 | 204 ? JsonOf<R[S]> : never }[keyof R];

/** What a successful reply of `M P` carries (undefined for 204). */
export type Reply<P extends ApiPath, M extends MethodOf<P>> = Success<Operation<P, M>['responses']>;
/** The JSON body `M P` takes. */
export type Body<P extends ApiPath, M extends MethodOf<P>> = JsonOf<Operation<P, M>['requestBody']>;
/** The query string `M P` reads. */
export type Query<P extends ApiPath, M extends MethodOf<P>> = NonNullable<Operation<P, M>['parameters']['query']>;
type PathParams<O> = O extends { parameters: { path: infer X } } ? X : undefined;

export type CallOptions<P extends ApiPath, M extends MethodOf<P>> = Omit<RequestOptions, 'body'> & {
  query?: Query<P, M>;
} & (PathParams<Operation<P, M>> extends undefined ? { params?: undefined } : { params: PathParams<Operation<P, M>> }) &
  (Body<P, M> extends undefined ? { body?: undefined } : { body: Body<P, M> });

/** Whether `M P` has path parameters or a body: then the options are required. */
type NeedsOptions<P extends ApiPath, M extends MethodOf<P>> =
  PathParams<Operation<P, M>> extends undefined ? (Body<P, M> extends undefined ? false : true) : true;
type OptionsArg<P extends ApiPath, M extends MethodOf<P>> = NeedsOptions<P, M> extends true ? [options: CallOptions<P, M>] : [options?: CallOptions<P, M>];

/**
 * Calls `M P` with its path parameters filled in: `api('post', '/invitations/{id}/withdraw', {
 * params: { id }, body: {} })`. Resolves with the reply, or rejects with an ApiError.
 */
export function api<P extends ApiPath, M extends MethodOf<P>>(method: M, path: P, ...[options]: OptionsArg<P, M>): Promise<Reply<P, M>> {
  const {
    params,
    query: search,
    ...rest
  } = (options ?? {}) as RequestOptions & { params?: Record<string, string>; query?: Record<string, string | number | boolean | undefined> };
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params?.[name] ?? ''));
  return request(method.toUpperCase(), `${filled}${query(search ?? {})}`, rest) as Promise<Reply<P, M>>;
}
