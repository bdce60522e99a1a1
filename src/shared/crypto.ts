/** Identifiers and secrets: random ids, 256-bit tokens stored only as their SHA-256 hash. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new opaque identifier: 16 random bytes, URL-safe. */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}

/** A new secret of 256 random bits, for session cookies, bearer tokens and link tokens. */
export function newToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
